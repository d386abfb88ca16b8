"""Standard tables a family prints transposed, built from the table that holds them.

Some families print the 三公 table as a list of rows (“三公”经费 / 其中：（一）因公出国（境）支出
… × 合计 | 一般公共预算 | …, or 合计 / 1、因公出国（境）费用 … → 预算数) where the standard table
is one row whose columns are those items; others print one row per year (2025年, 2026年), or
one per measure (预算数, 决算数 of a 决算) where the standard row holds both side by side. The
family's template declares the standard table as `derived` (see `templates.Derived`): which
table's rows, which of their columns, and which printed label is which column. The derived
table is a reading of the same printed figures, so each cell keeps the place of the row it came
from.
"""

from __future__ import annotations

import re
from dataclasses import replace

from yusuan.model import Cell, Placement, Row, RowKind, Side, Span, Table
from yusuan.read.tokens import split_enumeration
from yusuan.templates import TableTemplate

_AMONG = re.compile(r"^(?:其中|含)[:：]\s*")
_SPACE = re.compile(r"\s+")


def item_label(text: str) -> str:
    """A row label without `其中：`, its enumeration (（一） 1、 (1)) or spaces."""
    text = _SPACE.sub("", text)
    while True:
        stripped = _AMONG.sub("", text)
        stripped = split_enumeration(stripped)[1] or stripped
        if stripped == text:
            return text
        text = stripped


def derive(template: TableTemplate, source: Table, year: int | None = None) -> Table | None:
    """The table `template` builds from `source`'s rows; None when none of its items is
    printed there (or, picking the row of `year`, when no row is labelled with it)."""
    spec = template.derived
    if spec is None:
        return None
    if spec.row == "measure":
        return _folded(template, source)
    if spec.row is not None:
        return _picked(template, source, year)
    wanted = {item_label(label): column for label, column in spec.rows}
    cells: dict[str, Cell] = {}
    lines: list[int] = []
    for row in source.rows:
        column = wanted.get(item_label(row.name))
        value = row.get(spec.value)
        if column is None or column in cells or value is None:
            continue
        cells[column] = Cell(column, value)
        lines.append(row.span.line)
    if not cells:
        return None
    first, last = min(lines), max(lines)
    row = Row(
        name=source.title,
        span=Span(source.span.path, first, last),
        kind=RowKind.LABEL,
        cells=tuple(cells[c] for c in template.columns if c in cells),
        placement=Placement.EXACT,
    )
    return _one_row(template, source, row, "its rows are this table's columns")


def _picked(template: TableTemplate, source: Table, year: int | None) -> Table | None:
    """One row of `source` (the one labelled with the year) as this table's row."""
    spec = template.derived
    if spec is None or year is None:
        return None
    label = f"{year}年"
    found = next((r for r in source.rows if item_label(r.name).endswith(label)), None)
    if found is None:
        return None
    mapping = dict(spec.columns)
    cells = tuple(Cell(mapping[c.column], c.value) for c in found.cells if c.column in mapping)
    order = {c: i for i, c in enumerate(template.columns)}
    row = replace(
        found,
        name=label,
        side=Side.NONE,
        cells=tuple(sorted(cells, key=lambda c: order[c.column])),
    )
    return _one_row(template, source, row, f"its {label} row")


def _folded(template: TableTemplate, source: Table) -> Table | None:
    """The rows of `source` labelled with a measure (预算数, 决算数) as one row: each mapped
    column of each such row goes to `<column>/<measure>`."""
    spec = template.derived
    if spec is None:
        return None
    found: dict[str, Row] = {}
    notes: list[str] = []
    for row in source.rows:
        label = item_label(row.name)
        if label in spec.measures:
            if label in found:
                notes.append(
                    f"{label} is printed twice: the first row is read, line {row.span.line} not"
                )
                continue
            found[label] = row
    if not found:
        return None
    missing = [m for m in spec.measures if m not in found]
    if missing:
        notes.append(f"no {'/'.join(missing)} row: its columns stay empty")
    mapping = dict(spec.columns)
    cells = {
        f"{mapping[c.column]}/{measure}": c.value
        for measure, row in found.items()
        for c in row.cells
        if c.column in mapping
    }
    rows = list(found.values())
    span = rows[0].span
    for other in rows[1:]:
        span = span.to(other.span)
    order = list(Placement)
    row = Row(
        name=source.title,
        span=span,
        kind=RowKind.LABEL,
        cells=tuple(Cell(c, cells[c]) for c in template.columns if c in cells),
        # as certain as its least certain row
        placement=max((r.placement for r in rows), key=order.index),
        alternatives=max(r.alternatives for r in rows),
    )
    return _one_row(template, source, row, f"its {' and '.join(found)} rows", tuple(notes))


def _one_row(
    template: TableTemplate, source: Table, row: Row, why: str, notes: tuple[str, ...] = ()
) -> Table:
    """`source` as the table `template` is, with its one row `row` (and what the folding
    could not do, as its notes)."""
    return replace(
        source,
        key=template.key,
        columns=template.columns,
        rows=(row,),
        sides=(Side.NONE,),
        recognised_by=f"{source.key} ({source.title}) read as {template.key}: {why}",
        notes=notes,
    )
