"""Let the figures settle a nesting the printed layout leaves open.

A summary row can be printed among the rows it sums up without any mark that it does: 一、本年支出
followed by its own classes numbered 一、 二、 … again, or 年初结转和结余 followed by its
一般公共预算 / 政府性基金 lines, all at one indentation. Read from the layout alone, the total
below them (支出总计, 总计) then seems to add the summary row *and* its parts, and fails by exactly
the parts' sum. Where the printed figures say so unambiguously, this module re-nests: a row the
rows right after it (or right before it) add up to, in every column (within the rounding of
the printed figures), is their total, and the
outer total is checked against it alone.

The re-nesting is adopted only when it makes the outer total add up exactly where the layout's
nesting did not; a document whose total is really wrong keeps its failing group (and so its
finding), because no re-nesting makes it add up.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence, Set

from yusuan.model import Row
from yusuan.structure import Groups

# the fewest parts a re-nested summary row must have: one part equal to its total proves nothing
MIN_PARTS = 2
FIRST_NUMBERS = {"一、", "（一）", "(一)", "1、", "1.", "1．", "（1）", "(1)"}

Holds = Callable[[int, list[int]], bool]


def _runs(
    children: Sequence[int], rows: Sequence[Row], holds: Holds, single: bool = False
) -> list[tuple[int, list[int]]]:
    """Each child that the children right after it (else right before it) add up to, with
    those children, taken left to right without overlap. A row of zeros sums nothing."""
    found: list[tuple[int, list[int]]] = []
    used: set[int] = set()
    for k, head in enumerate(children):
        if head in used or not any(c.value for c in rows[head].cells):
            continue
        for run in _candidate_runs(children, k, rows, single, used):
            if holds(head, run):
                found.append((head, run))
                used.update([head, *run])
                break
    return found


def _candidate_runs(
    children: Sequence[int],
    k: int,
    rows: Sequence[Row],
    single: bool = False,
    used: Set[int] = frozenset(),
) -> Iterator[list[int]]:
    """The runs of children right after child k, then right before it, shortest first, that
    take no child in `used`. A run of one is a candidate only when it starts a new enumeration
    (上年结转结余 / 一、一般公共预算拨款, the list's 一、 printed a second time), or (`single`)
    when the group is already shown to mix two levels: equal neighbours alone prove nothing.

    Made one at a time, each one row longer than the one before on its side (a group of n
    rows has n² runs: listing them all for each of its rows was cubic); a run that reaches a
    used child ends its side, as every longer run holds that child too."""
    for ahead in (True, False):
        run: list[int] = []
        steps = range(k + 1, len(children)) if ahead else range(k - 1, -1, -1)
        for j in steps:
            if children[j] in used:
                break
            if ahead:
                run.append(children[j])
            else:
                run.insert(0, children[j])
            if len(run) >= MIN_PARTS or single or _restarts(rows[run[0]]):
                yield list(run)


def _restarts(row: Row) -> bool:
    return (row.number or "").strip() in FIRST_NUMBERS


def _outer(children: Sequence[int], runs: list[tuple[int, list[int]]]) -> list[int]:
    absorbed = {r for _, run in runs for r in run}
    return [c for c in children if c not in absorbed]


def settle(groups: Groups, rows: Sequence[Row], holds: Holds) -> Groups:
    """The groups, with each failing group re-nested where its own figures show a summary row
    printed among its parts (see the module doc). `holds(parent, children)` says whether a
    group of `rows` adds up within what the rounding of its printed figures explains."""
    out: Groups = []
    for parent, children in groups:
        if holds(parent, children):
            out.append((parent, children))
            continue
        runs = _runs(children, rows, holds)
        outer = _outer(children, runs)
        if runs and not holds(parent, outer):
            # The group mixes two levels (a project over its items, printed alike): a project
            # with a single item equal to it is then one more summary row.
            runs = _runs(children, rows, holds, single=True)
            outer = _outer(children, runs)
        if runs and holds(parent, outer):
            out.append((parent, outer))
            out.extend((head, run) for head, run in runs if (head, run) not in groups)
        else:
            out.append((parent, children))
    return out
