"""The narrative's figures of last year, and of the budget a 决算 executes, as the claims binder
names them (`yusuan.audit.binding`, `yusuan claims`).

`上年预算数为 P 万元` states last year's figure; `与上年相比增加 D 万元` implies it (this year's
figure less D), and so does `增长 R%` with no amount beside it (this year's figure over 1 + R%);
a 决算's `年初预算为 B 万元` states its budget's. A change a sentence measures against 上年执行数
is measured against no figure last year's 预算 states, and is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from yusuan.audit.across.figures import Figure
from yusuan.audit.claims import Claim, ClaimKind
from yusuan.audit.compare import HUNDRED, precision
from yusuan.audit.engine import Context
from yusuan.audit.quantities import BUDGET_VARIANT
from yusuan.audit.rules.changes import current_of
from yusuan.audit.rules.narrative import bound_key, claim_unit, claim_value
from yusuan.model import DocKind, MoneyUnit

_MONEY = ("万元", "元")
# A sentence that measures its change against another figure than last year's same one.
_OTHER_BASE = ("执行", "年初", "调整", "预算数")


@dataclass(frozen=True, slots=True)
class Said:
    """A figure of another year the narrative states or implies, and the quantity it is of."""

    key: str  # the quantity (`yusuan.audit.quantities`) to look up in the other document
    figure: Figure
    kind: str  # 上年预算 / 上年决算 / 年初预算
    exact: bool  # stated as that figure itself, not implied by a change
    claim: Claim
    low: Decimal | None = None  # for a percentage: the range of last year's figure it allows
    high: Decimal | None = None


def _figure(ctx: Context, claim: Claim, value: Decimal, unit: MoneyUnit, terms: int) -> Figure:
    line = claim.line
    path = claim.section.span.path or ctx.doc.meta.path
    return Figure(
        value=value,
        unit=unit,
        where=f"情况说明“{_quoted(claim.sentence)}”",
        path=path,
        line=line,
        page=ctx.doc.page_of(line, claim.section.span.path),
        trusted=False,  # a figure bound by words, never as sure as a printed cell
        terms=terms,
    )


def _quoted(sentence: str, limit: int = 60) -> str:
    """A sentence as quoted in a message: the layout's runs of spaces closed up, cut short."""
    text = re.sub(r"\s+", " ", sentence).strip()
    text = re.sub(r"(?<=[^\x00-\x7f]) | (?=[^\x00-\x7f])", "", text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _other_base(ctx: Context, claim: Claim) -> bool:
    """Whether the claim's sentence compares with something else than last year's same figure
    (上年执行数, 年初预算, a year not the one before)."""
    year = ctx.doc.meta.year
    if claim.compared_year is not None and year is not None and claim.compared_year != year - 1:
        return True
    if any(word in claim.sentence for word in _OTHER_BASE):
        return True
    return any(
        c.sentence == claim.sentence and c.measure == "上年执行"
        for c in ctx.claims
        if c.section is claim.section
    )


def said_figures(ctx: Context, other: Context) -> Iterator[Said]:
    """Every figure of another year the narrative states or implies, bound to its quantity in
    `other` — the scope its words name read against the other year's money: 财政拨款 may be all
    of this year's money and not all of last year's."""
    final = ctx.doc.meta.kind is DocKind.FINAL
    own_kind = "上年决算" if final else "上年预算"
    for claim in ctx.claims:
        if claim.measure == "上年预算" and claim.kind is ClaimKind.AMOUNT and not final:
            key, _ = bound_key(other, claim)
            if key and claim.unit in _MONEY:
                unit = claim_unit(claim)
                yield Said(key, _figure(ctx, claim, claim.value, unit, 1), own_kind, True, claim)
        elif claim.measure == "年初预算" and claim.kind is ClaimKind.AMOUNT and final:
            key, _ = bound_key(other, claim)
            if key and claim.unit in _MONEY:
                unit = claim_unit(claim)
                plain = key.removesuffix(BUDGET_VARIANT)
                yield Said(
                    plain, _figure(ctx, claim, claim.value, unit, 1), "年初预算", True, claim
                )
        elif claim.kind is ClaimKind.CHANGE and claim.unit in _MONEY and claim.direction:
            found = _implied_by_change(ctx, other, claim, own_kind)
            if found is not None:
                yield found
        elif claim.kind is ClaimKind.CHANGE_PERCENT and claim.direction:
            found = _implied_by_percent(ctx, other, claim, own_kind)
            if found is not None:
                yield found


def _implied_by_change(ctx: Context, other: Context, claim: Claim, kind: str) -> Said | None:
    if _other_base(ctx, claim):
        return None
    key, _ = bound_key(other, claim)
    current = current_of(ctx, claim)
    if key is None or current is None:
        return None
    delta = claim_value(claim, MoneyUnit.WAN)
    value = current[0] - claim.direction * delta
    if value < 0:
        return None
    figure = _figure(ctx, claim, value, MoneyUnit.WAN, 2)
    # the slack is that of the change as printed and of this year's figure (0.01 万元)
    slack = (precision(claim.value) * claim_unit(claim).in_yuan / 2) + Decimal(50)
    low, high = value * 10000 - slack, value * 10000 + slack
    return Said(key, figure, kind, False, claim, low, high)


def _implied_by_percent(ctx: Context, other: Context, claim: Claim, kind: str) -> Said | None:
    """Last year's figure a percentage implies when its sentence states no change amount of the
    same quantity (增长 12.5%): this year's figure over 1 ± R%, within the rounding of R."""
    if _other_base(ctx, claim) or claim.unit != "%":
        return None
    amounts = [
        c
        for c in ctx.claims
        if c.kind is ClaimKind.CHANGE
        and c.sentence == claim.sentence
        and c.section is claim.section
        and c.subject == claim.subject
    ]
    key, _ = bound_key(other, claim)
    current = current_of(ctx, claim)
    if amounts or key is None or current is None or current[0] <= 0:
        return None
    half = precision(claim.value) / 2
    rates = [
        1 + claim.direction * (claim.value + d) / HUNDRED for d in (-half, half) if claim.value + d
    ]
    if len(rates) != 2 or min(rates) <= 0:
        return None
    this = current[0] * 10000
    bounds = sorted((this / rates[0], this / rates[1]))
    value = (current[0] / (1 + claim.direction * claim.value / HUNDRED)).quantize(Decimal("0.01"))
    figure = _figure(ctx, claim, value, MoneyUnit.WAN, 2)
    return Said(key, figure, kind, False, claim, bounds[0] - 50, bounds[1] + 50)
