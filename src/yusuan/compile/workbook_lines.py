"""The 预算明细 and 项目 sheets of an input workbook: budget lines and projects with their
performance indicators. Each line's codes are checked for their shape (功能 项 7 digits from 2,
经济 款 5 digits from 3 or 5) and against the catalog where it is sure a code does not exist;
its unit and project must be registered on the 单位 and 项目 sheets."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from yusuan.catalog import Catalog
from yusuan.compile import workbook_layout as lay
from yusuan.compile import workbook_sheets as sheets
from yusuan.compile.budget import Indicator, Line, Project, ProjectType, Source, Unit, Use
from yusuan.compile.workbook_cells import Problems
from yusuan.compile.workbook_sheets import Record

# header → (pattern, what it must be), for the classification codes of a line
_SHAPES = {
    "功能分类科目编码": (re.compile(r"2\d{6}"), "7位项级功能分类编码（以2开头，如 2010301）"),
    "部门经济分类科目编码": (re.compile(r"3\d{4}"), "5位款级部门经济分类编码（以3开头，如 30101）"),
    "政府经济分类科目编码": (re.compile(r"5\d{4}"), "5位款级政府经济分类编码（以5开头，如 50101）"),
}


def known_code(record: Record, header: str, code: str, known: dict[str, Any]) -> str | None:
    """`code` as registered in `known`, restoring leading zeros a number cell dropped (1 for
    a unit 001); None (with a problem) when it is not registered."""
    if code in known:
        return code
    raw = record.raw(header)
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        padded = [k for k in known if k.isdigit() and k.lstrip("0") == code.lstrip("0")]
        if len(padded) == 1:
            return padded[0]
    sheet = lay.UNITS if header == "单位编码" else lay.PROJECTS
    record.problem(header, f"“{header}”{code}不在“{sheet}”表中")
    return None


def classification(record: Record, header: str, catalog: Catalog | None) -> str | None:
    code = record.get(header)
    if code is None:
        return None
    pattern, must = _SHAPES[header]
    if not pattern.fullmatch(code):
        record.problem(header, f"“{code}”应为{must}")
        return None
    if catalog is not None and catalog.is_known_absent(code):
        record.problem(header, f"“{code}”不在{catalog.year}年政府收支分类科目中")
        return None
    return code


def read_lines(
    rows: list[tuple[Any, ...]] | None,
    units: dict[str, Unit],
    projects: dict[str, Project],
    catalog: Catalog | None,
    problems: Problems,
) -> tuple[Line, ...]:
    """The budget lines of the 预算明细 sheet, each with `where` = `预算明细!12`."""
    lines: list[Line] = []
    before = len(problems.items)
    records = sheets.table(lay.LINES, rows, lay.TABLES[lay.LINES], problems)
    for record in records:
        unit = record.get("单位编码")
        if unit is not None and units:
            unit = known_code(record, "单位编码", unit, units)
        function = classification(record, "功能分类科目编码", catalog)
        economic = classification(record, "部门经济分类科目编码", catalog)
        gov = classification(record, "政府经济分类科目编码", catalog)
        source, amount = record.get("资金来源"), record.get("金额")
        use_text, project = record.get("支出类型"), record.get("项目编码")
        use = Use(use_text) if use_text else None
        if project is not None:
            project = known_code(record, "项目编码", project, projects)
        if use is Use.PROJECT and record.blank("项目编码"):
            record.problem("项目编码", "项目支出的行须填项目编码")
        if use in (Use.PERSONNEL, Use.PUBLIC) and not record.blank("项目编码"):
            record.problem("支出类型", f"{use_text}是基本支出，不应填项目编码")
        carried, fiscal = record.get("上年结转"), record.get("财政拨款")
        if None in (unit, function, economic, source, amount):
            continue
        lines.append(
            Line(
                unit=str(unit),
                function=str(function),
                economic=str(economic),
                source=Source(source),
                amount=amount,
                gov_economic=gov,
                use=use,
                project=project,
                carried_over=carried == lay.YES,
                fiscal=fiscal != lay.NO,
                where=record.where,
            )
        )
    if rows is not None and not records and len(problems.items) == before:
        problems.add(lay.LINES, "没有任何预算明细行", 2)
    return tuple(lines)


@dataclass(slots=True)
class _Draft:
    code: str
    row: int
    values: dict[str, Any]
    indicators: list[Indicator] = field(default_factory=list)


def read_projects(
    rows: list[tuple[Any, ...]] | None, units: dict[str, Unit], problems: Problems
) -> dict[str, Project]:
    """The projects of the 项目 sheet by code. A row with a blank 项目编码 (or the code of a
    project above, with its own columns blank) adds a performance indicator to that project."""
    drafts: dict[str, _Draft] = {}
    current: _Draft | None = None
    for record in sheets.table(lay.PROJECTS, rows, lay.TABLES[lay.PROJECTS], problems):
        own = any(not record.blank(h) for h in lay.PROJECT_OWN)
        code = record.get("项目编码", required=False)
        if record.blank("项目编码"):
            if current is None:
                record.problem("项目编码", "项目编码为空，且上方没有项目可续")
                continue
            if own:
                record.problem("项目名称", "项目编码为空的续行只填绩效指标；新项目须填项目编码")
        elif code is None:
            continue
        elif code in drafts:
            if own:
                record.problem("项目编码", f"项目编码{code}重复（已在第{drafts[code].row}行）")
                continue
            current = drafts[code]
        else:
            values = {h: record.get(h, required=True) for h in lay.PROJECT_OWN[:3]}
            values |= {h: record.get(h) or "" for h in lay.PROJECT_OWN[3:]}
            unit = values["单位编码"]
            if unit is not None and units:
                values["单位编码"] = known_code(record, "单位编码", unit, units)
            current = drafts[code] = _Draft(code, record.number, values)
        if any(not record.blank(h) for h in lay.INDICATOR_OWN):
            indicator = _indicator(record)
            if indicator is not None:
                current.indicators.append(indicator)
    projects: dict[str, Project] = {}
    for draft in drafts.values():
        name, unit, kind = (draft.values[h] for h in lay.PROJECT_OWN[:3])
        if name is None or unit is None or kind is None:
            continue  # reported where it was read
        projects[draft.code] = Project(
            code=draft.code,
            name=name,
            unit=unit,
            type=ProjectType(kind),
            purpose=draft.values["主要用途"],
            period=draft.values["实施期"],
            goal=draft.values["年度绩效目标"],
            indicators=tuple(draft.indicators),
        )
    return projects


def _indicator(record: Record) -> Indicator | None:
    level1, level2, name, value = (record.get(h, required=True) for h in lay.INDICATOR_OWN[:4])
    amount: Decimal | None = record.get("指标金额")
    if level1 is None or level2 is None or name is None or value is None:
        return None
    return Indicator(level1, level2, name, value, amount)
