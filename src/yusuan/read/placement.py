"""Placing a table's rows' values in columns when the blank cells between them vanished.

A flattened row `51.87 51.87 51.87` of a nine-column table could sit in several columns. Each
row gets the order-preserving placements its own identities allow (合计 = 基本 + 项目 …:
`yusuan.read.rowplace`); then the rows are placed together so that every group row (合计, a unit, a 类) equals the sum of
its children in every column; then figures stated by other tables (evidence) break the ties
that remain; then the economic class of the row's code; then the template's priors. Each row
records which of these decided it.

Amounts are handled as integers in units of the table's finest printed precision (`quantum`),
which keeps the search exact and fast.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from yusuan.model import Placement
from yusuan.read.rowplace import (
    MIN_STEPS,
    PLACEMENT_BUDGET,
    READING_STEPS,
    STRONG,
    Slot,
)

# A total-consistent placement may override the code class of at most this many rows;
# beyond that, a match of the column totals is more likely a coincidence of subset sums.
MAX_STRONG_DEVIATIONS = 2
SOLUTION_CAP = 200
NODE_BUDGET = 60_000
# Search nodes for all the tables of one reading of a document. A template set that fits
# needs a few thousand at most (the corpus: 1,200); one that does not can spend hundreds of
# thousands failing: once its reading has spent this, each further search gets MIN_BUDGET.
READING_BUDGET = 100_000
MIN_BUDGET = 2_000
MAX_SEARCHED_CANDIDATES = 64


@dataclass(frozen=True, slots=True)
class Target:
    """Evidence: the `column` of slot `slot` should be `value` (± tol, in quantum units)."""

    slot: int
    column: int
    value: int
    tol: int


@dataclass(slots=True)
class Budget:
    """The search nodes left to one reading of a document (see READING_BUDGET)."""

    left: int = READING_BUDGET
    steps: int = READING_STEPS  # placement steps left (see PLACEMENT_BUDGET)

    def limit(self) -> int:
        return min(NODE_BUDGET, max(self.left, MIN_BUDGET))

    def step_limit(self) -> int:
        return min(PLACEMENT_BUDGET, max(self.steps, MIN_STEPS))


@dataclass
class _Search:
    slots: list[Slot]
    groups: list[tuple[int, list[int]]]
    tols: list[int]
    ncols: int
    checked: tuple[int, ...] = ()  # the columns whose totals must hold (default: all)
    budget: Budget | None = None
    solutions: list[tuple[int, ...]] = field(default_factory=list)
    nodes: int = 0
    complete: bool = True

    def run(self, variables: list[int]) -> None:
        limit = self.budget.limit() if self.budget is not None else NODE_BUDGET
        try:
            self._run(variables, limit)
        finally:
            if self.budget is not None:
                self.budget.left -= self.nodes

    def _run(self, variables: list[int], limit: int) -> None:
        ncols = self.ncols
        checked = self.checked or tuple(range(ncols))
        membership: dict[int, list[tuple[int, int]]] = {}
        for g, (parent, children) in enumerate(self.groups):
            membership.setdefault(parent, []).append((g, 1))
            for child in children:
                membership.setdefault(child, []).append((g, -1))
        var_set = set(variables)
        resid = [[0] * ncols for _ in self.groups]
        lo = [[0] * ncols for _ in self.groups]
        hi = [[0] * ncols for _ in self.groups]
        mins: dict[int, list[int]] = {}
        maxs: dict[int, list[int]] = {}
        for s, memberships in membership.items():
            cands = self.slots[s].candidates
            if s in var_set:
                mins[s], maxs[s] = self.slots[s].bounds()
            for g, sign in memberships:
                for i in range(ncols):
                    if s in var_set:
                        a, b = sign * mins[s][i], sign * maxs[s][i]
                        lo[g][i] += min(a, b)
                        hi[g][i] += max(a, b)
                    else:
                        resid[g][i] += sign * cands[self.slots[s].choice].vector[i]
        chosen = {s: self.slots[s].choice for s in range(len(self.slots))}
        tols = self.tols
        strong_used = [0]

        def feasible(g: int) -> bool:
            return feasible_in(g, checked)

        def feasible_in(g: int, columns: Sequence[int]) -> bool:
            t = tols[g]
            r, low, high = resid[g], lo[g], hi[g]
            for i in columns:  # noqa: SIM110 - a plain loop: this is the search's hot path
                if r[i] + low[i] > t or r[i] + high[i] < -t:
                    return False
            return True

        # Per decided row and group: its sign and the columns its bounds widen (low, high),
        # the columns with a bound only: most of a row's figures are blank in most columns.
        # Also the checked columns among them: the only ones where deciding the row can make a
        # group infeasible (every group is feasible before it, and elsewhere the row's
        # candidates are all blank, so its bounds and residuals there stay as they were).
        checked_set = set(checked)
        ranges: dict[int, list[tuple[int, int, list[tuple[int, int, int]], list[int]]]] = {}
        for s in variables:
            ranges[s] = []
            for g, sign in membership.get(s, []):
                pairs = [(sign * mins[s][i], sign * maxs[s][i]) for i in range(ncols)]
                spans = [(i, min(p), max(p)) for i, p in enumerate(pairs) if p != (0, 0)]
                touched = [i for i, _, _ in spans if i in checked_set]
                ranges[s].append((g, sign, spans, touched))
        # each candidate's figures, the nonzero ones with their columns
        sparse = {
            s: [[(i, v) for i, v in enumerate(c.vector) if v] for c in self.slots[s].candidates]
            for s in variables
        }

        # Per row, worked out before the search rather than at each of its nodes: for each
        # candidate whether it goes against its code class, and its figures signed for each
        # group's residuals; and each group's residuals, bounds, tolerance and columns to check.
        plans: dict[int, list[tuple[bool, list[tuple[list[int], list[tuple[int, int]]]]]]] = {}
        tests: dict[int, list[tuple[list[int], list[int], list[int], int, list[int]]]] = {}
        for s in variables:
            mine = ranges[s]
            plans[s] = [
                (
                    cand.cost >= STRONG,
                    [
                        (resid[g], [(i, sign * v) for i, v in sparse[s][k]])
                        for g, sign, _, _ in mine
                    ],
                )
                for k, cand in enumerate(self.slots[s].candidates)
            ]
            tests[s] = [(resid[g], lo[g], hi[g], tols[g], touched) for g, _, _, touched in mine]
        solutions = self.solutions
        nodes = [self.nodes]

        def visit(depth: int) -> None:
            if len(solutions) >= SOLUTION_CAP or nodes[0] >= limit:
                self.complete = False
                return
            if depth == len(variables):
                solutions.append(tuple(chosen[s] for s in range(len(self.slots))))
                return
            s = variables[depth]
            mine = ranges[s]
            # This row is being decided: its range no longer widens the bounds.
            for g, _, spans, _ in mine:
                lg, hg = lo[g], hi[g]
                for i, low, high in spans:
                    lg[i] -= low
                    hg[i] -= high
            checks = tests[s]
            for k, (strong, updates) in enumerate(plans[s]):
                if strong and strong_used[0] >= MAX_STRONG_DEVIATIONS:
                    continue
                nodes[0] += 1
                for rg, signed in updates:
                    for i, v in signed:
                        rg[i] += v
                fits = True
                for r, lows, highs, t, columns in checks:
                    for i in columns:
                        if r[i] + lows[i] > t or r[i] + highs[i] < -t:
                            fits = False
                            break
                    if not fits:
                        break
                if fits:
                    chosen[s] = k
                    strong_used[0] += strong
                    visit(depth + 1)
                    strong_used[0] -= strong
                for rg, signed in updates:
                    for i, v in signed:
                        rg[i] -= v
                if len(solutions) >= SOLUTION_CAP or nodes[0] >= limit:
                    self.complete = False
                    break
            for g, _, spans, _ in mine:
                lg, hg = lo[g], hi[g]
                for i, low, high in spans:
                    lg[i] += low
                    hg[i] += high

        try:
            if all(feasible(g) for g in range(len(self.groups))):
                visit(0)
        finally:
            self.nodes = nodes[0]


def _score(assignment: Sequence[int], slots: list[Slot], targets: Sequence[Target]) -> int:
    hits = 0
    for t in targets:
        value = slots[t.slot].candidates[assignment[t.slot]].vector[t.column]
        hits += abs(value - t.value) <= t.tol
    return hits


def _cost(assignment: Sequence[int], slots: list[Slot]) -> int:
    return sum(slots[s].candidates[k].cost for s, k in enumerate(assignment))


def _decide_alone(slot_index: int, slots: list[Slot], targets: Sequence[Target]) -> None:
    """Place a row that no group constrains: evidence first, then code class and priors."""
    slot = slots[slot_index]
    options = list(range(len(slot.candidates)))
    reason = Placement.PRIOR
    mine = [t for t in targets if t.slot == slot_index]
    if mine:
        scores = {
            k: sum(abs(slot.candidates[k].vector[t.column] - t.value) <= t.tol for t in mine)
            for k in options
        }
        best = max(scores.values())
        narrowed = [k for k in options if scores[k] == best]
        if best and len(narrowed) < len(options):
            options = narrowed
            if len(options) == 1:
                reason = Placement.CROSS
    if reason is not Placement.CROSS and _code_decides(slot, set(options)):
        reason = Placement.CODE
    low = min(slot.candidates[k].cost for k in options)
    slot.choice = next(k for k in options if slot.candidates[k].cost == low)
    slot.alternatives = len(options)
    slot.placement = (
        reason if slot.satisfied or reason is Placement.CROSS else Placement.UNSATISFIED
    )


@dataclass(frozen=True, slots=True)
class Found:
    """The placements of the grouped ambiguous rows that make every column total add up."""

    grouped: tuple[int, ...]
    solutions: tuple[tuple[int, ...], ...]
    complete: bool
    nodes: int
    dropped: int | None = None  # a column whose totals hold under no placement, set aside


def search(
    slots: list[Slot],
    groups: list[tuple[int, list[int]]],
    tols: list[int],
    ncols: int,
    summed: tuple[int, ...] = (),
    budget: Budget | None = None,
) -> Found:
    """Every assignment of the grouped ambiguous rows that the column totals allow (capped)."""
    in_group = {p for p, _ in groups} | {c for _, cs in groups for c in cs}
    # A row with very many placements satisfies none of its identities (it is itself wrong or
    # misread): it keeps its prior rather than multiplying the search.
    grouped = [
        s
        for s, slot in enumerate(slots)
        if 1 < len(slot.candidates) <= MAX_SEARCHED_CANDIDATES and s in in_group
    ]
    if not grouped:
        return Found((), (), True, 0)
    for slot in slots:
        slot.choice = 0
    order = _tree_order(grouped, groups, slots)
    run = _Search(slots, groups, tols, ncols, summed, budget)
    run.run(order)
    if run.solutions or not run.complete:
        return Found(tuple(grouped), tuple(run.solutions), run.complete, run.nodes)
    if all(sum(c.cost < STRONG for c in slots[s].candidates) == 1 for s in grouped):
        # Every row's column is fixed by its code class: setting a column aside cannot place
        # them better, only against their class.
        return Found(tuple(grouped), (), True, run.nodes)
    # One wrong total (a typo in one column) must not leave every row to its prior: set each
    # column aside in turn and keep the reading the other columns agree on most cheaply.
    best: Found | None = None
    for column in summed or range(ncols):
        others = tuple(i for i in (summed or range(ncols)) if i != column)
        retry = _Search(slots, groups, tols, ncols, others, budget)
        retry.run(order)
        if not retry.solutions:
            continue
        found = Found(tuple(grouped), tuple(retry.solutions), retry.complete, retry.nodes, column)
        if best is None or _rank(found, slots) < _rank(best, slots):
            best = found
    return best or Found(tuple(grouped), (), True, run.nodes)


def _tree_order(
    grouped: list[int], groups: list[tuple[int, list[int]]], slots: list[Slot]
) -> list[int]:
    """Each parent, then its children (the least ambiguous first), depth first: a group's sum
    is checked as soon as its last row is placed, so a wrong branch is cut where it starts."""
    # a total printed across side-by-side lists heads a group of each list's rows
    children: dict[int, list[int]] = {}
    for parent, kids in groups:
        children.setdefault(parent, []).extend(kids)
    below = {c for cs in children.values() for c in cs}
    roots = [p for p in children if p not in below]
    wanted = set(grouped)
    order: list[int] = []
    seen: set[int] = set()

    def visit(node: int) -> None:
        if node in seen:
            return
        seen.add(node)
        if node in wanted:
            order.append(node)
        kids = sorted(
            children.get(node, []), key=lambda c: (c in children, len(slots[c].candidates))
        )
        for kid in kids:
            if kid not in children:
                visit(kid)
        for kid in kids:
            if kid in children:
                visit(kid)

    for root in roots:
        visit(root)
    order.extend(s for s in grouped if s not in seen)
    return order


def _rank(found: Found, slots: list[Slot]) -> tuple[int, int]:
    return (min(_cost(a, slots) for a in found.solutions), len(found.solutions))


def solve(
    slots: list[Slot],
    groups: list[tuple[int, list[int]]],
    tols: list[int],
    columns: Sequence[str],
    targets: Sequence[Target] = (),
    found: Found | None = None,
    not_money: frozenset[str] = frozenset(),
    budget: Budget | None = None,
) -> tuple[list[str], Found]:
    """Choose a candidate for every slot; returns notes on what could not be decided.

    `found` is an earlier `search` of the same slots: evidence only re-ranks its solutions.
    """
    ncols = len(columns)
    if found is None:
        summed = tuple(i for i, c in enumerate(columns) if c not in not_money) if not_money else ()
        found = search(slots, groups, tols, ncols, summed, budget)
    notes: list[str] = []
    for slot in slots:
        slot.choice = 0
        slot.alternatives = 1
        if len(slot.candidates) == 1:
            full = len(slot.tokens) in (0, ncols)
            if not slot.satisfied:
                slot.placement = Placement.UNSATISFIED
            else:
                slot.placement = Placement.EXACT if full else Placement.ROW
    grouped = list(found.grouped)
    for s, slot in enumerate(slots):
        if len(slot.candidates) > 1 and s not in grouped:
            _decide_alone(s, slots, targets)
    if not grouped:
        return notes, found
    solutions = list(found.solutions)
    if not solutions:
        notes.append("no placement of the ambiguous rows makes the column totals add up")
        for s in grouped:
            _decide_alone(s, slots, targets)
        return notes, found
    if not found.complete:
        notes.append(f"placement search stopped after {found.nodes} steps: some rows are guesses")
    if found.dropped is not None:
        notes.append(
            f"the totals of column {columns[found.dropped]} hold under no placement;"
            " the rows were placed by the other columns"
        )

    def agree(pool: list[tuple[int, ...]], s: int) -> bool:
        return len({a[s] for a in pool}) == 1

    pool = solutions
    by_evidence = pool
    if targets:
        scores = [_score(a, slots, targets) for a in pool]
        best = max(scores)
        if best:
            by_evidence = [a for a, sc in zip(pool, scores, strict=True) if sc == best]
    low = min(_cost(a, slots) for a in by_evidence)
    cheapest = [a for a in by_evidence if _cost(a, slots) == low]
    pick = cheapest[0]
    for s in grouped:
        slot = slots[s]
        slot.choice = pick[s]
        slot.alternatives = len({a[s] for a in by_evidence})
        if found.complete and agree(pool, s):
            slot.placement = Placement.COLUMNS if slot.satisfied else Placement.UNSATISFIED
        elif agree(by_evidence, s):
            slot.placement = Placement.CROSS
        elif agree(cheapest, s) and (
            _code_decides(slot, {a[s] for a in by_evidence})
            or _decided_by_classes_below(s, by_evidence, slots)
        ):
            slot.placement = Placement.CODE
        else:
            slot.placement = Placement.PRIOR if slot.satisfied else Placement.UNSATISFIED
    return notes, found


def _decided_by_classes_below(s: int, pool: list[tuple[int, ...]], slots: list[Slot]) -> bool:
    """Every other choice for row `s` only comes with rows placed against their code class
    (a 合计 whose split follows from its rows' 301/302 codes)."""
    best: dict[int, int] = {}
    for assignment in pool:
        cost = _cost(assignment, slots)
        best[assignment[s]] = min(cost, best.get(assignment[s], cost))
    if len(best) < 2:
        return False
    ranked = sorted(best.values())
    return ranked[1] - ranked[0] >= STRONG


def _code_decides(slot: Slot, options: set[int]) -> bool:
    costs = [slot.candidates[k].cost for k in options]
    return sum(1 for c in costs if c < STRONG) == 1 and any(c >= STRONG for c in costs)
