"""Read Shanghai's filled 部门/单位预算 workbook (the 2026 template a district hands its units)
into a `Budget`, as it stands.

The template is the publication itself: its tables are already totals. What carries lines:
- 收入总表: each functional 项 by source (财政拨款收入, 事业收入, 事业单位经营收入, 其他收入);
- 支出总表: each 项 split 基本支出 / 项目支出 over all sources;
- 一般公共预算 / 政府性基金 / 国有资本经营预算拨款表: each 项's 基本/项目 of that fiscal source;
- 一般公共预算拨款基本支出明细表: 一般公共预算 basic spending by economic 款, 人员/公用;
- “三公”经费和机关运行费预算表: the 三公 amounts (万元) and 机关运行经费.
Lines are the crossings of these: 一般公共预算 basic spending is split over its economic items
by `north_west` (below), non-fiscal spending over its sources the same way; the 三公
money the basic table does not show is carved out of 一般公共预算 project lines with the 三公
economic codes, so the derived tables give back every figure of the workbook. What no table
says stays unsaid: a project line's economic 款 and a non-fiscal or fund line's are "" (the
Shanghai tables never print them); there is no project list, no prior year, no 三公 counts.
The 收支总表 and 财政拨款收支总表 repeat the totals and are not read; the narrative sheets
(编制说明, 其他相关情况说明, 项目经费情况说明) are output, not input, and are not read either.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

from yusuan.compile import workbook_cells as cells
from yusuan.compile.budget import Budget, Line, Profile, Source, Unit, Use
from yusuan.compile.shanghai_tables import Table, read_table
from yusuan.compile.workbook import WorkbookError, load_rows
from yusuan.compile.workbook_cells import Problems
from yusuan.model import MoneyUnit

INCOME = "收入总表"
SPENDING = "支出总表"
GENERAL = "一般公共预算拨款表"
FUND = "政府性基金拨款表"
CAPITAL = "国有资本经营预算拨款表"
ECONOMIC = "一般公共预算拨款基本支出明细表"
SANGONG = "“三公”经费和机关运行费预算表"
NEEDED = (INCOME, SPENDING, GENERAL, FUND, CAPITAL, ECONOMIC, SANGONG)
_FISCAL = ((GENERAL, Source.GENERAL), (FUND, Source.GOV_FUND), (CAPITAL, Source.STATE_CAPITAL))
_NON_FISCAL = (
    ("事业收入", Source.BUSINESS),
    ("事业单位经营收入", Source.OPERATING),
    ("其他收入", Source.OTHER),
)
# 三公 column of the table → the economic 款 its money is spent under
_SANGONG_ECONOMIC = {
    "因公出国(境)费": "30212",
    "公务接待费": "30217",
    "购置费": "31013",
    "运行费": "30231",
}
_ZERO = Decimal(0)
R = TypeVar("R")
C = TypeVar("C")


def find_sheets(names: list[str]) -> tuple[dict[str, str], str]:
    """The sheet of each table by what it is (the name without its 部门/单位 prefix and any
    trailing space), and which template it is: 部门 or 单位."""
    found: dict[str, str] = {}
    prefix = ""
    for name in names:
        clean = name.strip()
        if clean[:2] in ("部门", "单位") and clean[2:] in NEEDED:
            found[clean[2:]] = name
            prefix = prefix or clean[:2]
    return found, prefix or "部门"


def is_shanghai(names: list[str]) -> bool:
    """True when a workbook's sheets are those of Shanghai's 部门/单位预算 template."""
    return len(find_sheets(names)[0]) >= len(NEEDED) - 1  # one renamed still reads as it


def read_shanghai(
    path: Path, code: str = "", rows: dict[str, list[tuple[Any, ...]]] | None = None
) -> Budget:
    """The Budget a filled Shanghai 2026 部门预算 or 单位预算 workbook states; `code` is the
    department's code, which the workbook does not carry. `WorkbookError` lists every problem.
    `rows`: the workbook's sheets when already loaded."""
    rows = load_rows(path) if rows is None else rows
    problems = Problems()
    sheets, prefix = find_sheets(list(rows))
    for what in NEEDED:
        if what not in sheets:
            problems.add(prefix + what, "缺少工作表（工作表名称不可修改）")
    if problems.items:
        raise WorkbookError(problems.items, str(path))
    tables = {what: read_table(sheets[what], rows[sheets[what]], problems) for what in NEEDED}
    readable = not problems.items  # every table's header and cells read: lines can be built
    name = _department(rows, prefix) or ""
    if not name:
        problems.add(sheets[INCOME], f"未填编制{prefix}名称", 4, 1)
    year = _year(tables[INCOME].title)
    if year is None:
        problems.add(sheets[INCOME], "表题中没有年度（如“2026年部门收入预算总表”）", 2, 1)
    unit = tables[INCOME].unit
    unit_code = code or name
    _check_totals(tables, problems)
    lines = _lines(tables, unit, unit_code, problems) if readable else []
    summary = f"{prefix}收支总表"
    if prefix == "单位" and lines and year is not None and summary in rows and not problems.items:
        lines = _split(lines, year, summary, rows[summary], problems)
    if readable and not problems.items and not lines:
        problems.add(sheets[SPENDING], "没有任何金额（示例行不算）")
    if problems.items or year is None:
        raise WorkbookError(problems.items, str(path))
    sangong = tables[SANGONG]
    operating = sangong.scalar("机关运行经费预算数")
    return Budget(
        department=name,
        code=code,
        year=year,
        unit=unit,
        template="shanghai-budget",
        scope=prefix,
        units=(Unit(unit_code, name, "行政单位"),),
        profile=Profile(duties=_duties(rows), structure=_structure(rows, prefix)),
        lines=tuple(lines),
        operating=None if operating is None else sangong.convert(operating, unit),
    )


# each table's 合计 column and the columns it sums
_TOTALS = {
    INCOME: ("财政拨款收入", "事业收入", "事业单位经营收入", "其他收入"),
    SPENDING: ("基本支出", "项目支出"),
    GENERAL: ("基本支出", "项目支出"),
    FUND: ("基本支出", "项目支出"),
    CAPITAL: ("基本支出", "项目支出"),
    ECONOMIC: ("人员经费", "公用经费"),
}


def _check_totals(tables: dict[str, Table], problems: Problems) -> None:
    """A row's 合计 that is not the sum of its columns: the lines cannot honour both, so it
    is a problem, at the 合计 cell (a blank 合计 is not checked)."""
    for what, parts in _TOTALS.items():
        table = tables[what]
        for code in table.codes:
            if (code, "合计") not in table.values:
                continue
            stated = table.get(code, "合计")
            summed = sum((table.get(code, part) for part in parts), _ZERO)
            if stated != summed:
                table.problem(code, "合计", f"合计{stated}不等于{'、'.join(parts)}之和{summed}")
    sangong = tables[SANGONG]
    for total, parts in (
        ("合计", ("因公出国(境)费", "公务接待费", "小计")),
        ("小计", ("购置费", "运行费")),
    ):
        given = sangong.scalar(total)
        summed = sum((sangong.scalar(part) or _ZERO for part in parts), _ZERO)
        if given is not None and given != summed:
            column = sangong.columns[total] + 1
            problems.add(
                sangong.sheet,
                f"{total}{given}不等于{'、'.join(parts)}之和{summed}",
                sangong.scalar_row,
                column,
            )


def _split(
    lines: list[Line], year: int, sheet: str, rows: list[tuple[Any, ...]], problems: Problems
) -> list[Line]:
    """A 单位's 收支总表 states 人员经费 / 公用经费 by 类: the lines honour it (`sh_split`)."""
    from yusuan.catalog import load_catalog
    from yusuan.compile.sh_split import apply_split, read_stated

    catalog = load_catalog(year)
    names = {}
    for code in {line.function[:3] for line in lines}:
        entry = catalog.lookup(code)
        if entry is not None:
            names[entry.name] = code
    stated = read_stated(sheet, rows, names, problems)
    return apply_split(lines, stated, sheet, problems)


def _department(rows: dict[str, list[tuple[Any, ...]]], prefix: str) -> str | None:
    """The department named on the cover (预算主管部门：…) or a table's 编制部门：… line."""
    pattern = re.compile(r"(?:预算主管部门|预算单位|编制部门|编制单位)[:：]\s*(\S.*)")
    for sheet in ("封面", *(name for name in rows if name != "封面")):
        for row in rows.get(sheet, [])[:12]:
            for value in row:
                match = pattern.search(cells.text(value))
                if match and "XX" not in match.group(1):
                    return match.group(1).strip()
    return None


def _year(title: str) -> int | None:
    match = re.search(r"(20\d\d)年", title)
    return int(match.group(1)) if match else None


def _structure(rows: dict[str, list[tuple[Any, ...]]], prefix: str) -> tuple[str, ...]:
    """The 机构设置 sheet's paragraphs as written (none while it is the template's text)."""
    sheet = rows.get(f"{prefix}机构设置") or []
    text = "\n".join(cells.text(v) for row in sheet[1:] for v in row if not cells.is_blank(v))
    if "XX" in text:  # the template's placeholder, not filled in
        return ()
    return tuple(line.strip() for line in text.splitlines() if line.strip())


def _duties(rows: dict[str, list[tuple[Any, ...]]]) -> tuple[str, ...]:
    """The duties the 职能 sheet lists, one a line (none while it is the template's text)."""
    sheet = rows.get("部门主要职能") or rows.get("单位职能") or []
    text = "\n".join(cells.text(v) for row in sheet[2:] for v in row if not cells.is_blank(v))
    if "XX" in text:  # the template's placeholder, not filled in
        return ()
    # a lead-in (主要职能包括：) introduces the duties, it is not one
    lines = (line.strip() for line in text.splitlines())
    return tuple(line for line in lines if line and not line.endswith(("：", ":")))


def _lines(
    tables: dict[str, Table], unit: MoneyUnit, unit_code: str, problems: Problems
) -> list[Line]:
    income, spending = tables[INCOME], tables[SPENDING]
    lines: list[Line] = []
    general_basic: list[tuple[tuple[str, str], Decimal]] = []
    for function in spending.codes:
        where = spending.where(function)
        fiscal_basic = fiscal_project = _ZERO
        for what, source in _FISCAL:
            table = tables[what]
            basic = table.convert(table.get(function, "基本支出"), unit)
            project = table.convert(table.get(function, "项目支出"), unit)
            fiscal_basic += basic
            fiscal_project += project
            at = table.where(function) if function in table.codes else where
            if source is Source.GENERAL:
                general_basic.append(((function, at), basic))
            elif basic:
                lines.append(Line(unit_code, function, "", source, basic, where=at))
            if project:
                lines.append(
                    Line(unit_code, function, "", source, project, use=Use.PROJECT, where=at)
                )
        stated_fiscal = income.convert(income.get(function, "财政拨款收入"), unit)
        if stated_fiscal != fiscal_basic + fiscal_project:
            income.problem(
                function,
                "财政拨款收入",
                f"财政拨款收入{stated_fiscal}与三张拨款表之和{fiscal_basic + fiscal_project}不符",
            )
        other_basic = spending.convert(spending.get(function, "基本支出"), unit) - fiscal_basic
        other_project = spending.convert(spending.get(function, "项目支出"), unit) - fiscal_project
        sources = [(s, income.convert(income.get(function, h), unit)) for h, s in _NON_FISCAL]
        if other_basic < 0 or other_project < 0:
            spending.problem(function, "合计", "基本支出或项目支出小于三张拨款表之和")
            continue
        if sum((a for _, a in sources), _ZERO) != other_basic + other_project:
            income.problem(function, "合计", "非财政拨款收入与支出总表扣除财政拨款后的支出不符")
            continue
        uses = [(None, other_basic), (Use.PROJECT, other_project)]
        for source, use, amount in north_west(sources, uses):
            lines.append(Line(unit_code, function, "", source, amount, use=use, where=where))
    for what in (INCOME, GENERAL, FUND, CAPITAL):
        for function in tables[what].codes:
            if function not in spending.rows:
                tables[what].problem(function, "", f"科目{function}不在{spending.sheet}中")
    lines[:0] = _general_basic(tables[ECONOMIC], general_basic, unit, unit_code, problems)
    return _carve_sangong(tables[SANGONG], lines, unit, problems)


def _general_basic(
    economic: Table,
    by_function: list[tuple[tuple[str, str], Decimal]],
    unit: MoneyUnit,
    unit_code: str,
    problems: Problems,
) -> list[Line]:
    """一般公共预算 basic lines: each 项's amount split over the economic items of the basic
    table (人员经费 and 公用经费 apart)."""
    items: list[tuple[tuple[str, Use], Decimal]] = []
    for code in economic.codes:
        for header, use in (("人员经费", Use.PERSONNEL), ("公用经费", Use.PUBLIC)):
            amount = economic.convert(economic.get(code, header), unit)
            if amount:
                items.append(((code, use), amount))
    total = sum((a for _, a in by_function), _ZERO)
    if total != sum((a for _, a in items), _ZERO):
        problems.add(
            economic.sheet,
            f"一般公共预算基本支出按经济分类合计{sum((a for _, a in items), _ZERO)}，"
            f"与一般公共预算拨款表的基本支出{total}不符",
        )
        return []
    return [
        Line(unit_code, function, code, Source.GENERAL, amount, use=use, where=where)
        for (function, where), (code, use), amount in north_west(by_function, items)
    ]


def _carve_sangong(
    table: Table, lines: list[Line], unit: MoneyUnit, problems: Problems
) -> list[Line]:
    """Move the 三公 money the basic lines do not show onto 一般公共预算 project lines under
    the 三公 economic codes, so that the 三公 table derives back from the lines."""
    out = list(lines)
    for header, code in _SANGONG_ECONOMIC.items():
        stated = table.scalar(header)
        if stated is None:
            continue
        shown = sum((ln.amount for ln in out if ln.economic == code), _ZERO)
        left = table.convert(stated, unit) - shown
        if left < 0:
            place = table.scalar_row, table.columns[header] + 1
            message = f"{header}小于基本支出经济分类表中的{code}（{shown}{unit.value}）"
            problems.add(table.sheet, message, *place)
        for index, line in enumerate(out):
            if left <= 0:
                break
            if line.source is not Source.GENERAL or line.use is not Use.PROJECT or line.economic:
                continue
            take = min(left, line.amount)
            carved = Line(line.unit, line.function, code, line.source, take, use=Use.PROJECT)
            carved = _with_where(carved, line.where)
            rest = _with_where(
                Line(
                    line.unit, line.function, "", line.source, line.amount - take, use=Use.PROJECT
                ),
                line.where,
            )
            out[index : index + 1] = [carved] + ([rest] if rest.amount else [])
            left -= take
        if left > 0:
            place = table.scalar_row, table.columns[header] + 1
            message = f"“三公”经费中{header}超出一般公共预算项目支出所能容纳的数额"
            problems.add(table.sheet, message, *place)
    return out


def _with_where(line: Line, where: str) -> Line:
    from dataclasses import replace

    return replace(line, where=where)


# Splitting two sets of totals into the cells of a table that has them as margins: the workbook
# states spending by function and, apart, basic spending by economic item, never the two
# crossed. Any table with the right margins derives the same published tables, so the simplest
# is taken: the north-west corner rule fills cells in order, each as large as what is left of
# its row and its column. Deterministic, exact in Decimal, at most rows + columns − 1 cells.
def north_west(
    rows: Sequence[tuple[R, Decimal]], columns: Sequence[tuple[C, Decimal]]
) -> list[tuple[R, C, Decimal]]:
    """Cells (row key, column key, amount > 0) whose row sums and column sums are the given
    totals. The two sets must have the same sum (the caller checks and reports it)."""
    if sum((a for _, a in rows), Decimal(0)) != sum((a for _, a in columns), Decimal(0)):
        raise ValueError("the row and column totals differ")
    cells: list[tuple[R, C, Decimal]] = []
    row_left = [amount for _, amount in rows]
    column_left = [amount for _, amount in columns]
    i = j = 0
    while i < len(rows) and j < len(columns):
        take = min(row_left[i], column_left[j])
        if take > 0:
            cells.append((rows[i][0], columns[j][0], take))
        row_left[i] -= take
        column_left[j] -= take
        if row_left[i] == 0:
            i += 1
        else:
            j += 1
    return cells
