"""The narrative against the tables: every amount, share and change stated in words."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from yusuan.audit.claims import Claim, ClaimKind
from yusuan.audit.compare import (
    HUNDRED,
    Verdict,
    agree,
    fmt,
    rounded,
    share,
    sum_slack,
    to_unit,
)
from yusuan.audit.engine import Context, rule
from yusuan.audit.finding import Check, Confidence, Severity
from yusuan.audit.quantities import BUDGET_VARIANT, PARENT, Quantity
from yusuan.model import MoneyUnit, Span

ZERO = Decimal(0)


def claim_unit(claim: Claim) -> MoneyUnit:
    return MoneyUnit.YUAN if claim.unit == "元" else MoneyUnit.WAN


def claim_value(claim: Claim, unit: MoneyUnit) -> Decimal:
    """A stated amount in the table's unit (the narrative is usually in 万元)."""
    return claim.value * claim_unit(claim).in_yuan / unit.in_yuan


def _span(claim: Claim) -> Span:
    return Span(claim.section.span.path, claim.line, claim.line)


def quantity(ctx: Context, key: str | None) -> Quantity | None:
    return ctx.quantities.get(key) if key else None


def stated_amount(ctx: Context, key: str | None, near: Claim) -> Claim | None:
    """An amount the narrative states for `key`, preferring the same sentence, then section."""
    amounts = [c for c in ctx.claims if c.kind is ClaimKind.AMOUNT and c.subject == key]
    if key is None:
        # an amount of something unnamed is the figure of the claim right after it only
        # (单位预留机动经费 2,388.04 万元，占 10.87%), never of one stated before it
        before = [c for c in amounts if c.sentence == near.sentence and c.offset < near.offset]
        return before[-1] if before and before[-1].section is near.section else None
    for same in (
        lambda c: c.sentence == near.sentence and c.section is near.section,
        lambda c: c.section is near.section,
        lambda c: True,
    ):
        found = [c for c in amounts if same(c)]
        if found:
            return found[0]
    return None


def consensus(ctx: Context, claim: Claim, q: Quantity) -> str:
    """Which figure to correct: the table's own parts may side with the narrative."""
    from yusuan.audit.rules.tables import implied_by_parts

    stated = claim_value(claim, q.unit)
    implied = implied_by_parts(q)
    if implied is not None and agree(stated, implied) is Verdict.SAME and implied != q.value:
        return (
            f"情况说明的 {fmt(claim.value)} 与{q.table.id or q.table.title}中各分项之和 {fmt(implied)} 一致："
            f"应更正的是表中的“{q.column}”{fmt(q.value)}。"
        )
    others = [
        c
        for c in ctx.claims
        if c.kind is ClaimKind.AMOUNT
        and c is not claim
        and c.subject == claim.subject
        and agree(c.value, q.in_unit(claim_unit(c))) is Verdict.SAME
    ]
    again = f"，情况说明另有 {len(others)} 处也写作此数" if others else ""
    figure = fmt(rounded(q.in_unit(claim_unit(claim)), claim.value))
    return f"{q.where} 为 {fmt(q.value)}{again}：此处应为 {figure} {claim.unit}。"


@rule("narrative.amount", Severity.ERROR)
def amount(ctx: Context) -> Iterator[Check]:
    """Every amount the 情况说明 states equals the table figure it names.

    收入总计, 支出总计, 一般公共预算收入, 基本支出, 项目支出, 人员经费, 公用经费, each
    functional class — or the 款 or 项 named under it (一般公共服务支出（类）财政事务（款）行政运行
    （项）) —, 三公经费 and each of its parts … A figure stated to fewer decimals is compared at
    its own precision; units (万元 / 元) are converted. A class of a table that prints no
    functional codes is unknown, not zero: its check is skipped.
    """
    for claim in ctx.claims:
        if claim.kind is not ClaimKind.AMOUNT or claim.subject is None:
            continue
        q = quantity(ctx, claim.subject)
        if q is None:
            yield ctx.skip(ctx.quantities.why_unknown(claim.subject))
            continue
        # In the claim's unit, so that 1623.18 万元 is compared at its 0.01 万元 against a table's
        # 16231840.80 元, not at 0.01 元.
        unit = claim_unit(claim)
        slack = to_unit(sum_slack(q.terms), q.unit, unit)
        verdict = agree(claim.value, q.in_unit(unit), slack)
        if verdict is Verdict.SAME:
            yield ctx.ok()
            continue
        severity = Severity.INFO if verdict is Verdict.ROUNDING else None
        yield ctx.fail(
            f"情况说明称{claim.phrase} {fmt(claim.value)} {claim.unit}，"
            f"而{q.where} 为 {fmt(q.value)} {q.unit.value}。",
            ctx.at_section(claim.section, _span(claim)),
            stated=claim.value,
            expected=q.in_unit(unit),
            evidence=[(q.where, q.value)],
            suggestion=None if severity else consensus(ctx, claim, q),
            severity=severity,
        )


def _figure(q: Quantity | None, stated: Claim | None) -> Decimal | None:
    """A quantity in 万元: the table's figure when a table states it, else the narrative's."""
    if q is not None:
        return q.in_unit(MoneyUnit.WAN)
    return claim_value(stated, MoneyUnit.WAN) if stated is not None else None


@rule("narrative.share", Severity.ERROR)
def share_rule(ctx: Context) -> Iterator[Check]:
    """Every share (占 X%) is its part divided by its whole, × 100, rounded as printed.

    The whole is what the sentence names after 占, else the section's `其中` parent or its
    first total. Part and whole are the table figures where the tables state them.
    """
    for claim in ctx.claims:
        if claim.kind is not ClaimKind.SHARE:
            continue
        base = claim.base or PARENT.get(claim.subject or "")
        if base is None:
            yield ctx.skip("a share of a whole no table states (占固定资产总额的 87.84%)")
            continue
        part_q = quantity(ctx, claim.subject)
        whole_q = quantity(ctx, base)
        part_stated = stated_amount(ctx, claim.subject, claim)
        part = _figure(part_q, part_stated)
        whole = _figure(whole_q, stated_amount(ctx, base, claim))
        if part is None or whole is None:
            yield ctx.skip("the part or the whole of a share is stated nowhere")
            continue
        if whole == 0:
            if claim.value == 0:
                yield ctx.ok()
            else:
                yield ctx.skip("a share of a zero whole")
            continue
        expected, slack = share(part, whole)
        verdict = agree(claim.value, expected, slack)
        if verdict is Verdict.SAME:
            yield ctx.ok()
            continue
        base_name = claim.base_phrase or (whole_q.key if whole_q else base)
        evidence = [(f"{claim.phrase}", part), (f"{base_name}", whole)]
        suggestion = f"{fmt(part)} ÷ {fmt(whole)} × 100 = {fmt(rounded(expected, claim.value))}%。"
        if part_stated is not None and part_q is not None:
            alt, _ = share(claim_value(part_stated, MoneyUnit.WAN), whole)
            if agree(claim.value, alt, Decimal(0)) is Verdict.SAME and alt != expected:
                suggestion += (
                    f"（按情况说明所写的 {fmt(part_stated.value)} 计算才得 {fmt(claim.value)}%。）"
                )
        yield ctx.fail(
            f"情况说明称{claim.phrase}占{base_name} {fmt(claim.value)}%，按表列数应为 "
            f"{fmt(rounded(expected, claim.value))}%。",
            ctx.at_section(claim.section, _span(claim)),
            stated=claim.value,
            expected=rounded(expected, claim.value),
            evidence=evidence,
            suggestion=suggestion,
            severity=Severity.INFO if verdict is Verdict.ROUNDING else None,
        )


def _current(ctx: Context, claim: Claim) -> tuple[Decimal, str] | None:
    named = _named_earlier(ctx, claim)
    if named is not None:
        claim = named
    q = quantity(ctx, claim.subject)
    if q is not None:
        return q.value, q.where
    stated = stated_amount(ctx, claim.subject, claim)
    if stated is not None:
        return stated.value, f"情况说明所述{stated.phrase}"
    return None


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
    own = _current(ctx, claim)
    if own is None:
        return None
    for c in changes:
        other = _current(ctx, c)
        if other is not None and other[0] == own[0] and c.direction == claim.direction:
            return c, Confidence.MEDIUM  # the same money under another name
    return None


@rule("narrative.change-percent", Severity.ERROR)
def change_percent(ctx: Context) -> Iterator[Check]:
    """A year-over-year percentage is the change divided by the previous year's figure.

    The previous year is this year ∓ the stated change (比上年减少 2.81 万元 → this year +
    2.81). A percentage that equals the change over *this* year's figure is reported as
    computed on the wrong base, with the right one.
    """
    for claim in ctx.claims:
        if claim.kind is not ClaimKind.CHANGE_PERCENT:
            continue
        found = _change_for(ctx, claim)
        current = _current(ctx, claim)
        if found is None or current is None:
            yield ctx.skip("a change percentage without a stated change amount or current figure")
            continue
        change, confidence = found
        value, where = current
        delta = change.value
        previous = value - change.direction * delta
        if previous <= 0:
            yield ctx.skip("the previous year's figure works out as zero or less")
            continue
        expected = delta / previous * HUNDRED
        slack = (Decimal("0.005") * 2) / previous * HUNDRED + delta * Decimal(
            "0.005"
        ) / previous**2 * HUNDRED
        verdict = agree(claim.value, expected, slack)
        if verdict is Verdict.SAME:
            yield ctx.ok()
            continue
        wrong_base = value and agree(claim.value, delta / value * HUNDRED) is Verdict.SAME
        word = "增加" if change.direction > 0 else "减少"
        message = (
            f"情况说明称{claim.phrase or '该项'}比上年{word} {fmt(delta)} 万元、{word} {fmt(claim.value)}%，"
            f"按上年数 {fmt(previous)}（{fmt(value)} {'−' if change.direction > 0 else '+'} {fmt(delta)}）"
            f"计算应为 {fmt(rounded(expected, claim.value))}%。"
        )
        suggestion = (
            f"{fmt(delta)} ÷ {fmt(previous)} × 100 = {fmt(rounded(expected, claim.value))}%。"
        )
        if wrong_base:
            suggestion = (
                f"{fmt(claim.value)}% 是以本年数 {fmt(value)} 为分母算得的；增减率应以上年数"
                f" {fmt(previous)} 为分母：" + suggestion
            )
        yield ctx.fail(
            message,
            ctx.at_section(claim.section, _span(claim)),
            stated=claim.value,
            expected=rounded(expected, claim.value),
            evidence=[("本年数（" + where + "）", value), ("增减额", delta), ("上年数", previous)],
            suggestion=suggestion,
            confidence=confidence,
            severity=Severity.INFO if verdict is Verdict.ROUNDING else None,
        )
