"""The narrative against the tables: every amount, share and change stated in words."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import ROUND_DOWN, Decimal

from yusuan.audit import binding
from yusuan.audit.claims import Claim, ClaimKind
from yusuan.audit.compare import (
    HUNDRED,
    Verdict,
    agree,
    fmt,
    precision,
    rounded,
    share,
    sum_slack,
    to_unit,
)
from yusuan.audit.engine import Context, rule
from yusuan.audit.finding import Check, Severity
from yusuan.audit.quantities import PARENT, Quantity
from yusuan.model import MoneyUnit, Span

ZERO = Decimal(0)


def claim_unit(claim: Claim) -> MoneyUnit:
    return MoneyUnit.YUAN if claim.unit == "元" else MoneyUnit.WAN


def claim_value(claim: Claim, unit: MoneyUnit) -> Decimal:
    """A stated amount in the table's unit (the narrative is usually in 万元)."""
    return claim.value * claim_unit(claim).in_yuan / unit.in_yuan


def span_of(claim: Claim) -> Span:
    return Span(claim.section.span.path, claim.line, claim.line)


def quantity(ctx: Context, key: str | None) -> Quantity | None:
    return ctx.quantities.get(key) if key else None


def same_money(ctx: Context) -> frozenset[frozenset[str]]:
    """Scopes the document's tables show to be the same money: 财政拨款 and 一般公共预算 when
    no other fund pays anything, all funds and 财政拨款 when every yuan is 财政拨款."""
    totals = {
        binding.ALL_FUNDS: ctx.quantities.get("本年支出合计"),
        "财政拨款": ctx.quantities.get("财政拨款支出"),
        "一般公共预算": ctx.quantities.get("一般公共预算支出"),
    }
    yuan = {s: q.in_unit(MoneyUnit.YUAN) for s, q in totals.items() if q is not None}
    pairs = {
        frozenset((a, b))
        for a in yuan
        for b in yuan
        if a != b and abs(yuan[a] - yuan[b]) < 1 and yuan[a] > 0
    }
    if len(pairs) == 2:  # two equalities among three totals make all three the same
        pairs = {frozenset((a, b)) for a in yuan for b in yuan if a != b}
    return frozenset(pairs)


def bound_key(ctx: Context, claim: Claim, key: str | None = None) -> tuple[str | None, str]:
    """The key of the table figure a claim is to be held against, given the scope its clause
    names (政府性基金拨款支出预算 → the 政府性基金 table's total); None and why when the claim
    is not to be checked."""
    key = claim.subject if key is None else key
    if claim.unsure:
        return None, claim.unsure
    if key is None:
        return None, "the figure names no known quantity"
    if not claim.scope_said:
        return key, ""
    found = binding.rescoped(key, claim.scope, same_money(ctx))
    if found is None:
        return None, (
            f"the figure is stated for {claim.scope}; the tables state {key} for "
            f"{binding.natural_scope(key)}"
        )
    return found, ""


def stated_amount(ctx: Context, key: str | None, near: Claim) -> Claim | None:
    """An amount the narrative states for `key`, preferring the same sentence, then section."""
    amounts = [c for c in ctx.claims if c.kind is ClaimKind.AMOUNT and c.subject == key and c.own]
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


def _whole_by_its_share(ctx: Context, claim: Claim) -> bool:
    """Whether an amount is named only by the share of 100% after it (共涉及资金 940.15 万元，占
    一般公共预算项目支出总额的 100%): the share's check reports a conflict, once."""
    return claim.all_of and any(
        c.kind is ClaimKind.SHARE
        and c.sentence == claim.sentence
        and c.section is claim.section
        and c.offset > claim.offset
        and c.value == 100
        and c.base == claim.subject
        for c in ctx.claims
    )


@rule("narrative.amount", Severity.ERROR)
def amount(ctx: Context) -> Iterator[Check]:
    """Every amount the 情况说明 states equals the table figure it names.

    收入总计, 支出总计, 一般公共预算收入, 基本支出, 项目支出, 人员经费, 公用经费, each
    functional class — or the 款 or 项 named under it (一般公共服务支出（类）财政事务（款）行政运行
    （项）) —, 三公经费 and each of its parts … A figure stated to fewer decimals is compared at
    its own precision; units (万元 / 元) are converted. A class of a table that prints no
    functional codes is unknown, not zero: its check is skipped.
    """
    compared: list[tuple[Claim, Quantity, Verdict]] = []
    for claim in ctx.claims:
        if claim.kind is not ClaimKind.AMOUNT or (claim.subject is None and not claim.unsure):
            continue
        if not claim.own:
            yield ctx.skip(f"a figure of {claim.measure}, not this year's amount")
            continue
        if _whole_by_its_share(ctx, claim):
            yield ctx.skip("said to be all of its whole: narrative.share holds the two")
            continue
        key, why = bound_key(ctx, claim)
        q = quantity(ctx, key)
        if key is None or q is None:
            yield ctx.skip(why if key is None else ctx.quantities.why_unknown(key))
            continue
        # In the claim's unit, so that 1623.18 万元 is compared at its 0.01 万元 against a table's
        # 16231840.80 元, not at 0.01 元.
        unit = claim_unit(claim)
        slack = to_unit(sum_slack(q.terms), q.unit, unit)
        compared.append((claim, q, agree(claim.value, q.in_unit(unit), slack)))
    truncates = truncating(compared)
    reported: set[tuple[int, str, Decimal]] = set()
    for claim, q, verdict in compared:
        # An item paragraph states its amount twice (heading, 本年预算安排): one finding.
        again = (id(claim.section), q.key, claim.value)
        if verdict is not Verdict.SAME and again in reported:
            yield ctx.skip("the same figure of the same quantity, already reported")
            continue
        reported.add(again)
        unit = claim_unit(claim)
        if verdict is Verdict.SAME or (truncates and claim.value == truncated(q, claim)):
            yield ctx.ok()
            continue
        other = _either(ctx, claim)
        if other is not None and agree(claim.value, other.in_unit(unit)) is Verdict.SAME:
            yield ctx.ok()  # 收入预算 as the 收入总计, 上年结转 included
            continue
        severity = Severity.INFO if verdict is Verdict.ROUNDING else None
        yield ctx.fail(
            f"情况说明称{claim.phrase} {fmt(claim.value)} {claim.unit}，"
            f"而{q.where} 为 {fmt(q.value)} {q.unit.value}。",
            ctx.at_section(claim.section, span_of(claim)),
            stated=claim.value,
            expected=q.in_unit(unit),
            evidence=[(q.where, q.value)],
            suggestion=None if severity else consensus(ctx, claim, q),
            severity=severity,
        )


def _either(ctx: Context, claim: Claim) -> Quantity | None:
    """The other quantity a figure's name may mean (收入预算: 本年收入合计 or 收入总计)."""
    alternative = binding.words().either.get(claim.phrase)
    if alternative is None:
        return None
    key, _ = bound_key(ctx, claim, alternative)
    return quantity(ctx, key)


def truncated(q: Quantity, claim: Claim) -> Decimal:
    """The table figure cut (not rounded) to the digits the claim was printed with."""
    return rounded(q.in_unit(claim_unit(claim)), claim.value, ROUND_DOWN)


def truncating(compared: list[tuple[Claim, Quantity, Verdict]]) -> bool:
    """Whether the document cuts 元 to 万元 rather than rounding: among its figures where the
    two differ, at least two are cut and none is rounded (87.708 → 87.70, 78.2164 → 78.21)."""
    cut = rounded_up = 0
    for claim, q, _ in compared:
        exact = q.in_unit(claim_unit(claim))
        down, near = truncated(q, claim), rounded(exact, claim.value)
        if down == near:
            continue
        if claim.value == down:
            cut += 1
        elif claim.value == near:
            rounded_up += 1
    return cut >= 2 and rounded_up == 0


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
    judged: list[tuple[Claim, str, Quantity | None, Claim | None, Decimal, Decimal]] = []
    for claim in ctx.claims:
        if claim.kind is not ClaimKind.SHARE:
            continue
        base = claim.base or PARENT.get(claim.subject or "")
        if base is None:
            yield ctx.skip("a share of a whole no table states (占固定资产总额的 87.84%)")
            continue
        part_key, why = bound_key(ctx, claim)
        if part_key is None and (claim.unsure or claim.subject is not None):
            yield ctx.skip(why)
            continue
        part_q = quantity(ctx, part_key)
        whole_q = quantity(ctx, base)
        part_stated = stated_amount(ctx, claim.subject, claim)
        # (money said to be all of its whole, 共涉及资金 940.15 万元，占…项目支出总额的 100%: the
        # amount the sentence states is the part, held against the table's whole)
        all_of = part_stated is not None and part_stated.all_of and claim.subject == base
        part = _figure(None if all_of else part_q, part_stated)
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
        judged.append((claim, base, part_q, part_stated, part, whole))
    expectations = {id(c): share(part, whole)[0] for c, _, _, _, part, whole in judged}
    for claim, base, part_q, part_stated, part, whole in judged:
        whole_q = quantity(ctx, base)
        expected, slack = share(part, whole)
        verdict = agree(claim.value, expected, slack)
        if verdict is Verdict.SAME:
            yield ctx.ok()
            continue
        if part_stated is not None and part_stated.sentence == claim.sentence:
            written, _ = share(claim_value(part_stated, MoneyUnit.WAN), whole)
            if agree(claim.value, written, slack) is Verdict.SAME:
                # right over the amount its sentence states; narrative.amount judges that
                yield ctx.ok()
                continue
        if verdict is Verdict.DIFFERENT and balanced(ctx, claim, expected, expectations):
            verdict = Verdict.ROUNDING  # the last share adjusted so that the shares add to 100
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
            ctx.at_section(claim.section, span_of(claim)),
            stated=claim.value,
            expected=rounded(expected, claim.value),
            evidence=evidence,
            suggestion=suggestion,
            severity=Severity.INFO if verdict is Verdict.ROUNDING else None,
        )


def balanced(
    ctx: Context, claim: Claim, expected: Decimal, expectations: dict[int, Decimal]
) -> bool:
    """Whether a share one hundredth of a point off is one a document adjusted so that the
    shares of one whole add up to exactly 100.00: the shares stated for that whole in the
    section add to 100, the correctly rounded ones do not, this one moved toward closing the
    gap, and it is the only one moved (the balancing share) or the shares are as the largest
    remainder method allots them. A tenth of a point moved is a misstatement, not this."""
    unit = precision(claim.value)
    if unit > Decimal("0.01") or abs(claim.value - rounded(expected, claim.value)) != unit:
        return False
    group = [
        c
        for c in ctx.claims
        if c.kind is ClaimKind.SHARE and c.section is claim.section and c.base == claim.base
    ]
    if len(group) < 2 or any(
        id(c) not in expectations or precision(c.value) != unit for c in group
    ):
        return False
    near = {id(c): rounded(expectations[id(c)], c.value) for c in group}
    gap = HUNDRED - sum(near.values(), ZERO)
    moved = claim.value - near[id(claim)]
    if sum((c.value for c in group), ZERO) != HUNDRED or gap == 0 or (gap > 0) != (moved > 0):
        return False
    if all(c.value == near[id(c)] for c in group if c is not claim):
        return True
    floors = {id(c): expectations[id(c)].quantize(unit, rounding=ROUND_DOWN) for c in group}
    missing = int((HUNDRED - sum(floors.values(), ZERO)) / unit)
    order = sorted(group, key=lambda c: expectations[id(c)] - floors[id(c)], reverse=True)
    allotted = {id(c): floors[id(c)] + (unit if k < missing else ZERO) for k, c in enumerate(order)}
    return all(c.value == allotted[id(c)] for c in group)


# The year-over-year percentages live in their own module; the rule list names them here.
from yusuan.audit.rules.changes import change_percent  # noqa: E402
from yusuan.audit.rules.paragraphs import item_record  # noqa: E402

__all__ = ["amount", "change_percent", "item_record", "share_rule"]
