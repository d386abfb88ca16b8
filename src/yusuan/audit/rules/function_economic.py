"""The same money classified two ways: functional codes against their economic counterparts.

Some 项 of the functional classification exist for one economic item only: 2080505
机关事业单位基本养老保险缴费支出 is the money of 30108 机关事业单位基本养老保险缴费. The pairs
are package data (`catalog/data/function_economic.csv`), each with a status and a source.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from decimal import Decimal

from yusuan.audit.compare import Verdict, agree, fmt, sum_slack, to_unit
from yusuan.audit.engine import Context, rule
from yusuan.audit.finding import Check, Confidence, Severity
from yusuan.audit.rules.codes import catalog_or_none, cite_catalog, cite_entry, name_of
from yusuan.catalog import Catalog
from yusuan.catalog.reference import MoneyPair, money_pairs
from yusuan.model import Row, RowKind, Table

ZERO = Decimal(0)


def sides(ctx: Context) -> tuple[Table, str, Table, str] | None:
    """(functional table, its column, economic table, its column): 05 合计 against 06 合计,
    or 03 合计 against 07 总计 when 05 or 06 is missing."""
    gpb, basic = ctx.doc.table("gpb_expenditure"), ctx.doc.table("gpb_basic")
    if gpb is not None and basic is not None and "合计" in basic.columns:
        # 合计, not 基本支出: it is a row's first figure, never in doubt, and these lines
        # hold basic money only.
        return gpb, "合计", basic, "合计"
    spent, economic = ctx.doc.table("expenditure"), ctx.doc.table("economic_summary")
    if spent is not None and economic is not None and "总计" in economic.columns:
        return spent, "合计", economic, "总计"
    return None


def rows_of(table: Table, codes: tuple[str, ...]) -> list[Row]:
    return [r for r in table.rows if r.kind is RowKind.CODE and r.code in codes]


def total(rows: list[Row], column: str) -> Decimal:
    return sum((r.value(column) for r in rows), ZERO)


@rule("cross.function-economic", Severity.ERROR)
def function_economic(ctx: Context) -> Iterator[Check]:
    """Money that a functional code and its economic counterpart both classify agrees.

    2080505 ↔ 30108 (养老保险), 2080506 ↔ 30109 (职业年金), 2101101/2101102/2101103 ↔
    30110/30111 (医疗, compared as sums), 2210201 ↔ 30113 (住房公积金), as listed in the
    package data `function_economic.csv`. 05's 合计 on the functional codes is compared with
    06's 合计 on the economic codes, both 一般公共预算 (03 合计 with 07 总计 when 05 or 06 is
    absent), both ways: a line whose counterpart is missing is reported too. A missing
    counterpart where an alternative code the data names holds money (医疗 on 30112
    其他社会保障缴费) is a warning, as is a finding resting on an unverified pair or catalog row.
    Both sides agreeing once an alternative code is counted (2101199 其他行政事业单位医疗支出
    holding the rest of 30110) is no finding. A functional table printing the 款 but none of
    its 项 is compared at the 款 where the catalog's 项 of it are all the pair's (21011). A
    region's convention is a warning: a gap an alternative code can hold (30112 beside
    30110/30111), no 210 class at all (medical insurance booked under 行政运行), or no class
    of any pair (208, 210, 221) at all. Pairs hold in their years (2210201 ↔ 30311 until
    2017, ↔ 30113 from 2018); an economic table without one 301 item is not compared.
    """
    found = sides(ctx)
    if found is None:
        yield ctx.skip("needs 05 and 06 (or 03 and 07)")
        return
    catalog = catalog_or_none(ctx)
    year = ctx.doc.meta.year or (catalog.year if catalog is not None else None)
    pairs = [pair for pair in money_pairs() if pair.holds_in(year)]  # 30311 before 2018 …
    functional, economic = found[0], found[2]
    printed = {r.code[:3] for r in functional.rows if r.kind is RowKind.CODE and r.code}
    # A functional table printing none of the pairs' classes (208, 210, 221) books all of its
    # staff contributions under the department's own function: one convention, followed
    # throughout, not one contribution misclassified.
    own_function = not printed & {code[:3] for pair in pairs for code in pair.functional}
    for pair in pairs:
        e_classes = {code[:3] for code in pair.economic}
        if not any(r.code and r.code[:3] in e_classes for r in rows_of_kind(economic)):
            # An economic table without a single 301 line has not itemised that class.
            yield ctx.skip(f"{name_of(economic)} lists no {'/'.join(sorted(e_classes))} items")
            continue
        pair = kuan_in_place(catalog, pair, functional)
        yield compare(ctx, catalog, pair, *found, own_function=own_function)


def kuan_in_place(catalog: Catalog | None, pair: MoneyPair, functional: Table) -> MoneyPair:
    """The pair compared at the 款 when the functional table prints the 款 of its codes but
    none of its 项 (a table down to 款 only, or a 项 line the reader lost) and every 项 the
    catalog lists under that 款 is the pair's money (21011 = 2101101–2101103 + 2101199)."""
    kuan = {code[:5] for code in pair.functional}
    codes = {*pair.functional, *pair.functional_alternatives}
    if catalog is None or len(kuan) != 1:
        return pair
    (prefix,) = kuan
    rows = rows_of_kind(functional)
    listed = {entry.code for entry in catalog.children(prefix)}
    printed = any(r.code == prefix for r in rows)
    items = any(r.code and len(r.code) > 5 and r.code.startswith(prefix) for r in rows)
    if not printed or items or not listed or not listed <= codes:
        return pair
    return dataclasses.replace(pair, functional=(prefix,), functional_alternatives=())


def rows_of_kind(table: Table) -> list[Row]:
    return [r for r in table.rows if r.kind is RowKind.CODE]


def compare(
    ctx: Context,
    catalog: Catalog | None,
    pair: MoneyPair,
    functional: Table,
    f_column: str,
    economic: Table,
    e_column: str,
    *,
    own_function: bool = False,
) -> Check:
    f_rows, e_rows = rows_of(functional, pair.functional), rows_of(economic, pair.economic)
    if not f_rows and not e_rows:
        return ctx.ok()  # neither classification has this money
    f_total = total(f_rows, f_column)
    e_total = to_unit(total(e_rows, e_column), economic.unit, functional.unit)
    verdict = agree(f_total, e_total, sum_slack(len(f_rows) + len(e_rows)))
    if verdict is Verdict.SAME:
        return ctx.ok()
    f_name, e_name = name_of(functional), name_of(economic)
    f_codes, e_codes = "/".join(pair.functional), "/".join(pair.economic)
    unit = functional.unit.value
    evidence: list[tuple[str, object]] = [
        *((f"{f_name}“{r.label}”{f_column}", r.value(f_column)) for r in f_rows),
        *((f"{e_name}“{r.label}”{e_column}", r.value(e_column)) for r in e_rows),
        (
            "对应关系",
            f"{f_codes} ↔ {e_codes}（{pair.name}）：{pair.status.value}，来源 {pair.source}"
            + (f"；{pair.note}" if pair.note else ""),
        ),
    ]
    location = (
        ctx.at_table(functional, f_rows[0], f_column)
        if f_rows
        else ctx.at_table(economic, e_rows[0], e_column)
    )
    if verdict is Verdict.DIFFERENT and f_rows and e_rows:
        # The other code the data names may hold the rest (其他行政事业单位医疗支出 beside
        # 2101101–2101103; 30112 beside 30110/30111): both sides agree once it is counted.
        f_more = total(rows_of(functional, pair.functional_alternatives), f_column)
        e_more = to_unit(
            total(rows_of(economic, pair.economic_alternatives), e_column),
            economic.unit,
            functional.unit,
        )
        for f_sum, e_sum in ((f_total + f_more, e_total), (f_total, e_total + e_more)):
            if (f_sum, e_sum) != (f_total, e_total) and agree(
                f_sum, e_sum, sum_slack(len(f_rows) + len(e_rows) + 1)
            ) is not Verdict.DIFFERENT:
                return ctx.ok()
    if verdict is Verdict.ROUNDING:
        return ctx.fail(
            f"{pair.name}：{f_name} {f_codes} {fmt(f_total)} 与 {e_name} {e_codes} {fmt(e_total)}"
            f" 相差 {fmt(abs(f_total - e_total))}，可由四舍五入解释。",
            location,
            stated=f_total,
            expected=e_total,
            evidence=evidence,
            severity=Severity.INFO,
        )
    # Which codes the finding rests on: the missing side's, or every code when both are there.
    if not e_rows:
        relied, alternatives = pair.economic, rows_of(economic, pair.economic_alternatives)
        alt_table, alt_column = economic, e_column
    elif not f_rows:
        relied, alternatives = pair.functional, rows_of(functional, pair.functional_alternatives)
        alt_table, alt_column = functional, f_column
    else:
        relied = pair.functional + pair.economic
        # Only an alternative that can hold the gap explains it: 30112 beside 30110/30111 when
        # the functional side is larger, 2101199 beside 2101101–03 when the economic side is.
        if f_total > e_total:
            alt_table, alt_column, codes = economic, e_column, pair.economic_alternatives
        else:
            alt_table, alt_column, codes = functional, f_column, pair.functional_alternatives
        gap = abs(f_total - e_total)
        held = to_unit(
            total(rows_of(alt_table, codes), alt_column), alt_table.unit, functional.unit
        )
        alternatives = rows_of(alt_table, codes) if held >= gap else []
    alternatives = [r for r in alternatives if r.value(alt_column) != ZERO]
    # A region may book the money under the department's own function, printing no class of
    # the functional codes at all (苏州市级 books staff medical insurance under 行政运行): a
    # convention the data allows for some pairs, not a misclassification.
    f_classes = {code[:3] for code in pair.functional}
    convention = not f_rows and (
        own_function
        or (
            pair.class_may_be_absent
            and not any(r.code and r.code[:3] in f_classes for r in rows_of_kind(functional))
        )
    )
    evidence += [
        (f"{name_of(alt_table)}“{r.label}”{alt_column}", r.value(alt_column)) for r in alternatives
    ]
    entries = [catalog.lookup(code) for code in relied] if catalog is not None else []
    weak = [code for code, e in zip(relied, entries, strict=True) if e is None or not e.verified]
    if catalog is not None:
        evidence += [cite_entry(e) for e in entries if e is not None]
        evidence.append(cite_catalog(catalog))
    if not e_rows:
        message = (
            f"{f_name}中 {f_codes}（{pair.name}）共 {fmt(f_total)} {unit}，"
            f"{e_name}中没有对应的经济分类科目 {e_codes}。"
        )
        suggestion = f"在{e_name}中按 {e_codes} 列示这笔{pair.name}缴费。"
    elif not f_rows:
        message = (
            f"{e_name}中 {e_codes}（{pair.name}）共 {fmt(e_total)} {unit}，"
            f"{f_name}中没有对应的功能分类科目 {f_codes}：这笔支出似被归入了其他功能科目。"
        )
        suggestion = f"将这笔支出在{f_name}中调整到 {f_codes}。"
    else:
        message = (
            f"{pair.name}：{f_name}中 {f_codes} 共 {fmt(f_total)} {unit}，"
            f"与{e_name}中 {e_codes} 共 {fmt(e_total)} {unit} 不符。"
        )
        suggestion = None
    if alternatives:
        shown = "、".join(f"{r.label} {fmt(r.value(alt_column))}" for r in alternatives)
        message += (
            f"{name_of(alt_table)}另有 {shown}，{pair.name}的钱可能记在该科目"
            "（该科目也可含其他项目），请核实。"
        )
    unconfirmed = [] if pair.verified else ["对应关系未核实"]
    if weak:
        unconfirmed.append(f"目录中 {'、'.join(weak)} 未核实或未列")
    if unconfirmed:
        message += f"（{'；'.join(unconfirmed)}）"
    if convention:
        message += (
            f"{f_name}未列 {'/'.join(sorted(f_classes))} 类：有的地区将这笔支出列在本部门的"
            "功能科目（如行政运行）下，请核实。"
        )
    cautious = bool(alternatives) or bool(unconfirmed) or convention
    return ctx.fail(
        message,
        location,
        stated=f_total,
        expected=e_total,
        evidence=evidence,
        suggestion=suggestion,
        severity=Severity.WARNING if cautious else None,
        confidence=Confidence.MEDIUM if cautious else Confidence.HIGH,
    )
