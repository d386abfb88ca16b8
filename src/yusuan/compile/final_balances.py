"""A 决算's money flows by functional 项 and source: 年初结转和结余 + 本年收入 − 本年支出 =
年末结转和结余.

本年支出 is summed from the lines (carried-over lines spent 年初 money). Without a `Balance` the
项 ends the year with nothing left: 年初 is what its carried-over lines spent and 本年收入 what
its other lines spent. A `Balance` states 年末 (and may state 年初); 本年收入 then follows from
the identity, so every table that prints the four figures adds up by construction.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from yusuan.compile.budget import Balance, Budget, Source
from yusuan.compile.lines import ZERO, cents, total

OPENING, INCOME, CLOSING = "年初结转和结余", "本年收入", "年末结转和结余"


@dataclass(frozen=True, slots=True)
class Flow:
    """What a `Balance` adds to the lines' own figures of one 项 and source."""

    function: str
    source: Source
    opening: Decimal  # 年初 beyond what the carried-over lines spent
    closing: Decimal  # 年末

    @property
    def income(self) -> Decimal:
        """本年收入 beyond what the 项's this-year lines spent (negative when 年初 was left)."""
        return self.closing - self.opening

    def adds(self) -> dict[str, Decimal]:
        return {OPENING: self.opening, INCOME: self.income, CLOSING: self.closing}


def flow(b: Budget, balance: Balance) -> Flow:
    carried = total(
        x
        for x in b.lines
        if x.carried_over and x.function == balance.function and x.source is balance.source
    )
    opening = ZERO if balance.opening is None else balance.opening - carried
    return Flow(balance.function, balance.source, opening, balance.closing)


def balances(b: Budget) -> tuple[Balance, ...]:
    """The input's balances, and a source's stated `closing_balance` where the identity fixes its
    项: no balance of the source is listed and all its lines are of one 项."""
    listed = {x.source for x in b.balances}
    derived = []
    for source, amount in b.closing_balance.items():
        functions = {x.function for x in b.lines if x.source is source}
        if amount and source not in listed and len(functions) == 1:
            where = f"closing_balance.{source.value}"
            derived.append(Balance(functions.pop(), source, amount, None, where))
    return b.balances + tuple(derived)


def flows(b: Budget, sources: Collection[Source] | None = None) -> list[Flow]:
    """The budget's flows, of the given sources (all when None)."""
    return [flow(b, x) for x in balances(b) if sources is None or x.source in sources]


def summed(of: Iterable[Flow], what: str) -> Decimal:
    return cents(sum((f.adds()[what] for f in of), ZERO))


def opening(b: Budget, sources: Collection[Source] | None = None) -> Decimal:
    """年初结转和结余: what the carried-over lines spent, and what the balances add."""
    carried = total(
        x for x in b.lines if x.carried_over and (sources is None or x.source in sources)
    )
    return carried + summed(flows(b, sources), OPENING)


def income(b: Budget, sources: Collection[Source] | None = None) -> Decimal:
    """本年收入: what this year's lines spent, and what the balances add."""
    spent = total(
        x for x in b.lines if not x.carried_over and (sources is None or x.source in sources)
    )
    return spent + summed(flows(b, sources), INCOME)


def closing(b: Budget, sources: Collection[Source] | None = None) -> Decimal:
    """年末结转和结余."""
    return summed(flows(b, sources), CLOSING)


def by_function(
    of: Iterable[Flow], columns: Callable[[Flow], Mapping[str, Iterable[str]]]
) -> dict[str, dict[str, Decimal]]:
    """What the flows add to each 7-digit 项's columns: `columns` maps a flow's 年初/本年收入/年末
    to the columns each adds to (a figure a table does not print maps to none)."""
    out: dict[str, dict[str, Decimal]] = {}
    for f in of:
        mine = out.setdefault(f.function, {})
        for what, amount in f.adds().items():
            for name in columns(f).get(what, ()):
                mine[name] = mine.get(name, ZERO) + amount
    return out
