"""Whether a total row adds up to a run of rows, asked for many runs of one table cheaply.

`nesting.settle` asks it of every run of a failing group's rows: runs that grow by one row at a
time. Each row's figures are looked up once, and a run's column sums are carried over from the
run one row shorter asked just before, so a group of n rows costs n² additions, not n³. The
verdict is `tables.group_verdict`'s, column by column, exactly.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from yusuan.audit.compare import Verdict, agree, precision, sum_slack
from yusuan.model import Row

ZERO = Decimal(0)
# Decimal addition is exact while a sum's digits fit the context's 28: figures below 10¹⁵
# with at most 8 decimals, over fewer than 10⁴ rows, always do. Then the order of the
# additions cannot change a sum and a run may be extended at its start too.
_EXACT_BELOW = Decimal(10) ** 15
_EXACT_EXPONENT = -8
_EXACT_ROWS = 10_000


class GroupSums:
    """`holds(parent, children)` over the rows of one table and its money columns."""

    def __init__(self, rows: Sequence[Row], columns: Sequence[str], quantum: Decimal) -> None:
        self.quantum = quantum
        self.values = [row_values(row, columns) for row in rows]
        self.width = len(columns)
        self._exact: bool | None = None  # see `exact`, worked out when first needed
        # the run asked last, and per column its sum, its printed figures, any figure ≠ 0
        self._run: list[int] = []
        self._sums: list[Decimal] = [ZERO] * self.width
        self._printed: list[int] = [0] * self.width
        self._nonzero: list[bool] = [False] * self.width
        # what `agree` works out from the stated figure alone (half its last digit) and from
        # the count of figures (`sum_slack`), kept: asked for every run of a failing group
        self._halves: dict[tuple[int, int], Decimal] = {}  # by (row, column): 1.0 ≠ 1.00 here
        self._slacks: dict[int, Decimal] = {}

    @property
    def exact(self) -> bool:
        """Whether every sum of the table's figures is exact (see _EXACT_BELOW)."""
        if self._exact is None:
            self._exact = len(self.values) < _EXACT_ROWS and all(
                v.is_finite() and abs(v) < _EXACT_BELOW and _exponent(v) >= _EXACT_EXPONENT
                for vs in self.values
                for v in vs
                if v is not None
            )
        return self._exact

    def _add(self, child: int) -> None:
        for i, v in enumerate(self.values[child]):
            if v is None:
                self._sums[i] = self._sums[i] + ZERO  # as `Row.value` counts a blank cell
            else:
                self._sums[i] = self._sums[i] + v
                self._printed[i] += 1
                self._nonzero[i] = self._nonzero[i] or bool(v)

    def _set(self, children: Sequence[int]) -> None:
        last = self._run
        n = len(children)
        if n == len(last) + 1 and list(children[:-1]) == last:
            self._add(children[-1])  # the last run with one more row after it: same order
        elif n == len(last) + 1 and list(children[1:]) == last and self.exact:
            self._add(children[0])  # one more row before it: exact sums, any order
        elif list(children) != last:
            self._sums = [ZERO] * self.width
            self._printed = [0] * self.width
            self._nonzero = [False] * self.width
            for child in children:
                self._add(child)
        self._run = list(children)

    def holds(self, parent: int, children: list[int]) -> bool:
        """Whether `parent` adds up to `children` in every column, within what the rounding
        of the printed figures explains (no column `Verdict.DIFFERENT`)."""
        self._set(children)
        sums, printed, nonzero = self._sums, self._printed, self._nonzero
        for i, stated in enumerate(self.values[parent]):
            if stated is None:
                if not nonzero[i]:
                    continue  # nothing printed on either side: the same
                stated = ZERO
            expected = sums[i]
            if stated == expected:
                continue  # `agree`: SAME
            count = 1 + printed[i]
            slack = self._slacks.get(count)
            if slack is None:
                slack = self._slacks[count] = sum_slack(count, self.quantum)
            half = self._halves.get((parent, i))
            if half is None:
                half = self._halves[parent, i] = precision(stated) / 2
            diff = abs(stated - expected)
            if diff > half and diff > slack + half:
                return False  # `agree`'s common failing case: DIFFERENT
            if agree(stated, expected, slack) is Verdict.DIFFERENT:
                return False
        return True


def row_values(row: Row, columns: Sequence[str]) -> list[Decimal | None]:
    """`row.get(column)` for each column, the row's cells looked through once, not once per
    column (the first cell of a column, as `Row.get` finds)."""
    by_column: dict[str, Decimal] = {}
    for cell in row.cells:
        by_column.setdefault(cell.column, cell.value)
    return [by_column.get(column) for column in columns]


def _exponent(value: Decimal) -> int:
    exp = value.as_tuple().exponent
    return exp if isinstance(exp, int) else 0
