"""Placing one row's figures: the order-preserving placements its own identities allow.

A flattened row `51.87 51.87 51.87` of a nine-column table could sit in several columns. Each
row gets the placements its identities (合计 = 基本 + 项目 …) allow, each with a cost (a rare
column, a column against its code's class); `yusuan.read.placement` then places the rows
together. A row's enumeration has a budget of steps (shuffled text can make it endless).
Amounts are integers in units of the table's finest printed precision (`quantum`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from itertools import combinations
from math import comb
from typing import TYPE_CHECKING, NamedTuple

from yusuan.identities import Identity
from yusuan.model import Placement

if TYPE_CHECKING:
    from yusuan.read.placement import Budget

# A code-class violation costs this much: more than any number of rare-column choices.
STRONG = 10
ENUMERATION_CAP = 50_000
# Steps (a figure tried in a column) one row's placements may take. Half the corpus's rows
# need 4 or fewer, 99% under 160, the most 14,463 (88,404 for all the rows of a document);
# figures of shuffled lines run together can make one row of twenty columns take hundreds of
# millions. Past its budget a row keeps the placements found so far, and its table says so.
# Once a reading has spent READING_STEPS, each further row gets MIN_STEPS.
PLACEMENT_BUDGET = 50_000
READING_STEPS = 300_000
MIN_STEPS = 2_000


class Candidate(NamedTuple):  # a tuple: rows make thousands, and a frozen dataclass is slower
    positions: tuple[int, ...]  # column index of each printed token, in order
    vector: tuple[int, ...]  # value per column in quantum units (0 for blank)
    cost: int


@dataclass(slots=True)
class Slot:
    """One row to place: its printed tokens (None = a printed blank placeholder)."""

    tokens: Sequence[Decimal | None]
    code: str | None = None
    candidates: list[Candidate] = field(default_factory=list)
    satisfied: bool = True  # some candidate satisfies every row identity
    choice: int = 0
    placement: Placement = Placement.EXACT
    alternatives: int = 1
    cut: bool = False  # its placements were not all enumerated (PLACEMENT_BUDGET)
    _bounds: tuple[list[int], list[int]] | None = None

    def bounds(self) -> tuple[list[int], list[int]]:
        """The least and greatest value each column takes over the candidates (cached)."""
        if self._bounds is None:
            columns = list(zip(*(c.vector for c in self.candidates), strict=True))
            self._bounds = ([min(col) for col in columns], [max(col) for col in columns])
        return self._bounds


def to_units(value: Decimal, quantum: Decimal) -> int:
    return int((value / quantum).to_integral_value())


@dataclass(frozen=True, slots=True)
class _Check:
    """An identity compiled to column indexes, checked on integer vectors."""

    left: int  # -1 when the column is not in this table (then it is blank)
    terms: tuple[tuple[int, int], ...]
    part_of: bool
    last: int  # the rightmost column it reads: it can be checked once that column is final

    def holds(self, vec: Sequence[int]) -> bool:
        left = vec[self.left] if self.left >= 0 else 0
        if self.part_of:
            parent = vec[self.terms[0][1]] if self.terms else 0
            return left == 0 or (parent != 0 and 2 * left <= 2 * parent + 1)
        total = 0
        filled = 1 if left else 0
        for sign, col in self.terms:
            value = vec[col]
            if value:
                total += sign * value
                filled += 1
        # Each printed figure may be off by half a quantum: 2·|diff| ≤ number of figures.
        return 2 * abs(left - total) <= max(filled, 1)


class _Compiled:
    """A block's identities compiled over its columns. Compared and hashed by identity: a memo
    of placements keyed by it holds it, so no other object can take its id while it lives."""

    __slots__ = ("checks",)

    def __init__(self, checks: tuple[_Check, ...]) -> None:
        self.checks = checks


def compile_checks(identities: Sequence[Identity], columns: Sequence[str]) -> list[_Check]:
    return list(_compiled(tuple(identities), tuple(columns)).checks)


@lru_cache(maxsize=1024)  # a table's every row compiles the same identities over the same columns
def _compiled(identities: tuple[Identity, ...], columns: tuple[str, ...]) -> _Compiled:
    index = {c: i for i, c in enumerate(columns)}
    checks = []
    for identity in identities:
        terms = tuple((s, index[c]) for s, c in identity.terms if c in index)
        left = index.get(identity.left, -1)
        if identity.part_of and not terms:
            continue
        cols = [left, *(c for _, c in terms)]
        checks.append(_Check(left, terms, identity.part_of, max(cols)))
    return _Compiled(tuple(checks))


_Layout = tuple[list[list[_Check]], list[tuple[int, tuple[int, ...], int]]]


@lru_cache(maxsize=1024)
def _layout(checks: tuple[_Check, ...], n: int) -> _Layout:
    """For `_placements`, what depends on a block's checks alone (not on the row's figures),
    worked out once per block rather than once per row: the checks by the rightmost column
    they read, and the sums whose total column comes first (left, parts, slack), which
    bound a row of figures none of them negative. (Shared: never changed by their users.)"""
    by_last: list[list[_Check]] = [[] for _ in range(n)]
    for check in checks:
        if check.last >= 0:
            by_last[check.last].append(check)
    bounded = []
    for check in checks:
        cols = [c for _, c in check.terms]
        if (
            not check.part_of
            and cols
            and 0 <= check.left < min(cols)
            and all(sign > 0 for sign, _ in check.terms)
        ):
            bounded.append((check.left, tuple(sorted(set(cols))), len(cols) + 1))
    return by_last, bounded


class _OutOfSteps(Exception):
    """A row's placements took more than their budget of steps."""


def _placements(
    values: list[int],
    n: int,
    checks: Sequence[_Check],
    budget: int = PLACEMENT_BUDGET,
    layout: _Layout | None = None,
) -> tuple[list[tuple[int, ...]], bool, int]:
    """Order-preserving placements of `values` in `n` columns that pass every check, whether
    they are all of them (False: `budget` steps ran out first), and the steps taken.

    Values go left to right, so once a value sits in column p every column up to p is final;
    a check runs as soon as its rightmost column is final. With no negative figure, a sum
    whose total column comes first is also cut off as soon as its parts exceed the total.
    """
    k = len(values)
    by_last, sums = _layout(tuple(checks), n) if layout is None else layout
    bounded = sums if all(v >= 0 for v in values) else []
    vec = [0] * n
    out: list[tuple[int, ...]] = []
    positions: list[int] = []
    steps = [budget]

    def passes(lo: int, hi: int) -> bool:
        for c in range(lo, hi + 1):
            for check in by_last[c]:
                if not check.holds(vec):
                    return False
        return sums_fit(hi)

    def column_holds(checks: list[_Check]) -> bool:
        for check in checks:  # noqa: SIM110 - a plain loop: all() of a generator is slower
            if not check.holds(vec):
                return False
        return True

    def sums_fit(hi: int) -> bool:
        for left, cols, slack in bounded:
            if left <= hi:
                partial = 0
                for c in cols:  # (in order: the first past `hi` ends it)
                    if c > hi:
                        break
                    partial += vec[c]
                if 2 * (partial - vec[left]) > slack:
                    return False
        return True

    def place(t: int, start: int) -> None:
        if t == k:
            if passes(start, n - 1):
                out.append(tuple(positions))
            return
        steps[0] -= n - (k - t) + 1 - start
        if steps[0] < 0:
            raise _OutOfSteps
        for p in range(start, n - (k - t) + 1):
            # Column p - 1 stays blank from here on (it did for every p before too): the
            # checks ending there are decided, and one that fails fails every later p.
            if p > start and by_last[p - 1] and not column_holds(by_last[p - 1]):
                break
            vec[p] = values[t]
            here = by_last[p]
            if (not here or column_holds(here)) and (not bounded or sums_fit(p)):
                positions.append(p)
                place(t + 1, p + 1)
                positions.pop()
            vec[p] = 0

    try:
        place(0, 0)
    except _OutOfSteps:
        return out, False, budget
    return out, True, budget - steps[0]


def _with_blanks(
    chosen: tuple[int, ...], figures: list[int], k: int, n: int
) -> tuple[int, ...] | None:
    """The columns of all k tokens when token figures[j] sits in chosen[j] and every other
    token takes the first free column after the one before it; None when they do not fit."""
    positions: list[int] = []
    at = 0  # the next free column
    fixed = dict(zip(figures, chosen, strict=True))
    for i in range(k):
        if i in fixed:
            if fixed[i] < at:
                return None
            positions.append(fixed[i])
            at = fixed[i] + 1
            continue
        limit = next((fixed[j] for j in range(i + 1, k) if j in fixed), n)
        if at >= limit:
            return None
        positions.append(at)
        at += 1
    return tuple(positions)


# Placements found per document: a row's figures (in quantum units) and its block's checks →
# the placements and whether they are all of them.
Memo = dict[tuple[object, ...], tuple[list[tuple[int, ...]], bool]]


def enumerate_candidates(
    slot: Slot,
    columns: Sequence[str],
    identities: Sequence[Identity],
    quantum: Decimal,
    rare: frozenset[str] = frozenset(),
    classes: Sequence[tuple[tuple[str, ...], str]] = (),
    memo: Memo | None = None,
    not_money: frozenset[str] = frozenset(),
) -> None:
    """Fill `slot.candidates` with the placements the row's own identities allow.

    When no placement satisfies every identity (the row itself is wrong), keep those that
    satisfy the most, so the row is still read and the audit can say what is off. A row whose
    placements take more than PLACEMENT_BUDGET steps keeps those found by then (`slot.cut`).
    """
    RowPlacer(columns, identities, quantum, rare, classes, memo, not_money).fill(slot)


class RowPlacer:
    """`enumerate_candidates` for the rows of one block: what depends on its columns alone
    (the compiled identities, which columns are rare, of a code class, no money) is worked
    out once, not for every row."""

    def __init__(
        self,
        columns: Sequence[str],
        identities: Sequence[Identity],
        quantum: Decimal,
        rare: frozenset[str] = frozenset(),
        classes: Sequence[tuple[tuple[str, ...], str]] = (),
        memo: Memo | None = None,
        not_money: frozenset[str] = frozenset(),
        budget: Budget | None = None,
    ) -> None:
        self.n = len(columns)
        self.budget = budget
        self.quantum = quantum
        self.classes = classes
        self.memo = memo
        self.compiled = _compiled(tuple(identities), tuple(columns))
        self.checks = self.compiled.checks
        self.layout = _layout(self.checks, self.n)  # (the block's, not each row's)
        class_columns = {column for _, column in classes}
        self.rare_index = [i for i, c in enumerate(columns) if c in rare]
        self.class_index = [(i, c) for i, c in enumerate(columns) if c in class_columns]
        # A column of numbers that are no money (行次) never holds a figure printed with decimals.
        self.counts = {i for i, c in enumerate(columns) if c in not_money}
        # the candidates made so far (see `fill`): shared, as nothing changes them
        self._built: dict[tuple[object, ...], tuple[list[Candidate], bool, bool]] = {}

    def fill(self, slot: Slot) -> None:
        """Fill `slot.candidates` (see `enumerate_candidates`)."""
        n = self.n
        checks = self.checks
        tokens = list(slot.tokens)[:n]
        values = [0 if t is None else to_units(t, self.quantum) for t in tokens]
        own_class = None
        if slot.code:
            for prefixes, column in self.classes:
                if slot.code.startswith(prefixes):
                    own_class = column
        decimal = [t is not None and t.as_tuple().exponent < 0 for t in tokens]  # type: ignore[operator]
        # A row like one before in the block (a 合计 and its only unit) gets the same
        # candidates: they follow from its figures, its code's class and where it has decimals.
        built = (tuple(values), own_class, tuple(decimal))
        if built in self._built:
            slot.candidates, slot.cut, slot.satisfied = self._built[built]
            return
        # Rows often repeat their figures (合计 and its only unit; 03 and 05): place them once.
        key = (tuple(values), self.compiled)
        cached = self.memo.get(key) if self.memo is not None else None
        if cached is not None:
            found, complete = cached
        else:
            limit = self.budget.step_limit() if self.budget is not None else PLACEMENT_BUDGET
            found, complete, used = _placements(values, n, checks, limit, self.layout)
            if self.budget is not None:
                self.budget.steps -= used
        if self.memo is not None:
            self.memo[key] = (found, complete)
        slot.cut = not complete
        slot.satisfied = bool(found)
        if not found:
            found = _best_effort(values, n, checks)
        wrong_index = (
            [i for i, c in self.class_index if c != own_class] if own_class is not None else []
        )
        counts = self.counts
        rare_index = self.rare_index
        candidates = []
        # (plain loops: most rows have few candidates, and a generator per test cost more)
        for positions in found:
            vector = [0] * n
            for pos, v in zip(positions, values, strict=True):
                vector[pos] = v
            cost = 0
            for i in rare_index:
                if vector[i]:
                    cost += 1
            for i in wrong_index:
                if vector[i]:
                    cost += STRONG
                    break
            if counts:
                for k, p in enumerate(positions):
                    if p in counts and decimal[k]:
                        cost += STRONG
                        break
            candidates.append(Candidate(positions, tuple(vector), cost))
        candidates.sort(key=lambda c: c.cost)
        slot.candidates = candidates or [Candidate((), (0,) * n, 0)]
        self._built[built] = (slot.candidates, slot.cut, slot.satisfied)


def _best_effort(values: list[int], n: int, checks: Sequence[_Check]) -> list[tuple[int, ...]]:
    """The placements that satisfy the most checks, when none satisfies all.

    Zeros and blanks weigh nothing in a sum: the figures are placed, and the blanks fill the
    columns left between them in order. When the tokens nearly fill the row (a grid's
    placeholders), placing all of them is the shorter enumeration."""
    figures = [i for i, v in enumerate(values) if v]
    if comb(n, len(values)) <= comb(n, len(figures)):
        figures = list(range(len(values)))
    scored: list[tuple[int, tuple[int, ...]]] = []
    for count, chosen in enumerate(combinations(range(n), len(figures))):
        if count >= ENUMERATION_CAP:
            break
        positions = _with_blanks(chosen, figures, len(values), n)
        if positions is None:
            continue
        vec = [0] * n
        for pos, i in zip(chosen, figures, strict=True):
            vec[pos] = values[i]
        scored.append((sum(c.holds(vec) for c in checks), positions))
    best = max((ok for ok, _ in scored), default=0)
    return [p for ok, p in scored if ok == best]
