"""三公经费: its own sum, the activity the narrative plans for it, and its economic codes."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from yusuan.audit.claims import ClaimKind
from yusuan.audit.compare import Verdict, agree, fmt, sum_slack, to_unit
from yusuan.audit.engine import Context, rule
from yusuan.audit.finding import Check, Confidence, Severity
from yusuan.audit.quantities import column_in
from yusuan.audit.rules.tables import check_identity, table_quantum, template_of
from yusuan.model import Row, RowKind, Table

ZERO = Decimal(0)
TOTAL = "“三公”经费合计"
ABROAD = "因公出国（境）费"
RECEPTION = "公务接待费"
PURCHASE = "公务用车购置及运行费/公务用车购置费"
RUNNING = "公务用车购置及运行费/公务用车运行费"

# Each part of 三公 is booked on one economic code (部门预算支出经济分类).
ECONOMIC = (
    (ABROAD, "30212", "因公出国（境）费用"),
    (RECEPTION, "30217", "公务接待费"),
    (RUNNING, "30231", "公务用车运行维护费"),
    (PURCHASE, "31013", "公务用车购置"),
)


def _row(ctx: Context) -> tuple[Table, Row] | None:
    table = ctx.doc.table("sangong")
    if table is None or not table.rows:
        return None
    return table, table.rows[0]


@rule("sangong.sum", Severity.ERROR)
def total(ctx: Context) -> Iterator[Check]:
    """The 三公 table adds up: 合计 = 因公出国 + 公务用车购置及运行费 + 公务接待费, and
    公务用车购置及运行费 = 购置费 + 运行费. When the narrative states the total the parts
    make, the finding says the table's 合计 is the figure to correct."""
    found = _row(ctx)
    if found is None:
        yield ctx.skip("no 三公经费 table")
        return
    table, row = found
    template = template_of(table)
    if template is None:
        yield ctx.skip("the 三公经费 table's template is unknown")
        return
    quantum = table_quantum(table)
    for identity in template.identities:
        check = check_identity(ctx, table, row, identity, quantum)
        if check.finding is None or check.finding.severity is Severity.INFO:
            yield check
            continue
        expected = check.finding.expected
        stated_total = [
            c for c in ctx.claims if c.kind is ClaimKind.AMOUNT and c.subject == "三公经费"
        ]
        confirm = [
            c
            for c in stated_total
            if expected is not None
            and agree(to_unit(c.value, table.unit, table.unit), expected) is Verdict.SAME
        ]
        if confirm and identity.left == TOTAL:
            from dataclasses import replace

            note = (
                f"情况说明第{confirm[0].line}行所述三公经费 {fmt(confirm[0].value)} 万元与各项之和一致："
                f"表中“{TOTAL}”应为 {fmt(expected)}。"
            )
            check = replace(check, finding=replace(check.finding, suggestion=note))
        yield check


_ABROAD_WORDS = ("出国", "出境")
_NEAR = 40  # characters before a count that may say what it counts


def _count_claims(ctx: Context, key: str) -> list[int]:
    """The numbers of 出国团组 or 人次 the narrative states: a count of 团组 or 人次 with 出国
    or 出境 said just before it (共接待国内来访团组 3 个, 培训 120 人次 are no trips abroad)."""
    return [
        int(c.value)
        for c in ctx.claims
        if c.kind is ClaimKind.COUNT and c.subject == key and _abroad(c.section.text, c.offset)
    ]


def _abroad(text: str, offset: int) -> bool:
    """Whether 出国 or 出境 is said in the sentence before a count, not far from it."""
    before = re.split(r"[。；;]", text[max(0, offset - _NEAR) : offset])[-1]
    return any(word in before for word in _ABROAD_WORDS)


@rule("sangong.activity", Severity.ERROR)
def activity(ctx: Context) -> Iterator[Check]:
    """Money budgeted for an activity the narrative says will not happen: 因公出国（境）费
    above zero while the narrative plans 0 团组 or 0 人次."""
    found = _row(ctx)
    if found is None:
        yield ctx.skip("no 三公经费 table")
        return
    table, row = found
    # a 决算 prints it beside its 预算数: 因公出国（境）费/决算数 (or 决算数/因公出国（境）费)
    column = column_in(table, ABROAD) or ABROAD
    abroad = row.value(column)
    groups = _count_claims(ctx, "出国团组") + _count_claims(ctx, "出国人次")
    if not groups:
        yield ctx.skip("the narrative states no number of 出国团组 or 人次")
        return
    if abroad > 0 and all(n == 0 for n in groups):
        yield ctx.fail(
            f"{table.id or table.title}安排因公出国（境）费 {fmt(abroad)} 万元，"
            "但情况说明称计划出国团组 0 个、0 人次：二者自相矛盾。",
            ctx.at_table(table, row, column),
            stated=abroad,
            expected=ZERO,
            evidence=[(ABROAD, abroad), ("计划团组/人次", "0")],
        )
    elif abroad == 0 and any(n > 0 for n in groups):
        yield ctx.fail(
            "情况说明计划了因公出国（境）团组或人次，但未安排因公出国（境）费。",
            ctx.at_table(table, row, column),
            stated=abroad,
            severity=Severity.WARNING,
        )
    else:
        yield ctx.ok()


def _economic_total(table: Table, code: str) -> Decimal:
    column = "一般公共预算/小计" if "一般公共预算/小计" in table.columns else table.columns[0]
    return sum(
        (r.value(column) for r in table.rows if r.kind is RowKind.CODE and r.code == code), ZERO
    )


@rule("sangong.traceable", Severity.WARNING)
def traceable(ctx: Context) -> Iterator[Check]:
    """Each part of 三公 appears on its economic code in the 支出经济分类汇总表: 因公出国
    ↔ 30212, 公务接待 ↔ 30217, 公务用车运行 ↔ 30231, 公务用车购置 ↔ 31013."""
    found = _row(ctx)
    economic = ctx.doc.table("economic_summary")
    if found is None or economic is None:
        yield ctx.skip("needs the 三公经费 table and the 支出经济分类汇总表")
        return
    table, row = found
    for column, code, name in ECONOMIC:
        stated = row.value(column)
        booked = to_unit(_economic_total(economic, code), economic.unit, table.unit)
        if stated == 0 and booked == 0:
            yield ctx.ok()
            continue
        verdict = agree(stated, booked, sum_slack(2))
        if verdict is not Verdict.DIFFERENT:
            yield ctx.ok()
            continue
        where = ctx.at_table(table, row, column)
        if booked == 0:
            message = (
                f"{table.id or table.title}的“{column.rsplit('/', 1)[-1]}”{fmt(stated)} 万元在"
                f"{economic.id or economic.title}中找不到对应的经济分类科目 {code} {name}。"
            )
        else:
            message = (
                f"{table.id or table.title}的“{column.rsplit('/', 1)[-1]}”{fmt(stated)} 万元与"
                f"{economic.id or economic.title}中 {code} {name} 的一般公共预算 {fmt(booked)} 万元不符。"
            )
        yield ctx.fail(
            message,
            where,
            stated=stated,
            expected=booked,
            evidence=[(f"{economic.id or economic.title} {code}", booked)],
            confidence=Confidence.MEDIUM,
        )
