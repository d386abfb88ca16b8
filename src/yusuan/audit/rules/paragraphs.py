"""An item paragraph read as one record: `X（类）Y（款）Z（项）A万元。…上年预算执行数为P万元，本年预算
安排C万元` or, in a 决算, `年初预算为B万元，支出决算为F万元，完成年初预算的R%；决算数大于/小于/等于
预算数的主要原因是…`. Its figures must agree with each other as well as with the tables."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from yusuan.audit.claims import Claim, ClaimKind
from yusuan.audit.compare import HUNDRED, Verdict, agree, fmt, rounded
from yusuan.audit.engine import Context, rule
from yusuan.audit.finding import Check, Severity
from yusuan.audit.quantities import BUDGET_VARIANT
from yusuan.audit.rules.narrative import bound_key, span_of

# How far apart (characters of one section) the figures of one item's record may stand.
_RECORD = 320
# 决算数大于预算数 / 决算数小于年初预算数 / 决算数与预算数持平 (一致, 相等, 等于预算数).
_COMPARED = re.compile(
    r"决算数?\s*(?P<word>大于|小于|等于|高于|低于|与(?:年初)?预算数?(?:持平|一致|相等|相同))"
)
_WORDS = {"大于": 1, "高于": 1, "小于": -1, "低于": -1, "等于": 0}


def _base(key: str | None) -> str:
    return (key or "").removesuffix(BUDGET_VARIANT)


def _item(key: str | None) -> bool:
    """Whether a key is a functional 款 or 项 (class:expenditure:201/财政事务 or a 5-7 digit code)."""
    if not key or not key.startswith("class:"):
        return False
    path = key.split("@", 1)[0].split(":", 2)[2]
    return "/" in path or len(path) > 3


def _near(a: Claim, b: Claim) -> bool:
    return a.section is b.section and abs(a.offset - b.offset) <= _RECORD


def _pair(ctx: Context, at: Claim) -> tuple[Claim, Claim] | None:
    """The 年初预算 and the 决算 of the item a figure or a sentence at `at` is about: the last
    two stated before it in its record, of one quantity."""
    earlier = [c for c in ctx.claims if _near(c, at) and c.offset < at.offset]
    # its own sentence's figures, else (完成年初预算的 100.00%。 on its own) the sentence's before
    sentence = [c for c in earlier if c.sentence == at.sentence]
    if not any(c.measure == "决算" for c in sentence) and earlier:
        sentence = [c for c in earlier if c.sentence == earlier[-1].sentence]
    before = [c for c in sentence if c.kind is ClaimKind.AMOUNT and c.subject]
    decided = [c for c in before if c.measure == "决算"]
    if not decided:
        return None
    final = decided[-1]
    budget = [
        c
        for c in before
        if c.measure == "年初预算" and _base(c.subject) == final.subject and c.offset < final.offset
    ]
    return (budget[-1], final) if budget else None


def _restated(ctx: Context) -> Iterator[Check]:
    """The amount of one item stated twice in its record with two figures (the heading's
    220.63 万元, then 本年预算安排 441.25 万元), where no table figure decides which is right."""
    # (a 款 or 项: a 类's name recurs in many contexts, an item's in its own record only)
    own = [c for c in ctx.claims if c.kind is ClaimKind.AMOUNT and c.own and _item(c.subject)]
    for k, later in enumerate(own):
        earlier = [
            c
            for c in own[:k]
            if c.subject == later.subject and c.scope == later.scope and _near(c, later)
        ]
        if not earlier:
            continue
        first = earlier[-1]
        if (
            agree(later.value, first.value) is Verdict.SAME
            or agree(first.value, later.value) is Verdict.SAME
        ):
            yield ctx.ok()
            continue
        key, _ = bound_key(ctx, later)
        if key is not None and ctx.quantities.get(key) is not None:
            yield ctx.skip("restated differently, and held against the table (narrative.amount)")
            continue
        yield ctx.fail(
            f"情况说明对{later.phrase or '该项'}先称 {fmt(first.value)} {first.unit}，"
            f"后又称 {fmt(later.value)} {later.unit}：同一数额前后不一。",
            ctx.at_section(later.section, span_of(later)),
            stated=later.value,
            expected=first.value,
            evidence=[("先述", first.value), ("后述", later.value)],
        )


def _completion(ctx: Context) -> Iterator[Check]:
    for claim in ctx.claims:
        if claim.kind is not ClaimKind.COMPLETION:
            continue
        pair = _pair(ctx, claim)
        if pair is None or pair[0].value == 0:
            yield ctx.skip("a completion rate without its 年初预算 and 决算 stated before it")
            continue
        budget, final = pair
        expected = final.value / budget.value * HUNDRED
        slack = Decimal("0.005") * (final.value + budget.value) / budget.value**2 * HUNDRED
        verdict = agree(claim.value, expected, slack)
        if verdict is Verdict.SAME:
            yield ctx.ok()
            continue
        yield ctx.fail(
            f"情况说明称{final.phrase or '该项'}完成年初预算的 {fmt(claim.value)}%，而其支出决算 "
            f"{fmt(final.value)} ÷ 年初预算 {fmt(budget.value)} × 100 = "
            f"{fmt(rounded(expected, claim.value))}%。",
            ctx.at_section(claim.section, span_of(claim)),
            stated=claim.value,
            expected=rounded(expected, claim.value),
            evidence=[("年初预算", budget.value), ("支出决算", final.value)],
            severity=Severity.INFO if verdict is Verdict.ROUNDING else None,
        )


def _compared(ctx: Context) -> Iterator[Check]:
    """决算数大于/小于/等于预算数 against the two figures of the record it explains."""
    for section in {id(c.section): c.section for c in ctx.claims}.values():
        for match in _COMPARED.finditer(section.text):
            word = match.group("word")
            said = _WORDS.get(word, 0)
            anchors = [c for c in ctx.claims if c.section is section and c.offset < match.start()]
            if not anchors:
                continue
            pair = _pair(ctx, anchors[-1])
            if pair is None or abs(anchors[-1].offset - match.start()) > _RECORD:
                continue
            budget, final = pair
            sign = (final.value > budget.value) - (final.value < budget.value)
            if sign == said:
                yield ctx.ok()
                continue
            level = "持平" in word or "一致" in word or "相" in word
            if level and abs(final.value - budget.value) <= budget.value * Decimal("0.01"):
                yield ctx.ok()  # 基本持平: within a hundredth
                continue
            yield ctx.fail(
                f"情况说明称决算数{word}预算数，而其年初预算 {fmt(budget.value)} 万元、支出决算 "
                f"{fmt(final.value)} 万元。",
                ctx.at_section(final.section, span_of(final)),
                stated=final.value,
                expected=budget.value,
                evidence=[("年初预算", budget.value), ("支出决算", final.value)],
            )


def _rise_beyond(ctx: Context) -> Iterator[Check]:
    """An increase larger than the amount it brought about (政府性基金拨款支出预算0万元，比2022年
    预算增加1421.25万元): last year's figure would be below zero."""
    for change in ctx.claims:
        if change.kind is not ClaimKind.CHANGE or change.direction <= 0 or not change.subject:
            continue
        amounts = [
            c
            for c in ctx.claims
            if c.kind is ClaimKind.AMOUNT
            and c.own
            and c.sentence == change.sentence
            and c.section is change.section
            and c.offset < change.offset
            and c.subject == change.subject
            and c.scope == change.scope
            and c.unit == change.unit
        ]
        if not amounts:
            continue
        amount = amounts[-1]
        if amount.value >= change.value:
            yield ctx.ok()
            continue
        yield ctx.fail(
            f"情况说明称{amount.phrase or '该项'} {fmt(amount.value)} {amount.unit}，比上年增加 "
            f"{fmt(change.value)} {change.unit}：增加额大于本年数，上年数将为负。",
            ctx.at_section(change.section, span_of(change)),
            stated=change.value,
            expected=amount.value,
            evidence=[("本年数", amount.value), ("增加额", change.value)],
        )


@rule("narrative.item", Severity.ERROR)
def item_record(ctx: Context) -> Iterator[Check]:
    """An item paragraph agrees with itself.

    Its amount stated twice (the heading's, then 本年预算安排) is one figure where no table
    decides between them; 完成年初预算的 R% is 支出决算 ÷ 年初预算 × 100 of its own figures; and
    决算数大于/小于/等于预算数 matches them. An increase is no larger than the amount it
    brought about (本年 0 万元，比上年增加 1421.25 万元).
    """
    yield from _restated(ctx)
    yield from _rise_beyond(ctx)
    yield from _completion(ctx)
    yield from _compared(ctx)
