"""The narrative's year-over-year percentages against the figures they are computed from."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from yusuan.audit.claims import Claim, ClaimKind
from yusuan.audit.compare import HUNDRED, Verdict, agree, fmt, rounded
from yusuan.audit.engine import Context, rule
from yusuan.audit.finding import Check, Confidence, Severity
from yusuan.audit.quantities import BUDGET_VARIANT
from yusuan.audit.rules.narrative import (
    ZERO,
    bound_key,
    claim_value,
    quantity,
    span_of,
    stated_amount,
)
from yusuan.model import MoneyUnit

# A comparison on an adjusted basis (按与上年统计口径一致相比): the years' figures it divides are
# not those the tables state, so its percentage is not held against them.
_ADJUSTED = re.compile(r"按[^，,。；;]{0,16}口径[^，,。；;]{0,8}(?:相比|比较)")


def current_of(ctx: Context, claim: Claim) -> tuple[Decimal, str] | None:
    """This year's figure a change is of, in 万元: the table's, else one the narrative states."""
    named = _named_earlier(ctx, claim)
    if named is not None:
        claim = named
    key, _ = bound_key(ctx, claim)
    q = quantity(ctx, key)
    if q is not None:
        return q.in_unit(MoneyUnit.WAN), q.where
    stated = stated_amount(ctx, claim.subject, claim)
    if stated is not None and (not claim.scope_said or stated.sentence == claim.sentence):
        return claim_value(stated, MoneyUnit.WAN), f"情况说明所述{stated.phrase}"
    return None


def _written(ctx: Context, claim: Claim) -> Decimal | None:
    """The amount the percentage's own sentence states for its quantity, in 万元: the figure
    its writer computed from, which may be another quantity's than the table's (收入预算 that
    counts 上年结转)."""
    named = _named_earlier(ctx, claim) or claim
    stated = stated_amount(ctx, named.subject, named)
    if stated is None or stated.sentence != claim.sentence or named.subject is None:
        return None
    return claim_value(stated, MoneyUnit.WAN)


def _named_earlier(ctx: Context, claim: Claim) -> Claim | None:
    """The amount stated earlier under a fuller name of the claim's subject, in its sentence
    (`财政拨款收入总计、支出总计均为 864,177.93 万元，与上年相比收入总计、支出总计均增加
    337,874.84 万元，增长 64.2%`: this 收入总计 is the 财政拨款收入总计 just named), or in a
    section whose heading is that name (五、一般公共预算财政拨款支出决算情况说明: its
    财政拨款支出 is the 一般公共预算财政拨款支出). A budget figure (年初预算) is no such amount."""
    if not claim.phrase:
        return None
    fuller = [
        c
        for c in ctx.claims
        if c.kind is ClaimKind.AMOUNT
        and c.section is claim.section
        and c.offset < claim.offset
        and c.subject != claim.subject
        and c.phrase != claim.phrase
        and c.phrase.endswith(claim.phrase)
        and not (c.subject or "").endswith(BUDGET_VARIANT)
    ]
    same = [c for c in fuller if c.sentence == claim.sentence]
    headed = [c for c in fuller if c.phrase in claim.section.title]
    found = same or headed
    return found[-1] if found else None


def _compatible(a: Claim, b: Claim) -> bool:
    """Whether two claims of one sentence may be of the same money, changing the same way
    (增加 164.48 万元 … 统一压减 10% is a cause's percentage, not the increase's)."""
    if a.direction and b.direction and a.direction != b.direction:
        return False
    return a.subject is None or b.subject is None or a.subject == b.subject


def _change_for(ctx: Context, claim: Claim) -> tuple[Claim, Confidence] | None:
    changes = [c for c in ctx.claims if c.kind is ClaimKind.CHANGE and c.unit in ("万元", "元")]
    same_sentence = [
        c
        for c in changes
        if c.sentence == claim.sentence and c.offset < claim.offset and _compatible(c, claim)
    ]
    if same_sentence:
        return same_sentence[-1], Confidence.HIGH
    same_subject = [c for c in changes if c.subject and c.subject == claim.subject]
    if same_subject:
        return same_subject[0], Confidence.HIGH
    own = current_of(ctx, claim)
    if own is None:
        return None
    for c in changes:
        other = current_of(ctx, c)
        if other is not None and other[0] == own[0] and c.direction == claim.direction:
            return c, Confidence.MEDIUM  # the same money under another name
    return None


def _two_years(ctx: Context, claim: Claim) -> tuple[Claim, Claim] | None:
    """Last year's and this year's amounts of an item paragraph's sentence (2022年当年预算执行数
    为11.67万元，2023年预算安排45.41万元，比2022年预算执行数增加314.82%), both before the
    percentage and of its quantity."""
    before = [
        c
        for c in ctx.claims
        if c.kind is ClaimKind.AMOUNT
        and c.section is claim.section
        and c.sentence == claim.sentence
        and c.offset < claim.offset
        and c.subject == claim.subject
    ]
    last = [c for c in before if c.measure in ("上年预算", "上年执行")]
    this = [c for c in before if c.own]
    if not last or not this or last[-1].unit != this[-1].unit:
        return None
    return last[-1], this[-1]


@rule("narrative.change-percent", Severity.ERROR)
def change_percent(ctx: Context) -> Iterator[Check]:
    """A year-over-year percentage is the change divided by the previous year's figure.

    The previous year is this year ∓ the stated change (比上年减少 2.81 万元 → this year +
    2.81), or last year's figure when the sentence states both years' (上年预算执行数为 P，本年
    预算安排 C，比上年增加 R%; its 增加/减少 must then match the sign of C − P). A percentage that
    equals the change over *this* year's figure is reported as computed on the wrong base, with
    the right one; a growth rate printed over a zero last year (0 → 60.13, 增加 100%) is
    reported as having no base at all.
    """
    for claim in ctx.claims:
        if claim.kind is not ClaimKind.CHANGE_PERCENT:
            continue
        if _ADJUSTED.search(claim.sentence):
            yield ctx.skip("a change on an adjusted basis: neither year's figure is the table's")
            continue
        years = _two_years(ctx, claim)
        if years is not None:
            yield from _from_two_years(ctx, claim, *years)
            continue
        found = _change_for(ctx, claim)
        current = current_of(ctx, claim)
        if found is None or current is None:
            yield ctx.skip("a change percentage without a stated change amount or current figure")
            continue
        change, confidence = found
        value, where = current
        delta = claim_value(change, MoneyUnit.WAN)
        previous = value - change.direction * delta
        if previous == 0 and change.direction > 0 and claim.value and confidence is Confidence.HIGH:
            yield _zero_base(ctx, claim, value)
            continue
        if previous <= 0:
            yield ctx.skip("the previous year's figure works out as zero or less")
            continue
        written = _written(ctx, claim)
        if written is not None and written != value and written - change.direction * delta > 0:
            other = written - change.direction * delta
            if agree(claim.value, delta / other * HUNDRED) is Verdict.SAME:
                yield ctx.ok()  # right over the amount its sentence states (see narrative.amount)
                continue
        yield from _judge(ctx, claim, value, previous, where, confidence)


def _zero_base(ctx: Context, claim: Claim, value: Decimal) -> Check:
    return ctx.fail(
        f"情况说明称{claim.phrase or '该项'}比上年增长 {fmt(claim.value)}%，但上年数为 0"
        f"（本年 {fmt(value)} 万元全为新增）：增长率无从计算。",
        ctx.at_section(claim.section, span_of(claim)),
        stated=claim.value,
        evidence=[("上年数", ZERO), ("本年数", value)],
        suggestion="上年为 0 时不写增长百分比，写明“上年无此项支出，本年新增”。",
    )


def _from_two_years(ctx: Context, claim: Claim, last: Claim, this: Claim) -> Iterator[Check]:
    previous, value = last.value, this.value
    if previous == 0:
        if claim.value and value > 0:
            yield _zero_base(ctx, claim, value)
        else:
            yield ctx.skip("a change over a zero last year")
        return
    sign = 1 if value > previous else -1 if value < previous else 0
    if claim.direction and sign and claim.direction != sign:
        word = "增加" if claim.direction > 0 else "减少"
        yield ctx.fail(
            f"情况说明称{claim.phrase or '该项'}比上年{word} {fmt(claim.value)}%，但上年 "
            f"{fmt(previous)}、本年 {fmt(value)}：方向相反。",
            ctx.at_section(claim.section, span_of(claim)),
            stated=claim.value,
            expected=rounded(abs(value - previous) / previous * HUNDRED, claim.value),
            evidence=[("上年数", previous), ("本年数", value)],
        )
        return
    yield from _judge(ctx, claim, value, previous, "情况说明所述本年数", Confidence.HIGH)


def _judge(
    ctx: Context,
    claim: Claim,
    value: Decimal,
    previous: Decimal,
    where: str,
    confidence: Confidence,
) -> Iterator[Check]:
    """The percentage against |this year − last year| / last year × 100."""
    delta = abs(value - previous)
    expected = delta / previous * HUNDRED
    slack = (Decimal("0.005") * 2) / previous * HUNDRED + delta * Decimal(
        "0.005"
    ) / previous**2 * HUNDRED
    verdict = agree(claim.value, expected, slack)
    if verdict is Verdict.SAME:
        yield ctx.ok()
        return
    wrong_base = value and agree(claim.value, delta / value * HUNDRED) is Verdict.SAME
    up = value >= previous
    word = "增加" if up else "减少"
    message = (
        f"情况说明称{claim.phrase or '该项'}比上年{word} {fmt(delta)} 万元、{word} {fmt(claim.value)}%，"
        f"按上年数 {fmt(previous)}（{fmt(value)} {'−' if up else '+'} {fmt(delta)}）"
        f"计算应为 {fmt(rounded(expected, claim.value))}%。"
    )
    suggestion = f"{fmt(delta)} ÷ {fmt(previous)} × 100 = {fmt(rounded(expected, claim.value))}%。"
    if wrong_base:
        suggestion = (
            f"{fmt(claim.value)}% 是以本年数 {fmt(value)} 为分母算得的；增减率应以上年数"
            f" {fmt(previous)} 为分母：" + suggestion
        )
    yield ctx.fail(
        message,
        ctx.at_section(claim.section, span_of(claim)),
        stated=claim.value,
        expected=rounded(expected, claim.value),
        evidence=[("本年数（" + where + "）", value), ("增减额", delta), ("上年数", previous)],
        suggestion=suggestion,
        confidence=confidence,
        severity=Severity.INFO if verdict is Verdict.ROUNDING else None,
    )
