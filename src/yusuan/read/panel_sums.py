"""The sums a panel table's rows are read by when a text layer lost how they were printed: a
side printed as several lists whose rows' list was a guess (said when the lists do not add up),
and rows printed without indentation nested as their figures add up.
"""

from __future__ import annotations

from decimal import Decimal

from yusuan.model import RowKind, Side
from yusuan.read.rows import RawRow, half_quantum, lead
from yusuan.structure import enumeration_level

# The note that says a segmented side's lists were guessed and do not add up: the table's
# reading is unsure (audit/reliability.py reads it), not the document wrong.
LISTS_GUESSED = "rows with figures were placed in the side's lists by a guess"


def lists_unsure(rows: list[RawRow], guessed: list[RawRow], side: Side) -> str | None:
    """A note when a side printed as several lists (功能分类 | 支出用途) had a row with figures
    placed in one of them by a guess (its labels fit several lists as well) and the lists as
    placed do not each add up to the total printed across them (当年支出小计): a text layer
    that ran the lists' lines together leaves which list a figure belongs to unknown, and the
    figures say the guess was wrong somewhere. None when no guess carries figures or the sums
    hold."""
    if not any(row.values and row.side is side for row in guessed):
        return None
    total = next(
        (
            value
            for row in rows
            if row.side is side
            and row.kind is RowKind.TOTAL
            and row.segment is None
            and (value := lead(row)) is not None
        ),
        None,
    )
    if total is None:
        return None
    lists = sorted({r.segment for r in rows if r.side is side and r.segment is not None})
    for segment in lists:
        members = [r for r in rows if r.side is side and r.segment == segment]
        # the list's outermost rows: its shallowest numbering (一、), or all when unnumbered
        level = min((enumeration_level(r.number) for r in members if r.number), default=0)
        top = [r for r in members if enumeration_level(r.number) == level and not r.part_of]
        values = [v for r in top if (v := lead(r)) is not None]
        if abs(sum(values, Decimal(0)) - total) > half_quantum([*values, total]) * (
            len(values) + 1
        ):
            return (
                f"{side}方 {LISTS_GUESSED} (their labels fit several lists as well) and the "
                "lists as placed do not each add up to the total printed across them"
            )
    return None


# How deep rows printed without indentation may nest: 类, 款, 项.
_MAX_DEPTH = 2
_NESTINGS_CAP = 2
# How many partial nestings the search may try: a run of rows the figures nest in one way is
# settled in hundreds; text garbled or interleaved can make the search exponential (minutes).
_NESTING_STEPS = 20_000


def nest_by_figures(rows: list[RawRow], width: int, side: Side) -> list[str]:
    """Indent a panel side's rows when the text printed no indentation (a text layer drops
    it) and the figures say how they nest: a run of rows closed by a total, each unnumbered
    row under the one above it or beside it, such that every row with rows under it is their
    sum and the total is the sum of the outermost rows (一般公共服务支出 5356.01 / 财政事务
    5356.01 / 行政运行 3685.65 …); a row without figures stands beside the row above it. Only
    a nesting that is the one way every sum holds is taken;
    when several are, the rows stay unnested and a note says so. A run where a row prints
    fewer figures than the side has columns (its blanks gone) is left alone."""
    notes: list[str] = []
    run: list[RawRow] = []
    for row in rows:
        if row.kind is not RowKind.TOTAL:
            if not row.part_of:
                run.append(row)
            continue
        total = lead(row) if len(row.values) == width else None
        members, run = run, []
        if (
            total is None
            or len(members) < 2
            or any(enumeration_level(r.number) > 1 for r in members)
            or any(r.values and len(r.values) != width for r in members)
            or not any(r.number is None for r in members)
        ):
            continue
        found = _nestings(members, total)
        if found is None:
            notes.append(
                f"{side}方 rows before {row.joined_name()} are printed without indentation and "
                "too many nestings of them had to be tried: they are left unnested"
            )
        elif len(found) == 1 and any(found[0]):
            for member, depth in zip(members, found[0], strict=True):
                if member.number is None and depth:
                    member.indent = depth
        elif len(found) > 1:
            notes.append(
                f"{side}方 rows before {row.joined_name()} are printed without indentation and "
                "several nestings of them make every sum hold: they are left unnested"
            )
    return notes


def _nestings(rows: list[RawRow], total: Decimal) -> list[tuple[int, ...]] | None:
    """The depths of `rows` (numbered rows at the outermost) under which every row with rows
    under it is their sum and `total` is the sum of the outermost rows; at most two. None when
    the search took more than `_NESTING_STEPS` steps without settling it."""
    values = [lead(r) or Decimal(0) for r in rows]
    half = half_quantum([*values, total])
    found: list[tuple[int, ...]] = []
    depths: list[int] = []
    steps = [0]

    def close(stack: list[list[Decimal]], keep: int) -> bool:
        """Close the open rows deeper than `keep`; whether each adds up."""
        while len(stack) > keep:
            value, summed, count = stack.pop()
            if count and abs(value - summed) > half * (count + 1):
                return False
        return True

    def visit(i: int, stack: list[list[Decimal]], top: Decimal) -> None:
        steps[0] += 1
        if len(found) >= _NESTINGS_CAP or steps[0] > _NESTING_STEPS:
            return
        if i == len(rows):
            if close([list(e) for e in stack], 0) and abs(top - total) <= half * (len(rows) + 1):
                found.append(tuple(depths))
            return
        highest = 0 if rows[i].number is not None or not stack else len(stack)
        options = range(0, min(highest, _MAX_DEPTH) + 1)
        if not values[i] and depths and highest:
            options = range(depths[-1], depths[-1] + 1)  # a blank row adds nothing: beside
        for depth in options:
            opened = [list(e) for e in stack]
            if not close(opened, depth):
                continue
            if depth:
                parent = opened[depth - 1]
                parent[1] += values[i]
                parent[2] += 1
                if values[i] > 0 and parent[1] - parent[0] > half * (parent[2] + 1):
                    continue  # the rows under it already pass it
            opened.append([values[i], Decimal(0), Decimal(0)])
            depths.append(depth)
            visit(i + 1, opened, top + (values[i] if depth == 0 else 0))
            depths.pop()

    visit(0, [], Decimal(0))
    return None if steps[0] > _NESTING_STEPS else found
