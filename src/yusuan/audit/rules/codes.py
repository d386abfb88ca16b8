"""Where a disclosure prints classification codes and class names, and how a finding built
on the catalog cites it.

The functional codes of 03/05/09, the department and government economic codes of 06/07,
and the class names of the 01/04 expense panels (printed without codes). Every catalog
finding names the catalog it used (provenance and year) and the row (status, source, origin).
"""

from __future__ import annotations

import re
from collections.abc import Generator, Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, lru_cache

from yusuan.audit.engine import Context
from yusuan.audit.finding import Check, Location, Severity
from yusuan.catalog import (
    Catalog,
    CatalogError,
    Entry,
    MappingEntry,
    Part,
    Status,
    UnitType,
    normalize_name,
)
from yusuan.catalog.reference import FormerName, former_match, former_names, retired_row
from yusuan.model import Row, RowKind, Side, Table

ZERO = Decimal(0)
FUNCTIONAL_TABLES = ("expenditure", "gpb_expenditure", "gov_fund")
ECONOMIC_TABLES = ("gpb_basic", "economic_summary")
PANEL_TABLES = ("summary", "fiscal_summary")  # 01/04: expense rows named by functional class
GOV_COLUMN = "政府预算支出经济分类"
PERSONNEL, PUBLIC = "人员经费", "公用经费"
# The economic classes whose money is 人员经费 or 公用经费 (spec: 301/303 and 302/310).
CLASS_COLUMN = {"301": PERSONNEL, "303": PERSONNEL, "302": PUBLIC, "310": PUBLIC}
UNIT_TYPES = {
    "机关": UnitType.ORGAN,
    "事业": UnitType.INSTITUTION,
    "事业单位": UnitType.INSTITUTION,
}
STATUS_WORDS = {
    Status.VERIFIED: "已核实",
    Status.VERIFIED_2024: "仅见于2024年科目，未对照本年核实",
    Status.UNVERIFIED: "未核实",
    Status.USER: "用户目录",
}
# Panel rows that are totals or balances, never a class.
STRUCTURAL = re.compile(r"合计|总计|结转|结余|^本年支出$")
NUMERAL = re.compile(r"[一二三四五六七八九十百零〇两0-9０-９]+")


@dataclass(frozen=True, slots=True)
class CodeCell:
    """One code printed in a table, with the name printed beside it."""

    table: Table
    row: Row
    part: Part
    code: str
    name: str
    column: str | None  # None: the row's own code; GOV_COLUMN: the paired government code

    @property
    def shown(self) -> str:
        return f"{self.code}“{self.name}”" if self.name else self.code


def code_cells(ctx: Context) -> Iterator[CodeCell]:
    """The functional codes of 03/05/09 and both economic codes of 06/07."""
    for key in (*FUNCTIONAL_TABLES, *ECONOMIC_TABLES):
        table = ctx.doc.table(key)
        if table is None:
            continue
        part = Part.FUNCTION if key in FUNCTIONAL_TABLES else Part.ECON_DEPT
        for row in table.rows:
            if row.kind is not RowKind.CODE or not row.code:
                continue
            yield CodeCell(table, row, part, row.code, row.name, None)
            if part is Part.ECON_DEPT and row.gov_code:
                name = row.gov_name or ""
                yield CodeCell(table, row, Part.ECON_GOV, row.gov_code, name, GOV_COLUMN)


def load(ctx: Context) -> Generator[Check, None, Catalog | None]:
    """The document's catalog; a catalog directory that cannot be used is one warning."""
    try:
        return ctx.catalog
    except CatalogError as exc:
        yield ctx.fail(
            f"分类目录无法使用，未能核对科目：{exc}",
            Location(path=ctx.doc.meta.path),
            severity=Severity.WARNING,
        )
        return None


def catalog_or_none(ctx: Context) -> Catalog | None:
    """The catalog for a rule that stands without it (it only cites the catalog)."""
    try:
        return ctx.catalog
    except CatalogError:
        return None


def year_of(ctx: Context, catalog: Catalog) -> int:
    return ctx.doc.meta.year or catalog.year


def name_of(table: Table) -> str:
    return table.id or table.title


def cite_catalog(catalog: Catalog) -> tuple[str, str]:
    """The catalog a finding used, and which other year's book stood in for the fiscal
    year's own where one did."""
    stand_in = catalog.standing_in()
    return (
        "分类目录",
        f"{catalog.provenance}（{catalog.year}年度{'；' + stand_in if stand_in else ''}）",
    )


def book_words(catalog: Catalog, part: Part, year: int) -> str:
    """ "2024年科目", or "2023年科目（代2024年）" where another year's book stands in."""
    book = catalog.book_year(part)
    return f"{year}年科目" if book == year else f"{book}年科目（代{year}年）"


def cite_entry(entry: Entry) -> tuple[str, str]:
    return (
        f"目录行 {entry.code}",
        f"{entry.part.label}“{entry.name}”：{entry.status.value}（{STATUS_WORDS[entry.status]}），"
        f"来源 {entry.source or '—'}，{entry.origin}",
    )


def cite_mapping(row: MappingEntry) -> tuple[str, str]:
    return (
        f"对照表 {row.dept_code}→{row.gov_code}",
        f"{row.unit_type.value}：{row.status.value}（{STATUS_WORDS[row.status]}），"
        f"来源 {row.source or '—'}，{row.origin}",
    )


def caveat(entry: Entry) -> str:
    """What a finding built on an unconfirmed row must say about it."""
    if entry.verified:
        return ""
    return f"（目录中该行为 {entry.status.value}：{STATUS_WORDS[entry.status]}，也可能是目录有误）"


@cache
def _former_classes() -> dict[str, list[FormerName]]:
    """The former names of 类, by their normalised old name."""
    index: dict[str, list[FormerName]] = {}
    for f in former_names():
        if len(f.code) == 3:
            index.setdefault(normalize_name(f.old_name), []).append(f)
    return index


def former_class(name: str) -> FormerName | None:
    """The former-name row of a 类 whose old name is `name` (the latest change)."""
    key = normalize_name(name)
    found = _former_classes().get(key, []) if key else []
    return max(found, key=lambda f: f.changed_in or 0) if found else None


def number_style(number: str | None) -> str:
    """The enumeration style of a row number: "N、" for 一、, "（N）" for （一）, "" for none."""
    return NUMERAL.sub("N", number or "")


def class_rows(table: Table, classes: tuple[Entry, ...]) -> list[Row]:
    """The expense rows of a 01/04 panel that name a functional class: from the first row
    whose name is a class (or a former class) to the last, numbered in the style of the first
    (一、 or （一）), totals and balances left out; where the side prints several lists side by
    side, only those of the list the first class is in."""
    rows = [
        r
        for r in table.rows_on(Side.EXPENSE)
        if r.kind is not RowKind.TOTAL
        and not r.part_of
        and normalize_name(r.name)
        and not STRUCTURAL.search(normalize_name(r.name))
    ]

    class_names = {normalize_name(e.name) for e in classes}

    def names_class(row: Row) -> bool:
        key = normalize_name(row.name)
        return bool(key) and (key in class_names or former_class(row.name) is not None)

    anchors = [i for i, r in enumerate(rows) if names_class(r)]
    if not anchors:
        return []
    # Lists printed side by side (功能分类 | 支出用途 | 经济分类): only the list the classes
    # are in names classes; 一、基本支出 beside 一、一般公共服务支出 is another list's line.
    segment = rows[anchors[0]].segment
    if segment is not None:
        rows = [r for r in rows if r.segment in (segment, None)]
        anchors = [i for i, r in enumerate(rows) if names_class(r)]
    style = number_style(rows[anchors[0]].number)
    span = rows[anchors[0] : anchors[-1] + 1]
    return [r for r in span if number_style(r.number) == style]


# The former names are fixed package data: what they say of a code (or a code and its
# printed name) is looked up once, not for every cell of every table of every document.
@lru_cache(maxsize=4096)
def retired_code(code: str) -> FormerName | None:
    """`reference.retired_row`, kept."""
    return retired_row(code)


@lru_cache(maxsize=4096)
def former_of(code: str | None, printed: str) -> FormerName | None:
    """`reference.former_match`, kept."""
    return former_match(code, printed)
