"""A readable terminal rendering: each table as aligned columns, CJK counted double width."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from yusuan.model import UNDECIDED, Disclosure, Side, Table

MAX_NAME = 40


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _fit(text: str, limit: int) -> str:
    if width(text) <= limit:
        return text
    out = ""
    for ch in text:
        if width(out + ch) > limit - 1:
            return out + "…"
        out += ch
    return out


def _pad(text: str, size: int, right: bool = False) -> str:
    gap = " " * max(size - width(text), 0)
    return gap + text if right else text + gap


def _short(column: str) -> str:
    return column.rsplit("/", 1)[-1] if column.count("/") < 2 else "/".join(column.split("/")[-2:])


def render_one(table: Table) -> list[str]:
    head = f"{table.id or ''} {table.title}（单位：{table.unit.value}）".strip()
    lines = [head, f"  recognised by {table.recognised_by}"]
    for side in table.sides:
        rows = [r for r in table.rows if r.side is side]
        used = [c for c in table.columns if any(r.get(c) is not None for r in rows)]
        if not rows:
            continue
        if side is not Side.NONE:
            lines.append(f"  [{side.value}]")
        labels = [_fit(r.label, MAX_NAME) for r in rows]
        name_w = max([width(x) for x in labels] + [4])
        widths = [
            max(width(_short(c)), *(len(format(r.value(c), "f")) for r in rows)) for c in used
        ]
        lines.append(
            "  "
            + _pad("", name_w)
            + "  "
            + "  ".join(_pad(_short(c), w, right=True) for c, w in zip(used, widths, strict=True))
        )
        for row, label in zip(rows, labels, strict=True):
            cells = [
                _pad("" if row.get(c) is None else format(row.value(c), "f"), w, right=True)
                for c, w in zip(used, widths, strict=True)
            ]
            mark = " ?" if row.placement in UNDECIDED and row.alternatives > 1 else ""
            lines.append("  " + _pad(label, name_w) + "  " + "  ".join(cells) + mark)
    for note in table.notes:
        lines.append(f"  ! {note}")
    return lines


def render_table(docs: Sequence[Disclosure]) -> str:
    out: list[str] = []
    for doc in docs:
        meta = doc.meta
        out.append(
            f"# {meta.path}: {meta.department or '?'} {meta.year or '?'}年{meta.kind or ''}"
            f" — template {meta.template or '?'}, {len(doc.tables)} tables"
        )
        for table in doc.tables:
            out.append("")
            out.extend(render_one(table))
        undecided = sum(1 for d in doc.diagnostics if d.code == "parse.ambiguous")
        if undecided:
            out.append("")
            out.append(f"({undecided} rows marked ? could sit in other columns: see --format json)")
        out.append("")
    return "\n".join(out)
