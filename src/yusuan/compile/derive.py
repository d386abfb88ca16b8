"""Every table of the 12-table 部门预算 template (prov12), derived from the budget's lines.

Each cell is a Decimal sum of lines, so each identity of the spec holds by construction: a
合计 row sums the same lines as its parts, 03's columns partition its lines, 07 and 03 sum
the same lines by other keys. Every row carries every column of its table (a zero where no
line falls), as a publisher prints 0.00, so reading the printed table back places each figure
in its column without guessing.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import Any

from yusuan.compile.budget import FISCAL_SOURCES, Line, Source, Use
from yusuan.compile.columns import (
    BASIC_COLUMNS,
    CARRIED_SOURCE,
    ECONOMIC_COLUMNS,
    ECONOMIC_SOURCE,
    FISCAL_COLUMNS,
    INCOME_COLUMNS,
    INCOME_SOURCE,
    PROJECT_COLUMNS,
    PROJECT_SOURCE,
    SANGONG_COLUMNS,
    TARGET_COLUMNS,
)
from yusuan.compile.lines import (
    BASIC,
    EXPENDITURE_COLUMNS,
    PROJECT,
    TOTAL,
    ZERO,
    Classified,
    cents,
    total,
)
from yusuan.model import Cell, MoneyUnit, Row, RowKind, Side, Span, Table

NOWHERE = Span(None, 0, 0)
Columns = Callable[[Line], Iterable[str]]  # the columns a line's amount adds to


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 21 → 二十一 (enumerations of 类 and panel rows)."""
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")


def cells_of(columns: Sequence[str], lines: Iterable[Line], into: Columns) -> tuple[Cell, ...]:
    sums = dict.fromkeys(columns, ZERO)
    for line in lines:
        for column in into(line):
            sums[column] += line.amount
    return tuple(Cell(column, cents(sums[column])) for column in columns)


def row(
    name: str,
    cells: tuple[Cell, ...],
    kind: RowKind = RowKind.CODE,
    code: str | None = None,
    **more: object,
) -> Row:
    return Row(name=name, span=NOWHERE, kind=kind, code=code, cells=cells, **more)  # type: ignore[arg-type]


class TableMaker:
    """What every template's deriver shares: the budget, and a compiled table of it."""

    template = ""

    def __init__(self, c: Classified) -> None:
        self.c = c
        self.b = c.budget

    def make(
        self,
        key: str,
        title: str,
        columns: Sequence[str],
        rows: list[Row],
        printed_id: str | None,
        sides: tuple[Side, ...] = (Side.NONE,),
        unit: MoneyUnit | None = None,
    ) -> Table:
        return Table(
            key=key,
            title=title,
            span=NOWHERE,
            columns=tuple(columns),
            rows=tuple(rows),
            id=printed_id,
            unit=unit or self.b.unit,
            template=self.template,
            recognised_by="compiled",
            sides=sides,
        )


class Deriver(TableMaker):
    """The tables of one budget; `tables()` in the template's order."""

    template = "prov12"

    def table(
        self,
        key: str,
        number: int,
        title: str,
        columns: Sequence[str],
        rows: list[Row],
        sides: tuple[Side, ...] = (Side.NONE,),
    ) -> Table:
        title = f"{self.b.year}年{title}" if number != 11 else title
        return self.make(key, title, columns, rows, f"预算{number:02d}表", sides)

    # -- 03, 05, 09: by unit and functional 类/款/项
    def expenditure_into(self, line: Line) -> Iterable[str]:
        if line.project is None:
            return (TOTAL, BASIC, self.c.column(line))
        return (TOTAL, PROJECT, self.c.column(line))

    def by_function(self, lines: Sequence[Line]) -> list[Row]:
        cols, into = EXPENDITURE_COLUMNS, self.expenditure_into
        rows = [row("合计", cells_of(cols, lines, into), RowKind.TOTAL)]
        if not lines:
            return rows
        rows.append(row(self.b.department, cells_of(cols, lines, into), RowKind.UNIT, self.b.code))
        for unit in self.b.units:
            mine = [line for line in lines if line.unit == unit.code]
            if not mine:
                continue
            if len(self.b.units) > 1:
                rows.append(row(unit.name, cells_of(cols, mine, into), RowKind.UNIT, unit.code))
            codes = sorted({line.function[:n] for line in mine for n in (3, 5, 7)})
            for code in codes:
                part = [line for line in mine if line.function.startswith(code)]
                rows.append(row(self.c.name(code), cells_of(cols, part, into), code=code))
        return rows

    # -- 06, 07: by economic code pair
    def by_economic(
        self, lines: Sequence[Line], columns: Sequence[str], into: Columns, unit_row: bool
    ) -> list[Row]:
        rows = [row("合计", cells_of(columns, lines, into), RowKind.TOTAL)]
        if unit_row and lines:
            cells = cells_of(columns, lines, into)
            rows.append(row(self.b.department, cells, RowKind.UNIT, self.b.code))
        pairs = sorted({(line.economic, self.c.gov_code(line)) for line in lines})
        for code, gov in pairs:
            mine = [x for x in lines if x.economic == code and self.c.gov_code(x) == gov]
            rows.append(
                row(
                    self.c.name(code),
                    cells_of(columns, mine, into),
                    code=code,
                    gov_code=gov or None,
                    gov_name=self.c.gov_name(gov) or None,
                )
            )
        return rows

    def basic_into(self, line: Line) -> Iterable[str]:
        use = self.c.use(line)
        return ("合计", "人员经费" if use is Use.PERSONNEL else "公用经费")

    def economic_into(self, line: Line) -> Iterable[str]:
        if line.carried_over:
            return ("总计", "上年结转结余")
        if line.source is Source.GENERAL:
            extra = ("一般公共预算/其中：财政拨款",) if line.fiscal else ()
            return ("总计", "一般公共预算/小计", *extra)
        return ("总计", ECONOMIC_SOURCE[line.source])

    # -- 02
    def income_into(self, line: Line) -> Iterable[str]:
        if line.carried_over:
            return (
                "总计",
                "上年结转结余/合计",
                CARRIED_SOURCE.get(line.source, "上年结转结余/单位资金"),
            )
        if line.source is Source.GENERAL:
            extra = ("本年收入/一般公共预算/其中：财政拨款",) if line.fiscal else ()
            return ("总计", "本年收入/合计", "本年收入/一般公共预算/小计", *extra)
        return ("总计", "本年收入/合计", INCOME_SOURCE[line.source])

    def income(self) -> list[Row]:
        cols, into, lines = INCOME_COLUMNS, self.income_into, self.c.lines
        rows = [row("合计", cells_of(cols, lines, into), RowKind.TOTAL)]
        rows.append(row(self.b.department, cells_of(cols, lines, into), RowKind.UNIT, self.b.code))
        for unit in self.b.units:
            mine = [line for line in lines if line.unit == unit.code]
            rows.append(row(unit.name, cells_of(cols, mine, into), RowKind.UNIT, unit.code))
        return rows

    # -- 10, 12: by project
    def project_into(self, line: Line) -> Iterable[str]:
        if line.source in FISCAL_SOURCES and (line.source is not Source.GENERAL or line.fiscal):
            head = "财政拨款结转结余" if line.carried_over else "本年拨款"
            return ("合计", f"{head}/{PROJECT_SOURCE[line.source]}")
        if line.source is Source.SPECIAL_ACCOUNT:
            return ("合计", "财政专户管理资金")
        return ("合计", "单位资金")

    def target_into(self, line: Line) -> Iterable[str]:
        if line.source in FISCAL_SOURCES and (line.source is not Source.GENERAL or line.fiscal):
            return ("资金总额", "政府预算资金")
        if line.source is Source.SPECIAL_ACCOUNT:
            return ("资金总额", "财政专户管理资金")
        return ("资金总额", "单位资金")

    def projects(self) -> tuple[list[Row], list[Row]]:
        lines = self.c.project_lines(self.c.lines)
        cols, into = PROJECT_COLUMNS, self.project_into
        tcols, tinto = TARGET_COLUMNS, self.target_into
        projects = [row("合计", cells_of(cols, lines, into), RowKind.TOTAL)]
        targets: list[Row] = []
        if lines:
            projects.append(
                row(self.b.department, cells_of(cols, lines, into), RowKind.UNIT, self.b.code)
            )
            targets.append(row("", cells_of(tcols, lines, tinto), RowKind.UNIT, self.b.code))
        for unit in self.b.units:
            mine = [p for p in self.b.projects if p.unit == unit.code]
            spent = [line for line in lines if line.project in {p.code for p in mine}]
            if not spent:
                continue
            if len(self.b.units) > 1:
                projects.append(
                    row(unit.name, cells_of(cols, spent, into), RowKind.UNIT, unit.code)
                )
            targets.append(row(unit.name, cells_of(tcols, spent, tinto), RowKind.UNIT, unit.code))
            for p in mine:
                own = [line for line in spent if line.project == p.code]
                projects.append(
                    row(
                        p.name,
                        cells_of(cols, own, into),
                        RowKind.PROJECT,
                        category=p.type.value,
                        owner=unit.name,
                    )
                )
                text = indicator_lines(p.indicators)
                targets.append(
                    row(p.name, cells_of(tcols, own, tinto), RowKind.PROJECT, p.code, text=text)
                )
        return projects, targets

    def overall(self) -> list[Row]:
        lines = self.c.lines
        fiscal = [x for x in lines if x.source in FISCAL_SOURCES]
        special = [x for x in lines if x.source is Source.SPECIAL_ACCOUNT]
        own = [x for x in lines if x not in fiscal and x not in special]

        def money(name: str, value: Decimal) -> Row:
            return row(name, (Cell("金额", value),), RowKind.LABEL)

        return [
            money("部门预算总额（万元）", total(lines)),
            money("政府预算资金", total(fiscal)),
            money("财政专户管理资金", total(special)),
            money("单位资金", total(own)),
            money("基本支出", total(self.c.basic(lines))),
            money("项目支出", total(self.c.project_lines(lines))),
        ]

    def tables(self) -> tuple[Table, ...]:
        from yusuan.compile.panels import fiscal_panels, summary_panels

        c = self.c
        projects, targets = self.projects()
        both = (Side.INCOME, Side.EXPENSE)
        sangong = c.sangong()
        basic_general = c.basic(c.general_lines)
        gov_fund = [x for x in c.lines if x.source is Source.GOV_FUND]
        return (
            self.table("summary", 1, "部门收支总体情况表", ("金额",), summary_panels(self), both),
            self.table("income", 2, "部门收入总体情况表", INCOME_COLUMNS, self.income()),
            self.table(
                "expenditure",
                3,
                "部门支出总体情况表",
                EXPENDITURE_COLUMNS,
                self.by_function(c.lines),
            ),
            self.table(
                "fiscal_summary",
                4,
                "财政拨款收支总体情况表",
                # the 收入 panel's 金额 first, then the 支出 panel's: every column either side
                # prints, as the reader reports a published 预算04表
                ("金额", *FISCAL_COLUMNS),
                fiscal_panels(self),
                both,
            ),
            self.table(
                "gpb_expenditure",
                5,
                "一般公共预算支出情况表",
                EXPENDITURE_COLUMNS,
                self.by_function(c.general_lines),
            ),
            self.table(
                "gpb_basic",
                6,
                "一般公共预算基本支出表",
                BASIC_COLUMNS,
                self.by_economic(basic_general, BASIC_COLUMNS, self.basic_into, False),
            ),
            self.table(
                "economic_summary",
                7,
                "支出经济分类汇总表",
                ECONOMIC_COLUMNS,
                self.by_economic(c.lines, ECONOMIC_COLUMNS, self.economic_into, True),
            ),
            self.table(
                "sangong",
                8,
                "一般公共预算“三公”经费支出情况表",
                SANGONG_COLUMNS,
                [row("", tuple(Cell(k, sangong[k]) for k in SANGONG_COLUMNS), RowKind.VALUES)],
            ),
            self.table(
                "gov_fund",
                9,
                "政府性基金预算支出情况表",
                EXPENDITURE_COLUMNS,
                self.by_function(gov_fund),
            ),
            self.table("projects", 10, "项目支出表", PROJECT_COLUMNS, projects),
            self.table(
                "performance_overall", 11, "部门(单位)整体绩效目标表", ("金额",), self.overall()
            ),
            self.table(
                "performance_projects", 12, "部门预算项目绩效目标汇总表", TARGET_COLUMNS, targets
            ),
        )


LEVEL1_ORDER = ("成本指标", "产出指标", "效益指标", "满意度指标")


def indicator_lines(indicators: Iterable[object]) -> tuple[str, ...]:
    """Table 12 prints a project's indicators in four column pairs (成本 | 产出 | 效益 | 满意度),
    one indicator of each per line."""
    by_level: dict[str, list[str]] = {level: [] for level in LEVEL1_ORDER}
    for indicator in indicators:
        level = getattr(indicator, "level1", "")
        text = f"{getattr(indicator, 'name', '')} {getattr(indicator, 'value', '')}".strip()
        by_level.setdefault(level, []).append(text)
    depth = max((len(v) for v in by_level.values()), default=0)
    return tuple(" ".join(v[i] for v in by_level.values() if i < len(v)) for i in range(depth))


def derive(c: Classified) -> tuple[Table, ...]:
    """The tables of the budget's template (prov12; a 决算 by `final.derive_final`)."""
    if c.budget.template == "national-final":
        final: Any = importlib.import_module("yusuan.compile.final")
        return tuple(final.derive_final(c))
    return Deriver(c).tables()
