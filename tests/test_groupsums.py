"""GroupSums answers `holds` as summing the rows afresh would, whatever the order of the runs
asked (nesting asks runs that grow by one row after a head, then before it), and the compare
shortcuts give the verdicts of the full rounding comparison."""

from __future__ import annotations

import random
from decimal import Decimal

from yusuan.audit.compare import Verdict, agree, rounded, sum_slack
from yusuan.audit.groupsums import GroupSums
from yusuan.audit.nesting import _candidate_runs
from yusuan.audit.rules.tables import group_verdict
from yusuan.model import Cell, Row, RowKind, Span

D = Decimal
COLUMNS = ("合计", "基本支出", "项目支出")


def _row(rng: random.Random) -> Row:
    cells = []
    for column in COLUMNS:
        pick = rng.random()
        if pick < 0.2:
            continue  # a blank cell
        value = D(0) if pick < 0.3 else D(rng.choice(["1.25", "2.5", "3", "0.01", "10.00"]))
        cells.append(Cell(column, value))
    return Row("行", Span(None, 1, 1), RowKind.LABEL, cells=tuple(cells))


def _fresh(rows: list[Row], parent: int, children: list[int], quantum: Decimal) -> bool:
    return all(
        group_verdict(rows[parent], [rows[c] for c in children], column, quantum)
        is not Verdict.DIFFERENT
        for column in COLUMNS
    )


def test_holds_as_summing_afresh_over_every_run_in_nesting_order() -> None:
    rng = random.Random(7)
    for _ in range(30):
        rows = [_row(rng) for _ in range(9)]
        # a head that some runs of its neighbours add up to, exactly or within rounding
        rows[4] = Row("头", Span(None, 1, 1), cells=(Cell("合计", D("5.5")),))
        quantum = D("0.01")
        sums = GroupSums(rows, COLUMNS, quantum)
        children = list(range(9))
        agreed = 0
        for k, head in enumerate(children):
            for run in _candidate_runs(children, k, rows, single=True):
                assert sums.holds(head, run) == _fresh(rows, head, run, quantum), (head, run)
                agreed += 1
        assert agreed == 9 * 8  # every run after and before each of the nine rows


def test_a_used_row_ends_the_runs_on_its_side() -> None:
    rows = [Row(str(i), Span(None, 1, 1), cells=(Cell("合计", D(1)),)) for i in range(6)]
    runs = list(_candidate_runs(list(range(6)), 2, rows, used={4}))
    # after row 2: [3] alone proves nothing, and row 4 (used) ends that side; before: [0, 1]
    assert runs == [[0, 1]]
    assert list(_candidate_runs(list(range(6)), 2, rows)) == [[3, 4], [3, 4, 5], [0, 1]]


def test_agree_shortcuts_keep_the_rounding_verdicts() -> None:
    rng = random.Random(3)
    for _ in range(2000):
        stated = D(rng.randint(0, 400)) / D(rng.choice([1, 10, 100]))
        expected = D(rng.randint(0, 40000)) / D(1000)
        slack = sum_slack(rng.randint(1, 4), D("0.01"))
        if stated == rounded(expected, stated):
            want = Verdict.SAME
        elif abs(stated - expected) <= slack + D(1).scaleb(stated.as_tuple().exponent) / 2:
            want = Verdict.ROUNDING
        else:
            want = Verdict.DIFFERENT
        assert agree(stated, expected, slack) is want, (stated, expected, slack)
