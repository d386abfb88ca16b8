"""What the explore pages draw, from the stored cells (never from a document read again):
expenditure by function as a tree (类 → 款 → 项 by the code's length), basic against project
expenditure, the economic classification by 类, income by source, 三公 and 机关运行经费 across a
department's years (`web.years`), and two disclosures side by side.

Figures stay Decimal here and go to the page as their decimal text; the browser's chart draws
them, the page's tables print them exactly.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal
from typing import Any

from sqlalchemy import Engine

from yusuan.store.documents import StoredCell, cells_of
from yusuan.web.data import Listed
from yusuan.web.years import Models, in_wan, operating_years, sangong_years, years_of

FUNCTION_TABLES = ("expenditure", "gpb_expenditure")  # by function, with its totals columns
ECONOMIC_TABLES = ("economic_summary", "gpb_basic")
SANGONG = "sangong"
_FUNCTION_CODE = re.compile(r"^2\d{2}(\d{2}){0,2}$")  # 类 201, 款 20103, 项 2010301
_ECONOMIC_CODE = re.compile(r"^[35]\d{2}(\d{2})?$")  # 类 301, 款 30101
_TOTAL_COLUMNS = ("合计", "总计", "金额", "本年预算", "本年支出", "支出决算")
SANGONG_PARTS = ("因公出国（境）费", "公务接待费", "公务用车购置及运行费")


def _table(cells: Sequence[StoredCell], keys: Sequence[str]) -> list[StoredCell]:
    for key in keys:
        found = [c for c in cells if c.table_key == key]
        if found:
            return found
    return []


def _total_column(cells: Sequence[StoredCell]) -> str | None:
    """The table's whole-amount column: the first named as a total, else the first."""
    columns = list(dict.fromkeys(c.column for c in cells))
    for name in _TOTAL_COLUMNS:
        if name in columns:
            return name
    return columns[0] if columns else None


def _text(value: Decimal) -> str:
    return format(value, "f")


def _name(code: str, year: int | None, economic: bool = False) -> str:
    """A code's name in the bundled catalog of its year (the code alone when not there)."""
    from yusuan.catalog import CatalogError, load_catalog

    try:
        catalog = load_catalog(year)
    except CatalogError:
        return code
    entry = catalog.econ_dept(code) if economic else catalog.function(code)
    return f"{code} {entry.name}" if entry is not None else code


def function_tree(cells: Sequence[StoredCell], year: int | None = None) -> list[dict[str, Any]]:
    """Expenditure by function as a treemap's nodes: each 类 with its 款 with its 项. A level
    the table does not print (a table of 项 only) is added, named from the catalog, its value
    the sum of the rows under it."""
    table = _table(cells, FUNCTION_TABLES)
    column = _total_column(table)
    rows = {
        c.row_code: (c.row_name, c.value)
        for c in table
        if c.column == column and c.row_code and _FUNCTION_CODE.match(c.row_code)
    }
    nodes: dict[str, dict[str, Any]] = {}
    sums: dict[str, Decimal] = {}
    for code in sorted(rows, key=lambda c: (len(c), c)):
        name, value = rows[code]
        nodes[code] = {"name": f"{code} {name}", "value": value, "children": []}
    for code in sorted(rows, key=lambda c: (-len(c), c)):  # the deepest first: sums go up
        parent = code[:-2]
        while len(parent) >= 3 and parent not in rows:  # up to the first level printed
            sums[parent] = sums.get(parent, Decimal(0)) + rows[code][1]
            if parent not in nodes:
                nodes[parent] = {"name": _name(parent, year), "value": Decimal(0), "children": []}
            parent = parent[:-2]
    for code, total in sums.items():
        if code not in rows:
            nodes[code]["value"] = total
    roots: list[dict[str, Any]] = []
    for code in sorted(nodes, key=lambda c: (len(c), c)):
        node = nodes[code]
        up = nodes.get(code[:-2]) if len(code) > 3 else None
        (up["children"] if up is not None else roots).append(node)
    for node in nodes.values():
        node["value"] = _text(node["value"])
    return roots


def basic_and_project(cells: Sequence[StoredCell]) -> list[dict[str, str]]:
    """基本支出 and 项目支出 of the total row of the expenditure table."""
    table = _table(cells, FUNCTION_TABLES)
    total = [c for c in table if c.row_name.replace(" ", "") in ("合计", "总计")]
    out = []
    for part in ("基本支出", "项目支出"):
        for column in (part, f"{part}/小计", f"{part}/合计"):
            found = next((c for c in total if c.column == column), None)
            if found is not None:
                out.append({"name": part, "value": _text(found.value)})
                break
    return out


def economic_classes(
    cells: Sequence[StoredCell], department_code: str | None = None, year: int | None = None
) -> list[dict[str, str]]:
    """The economic classification by 类 (301 工资福利支出 …): its own row when printed, else
    the sum of its 款. A row of the department itself (its code may look like a 类: 309) is
    left out."""
    table = _table(cells, ECONOMIC_TABLES)
    column = _total_column(table)
    classes: dict[str, tuple[str, Decimal]] = {}
    parts: dict[str, Decimal] = {}
    for c in table:
        if c.column != column or not c.row_code or not _ECONOMIC_CODE.match(c.row_code):
            continue
        if c.row_code == department_code:
            continue
        if len(c.row_code) == 3:
            classes[c.row_code] = (f"{c.row_code} {c.row_name}", c.value)
        else:
            parts[c.row_code[:3]] = parts.get(c.row_code[:3], Decimal(0)) + c.value
    for code, value in parts.items():
        classes.setdefault(code, (_name(code, year, economic=True), value))
    return [{"name": name, "value": _text(value)} for _, (name, value) in sorted(classes.items())]


def sangong(cells: Sequence[StoredCell]) -> dict[str, str]:
    """The 三公 table's parts and total (the columns' last level matched by name)."""
    table = [c for c in cells if c.table_key == SANGONG]
    out: dict[str, str] = {}
    for part in (*SANGONG_PARTS, "合计"):
        for c in table:
            head = c.column.split("/")
            if (part == "合计" and "合计" in head[0]) or (
                head[0] == part and (len(head) == 1 or head[-1] in ("小计", "合计"))
            ):
                out.setdefault(part, _text(c.value))
    return out


_INCOME_TOTALS = ("合计", "总计", "收入总计", "本年收入合计", "收入合计")
_THIS_YEAR = "本年收入/"
_NUMBERED = re.compile(r"^[一二三四五六七八九十]+[、.．]")  # 一、 of 一、一般公共预算拨款收入


def _is_total(name: str) -> bool:
    return name.replace(" ", "") in _INCOME_TOTALS


def income_sources(cells: Sequence[StoredCell]) -> list[dict[str, str]]:
    """收入 by source: the income table's 本年收入 columns on its total row (a source's 小计
    where it has parts; no 其中 line, no 上年结转), else the 收支总表's income lines above
    its 本年收入合计. Empty when neither prints them."""
    table = [c for c in cells if c.table_key == "income"]
    total = [c for c in table if _is_total(c.row_name) and not c.row_code]
    sources: dict[str, Decimal] = {}
    for c in total:
        if not c.column.startswith(_THIS_YEAR) or "其中" in c.column:
            continue
        parts = c.column.removeprefix(_THIS_YEAR).split("/")
        if parts[0] in ("合计", "小计"):
            continue
        if len(parts) == 1 or parts[-1] in ("小计", "合计"):
            sources.setdefault(parts[0], c.value)
    columns = {c.column for c in total}
    if not sources and columns & {"合计", "总计"}:  # sources as columns, no 本年收入 over them
        for c in total:
            if not (_is_total(c.column) or "结转" in c.column or "结余" in c.column) and (
                "/" not in c.column and "其中" not in c.column
            ):
                sources.setdefault(c.column, c.value)
    if not sources:
        sources = _summary_income(cells)
    return [{"name": name, "value": _text(value)} for name, value in sources.items() if value]


def _summary_income(cells: Sequence[StoredCell]) -> dict[str, Decimal]:
    """The 收支总表's income lines before its first total (本年收入合计 …): no 其中 line, no
    carried-over money."""
    out: dict[str, Decimal] = {}
    for c in cells:
        if c.table_key != "summary" or c.side != "收入":
            continue
        name = c.row_name.replace(" ", "")
        if "合计" in name or "小计" in name or "总计" in name:
            break
        if name.startswith("其中") or "结转" in name or "结余" in name:
            continue
        out.setdefault(_NUMBERED.sub("", name), c.value)
    return out


def explore_data(engine: Engine, listed: Listed, models: Models | None = None) -> dict[str, Any]:
    """Everything one document's explore page draws (`models`: a stored document's model,
    for the 机关运行经费 its narrative states where no table does)."""
    cells = cells_of(engine, listed.id)
    years = years_of(engine, listed, models)
    return {
        "income_sources": income_sources(cells),
        "functions": function_tree(cells, listed.year),
        "basic_project": basic_and_project(cells),
        "economic": economic_classes(cells, listed.department_code, listed.year),
        "sangong_years": sangong_years(years),
        "operating_years": operating_years(years),
    }


def compare_rows(engine: Engine, a: Listed, b: Listed) -> list[tuple[str, str, str, str]]:
    """Two disclosures side by side: the totals, then each function 类; (what, a, b, change)."""
    return compare_cells(cells_of(engine, a.id), cells_of(engine, b.id), (a.year, b.year))


def compare_cells(
    ca: Sequence[StoredCell], cb: Sequence[StoredCell], years: tuple[int | None, int | None]
) -> list[tuple[str, str, str, str]]:
    """Two documents' cells side by side, both in 万元 (one printed in 元 is converted: a
    change between 元 and 万元 figures would be nonsense); (what, a, b, change)."""
    pairs: dict[str, list[Decimal | None]] = {}

    def put(name: str, side: int, value: str | None) -> None:
        pairs.setdefault(name, [None, None])[side] = None if value is None else Decimal(value)

    for side, given in enumerate((ca, cb)):
        cells = [replace(c, value=in_wan(c.value, c.unit), unit="万元") for c in given]
        for item in basic_and_project(cells):
            put(item["name"], side, item["value"])
        for part, value in sangong(cells).items():
            put(f"三公：{part}", side, value)
        for node in function_tree(cells, years[side]):
            put(node["name"], side, node["value"])
    out = []
    for name, (x, y) in pairs.items():
        change = "" if x is None or y is None else _text(y - x)
        out.append((name, "" if x is None else _text(x), "" if y is None else _text(y), change))
    return out
