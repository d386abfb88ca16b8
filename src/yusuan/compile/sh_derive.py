"""The 9 tables of Shanghai's 部门预算 (the `shanghai-budget` family), derived from a budget's
lines: 财务收支预算总表 … “三公”经费和机关运行经费预算表, as a district prints them.

Each cell is a Decimal sum of lines, so the identities of the family hold by construction.
The tables need no economic 款 except where they print one: the 基本支出经济分类表 (一般公共
预算 basic lines) and the 三公 table (the 三公 codes). A project line needs no project: in
Shanghai's tables 项目支出 is a column, not a list (`is_project`). Money is in the budget's
unit (元 as the workbook states it) except the 三公 table, which Shanghai prints in 万元.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal

from yusuan.compile.budget import Budget, Line, Source, Use
from yusuan.compile.derive import NOWHERE, TableMaker, cells_of, chinese_number, row
from yusuan.compile.lines import Classified, cents, total
from yusuan.model import Cell, MoneyUnit, Row, RowKind, Side, Table

TEMPLATE = "shanghai-budget"
SOURCES = frozenset(
    {
        Source.GENERAL,
        Source.GOV_FUND,
        Source.STATE_CAPITAL,
        Source.BUSINESS,
        Source.OPERATING,
        Source.OTHER,
    }
)
FUNCTION_COLUMNS = ("合计", "基本支出/小计", "项目支出/小计")
INCOME_COLUMNS = (
    "本年收入/合计",
    "本年收入/财政拨款收入",
    "本年收入/事业收入",
    "本年收入/事业单位经营收入",
    "本年收入/其他收入",
)
SUMMARY_SPLIT = ("金额", "基本支出/人员经费", "基本支出/公用经费", "项目支出")
FISCAL_COLUMNS = ("合计", "一般公共预算", "政府性基金预算", "国有资本经营预算")
BASIC_COLUMNS = ("合计", "人员经费", "公用经费")
SANGONG_COLUMNS = (
    "“三公”经费合计",
    "因公出国（境）费",
    "公务接待费",
    "公务用车购置及运行费/小计",
    "公务用车购置及运行费/公务用车购置费",
    "公务用车购置及运行费/公务用车运行费",
    "机关运行经费预算数",
)
_INCOME_OF = {
    Source.BUSINESS: "本年收入/事业收入",
    Source.OPERATING: "本年收入/事业单位经营收入",
    Source.OTHER: "本年收入/其他收入",
}
_FISCAL_OF = {
    Source.GENERAL: "一般公共预算",
    Source.GOV_FUND: "政府性基金预算",
    Source.STATE_CAPITAL: "国有资本经营预算",
}
# (key, title without its year and 部门, the source it is of) of the three 拨款 tables
FUNCTION_TABLES = (
    ("gpb_expenditure", "一般公共预算支出功能分类预算表", Source.GENERAL),
    ("gov_fund", "政府性基金预算支出功能分类预算表", Source.GOV_FUND),
    ("state_capital", "国有资本经营预算支出功能分类预算表", Source.STATE_CAPITAL),
)
Into = Callable[[Line], Iterable[str]]


def splits_basic(b: Budget) -> bool:
    """A 单位预算 whose every basic line is known 人员经费 or 公用经费 (by its economic 款 or as
    stated): its 收支总表 then prints 基本支出 split (人员经费 | 公用经费) and 项目支出."""
    return b.scope == "单位" and all(is_project(x) or x.economic or x.use for x in b.lines)


def is_project(line: Line) -> bool:
    """项目支出: a line of a named project, or one marked 项目支出 (Shanghai names none)."""
    return line.project is not None or line.use is Use.PROJECT


def _panel(side: Side, number: str, name: str, value: Decimal, kind: RowKind) -> Row:
    cell = (Cell("金额", cents(value)),)
    return Row(name=name, span=NOWHERE, kind=kind, side=side, cells=cell, number=number or None)


class ShanghaiDeriver(TableMaker):
    """The tables of one budget, in the family's order."""

    template = TEMPLATE

    def table(
        self,
        key: str,
        title: str,
        columns: Sequence[str],
        rows: list[Row],
        sides: tuple[Side, ...] = (Side.NONE,),
        unit: MoneyUnit | None = None,
    ) -> Table:
        title = f"{self.b.year}年{self.who(key)}{title}"
        return self.make(key, title, columns, rows, None, sides, unit)

    def who(self, key: str) -> str:
        """部门, or for a 单位预算 预算单位 (the 三公 table says 单位), as Shanghai titles them."""
        if self.b.scope != "单位":
            return "部门"
        return "单位" if key == "sangong" else "预算单位"

    # -- 类/款/项 tables: every level that has money, 合计 last as Shanghai prints it
    def by_function(self, lines: Sequence[Line], columns: Sequence[str], into: Into) -> list[Row]:
        rows = []
        for code in sorted({line.function[:n] for line in lines for n in (3, 5, 7)}):
            mine = [line for line in lines if line.function.startswith(code)]
            rows.append(row(self.c.name(code), cells_of(columns, mine, into), RowKind.CODE, code))
        rows.append(row("合计", cells_of(columns, lines, into), RowKind.TOTAL))
        return rows

    def spending_into(self, line: Line) -> Iterable[str]:
        return ("合计", "项目支出/小计" if is_project(line) else "基本支出/小计")

    def income_into(self, line: Line) -> Iterable[str]:
        if line.source in _FISCAL_OF:
            return ("本年收入/合计", "本年收入/财政拨款收入")
        return ("本年收入/合计", _INCOME_OF[line.source])

    def basic_into(self, line: Line) -> Iterable[str]:
        return ("合计", "人员经费" if self.c.use(line) is Use.PERSONNEL else "公用经费")

    def fiscal_into(self, line: Line) -> Iterable[str]:
        return ("合计", _FISCAL_OF[line.source])

    def by_economic(self, lines: Sequence[Line]) -> list[Row]:
        rows = []
        for code in sorted({line.economic[:n] for line in lines for n in (3, 5)}):
            mine = [line for line in lines if line.economic.startswith(code)]
            cells = cells_of(BASIC_COLUMNS, mine, self.basic_into)
            rows.append(row(self.c.name(code), cells, RowKind.CODE, code))
        rows.append(row("合计", cells_of(BASIC_COLUMNS, lines, self.basic_into), RowKind.TOTAL))
        return rows

    def classes(self, lines: Sequence[Line]) -> list[tuple[str, str, list[Line]]]:
        """(number, name, lines) of each functional 类 with money, numbered 一、二、 in order."""
        codes = sorted({line.function[:3] for line in lines})
        return [
            (
                f"{chinese_number(i)}、",
                self.c.name(code) or code,
                [x for x in lines if x.function[:3] == code],
            )
            for i, code in enumerate(codes, start=1)
        ]

    def summary(self) -> list[Row]:
        lines = self.c.lines
        of = {s: total(x for x in lines if x.source is s) for s in SOURCES}
        fiscal = of[Source.GENERAL] + of[Source.GOV_FUND] + of[Source.STATE_CAPITAL]
        inc, exp, label = Side.INCOME, Side.EXPENSE, RowKind.LABEL
        rows = [
            _panel(inc, "一、", "财政拨款收入", fiscal, label),
            _panel(inc, "1.", "一般公共预算资金", of[Source.GENERAL], label),
            _panel(inc, "2.", "政府性基金", of[Source.GOV_FUND], label),
            _panel(inc, "3.", "国有资本经营预算", of[Source.STATE_CAPITAL], label),
            _panel(inc, "二、", "事业收入", of[Source.BUSINESS], label),
            _panel(inc, "三、", "事业单位经营收入", of[Source.OPERATING], label),
            _panel(inc, "四、", "其他收入", of[Source.OTHER], label),
        ]
        split = splits_basic(self.b)
        for number, name, mine in self.classes(lines):
            if split:
                cells = cells_of(SUMMARY_SPLIT, mine, self.summary_into)
                rows.append(Row(name=name, span=NOWHERE, side=exp, cells=cells, number=number))
            else:
                rows.append(_panel(exp, number, name, total(mine), label))
        rows.append(_panel(inc, "", "收入总计", total(lines), RowKind.TOTAL))
        if split:
            cells = cells_of(SUMMARY_SPLIT, lines, self.summary_into)
            kind = RowKind.TOTAL
            rows.append(Row(name="支出总计", span=NOWHERE, kind=kind, side=exp, cells=cells))
        else:
            rows.append(_panel(exp, "", "支出总计", total(lines), RowKind.TOTAL))
        return rows

    def summary_into(self, line: Line) -> Iterable[str]:
        if is_project(line):
            return ("金额", "项目支出")
        personnel = self.c.use(line) is Use.PERSONNEL
        return ("金额", "基本支出/人员经费" if personnel else "基本支出/公用经费")

    def fiscal_summary(self) -> list[Row]:
        lines = self.c.fiscal_lines
        inc = Side.INCOME
        rows = [
            _panel(inc, "一、", "一般公共预算资金", self._of(lines, Source.GENERAL), RowKind.LABEL),
            _panel(inc, "二、", "政府性基金", self._of(lines, Source.GOV_FUND), RowKind.LABEL),
            _panel(
                inc,
                "三、",
                "国有资本经营预算",
                self._of(lines, Source.STATE_CAPITAL),
                RowKind.LABEL,
            ),
        ]
        for number, name, mine in self.classes(lines):
            cells = cells_of(FISCAL_COLUMNS, mine, self.fiscal_into)
            rows.append(Row(name=name, span=NOWHERE, side=Side.EXPENSE, cells=cells, number=number))
        rows.append(_panel(inc, "", "收入总计", total(lines), RowKind.TOTAL))
        cells = cells_of(FISCAL_COLUMNS, lines, self.fiscal_into)
        rows.append(
            Row(name="支出总计", span=NOWHERE, kind=RowKind.TOTAL, side=Side.EXPENSE, cells=cells)
        )
        return rows

    @staticmethod
    def _of(lines: Iterable[Line], source: Source) -> Decimal:
        return total(x for x in lines if x.source is source)

    def sangong(self) -> list[Row]:
        """In 万元, as Shanghai prints it; 机关运行经费 beside the 三公 money, not in its total."""
        values = dict(self.c.sangong())
        values["机关运行经费预算数"] = self.c.operating
        scale = self.b.unit.in_yuan / MoneyUnit.WAN.in_yuan
        cells = tuple(Cell(k, cents(values[k] * scale)) for k in SANGONG_COLUMNS)
        return [row("", cells, RowKind.VALUES)]

    def tables(self) -> tuple[Table, ...]:
        c, both = self.c, (Side.INCOME, Side.EXPENSE)
        lines = list(c.lines)
        out = [
            self.table(
                "summary",
                "财务收支预算总表",
                SUMMARY_SPLIT if splits_basic(self.b) else ("金额",),
                self.summary(),
                both,
            ),
            self.table(
                "income",
                "收入预算总表",
                INCOME_COLUMNS,
                self.by_function(lines, INCOME_COLUMNS, self.income_into),
            ),
            self.table(
                "expenditure",
                "支出预算总表",
                FUNCTION_COLUMNS,
                self.by_function(lines, FUNCTION_COLUMNS, self.spending_into),
            ),
            self.table(
                "fiscal_summary",
                "财政拨款收支预算总表",
                ("金额", *FISCAL_COLUMNS),
                self.fiscal_summary(),
                both,
            ),
        ]
        for key, title, source in FUNCTION_TABLES:
            mine = [x for x in lines if x.source is source]
            rows = self.by_function(mine, FUNCTION_COLUMNS, self.spending_into)
            out.append(self.table(key, title, FUNCTION_COLUMNS, rows))
        basic = [x for x in c.general_lines if not is_project(x)]
        out.append(
            self.table(
                "gpb_basic",
                "一般公共预算基本支出部门预算经济分类预算表",
                BASIC_COLUMNS,
                self.by_economic(basic),
            )
        )
        out.append(
            self.table(
                "sangong",
                "“三公”经费和机关运行经费预算表",
                SANGONG_COLUMNS,
                self.sangong(),
                unit=MoneyUnit.WAN,
            )
        )
        return tuple(out)


def derive_shanghai(c: Classified) -> tuple[Table, ...]:
    """The 9 tables of the `shanghai-budget` family."""
    return ShanghaiDeriver(c).tables()
