"""Which rows of a table sum to which: 合计 over units, units over codes, 类 over 款 over 项,
panel totals over their items. The reader places values with it; the audit checks with it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, TypeVar

from yusuan.model import RowKind

Groups = list[tuple[int, list[int]]]


class Summable(Protocol):
    @property
    def kind(self) -> RowKind: ...
    @property
    def code(self) -> str | None: ...
    @property
    def number(self) -> str | None: ...
    @property
    def part_of(self) -> bool: ...
    @property
    def has_values(self) -> bool: ...
    @property
    def indent(self) -> int | None: ...
    @property
    def segment(self) -> int | None: ...


class Coded(Protocol):
    @property
    def code(self) -> str | None: ...


C = TypeVar("C", bound=Coded)


def leaves(rows: Sequence[C]) -> list[C]:
    """The rows no other row details: none has a longer code that starts with theirs. Rows
    of several units that share a code (each unit's 2010301) are all leaves."""
    codes = [r.code or "" for r in rows]
    return [
        r
        for r in rows
        if not any(c != (r.code or "") and c.startswith(r.code or "") for c in codes)
    ]


def enumeration_level(number: str | None) -> int:
    """一、 → 1; （一） → 2; 1、 or 1. → 3; （1） → 4; ① → 5; no number → 0."""
    if not number:
        return 0
    if number[0] in "（(":
        return 2 if not number[1].isdigit() else 4
    if number[0].isdigit():
        return 3
    if number[0] in "①②③④⑤⑥⑦⑧⑨⑩":
        return 5
    return 1


def _collect(rows: Sequence[Summable], parent: dict[int, int | None]) -> Groups:
    def resolve(p: int | None) -> int | None:
        # A printed parent without amounts constrains nothing: its children answer to its parent.
        while p is not None and not rows[p].has_values:
            p = parent.get(p)
        return p

    children: dict[int, list[int]] = {}
    for child, p in parent.items():
        q = resolve(p)
        if q is not None and rows[child].has_values:
            children.setdefault(q, []).append(child)
    return sorted(children.items())


def _details(code: str, above: str | None) -> bool:
    """Whether `code` is a part of the row coded `above` (201 → 20103), not the same code."""
    return bool(above) and len(code) > len(above or "") and code.startswith(above or "")


def tree_groups(rows: Sequence[Summable], members: Sequence[int]) -> Groups:
    """Parent → children by 合计, unit codes (101 → 101001), code prefixes (201 → 20103) and,
    for names printed without codes, indentation (科学技术支出 → 　技术研究与开发)."""
    total = next((i for i in members if rows[i].kind is RowKind.TOTAL), None)
    parent: dict[int, int | None] = {}
    units: list[int] = []
    codes: list[int] = []
    for i in members:
        row = rows[i]
        if i == total:
            continue
        code = row.code or ""
        if row.kind in (RowKind.CODE, RowKind.PROJECT) and row.indent is not None:
            depth = row.indent
            while codes and (rows[codes[-1]].indent or 0) >= depth:
                codes.pop()
            parent[i] = codes[-1] if codes else (units[-1] if units else total)
            codes.append(i)
        elif row.kind is RowKind.UNIT and not code:
            # a unit named without a code (the department's row above its units): a group of
            # its own under the total
            parent[i] = total
            units, codes = [i], []
        elif row.kind is RowKind.UNIT:
            while units and not code.startswith(rows[units[-1]].code or "\0"):
                units.pop()
            parent[i] = units[-1] if units else total
            units.append(i)
            codes = []
        elif row.kind in (RowKind.CODE, RowKind.PROJECT):
            # A code details the row above only when it is longer: a code printed again (30201
            # once per government economic code it is paired with, or a sibling mis-coded with
            # its neighbour's code) is that row's sibling, never its child.
            while codes and not (code and _details(code, rows[codes[-1]].code)):
                codes.pop()
            parent[i] = codes[-1] if codes else (units[-1] if units else total)
            if row.kind is RowKind.CODE and code:
                codes.append(i)
    return _collect(rows, parent)


def panel_groups(rows: Sequence[Summable], members: Sequence[int]) -> Groups:
    """Panel sums: a 一、 row sums its （一） rows; a 合计/总计/小计 row sums the rows before it.

    `其中` rows are parts of the row above them and never added. An unnumbered row indented
    under the one above is a part of it (一、财政拨款 / 　　一般公共预算; 科学技术支出 /
    技术研究与开发), and so are the unnumbered rows under a numbered total (一、本年支出合计 /
    科学技术支出 …). A side printed as several lists side by side (功能分类 | 支出用途) is summed
    list by list: each list's rows add up to the totals printed across all of them (当年支出小计)
    as well as to its own.
    """
    segments = sorted({s for i in members if (s := rows[i].segment) is not None})
    if not segments:
        return _collect(rows, _panel_parents(rows, members))
    groups: Groups = []
    for segment in segments:
        run = [i for i in members if rows[i].segment in (segment, None)]
        for group in _collect(rows, _panel_parents(rows, run)):
            if group not in groups:  # a shared total over shared rows: once
                groups.append(group)
    return sorted(groups)


def _panel_parents(rows: Sequence[Summable], members: Sequence[int]) -> dict[int, int | None]:
    """Each row of one printed list to the row it adds into."""
    parent: dict[int, int | None] = {}
    top: int | None = None
    pending: list[int] = []
    last_total: int | None = None
    numbered = False
    indented: list[int] = []  # the rows above, each indented deeper than the one before
    closed: set[int] = set()  # totals that summed the rows printed before them
    for i in members:
        row = rows[i]
        if row.part_of:
            continue
        # a numbered row is placed by its number, a total by its word
        depth = (row.indent or 0) if row.kind is not RowKind.TOTAL and not row.number else 0
        while indented and (rows[indented[-1]].indent or 0) >= depth:
            indented.pop()
        # An indented row under a total that already added up the rows above it (本年支出合计
        # then 　年末结转和结余) is no part of that total: it is a line of the list that follows.
        if depth and indented and indented[-1] not in closed:
            parent[i] = indented[-1]
            indented.append(i)
            continue
        indented = [i]
        level = enumeration_level(row.number)
        if row.kind is RowKind.TOTAL and level == 1:
            # 一、本年支出合计 followed by the classes it adds up
            pending.append(i)
            top = i
            numbered = True
            continue
        if (
            level == 0
            and top is not None
            and rows[top].kind is RowKind.TOTAL
            and row.kind is not RowKind.TOTAL
        ):
            # (a total after them, 支出总计, closes the list: it is no part of 一、)
            parent[i] = top
            continue
        if row.kind is RowKind.TOTAL:
            for j in pending:
                parent[j] = i
            if last_total is not None:
                parent[last_total] = i
            if pending or last_total is not None:
                closed.add(i)
            last_total, pending, top = i, [], None
            continue
        if level == 0 and numbered and last_total is None:
            # 一、一般公共服务支出 / 信访事务 / 行政运行: unnumbered 款 and 项 listed under a
            # numbered 类 detail it; they are not added into the side's total a second time.
            continue
        numbered = numbered or level > 0
        if level in (0, 1):
            pending.append(i)
            top = i if level == 1 else None
        elif level == 2 and top is not None:
            parent[i] = top
    return parent
