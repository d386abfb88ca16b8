"""The national 部门决算 tables (template `national-final`, 表 1 … 表 8), derived from a 决算's
lines (each line's amount is its 决算数).

As Foshan prints the set: the two-panel tables give every row its 行次 (a printed row number,
no money), the coded tables list 类/款/项 under a 合计 row, 表 6 prints 人员经费 (301, 303) and
公用经费 (302, 310 …) side by side, 表 7 the 三公 预算数 and 决算数 under a 栏次 line. This
year's income is what was spent of it unless a `Balance` leaves money at the year's end
(final_balances: 年初 + 本年收入 − 本年支出 = 年末 for each 项 and source), so both panels add
up to the same 总计 by construction.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from decimal import Decimal

from yusuan.compile import final_balances as fb
from yusuan.compile.budget import Line, Source
from yusuan.compile.columns import SANGONG_COLUMNS
from yusuan.compile.derive import NOWHERE, Columns, TableMaker, cells_of, chinese_number, row
from yusuan.compile.lines import PERSONNEL_CLASSES, ZERO, Classified, cents, total
from yusuan.model import Cell, Row, RowKind, Side, Table

FINAL_SOURCES = frozenset(
    {
        Source.GENERAL,
        Source.GOV_FUND,
        Source.SUPERIOR,
        Source.BUSINESS,
        Source.OPERATING,
        Source.AFFILIATED,
        Source.OTHER,
    }
)
INCOME_ROWS = (
    ("一、", "一般公共预算财政拨款收入", (Source.GENERAL,)),
    ("二、", "政府性基金预算财政拨款收入", (Source.GOV_FUND,)),
    ("三、", "上级补助收入", (Source.SUPERIOR,)),
    ("四、", "事业收入", (Source.BUSINESS,)),
    ("五、", "经营收入", (Source.OPERATING,)),
    ("六、", "附属单位上缴收入", (Source.AFFILIATED,)),
    ("七、", "其他收入", (Source.OTHER,)),
)
INCOME_COLUMNS = (
    "本年收入/合计",
    "本年收入/财政拨款收入",
    "本年收入/上级补助收入",
    "本年收入/事业收入",
    "本年收入/经营收入",
    "本年收入/附属单位上缴收入",
    "本年收入/其他收入",
)
INCOME_COLUMN = {
    Source.GENERAL: "本年收入/财政拨款收入",
    Source.GOV_FUND: "本年收入/财政拨款收入",
    Source.SUPERIOR: "本年收入/上级补助收入",
    Source.BUSINESS: "本年收入/事业收入",
    Source.OPERATING: "本年收入/经营收入",
    Source.AFFILIATED: "本年收入/附属单位上缴收入",
    Source.OTHER: "本年收入/其他收入",
}
EXPENDITURE_COLUMNS = (
    "合计",
    "基本支出/小计",
    "项目支出/小计",
    "上缴上级支出",
    "经营支出",
    "对附属单位补助支出",
)
FISCAL_COLUMNS = (
    "行次",
    "合计",
    "一般公共预算财政拨款",
    "政府性基金预算财政拨款",
    "国有资本经营预算财政拨款",
)
GOV_FUND_COLUMNS = (
    "年初结转和结余",
    "本年收入",
    "合计",
    "基本支出/小计",
    "项目支出/小计",
    "年末结转和结余",
)
SANGONG_PARTS = SANGONG_COLUMNS  # the 三公 table's columns, as the budget set prints them
BUDGET_KEYS = ("因公出国（境）费", "公务用车购置费", "公务用车运行费", "公务接待费")


def _panel(
    side: Side, number: str, name: str, cells: tuple[Cell, ...], kind: RowKind = RowKind.LABEL
) -> Row:
    return Row(name=name, span=NOWHERE, kind=kind, side=side, cells=cells, number=number or None)


def _numbered(n: int, *cells: Cell) -> tuple[Cell, ...]:
    return (Cell("行次", Decimal(n)), *cells)


class FinalDeriver(TableMaker):
    template = "national-final"

    def table(
        self,
        key: str,
        number: int,
        title: str,
        columns: Sequence[str],
        rows: list[Row],
        sides: tuple[Side, ...] = (Side.NONE,),
    ) -> Table:
        return self.make(key, title, columns, rows, f"表 {number}", sides)

    def classes(self, lines: Iterable[Line]) -> list[tuple[str, str, list[Line]]]:
        lines = list(lines)
        out = []
        for i, code in enumerate(sorted({x.function[:3] for x in lines})):
            mine = [x for x in lines if x.function[:3] == code]
            out.append((f"{chinese_number(i + 1)}、", self.c.name(code), mine))
        return out

    def by_function(
        self,
        lines: Sequence[Line],
        columns: Sequence[str],
        into: Columns,
        adds: dict[str, dict[str, Decimal]] | None = None,
    ) -> list[Row]:
        """A 合计 row, then each 类/款/项 of the lines; `adds` (by 项, what the balances add to
        each column) brings its 项 in though no line of it is listed."""
        adds = adds or {}

        def cells(prefix: str) -> tuple[Cell, ...]:
            mine = [x for x in lines if x.function.startswith(prefix)]
            more = [v for k, v in adds.items() if k.startswith(prefix)]
            return tuple(
                Cell(c.column, cents(c.value + sum((m.get(c.column, ZERO) for m in more), ZERO)))
                for c in cells_of(columns, mine, into)
            )

        rows = [row("合计", cells(""), RowKind.TOTAL)]
        functions = {x.function for x in lines} | set(adds)
        for code in sorted({f[:n] for f in functions for n in (3, 5, 7)}):
            rows.append(row(self.c.name(code), cells(code), code=code))
        return rows

    def summary(self) -> list[Row]:
        b, lines = self.b, list(self.c.lines)
        income = [
            _panel(Side.INCOME, number, name, _numbered(i + 1, Cell("金额", fb.income(b, sources))))
            for i, (number, name, sources) in enumerate(INCOME_ROWS)
        ]
        n = len(INCOME_ROWS)
        carried, closing = fb.opening(b), fb.closing(b)
        whole = total(lines) + closing
        income += [
            _panel(
                Side.INCOME,
                "",
                "本年收入合计",
                _numbered(n + 1, Cell("金额", fb.income(b))),
                RowKind.TOTAL,
            ),
            _panel(Side.INCOME, "", "用事业基金弥补收支差额", _numbered(n + 2, Cell("金额", ZERO))),
            _panel(Side.INCOME, "", "年初结转和结余", _numbered(n + 3, Cell("金额", carried))),
            _panel(Side.INCOME, "", "总计", _numbered(n + 4, Cell("金额", whole)), RowKind.TOTAL),
        ]
        first = n + 5
        classes = self.classes(lines)
        expense = [
            _panel(Side.EXPENSE, number, name, _numbered(first + i, Cell("金额", total(mine))))
            for i, (number, name, mine) in enumerate(classes)
        ]
        m = first + len(classes)
        expense += [
            _panel(
                Side.EXPENSE,
                "",
                "本年支出合计",
                _numbered(m, Cell("金额", total(lines))),
                RowKind.TOTAL,
            ),
            _panel(Side.EXPENSE, "", "结余分配", _numbered(m + 1, Cell("金额", ZERO))),
            _panel(Side.EXPENSE, "", "年末结转和结余", _numbered(m + 2, Cell("金额", closing))),
            _panel(
                Side.EXPENSE,
                "",
                "总计",
                _numbered(m + 3, Cell("金额", whole)),
                RowKind.TOTAL,
            ),
        ]
        return income + expense

    def fiscal_cells(
        self, n: int, lines: Iterable[Line], closing: bool = False
    ) -> tuple[Cell, ...]:
        """A 支出 row of 表 4 by fund: the lines' money, and with `closing` the 年末 balance."""
        lines = list(lines)
        general = total(x for x in lines if x.source is Source.GENERAL)
        fund = total(x for x in lines if x.source is Source.GOV_FUND)
        if closing:
            general += fb.closing(self.b, (Source.GENERAL,))
            fund += fb.closing(self.b, (Source.GOV_FUND,))
        # 国有资本经营预算 is printed (always 0.00: the set has no income row for it) so that
        # every row fills every column and reads back without a guess
        return _numbered(
            n,
            Cell("合计", general + fund),
            Cell("一般公共预算财政拨款", general),
            Cell("政府性基金预算财政拨款", fund),
            Cell("国有资本经营预算财政拨款", ZERO),
        )

    def fiscal(self) -> list[Row]:
        b, both = self.b, (Source.GENERAL, Source.GOV_FUND)
        lines = [x for x in self.c.lines if x.source in both]

        def amount(n: int, value: Decimal) -> tuple[Cell, ...]:
            return _numbered(n, Cell("金额", value))

        general, fund = (Source.GENERAL,), (Source.GOV_FUND,)
        whole = fb.income(b, both) + fb.opening(b, both)
        income = [
            _panel(Side.INCOME, "一、", "一般公共预算财政拨款", amount(1, fb.income(b, general))),
            _panel(Side.INCOME, "二、", "政府性基金预算财政拨款", amount(2, fb.income(b, fund))),
            _panel(Side.INCOME, "", "本年收入合计", amount(3, fb.income(b, both)), RowKind.TOTAL),
            _panel(Side.INCOME, "", "年初财政拨款结转和结余", amount(4, fb.opening(b, both))),
            # parts of 年初财政拨款结转和结余, printed indented under it
            replace(
                _panel(
                    Side.INCOME,
                    "（一）",
                    "一般公共预算财政拨款",
                    amount(5, fb.opening(b, general)),
                ),
                indent=1,
            ),
            replace(
                _panel(
                    Side.INCOME,
                    "（二）",
                    "政府性基金预算财政拨款",
                    amount(6, fb.opening(b, fund)),
                ),
                indent=1,
            ),
            _panel(Side.INCOME, "", "总计", amount(7, whole), RowKind.TOTAL),
        ]
        classes = self.classes(lines)
        expense = [
            _panel(Side.EXPENSE, number, name, self.fiscal_cells(8 + i, mine))
            for i, (number, name, mine) in enumerate(classes)
        ]
        m = 8 + len(classes)
        expense += [
            _panel(Side.EXPENSE, "", "本年支出合计", self.fiscal_cells(m, lines), RowKind.TOTAL),
            _panel(Side.EXPENSE, "", "年末财政拨款结转和结余", self.fiscal_cells(m + 1, (), True)),
            _panel(Side.EXPENSE, "", "总计", self.fiscal_cells(m + 2, lines, True), RowKind.TOTAL),
        ]
        return income + expense

    def basic(self) -> list[Row]:
        """表 6: each class of the 一般公共预算 basic money and its 款, 人员经费 first."""
        lines = self.c.basic(self.c.general_lines)
        rows = []
        for code in sorted({x.economic[:n] for x in lines for n in (3, 5)}, key=_personnel_first):
            mine = [x for x in lines if x.economic.startswith(code)]
            rows.append(row(self.c.name(code), (Cell("合计", total(mine)),), code=code))
        return rows

    def sangong(self) -> list[Row]:
        spent = self.c.sangong()
        planned = {k: cents(self.b.sangong_budget.get(k, ZERO)) for k in BUDGET_KEYS}
        cars = planned["公务用车购置费"] + planned["公务用车运行费"]
        budget = (
            planned["因公出国（境）费"] + cars + planned["公务接待费"],
            planned["因公出国（境）费"],
            cars,
            planned["公务用车购置费"],
            planned["公务用车运行费"],
            planned["公务接待费"],
        )
        cells = [Cell(f"栏次/{i}", Decimal(i)) for i in range(1, 13)]
        cells += [
            Cell(f"预算数/{k.replace('“三公”经费合计', '合计')}", v)
            for k, v in zip(SANGONG_PARTS, budget, strict=True)
        ]
        cells += [Cell(k, spent[k]) for k in SANGONG_PARTS]
        return [row("", tuple(cells), RowKind.VALUES)]

    def gov_fund_into(self, line: Line) -> Iterable[str]:
        head = "年初结转和结余" if line.carried_over else "本年收入"
        return (head, "合计", "基本支出/小计" if line.project is None else "项目支出/小计")

    def tables(self) -> tuple[Table, ...]:
        c, both = self.c, (Side.INCOME, Side.EXPENSE)

        def income_into(line: Line) -> Iterable[str]:
            return ("本年收入/合计", INCOME_COLUMN[line.source])

        def spent_into(line: Line) -> Iterable[str]:
            return ("合计", "基本支出/小计" if line.project is None else "项目支出/小计")

        this_year = [x for x in c.lines if not x.carried_over]
        fund = [x for x in c.lines if x.source is Source.GOV_FUND]
        received = fb.by_function(
            fb.flows(self.b), lambda f: {fb.INCOME: ("本年收入/合计", INCOME_COLUMN[f.source])}
        )
        fund_flows = fb.by_function(
            fb.flows(self.b, (Source.GOV_FUND,)), lambda f: {k: (k,) for k in f.adds()}
        )
        return (
            self.table("summary", 1, "收入支出决算总表", ("行次", "金额"), self.summary(), both),
            self.table(
                "income",
                2,
                "收入决算表",
                INCOME_COLUMNS,
                self.by_function(this_year, INCOME_COLUMNS, income_into, received),
            ),
            self.table(
                "expenditure",
                3,
                "支出决算表",
                EXPENDITURE_COLUMNS,
                self.by_function(c.lines, EXPENDITURE_COLUMNS, spent_into),
            ),
            self.table(
                "fiscal_summary",
                4,
                "财政拨款收入支出决算总表",
                # 行次, the 收入 panel's 金额, then the 支出 panel's columns: every column either
                # side prints, as the reader reports a published 表 4
                (FISCAL_COLUMNS[0], "金额", *FISCAL_COLUMNS[1:]),
                self.fiscal(),
                both,
            ),
            self.table(
                "gpb_expenditure",
                5,
                "一般公共预算财政拨款支出决算表",
                EXPENDITURE_COLUMNS[:3],
                self.by_function(c.general_lines, EXPENDITURE_COLUMNS[:3], spent_into),
            ),
            self.table(
                "gpb_basic", 6, "一般公共预算财政拨款基本支出决算表", ("合计",), self.basic()
            ),
            self.table(
                "sangong",
                7,
                "一般公共预算财政拨款“三公”经费支出决算表",
                [c.column for c in self.sangong()[0].cells],
                self.sangong(),
            ),
            self.table(
                "gov_fund",
                8,
                "政府性基金预算财政拨款收入支出决算表",
                GOV_FUND_COLUMNS,
                self.by_function(fund, GOV_FUND_COLUMNS, self.gov_fund_into, fund_flows),
            ),
        )


def _personnel_first(code: str) -> tuple[bool, str]:
    return (code[:3] not in PERSONNEL_CLASSES, code)


def derive_final(c: Classified) -> tuple[Table, ...]:
    return FinalDeriver(c).tables()
