"""Economic codes in 06/07: the department → government correspondence (对照表) for the
unit's type, and 人员经费 / 公用经费 by economic class."""

from __future__ import annotations

from collections.abc import Iterator

from yusuan.audit.compare import Verdict, agree, fmt, sum_slack
from yusuan.audit.engine import Context, rule
from yusuan.audit.finding import Check, Confidence, Severity
from yusuan.audit.rules.codes import (
    CLASS_COLUMN,
    ECONOMIC_TABLES,
    GOV_COLUMN,
    PERSONNEL,
    PUBLIC,
    UNIT_TYPES,
    ZERO,
    catalog_or_none,
    cite_catalog,
    cite_entry,
    cite_mapping,
    load,
    name_of,
)
from yusuan.catalog import Catalog, MappingEntry, UnitType
from yusuan.catalog.reference import Convention, conventions_for
from yusuan.model import UNDECIDED, Placement, Row, RowKind, Table

# -- catalog.econ-mapping ---------------------------------------------------------------------


@rule("catalog.econ-mapping", Severity.ERROR)
def econ_mapping(ctx: Context) -> Iterator[Check]:
    """A department economic code paired with a government code the 对照表 does not allow.

    The official correspondence (对照表) maps each department economic code to government
    economic codes by the unit's type. Checks every code pair of 06 and 07. The unit type is `--unit-type` (机关 or 事业); the
    通用 rows hold for both. When it is not given, a pairing allowed for any unit type is
    accepted and a finding says so. The finding cites the correspondence rows and their
    status: an unverified row makes it a warning at most, as does a department code the
    correspondence lists only for another unit type.
    """
    catalog = yield from load(ctx)
    if catalog is None:
        return
    unit = UNIT_TYPES.get(ctx.unit_type or "")
    pairs = [
        (table, row)
        for key in ECONOMIC_TABLES
        if (table := ctx.doc.table(key)) is not None
        for row in table.rows
        if row.kind is RowKind.CODE and row.code and row.gov_code
    ]
    if not pairs:
        yield ctx.skip("no economic code pairs in 06/07")
        return
    assumed = (
        ("单位类型", unit.value)
        if unit is not None
        else ("单位类型", "未指定：接受任一单位类型（机关、事业单位、通用）的对应关系")
    )
    for table, row in pairs:
        listed = catalog.gov_codes_for(row.code or "")
        if not listed:
            yield ctx.skip("the correspondence lists no row for this department code")
            continue
        usable = catalog.gov_codes_for(row.code or "", unit)
        if any(m.gov_code == row.gov_code for m in usable):
            yield ctx.ok()
            continue
        yield mispaired(ctx, catalog, table, row, unit, listed, usable, assumed)


def mispaired(
    ctx: Context,
    catalog: Catalog,
    table: Table,
    row: Row,
    unit: UnitType | None,
    listed: tuple[MappingEntry, ...],
    usable: tuple[MappingEntry, ...],
    assumed: tuple[str, str],
) -> Check:
    pair = f"{name_of(table)}“{row.code} {row.name}”与政府经济分类 {row.gov_code}“{row.gov_name or ''}”"
    evidence: list[tuple[str, object]] = [assumed, *(cite_mapping(m) for m in listed)]
    gov = catalog.econ_gov(row.gov_code or "")
    if gov is not None:
        evidence.append(cite_entry(gov))
    evidence.append(cite_catalog(catalog))
    where = ctx.at_table(table, row, GOV_COLUMN)
    if not usable:  # only other unit types are listed: the partial table cannot tell
        others = "、".join(f"{m.unit_type.value} {m.gov_code}" for m in listed)
        return ctx.fail(
            f"{pair}配对；对照表未列 {row.code} 在{unit.value if unit else ''}下的对应科目"
            f"（仅列有 {others}），无法确认。",
            where,
            evidence=evidence,
            severity=Severity.WARNING,
            confidence=Confidence.LOW,
        )
    wanted = sorted({m.gov_code for m in usable})
    verified = all(m.verified for m in usable)
    allowed = "、".join(f"{m.gov_code}（{m.unit_type.value}）" for m in usable)
    scope = (
        f"在{unit.value}（含通用）下对应 {allowed}，不对应 {row.gov_code}"
        if unit is not None
        else f"对应 {allowed}，任何单位类型下都不对应 {row.gov_code}"
    )
    unconfirmed = "" if verified else "（对照表相关行未核实）"
    target = catalog.econ_gov(wanted[0]) if len(wanted) == 1 else None
    suggestion = (
        f"改为 {wanted[0]}“{target.name}”。"
        if target is not None
        else f"按对照表改为 {'、'.join(wanted)} 之一。"
    )
    return ctx.fail(
        f"{pair}配对，但对照表中 {row.code} {scope}{unconfirmed}。",
        where,
        evidence=evidence,
        suggestion=suggestion,
        severity=None if verified else Severity.WARNING,
        confidence=Confidence.HIGH if verified else Confidence.LOW,
    )


def convention_covers(
    table: Table, row: Row, column: str, local: tuple[Convention, ...]
) -> tuple[Convention, ...]:
    """The local conventions that put `row`'s money in `column`: the row's own code's, or for
    a class row, those of its items when they hold all of the class's money there."""
    code = row.code or ""
    mine = tuple(c for c in local if c.column == column and c.code == code)
    if mine or len(code) != 3:
        return mine
    items = [
        (r, c)
        for r in table.rows
        for c in local
        if r.kind is RowKind.CODE and r.code == c.code and c.code[:3] == code and c.column == column
    ]
    held = sum((r.value(column) for r, _ in items), ZERO)
    if items and agree(row.value(column), held, sum_slack(len(items) + 1)) is not Verdict.DIFFERENT:
        return tuple(c for _, c in items)
    return ()


# -- catalog.personnel-public -----------------------------------------------------------------


@rule("catalog.personnel-public", Severity.ERROR)
def personnel_public(ctx: Context) -> Iterator[Check]:
    """An economic code counted as 人员经费 or 公用经费 against its class in 06.

    301 工资福利支出 and 303 对个人和家庭的补助 are 人员经费; 302 商品和服务支出 and 310
    资本性支出 are 公用经费. A 302 row with money in the 人员经费 column (or a 301 row in
    公用经费) is an error. Rows whose columns the reader could only guess, and rows it placed
    by their code's class (consistent by construction), are skipped: flattened text loses
    blank cells, and only a row whose columns the printed figures decide can be wrong.
    A template family's own convention (`catalog/data/conventions.csv`: 浙江 splits 基本支出 by
    支出用途 and counts 30399 in 公用经费; 陕西 counts 30239 公务交通补贴 in 人员经费) is no
    error: an `info` naming the convention.
    """
    table = ctx.doc.table("gpb_basic")
    if table is None:
        yield ctx.skip("no 一般公共预算基本支出表")
        return
    if not {PERSONNEL, PUBLIC} <= set(table.columns):
        yield ctx.skip("the 基本支出表 has no 人员经费/公用经费 columns")
        return
    catalog = catalog_or_none(ctx)
    local_rules = conventions_for(
        table.template or ctx.doc.meta.template, "catalog.personnel-public"
    )
    for row in table.rows:
        if row.kind is not RowKind.CODE or not row.code:
            continue
        own = CLASS_COLUMN.get(row.code[:3])
        if own is None:
            yield ctx.skip("an economic class that is neither 人员经费 nor 公用经费")
            continue
        wrong = PUBLIC if own == PERSONNEL else PERSONNEL
        amount = row.value(wrong)
        if row.placement is Placement.CODE:
            yield ctx.skip("the reader placed the row by its code's class")
            continue
        if row.placement in UNDECIDED:
            yield ctx.skip("the reader could not tell which columns the row's figures are in")
            continue
        if amount == ZERO:
            yield ctx.ok()
            continue
        evidence: list[tuple[str, object]] = [
            (f"{name_of(table)}“{row.label}”{wrong}", amount),
            ("归类依据", "301、303 类为人员经费；302、310 类为公用经费"),
            ("读取方式", row.placement.value),
        ]
        local = convention_covers(table, row, wrong, local_rules)
        if local:
            codes = "、".join(c.code for c in local)
            yield ctx.fail(
                f"{name_of(table)}“{row.code} {row.name}”的 {fmt(amount)} 列在“{wrong}”栏；"
                f"按全国口径 {row.code[:3]} 类应计入{own}，但本地表样惯例将 {codes} 计入{wrong}"
                "，不作为错误。",
                ctx.at_table(table, row, wrong),
                stated=amount,
                expected=ZERO,
                evidence=[
                    *evidence,
                    *(
                        (
                            f"本地惯例 {c.template} {c.code}",
                            f"{c.note}（{c.status.value}，来源 {c.source}）",
                        )
                        for c in local
                    ),
                ],
                severity=Severity.INFO,
                confidence=Confidence.LOW,
            )
            continue
        cls = catalog.econ_dept(row.code[:3]) if catalog is not None else None
        if cls is not None and catalog is not None:
            evidence += [cite_entry(cls), cite_catalog(catalog)]
        cls_name = f"{cls.name}（{cls.code}）" if cls is not None else row.code[:3]
        yield ctx.fail(
            f"{name_of(table)}“{row.code} {row.name}”属{cls_name}类，应计入{own}，"
            f"但“{wrong}”栏填列 {fmt(amount)}。",
            ctx.at_table(table, row, wrong),
            stated=amount,
            expected=ZERO,
            evidence=evidence,
            suggestion=f"将 {fmt(amount)} 移至“{own}”栏，并相应调整合计行。",
        )
