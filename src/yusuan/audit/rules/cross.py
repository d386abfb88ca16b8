"""Identities across tables: the same money stated in several tables must agree."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from yusuan.audit.compare import Verdict, agree, fmt, precision, sum_slack, to_unit
from yusuan.audit.engine import Context, rule
from yusuan.audit.finding import Check, Severity
from yusuan.audit.quantities import GRAND_TOTAL, grand_total
from yusuan.audit.rules.tables import template_of
from yusuan.catalog import normalize_name
from yusuan.model import Row, RowKind, Side, Table
from yusuan.structure import leaves
from yusuan.templates import Layout

ZERO = Decimal(0)


@dataclass(frozen=True, slots=True)
class Ref:
    """A figure of a table: its 合计 row (pattern ""), the row whose name matches, or the
    side's grand total (pattern GRAND_TOTAL: 总计, else 收入合计 / 支出合计)."""

    table: str
    column: str
    pattern: str = ""
    side: Side = Side.NONE
    category: str | None = None  # sum the project rows of this type instead


@dataclass(frozen=True, slots=True)
class Figure:
    value: Decimal
    table: Table
    row: Row | None
    column: str
    count: int = 1

    @property
    def label(self) -> str:
        row = self.row.label if self.row is not None else "合计"
        return f"{self.table.id or self.table.title}“{row}”{self.column}"


def read(ctx: Context, ref: Ref) -> Figure | None:
    table = ctx.doc.table(ref.table)
    if table is None or ref.column not in table.columns:
        return None
    rows = [r for r in table.rows if r.side is ref.side]
    if ref.category is not None:
        picked = [r for r in rows if r.kind is RowKind.PROJECT and r.category == ref.category]
        total = sum((r.value(ref.column) for r in picked), ZERO)
        return Figure(total, table, None, ref.column, max(len(picked), 1))
    if ref.pattern == GRAND_TOTAL:
        row = grand_total(rows)
    elif ref.pattern:
        row = next((r for r in rows if re.search(ref.pattern, r.name)), None)
    else:
        row = next((r for r in rows if r.kind is RowKind.TOTAL), None)
        if row is None and len(rows) == 1:
            row = rows[0]
    if row is None:
        if table.is_empty:
            return Figure(ZERO, table, None, ref.column)
        return None
    return Figure(row.value(ref.column), table, row, ref.column)


# Each pair states the same money; the label says what it is.
PAIRS: tuple[tuple[str, Ref, Ref], ...] = (
    (
        "收入总计与支出总计",
        Ref("summary", "金额", GRAND_TOTAL, Side.INCOME),
        Ref("summary", "金额", GRAND_TOTAL, Side.EXPENSE),
    ),
    ("收入总计", Ref("summary", "金额", GRAND_TOTAL, Side.INCOME), Ref("income", "总计")),
    (
        "本年收入合计",
        Ref("summary", "金额", r"^本年收入合计$", Side.INCOME),
        Ref("income", "本年收入/合计"),
    ),
    (
        "一般公共预算收入",
        Ref("summary", "金额", r"^一般公共预算(拨款)?(收入)?$", Side.INCOME),
        Ref("income", "本年收入/一般公共预算/小计"),
    ),
    (
        "本年支出合计",
        Ref("summary", "金额", r"^本年支出合计$", Side.EXPENSE),
        Ref("expenditure", "合计"),
    ),
    (
        "支出总额（支出总表与经济分类汇总表）",
        Ref("expenditure", "合计"),
        Ref("economic_summary", "总计"),
    ),
    (
        "财政拨款一般公共预算收入",
        Ref("fiscal_summary", "金额", r"一般公共预算", Side.INCOME),
        Ref("income", "本年收入/一般公共预算/小计"),
    ),
    (
        "一般公共预算支出",
        Ref("fiscal_summary", "一般公共预算/小计", r"^本年支出$", Side.EXPENSE),
        Ref("gpb_expenditure", "合计"),
    ),
    ("一般公共预算基本支出", Ref("gpb_expenditure", "基本支出/小计"), Ref("gpb_basic", "合计")),
    ("项目支出", Ref("expenditure", "项目支出/小计"), Ref("projects", "合计")),
    (
        "其他运转类项目支出",
        Ref("expenditure", "项目支出/其他运转类"),
        Ref("projects", "合计", category="其他运转类"),
    ),
    (
        "特定目标类项目支出",
        Ref("expenditure", "项目支出/特定目标类"),
        Ref("projects", "合计", category="特定目标类"),
    ),
    (
        "部门预算总额（整体绩效目标表）",
        Ref("performance_overall", "金额", r"预算总额"),
        Ref("income", "总计"),
    ),
    (
        "基本支出（整体绩效目标表）",
        Ref("performance_overall", "金额", r"^基本支出"),
        Ref("expenditure", "基本支出/小计"),
    ),
    (
        "项目支出（整体绩效目标表）",
        Ref("performance_overall", "金额", r"^项目支出"),
        Ref("expenditure", "项目支出/小计"),
    ),
)


def coarser_printed(a: Decimal, b: Decimal) -> bool:
    """Whether one of two figures is the other shown to fewer decimals: 480544221.6 beside
    480,544,221.62 is one spreadsheet cell shown in Excel's General format (ten significant
    digits), not a 0.02 difference. Only a figure printed with decimals says its precision:
    an integer beside 2-decimal figures may be exact (General shows 36 for 36.00)."""

    def places(v: Decimal) -> int:
        exp = v.as_tuple().exponent
        return -exp if isinstance(exp, int) and exp < 0 else 0

    coarse, fine = (a, b) if places(a) < places(b) else (b, a)
    if places(coarse) == 0 or places(coarse) == places(fine):
        return False
    return fine.quantize(precision(coarse), rounding=ROUND_HALF_UP) == coarse


def compare(ctx: Context, label: str, a: Figure, b: Figure) -> Check:
    unit = a.table.unit
    bv = to_unit(b.value, b.table.unit, unit)
    verdict = agree(a.value, bv, sum_slack(a.count + b.count))
    if verdict is not Verdict.SAME and unit is b.table.unit and coarser_printed(a.value, bv):
        verdict = Verdict.SAME
    if verdict is Verdict.SAME:
        return ctx.ok()
    where = ctx.at_table(a.table, a.row, a.column)
    evidence = [(a.label, a.value), (b.label, b.value)]
    if verdict is Verdict.ROUNDING:
        return ctx.fail(
            f"{label}：{a.label} {fmt(a.value)} 与 {b.label} {fmt(b.value)} 相差"
            f" {fmt(abs(a.value - bv))}，可由四舍五入解释。",
            where,
            stated=a.value,
            expected=bv,
            evidence=evidence,
            severity=Severity.INFO,
        )
    return ctx.fail(
        f"{label}不一致：{a.label} 为 {fmt(a.value)}，{b.label} 为 {fmt(b.value)}。",
        where,
        stated=a.value,
        expected=bv,
        evidence=evidence,
    )


def _functional_segment(panel: Table) -> int | None:
    """Which of the 支出 lists printed side by side lists the functional classes: the one
    whose heading names 功能 (支出功能分类科目 | 部门预算支出经济科目 | …); None when none does."""
    spec = template_of(panel)
    if spec is None or spec.layout is not Layout.PANELS:
        return None
    headings = spec.panel(Side.EXPENSE).segments
    return next((k for k, heading in enumerate(headings) if "功能" in heading), None)


def _class_pairs(ctx: Context) -> Iterator[tuple[str, Figure, Figure]]:
    """01 支出 by 类 against 03 summed to 类; 04 支出 by 类 against 05 (+ 09)."""
    from yusuan.audit.quantities import Quantities

    quantities: Quantities = ctx.quantities
    try:
        classes = ctx.catalog.function_classes()
    except Exception:  # no catalog: class names cannot be linked to codes
        return
    by_name = {normalize_name(e.name): e for e in classes}
    for panel_key, panel_column, functional in (
        ("summary", "金额", ("expenditure",)),
        ("fiscal_summary", "合计", ("gpb_expenditure", "gov_fund")),
    ):
        panel = ctx.doc.table(panel_key)
        if panel is None or panel_column not in panel.columns:
            continue
        tables = [ctx.doc.table(t) for t in functional]
        if any(t is None for t in tables):
            continue
        if not any(r.kind is RowKind.CODE for t in tables if t is not None for r in t.rows):
            continue  # a functional table without 类/款/项 rows says nothing by class
        functional_list = _functional_segment(panel)
        for row in panel.rows_on(Side.EXPENSE):
            if row.kind is RowKind.TOTAL or row.name.startswith("其中"):
                continue
            if row.segment is not None and row.segment != functional_list:
                continue  # 支出用途 / 政府经济 lists: 其他支出 there is no class 229
            entry = by_name.get(normalize_name(row.name))
            if entry is None:
                continue
            found = [quantities.functional_class(entry.code, key) for key in functional]
            if any(q is None for q in found):
                continue  # a table that states money but no functional code: the class is unknown
            total = ZERO
            count = 0
            first: Table | None = None
            for q in found:
                if q is not None:
                    total += to_unit(q.value, q.unit, panel.unit)
                    count += q.terms
                    first = first or q.table
            if first is None:
                continue
            yield (
                f"{entry.name}（{entry.code}）",
                Figure(row.value(panel_column), panel, row, panel_column),
                Figure(total, first, None, f"按{entry.code}汇总的合计", max(count, 1)),
            )


def _project_pairs(ctx: Context) -> Iterator[tuple[str, Figure, Figure]]:
    """12 (project targets) amounts against 10 (projects), project by project, by name."""
    targets = ctx.doc.table("performance_projects")
    projects = ctx.doc.table("projects")
    if targets is None or projects is None:
        return
    by_name = {r.name: r for r in projects.rows if r.kind is RowKind.PROJECT}
    column = next((c for c in ("资金总额", "合计") if c in targets.columns), None)
    if column is None:
        return
    for row in targets.rows:
        match = by_name.get(row.name) if row.kind is RowKind.PROJECT else None
        if match is None:
            continue
        yield (
            f"项目“{row.name}”金额",
            Figure(row.value(column), targets, row, column),
            Figure(match.value("合计"), projects, match, "合计"),
        )


@rule("cross.total", Severity.ERROR)
def total(ctx: Context) -> Iterator[Check]:
    """The same total agrees across tables.

    01 收入总计 = 支出总计 = 02 总计 (the grand totals however printed: 收入总计, 总计, or a last
    收入合计 / 支出合计 that includes 上年结转); 01 本年支出合计 = 03 合计 = 07 总计; 01 支出 by 类 = 03
    summed to 类; 04 by 类 = 05 (+ 09); 05 基本支出 = 06 合计; 10 合计 and its 其他运转类 /
    特定目标类 = 03 项目支出; each project of 12 = the same project of 10; the 整体绩效目标表
    totals = 02/03.
    """
    for label, ref_a, ref_b in PAIRS:
        a, b = read(ctx, ref_a), read(ctx, ref_b)
        if a is None or b is None:
            missing = ref_a.table if a is None else ref_b.table
            yield ctx.skip(f"{label}: table {missing} or its figure is not in this disclosure")
            continue
        yield compare(ctx, label, a, b)
    for label, a, b in (*_class_pairs(ctx), *_project_pairs(ctx)):
        yield compare(ctx, label, a, b)


def _sum_of_classes(table: Table, prefixes: tuple[str, ...], column: str) -> tuple[Decimal, int]:
    parts = leaves([r for r in table.rows if r.code and r.code.startswith(prefixes)])
    return sum((r.value(column) for r in parts), ZERO), len(parts)


@rule("cross.basic-vs-economic", Severity.ERROR)
def basic_vs_economic(ctx: Context) -> Iterator[Check]:
    """06's 人员经费 and 公用经费 equal 05's economic columns.

    人员经费 = 工资福利支出 + 对个人和家庭的补助 (economic classes 301 and 303); 公用经费 =
    商品和服务支出 + 资本性支出 (302 and 310). Where 06's own rows, summed by their economic
    class, confirm 05, the finding names the figure to correct.
    """
    basic = ctx.doc.table("gpb_basic")
    gpb = ctx.doc.table("gpb_expenditure")
    if basic is None or gpb is None:
        yield ctx.skip("needs both the 一般公共预算支出表 and the 基本支出表")
        return
    total_basic = next((r for r in basic.rows if r.kind is RowKind.TOTAL), None)
    total_gpb = next((r for r in gpb.rows if r.kind is RowKind.TOTAL), None)
    if total_basic is None or total_gpb is None:
        yield ctx.skip("a 合计 row is missing")
        return
    for column, parts, prefixes in (
        (
            "人员经费",
            ("基本支出/人员经费/工资福利支出", "基本支出/人员经费/对个人和家庭的补助"),
            ("301", "303"),
        ),
        (
            "公用经费",
            ("基本支出/公用经费/商品和服务支出", "基本支出/公用经费/资本性支出"),
            ("302", "310"),
        ),
    ):
        if column not in basic.columns:
            yield ctx.skip(f"{column} is not a column of {basic.id or basic.title}")
            continue
        if not any(p in gpb.columns for p in parts):
            yield ctx.skip(f"{gpb.id or gpb.title} does not split 基本支出 by economic class")
            continue
        stated = total_basic.value(column)
        expected = to_unit(sum((total_gpb.value(p) for p in parts), ZERO), gpb.unit, basic.unit)
        verdict = agree(stated, expected, sum_slack(3))
        if verdict is Verdict.SAME:
            yield ctx.ok()
            continue
        by_codes, count = _sum_of_classes(basic, prefixes, "合计")
        evidence: list[tuple[str, object]] = [
            (f"{basic.id or basic.title} 合计行 {column}", stated),
            *((f"{gpb.id or gpb.title} 合计行 {p}", total_gpb.value(p)) for p in parts),
            (f"{basic.id or basic.title} 中 {'/'.join(prefixes)} 类科目之和", by_codes),
        ]
        suggestion = None
        if count and agree(by_codes, expected, sum_slack(count + 2)) is not Verdict.DIFFERENT:
            suggestion = (
                f"{basic.id or basic.title} 按经济分类科目逐行汇总 {'/'.join(prefixes)} 类为 {fmt(by_codes)}，"
                f"与 {gpb.id or gpb.title} 一致：合计行的“{column}”应为 {fmt(expected)}。"
            )
        yield ctx.fail(
            f"{basic.id or basic.title}的“{column}”{fmt(stated)}与{gpb.id or gpb.title}基本支出中"
            f"{'、'.join(p.rsplit('/', 1)[-1] for p in parts)}之和 {fmt(expected)} 不符。",
            ctx.at_table(basic, total_basic, column),
            stated=stated,
            expected=expected,
            evidence=evidence,
            suggestion=suggestion,
            severity=Severity.INFO if verdict is Verdict.ROUNDING else None,
        )
