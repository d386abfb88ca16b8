"""Named quantities of a disclosure (收入总计, 基本支出, 人员经费, 一般公共服务支出 …) and
where the tables state them. The narrative's claims are checked against these.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import TYPE_CHECKING

from yusuan.catalog.entries import Part, part_of_code
from yusuan.catalog.names import names_match
from yusuan.model import Disclosure, MoneyUnit, Row, RowKind, Side, Table
from yusuan.structure import leaves

if TYPE_CHECKING:
    from yusuan.catalog import Catalog

ZERO = Decimal(0)
# A money figure printed with its cents (458.50), and a table's note (注：…) that may quote one.
_FIGURE = re.compile(r"(?<![\d.])[1-9]\d{0,2}(?:,?\d{3})*\.\d{2}(?![\d.])")
_NOTE = re.compile(r"^\s*注")


@dataclass(frozen=True, slots=True)
class Quantity:
    key: str
    value: Decimal
    unit: MoneyUnit
    table: Table
    row: Row | None
    column: str
    terms: int = 1  # how many printed figures make it up (for the rounding tolerance)
    label: str | None = None  # what it is when no one row is (301+303)

    @property
    def where(self) -> str:
        label = self.row.label if self.row is not None else (self.label or "合计")
        return " ".join(p for p in (self.table.id or self.table.title, label, self.column) if p)

    def in_unit(self, unit: MoneyUnit) -> Decimal:
        return self.value * self.unit.in_yuan / unit.in_yuan


# A side's grand total: its 总计 row (收入总计 / 支出总计 / 收支总计 / 总计), else the 合计 row that is
# no 本年 subtotal (Fujian and Jiangsu print 收入合计 / 支出合计, 上年结转 included, as the last line).
_GRAND = (re.compile(r"^(?:收入|支出|收支)?总计$"), re.compile(r"^(?:收入|支出|收支)?合计$"))


def grand_total(rows: Iterable[Row]) -> Row | None:
    """The grand total among the rows of one side of a 收支总表, whichever word it is printed
    with; None when the side prints neither."""
    rows = list(rows)
    for pattern in _GRAND:
        found = [r for r in rows if pattern.match(r.name)]
        if found:
            return found[-1]
    return None


# The row pattern of a recipe that means the side's grand total (see `grand_total`).
GRAND_TOTAL = "<grand total>"

# A key ending so names the 预算数 (年初预算 / 全年预算) a 决算 prints beside its 决算数:
# `三公经费@预算`. A key without it is the document's own figure, the 决算数 in a 决算.
BUDGET_VARIANT = "@预算"

# The column of a recipe as a 决算 prints it beside its budget: `合计/决算数` (Shanghai) or
# `预算数/合计` (national), after the plain name.
_FINAL_COLUMNS = ("{}", "{}/决算数", "决算数/{}")
_BUDGET_COLUMNS = ("{}/预算数", "预算数/{}", "{}预算数")


def budget_variant(key: str) -> str:
    """The key of the 预算数 a 决算 prints for the quantity `key`."""
    return key if key.endswith(BUDGET_VARIANT) else key + BUDGET_VARIANT


def column_in(table: Table, column: str, budget: bool = False) -> str | None:
    """The column of `table` that prints `column`'s figure (its 预算数 when `budget`): the
    plain name, or a 决算's `<name>/决算数` or `决算数/<name>`; None when it has none."""
    for form in _BUDGET_COLUMNS if budget else _FINAL_COLUMNS:
        name = form.format(column)
        if name in table.columns:
            return name
    return None


# The economic classes (of 基本支出) that make up 人员经费 and 公用经费 when a table prints them
# by class only (a 决算's 基本支出决算表): 工资福利支出 and 对个人和家庭的补助; 商品和服务支出 and
# 资本性支出.
ECONOMIC_SUMS = {"人员经费": ("301", "303"), "公用经费": ("302", "310")}

# key → ways to read it, first that resolves wins: (table key, side, row name pattern, column).
# A row pattern of "" means the table's 合计 row (or its only row).
RECIPES: dict[str, tuple[tuple[str, Side, str, str], ...]] = {
    "收入总计": (
        ("summary", Side.INCOME, GRAND_TOTAL, "金额"),
        ("income", Side.NONE, "", "总计"),
    ),
    "支出总计": (
        ("summary", Side.EXPENSE, GRAND_TOTAL, "金额"),
        ("expenditure", Side.NONE, "", "合计"),
    ),
    "本年收入合计": (
        ("summary", Side.INCOME, r"^本年收入合计$|^收入合计$", "金额"),
        ("income", Side.NONE, "", "本年收入/合计"),
    ),
    "本年支出合计": (
        ("summary", Side.EXPENSE, r"^本年支出合计$|^支出合计$", "金额"),
        ("expenditure", Side.NONE, "", "合计"),
    ),
    "上年结转结余": (
        ("summary", Side.INCOME, r"^上年结转", "金额"),
        ("income", Side.NONE, "", "上年结转结余/合计"),
    ),
    "一般公共预算收入": (
        ("income", Side.NONE, "", "本年收入/一般公共预算/小计"),
        ("summary", Side.INCOME, r"^一般公共预算(财政)?(拨款)?(收入)?$", "金额"),
    ),
    "政府性基金预算收入": (
        ("income", Side.NONE, "", "本年收入/政府性基金"),
        ("summary", Side.INCOME, r"^政府性基金", "金额"),
    ),
    "财政拨款收入": (
        ("fiscal_summary", Side.INCOME, r"^收入(合计|总计)$", "金额"),
        ("fiscal_summary", Side.INCOME, r"^本年收入合计$", "金额"),
    ),
    "财政拨款支出": (
        ("fiscal_summary", Side.EXPENSE, r"^支出(合计|总计)$", "合计"),
        ("fiscal_summary", Side.EXPENSE, r"^本年支出合计$", "合计"),
    ),
    "财政拨款收支总计": (
        ("fiscal_summary", Side.EXPENSE, GRAND_TOTAL, "合计"),
        ("fiscal_summary", Side.INCOME, GRAND_TOTAL, "金额"),
    ),
    "一般公共预算支出": (
        ("gpb_expenditure", Side.NONE, "", "合计"),
        ("fiscal_summary", Side.EXPENSE, r"^本年支出$", "一般公共预算/小计"),
    ),
    "基本支出": (("expenditure", Side.NONE, "", "基本支出/小计"),),
    "项目支出": (("expenditure", Side.NONE, "", "项目支出/小计"),),
    "一般公共预算基本支出": (
        ("gpb_basic", Side.NONE, "", "合计"),
        ("gpb_expenditure", Side.NONE, "", "基本支出/小计"),
    ),
    "一般公共预算项目支出": (("gpb_expenditure", Side.NONE, "", "项目支出/小计"),),
    "人员经费": (("gpb_basic", Side.NONE, "", "人员经费"),),
    "公用经费": (("gpb_basic", Side.NONE, "", "公用经费"),),
    "三公经费": (
        ("sangong", Side.NONE, "", "“三公”经费合计"),
        ("sangong", Side.NONE, "", "合计"),
    ),
    "因公出国（境）费": (("sangong", Side.NONE, "", "因公出国（境）费"),),
    "公务用车购置及运行费": (
        ("sangong", Side.NONE, "", "公务用车购置及运行费/小计"),
        ("sangong", Side.NONE, "", "公务用车购置及运行维护费/小计"),
    ),
    "公务用车购置费": (
        ("sangong", Side.NONE, "", "公务用车购置及运行费/公务用车购置费"),
        ("sangong", Side.NONE, "", "公务用车购置及运行维护费/公务用车购置费"),
    ),
    "公务用车运行费": (
        ("sangong", Side.NONE, "", "公务用车购置及运行费/公务用车运行费"),
        ("sangong", Side.NONE, "", "公务用车购置及运行维护费/公务用车运行维护费"),
    ),
    "公务接待费": (("sangong", Side.NONE, "", "公务接待费"),),
    "政府性基金预算支出": (("gov_fund", Side.NONE, "", "合计"),),
    "机关运行经费": (
        ("operating_costs", Side.NONE, "", "合计"),
        ("sangong", Side.NONE, "", "机关运行经费预算数"),
        ("sangong", Side.NONE, "", "机关运行经费"),
    ),
}

# The quantities that are parts of another (for the base of a share stated without one).
PARENT = {
    "基本支出": "本年支出合计",
    "项目支出": "本年支出合计",
    "一般公共预算收入": "本年收入合计",
    "人员经费": "一般公共预算基本支出",
    "公用经费": "一般公共预算基本支出",
    "因公出国（境）费": "三公经费",
    "公务接待费": "三公经费",
    "公务用车购置及运行费": "三公经费",
}


def _total_row(table: Table, side: Side) -> Row | None:
    rows = [r for r in table.rows if r.side is side]
    total = next((r for r in rows if r.kind is RowKind.TOTAL), None)
    if total is None and len(rows) == 1:
        return rows[0]
    return total


def class_key(table_key: str, code: str, names: Sequence[str] = ()) -> str:
    """The quantity key of a functional code in a table: `class:expenditure:201`. A 款 or 项
    the narrative names under its 类 (一般公共服务支出（类）财政事务（款）行政运行（项）) is keyed by
    the 类's code and the names below it, `class:expenditure:201/财政事务/行政运行` (a level not
    named is left blank: `201//行政运行`); the tables and the catalog resolve the names."""
    path = "/".join((code, *names)).rstrip("/")
    return f"class:{table_key}:{path}"


def _split_class_key(key: str) -> tuple[str, str, tuple[str, ...]]:
    _, table_key, path = key.split(":", 2)
    code, *names = path.split("/")
    return table_key, code, tuple(names)


def _functional(row: Row) -> bool:
    return (
        row.kind is RowKind.CODE
        and row.code is not None
        and part_of_code(row.code) is Part.FUNCTION
    )


def _named_below(rows: Sequence[Row], at: int, names: Sequence[str]) -> Row | None:
    """The row named by `names` (款, then 项) among the rows indented below rows[at]: each
    name among the rows one step deeper than the one found so far (any depth when the 款's
    name is blank); None unless exactly one row bears it."""
    direct = True
    for name in names:
        if not name:
            direct = False
            continue
        depth = rows[at].indent or 0
        below: list[int] = []
        for k in range(at + 1, len(rows)):
            indent = rows[k].indent
            if indent is None or indent <= depth:
                break
            below.append(k)
        if direct and below:
            first = min(rows[k].indent or 0 for k in below)
            below = [k for k in below if rows[k].indent == first]
        found = [k for k in below if names_match(rows[k].name, name)]
        if len(found) != 1:
            return None
        at, direct = found[0], True
    return rows[at]


class Quantities:
    """Lazy lookup of named quantities in one disclosure's tables.

    With a catalog, a functional table printing class names without codes still states its
    classes, and a 款 named in the narrative is found when the table prints only its 项.
    """

    def __init__(self, doc: Disclosure, catalog: Catalog | None = None) -> None:
        self.doc = doc
        self.catalog = catalog
        self._cache: dict[str, Quantity | None] = {}
        self._classes: dict[tuple[str, str], Quantity | None] = {}
        self._coded: dict[str, list[Row]] = {}  # each table's rows with a functional code

    def get(self, key: str) -> Quantity | None:
        if key not in self._cache:
            self._cache[key] = self._resolve(key)
        return self._cache[key]

    def why_unknown(self, key: str) -> str:
        """Why `get(key)` is None, as a skipped check's reason."""
        if key.endswith(BUDGET_VARIANT):
            return f"no table states the 预算数 of {key.removesuffix(BUDGET_VARIANT)}"
        if not key.startswith("class:"):
            return f"no table states {key}"
        table_key, code, names = _split_class_key(key)
        table = self.doc.table(table_key)
        if table is None or "合计" not in table.columns:
            return f"no {table_key} table with a 合计 column states functional classes"
        if not any(_functional(r) for r in table.rows):
            return (
                f"{table.id or table.title} prints no functional code: its amounts by class, "
                "款 and 项 are unknown"
            )
        named = "/".join(n for n in names if n)
        return f"{table.id or table.title} has no one code named {named} under {code}"

    def _resolve(self, key: str) -> Quantity | None:
        budget = key.endswith(BUDGET_VARIANT)
        if budget and key.startswith("class:"):
            return None  # a 决算's functional tables print no 预算数
        if key.startswith("class:"):
            table_key, code, names = _split_class_key(key)
            if names:
                return self.functional_item(code, names, table_key)
            return self.functional_class(code, table_key)
        name = key.removesuffix(BUDGET_VARIANT)
        for table_key, side, pattern, wanted in RECIPES.get(name, ()):
            table = self.doc.table(table_key)
            column = None if table is None else column_in(table, wanted, budget)
            if table is None or column is None:
                continue
            if pattern == GRAND_TOTAL:
                row = grand_total(table.rows_on(side))
            elif pattern:
                row = next(
                    (r for r in table.rows if r.side is side and re.search(pattern, r.name)), None
                )
            else:
                row = _total_row(table, side)
            if row is None:
                if table.is_empty and not self._prints_figures(table):
                    return Quantity(key, ZERO, table.unit, table, None, column)
                continue
            return Quantity(key, row.value(column), table.unit, table, row, column)
        if name in ECONOMIC_SUMS and not budget:
            return self._economic_sum(name, ECONOMIC_SUMS[name])
        return None

    def _prints_figures(self, table: Table) -> bool:
        """Whether a table read with no figure prints some on its lines (458.50 28.50 …): its
        rows were not read, so its amounts are unknown, not zero."""
        lines = self.doc.source[table.span.line - 1 : table.span.end_line]
        return any(_FIGURE.search(line) and not _NOTE.search(line) for line in lines)

    def _economic_sum(self, key: str, codes: Sequence[str]) -> Quantity | None:
        """A quantity made of economic classes, from a 基本支出 table printing them by class
        with one money column (a 决算's 决算数): None unless each class has its own row."""
        table = self.doc.table("gpb_basic")
        if table is None or len(table.columns) != 1:
            return None
        column = table.columns[0]
        rows = [
            next((r for r in table.rows if r.kind is RowKind.CODE and r.code == c), None)
            for c in codes
        ]
        found = [r for r in rows if r is not None]
        if len(found) != len(codes):
            return None
        total = sum((r.value(column) for r in found), ZERO)
        label = "+".join(f"{r.code} {r.name}" for r in found)
        return Quantity(key, total, table.unit, table, None, column, len(found), label)

    def functional_class(self, code: str, table_key: str = "expenditure") -> Quantity | None:
        """A functional code's amount in a table (a 类 of 3 digits, a 款 of 5, a 项 of 7): its
        own row(s), else the sum of the leaf rows under it; zero when no row is under it.

        None when the table states money but no functional code at all (its rows unread, or
        keyed by names the catalog does not list): the amount is then unknown, not zero.
        """
        # cross.total asks every class of the summary's rows of each functional table: once
        if (code, table_key) not in self._classes:
            self._classes[code, table_key] = self._functional_class(code, table_key)
        return self._classes[code, table_key]

    def _functional_class(self, code: str, table_key: str) -> Quantity | None:
        table = self.doc.table(table_key)
        if table is None or "合计" not in table.columns:
            return None
        key = class_key(table_key, code)
        if table_key not in self._coded:
            self._coded[table_key] = [r for r in table.rows if _functional(r)]
        coded = self._coded[table_key]
        if not coded and not table.is_empty:
            return self._class_by_name(key, code, table)
        rows = [r for r in coded if (r.code or "").startswith(code)]
        if not rows:
            return Quantity(key, ZERO, table.unit, table, None, "合计", 0)
        # Several units each print their own 类 and 项 rows: the class is their sum.
        own = [r for r in rows if r.code == code and r.cells]
        if own:
            total = sum((r.value("合计") for r in own), ZERO)
            row = own[0] if len(own) == 1 else None
            return Quantity(key, total, table.unit, table, row, "合计", len(own))
        parts = leaves(rows)
        total = sum((r.value("合计") for r in parts), ZERO)
        return Quantity(key, total, table.unit, table, None, "合计", len(parts))

    def _class_by_name(self, key: str, code: str, table: Table) -> Quantity | None:
        """A 类 of a table without codes, from the rows printing the catalog's name of it."""
        entry = self.catalog.function(code) if self.catalog is not None else None
        if entry is None or len(code) != 3:
            return None
        own = [
            r
            for r in table.rows
            if r.kind is not RowKind.TOTAL and r.cells and names_match(r.name, entry.name)
        ]
        if not own:
            return None
        total = sum((r.value("合计") for r in own), ZERO)
        return Quantity(
            key, total, table.unit, table, own[0] if len(own) == 1 else None, "合计", len(own)
        )

    def functional_item(
        self, class_code: str, names: Sequence[str], table_key: str = "expenditure"
    ) -> Quantity | None:
        """The 款 or 项 named under a 类 (`names`: the 款's name, the 项's, either may be
        blank), the most specific level named. Each name is looked up below the code found so
        far, among the table's rows and the catalog's entries; None unless exactly one code
        bears it."""
        table = self.doc.table(table_key)
        if table is None or "合计" not in table.columns:
            return None
        code = class_code
        for depth, name in enumerate(names, start=1):
            if not name:
                continue
            named = self._code_named(table, code, name, depth)
            if named is None:
                return self._item_by_indent(table, class_code, names, table_key)
            code = named
        found = self.functional_class(code, table_key)
        return (
            None if found is None else replace(found, key=class_key(table_key, class_code, names))
        )

    def code_named(self, class_code: str, names: Sequence[str], table_key: str) -> str | None:
        """The code of the 款 or 项 named under a 类, by the table's rows and the catalog,
        whether or not the table states its amount (None unless each name is one code's)."""
        table = self.doc.table(table_key)
        if table is None:
            return None
        code = class_code
        for depth, name in enumerate(names, start=1):
            if name:
                found = self._code_named(table, code, name, depth)
                if found is None:
                    return None
                code = found
        return code

    def _item_by_indent(
        self, table: Table, class_code: str, names: Sequence[str], table_key: str
    ) -> Quantity | None:
        """The 款 or 项 of a table printing names without codes, found under its 类 by the
        indentation (`_named_below`), summed over the units that each print that 类."""
        rows = table.rows
        found: list[Row] = []  # each unit prints its own 类 and its 款 and 项 under it
        for at, row in enumerate(rows):
            if row.code == class_code and row.indent is not None:
                item = _named_below(rows, at, names)
                if item is None:
                    return None
                found.append(item)
        if not found or not all(r.cells for r in found):
            return None
        key = class_key(table_key, class_code, names)
        total = sum((r.value("合计") for r in found), ZERO)
        one = found[0] if len(found) == 1 else None
        return Quantity(key, total, table.unit, table, one, "合计", len(found))

    def _code_named(self, table: Table, under: str, name: str, depth: int) -> str | None:
        """The one code of level `depth` below the 类 (1: 款, 2: 项) that starts with `under`
        and is named `name` in the table or the catalog."""
        length = 3 + 2 * depth
        codes = {
            r.code
            for r in table.rows
            if _functional(r)
            and r.code is not None
            and len(r.code) == length
            and r.code.startswith(under)
            and names_match(r.name, name)
        }
        if self.catalog is not None:
            codes.update(
                e.code
                for e in self.catalog.entries(Part.FUNCTION)
                if len(e.code) == length and e.code.startswith(under) and names_match(e.name, name)
            )
        if not codes and len(name) >= 4:
            # a name with two characters transposed (一般行政事务管理 for 一般行政管理事务): the
            # one code under it whose name has the very same characters
            codes = {
                code
                for code, named in self._names_under(table, under, length)
                if sorted(named) == sorted(name)
            }
        return codes.pop() if len(codes) == 1 else None

    def _names_under(self, table: Table, under: str, length: int) -> Iterator[tuple[str, str]]:
        """(code, name) of each code of `length` below `under`, in the table and the catalog."""
        for r in table.rows:
            if _functional(r) and r.code and len(r.code) == length and r.code.startswith(under):
                yield r.code, r.name
        if self.catalog is not None:
            for e in self.catalog.entries(Part.FUNCTION):
                if len(e.code) == length and e.code.startswith(under):
                    yield e.code, e.name

    def classes(self, table_key: str = "expenditure") -> Iterator[str]:
        table = self.doc.table(table_key)
        if table is None:
            return iter(())
        return iter(
            dict.fromkeys(r.code[:3] for r in table.rows if r.kind is RowKind.CODE and r.code)
        )
