"""A department's money across its stored years: 三公经费 (its table's parts) and 机关运行经费
(the table that states it, else the narrative's own amount of it).

Every figure is in 万元 (a document printed in 元 is converted exactly). A year with no figure
is never drawn as zero: it is null, and its label says why — no disclosure of that year in the
store, or the disclosure states none.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import Engine

from yusuan.model import Disclosure
from yusuan.store.documents import StoredCell, cells_of
from yusuan.web.data import Listed, list_documents

SANGONG = "sangong"
SANGONG_PARTS = ("因公出国（境）费", "公务接待费", "公务用车购置及运行费")
OPERATING = "机关运行经费"
OPERATING_TABLE = "operating_costs"
_TOTALS = ("合计", "总计")
TEN_THOUSAND = Decimal(10000)

NOT_STORED = "库中无该年公开"
NO_SANGONG = "该年公开无三公经费表"
NO_OPERATING = "该年公开未列出机关运行经费"

Models = Callable[[Listed], Disclosure | None]


def in_wan(value: Decimal, unit: str) -> Decimal:
    """A figure in 万元 (exact: a decimal division by 10⁴ only moves the point)."""
    return value / TEN_THOUSAND if unit == "元" else value


def _text(value: Decimal) -> str:
    return format(value, "f")


def sangong(cells: Sequence[StoredCell]) -> dict[str, Decimal]:
    """The 三公 table's parts and total in 万元 (the columns' last level matched by name)."""
    table = [c for c in cells if c.table_key == SANGONG]
    out: dict[str, Decimal] = {}
    for part in (*SANGONG_PARTS, "合计"):
        for c in table:
            head = c.column.split("/")
            if (part == "合计" and "合计" in head[0]) or (
                head[0] == part and (len(head) == 1 or head[-1] in ("小计", "合计"))
            ):
                out.setdefault(part, in_wan(c.value, c.unit))
    return out


def operating_from_tables(cells: Sequence[StoredCell]) -> Decimal | None:
    """机关运行经费 in 万元 as a table states it: its own table's total row, else a column of
    the 三公 table that names it (some templates print it there)."""
    own = [c for c in cells if c.table_key == OPERATING_TABLE]
    for c in own:
        if c.row_name.replace(" ", "") in _TOTALS:
            return in_wan(c.value, c.unit)
    for c in cells:
        if c.table_key == SANGONG and OPERATING in c.column:
            return in_wan(c.value, c.unit)
    return None


def operating_from_narrative(doc: Disclosure | None) -> Decimal | None:
    """机关运行经费 in 万元 as the narrative states its own year's amount (not a change, not
    last year's), when it does and the claim's reading is sure."""
    if doc is None:
        return None
    from yusuan.audit.claims import ClaimKind, extract_claims

    for claim in extract_claims(doc):
        if (
            claim.kind is ClaimKind.AMOUNT
            and claim.subject == OPERATING
            and claim.own
            and claim.unsure is None
            and claim.unit in ("万元", "元")
        ):
            return in_wan(claim.value, claim.unit)
    return None


@dataclass(frozen=True, slots=True)
class Year:
    """One year of the department: its disclosure (None: not in the store) and figures."""

    year: int
    document: Listed | None
    sangong: dict[str, Decimal]
    operating: Decimal | None
    operating_source: str  # 表 / 情况说明 / ""


def same_department(a: Listed, b: Listed) -> bool:
    """Its name decides (normalised as the checks across documents do); the code only when a
    name is missing, as codes repeat from one region to the next."""
    from yusuan.audit.across.departments import normalise

    if a.department and b.department:
        return bool(normalise(a.department)) and normalise(a.department) == normalise(b.department)
    return bool(a.department_code) and a.department_code == b.department_code


def years_of(engine: Engine, listed: Listed, models: Models | None = None) -> list[Year]:
    """The department's stored disclosures of the same kind, one a year (the latest
    imported), from the first year to the last; a year between them not stored is there too,
    with no document."""
    by_year: dict[int, Listed] = {}
    for d in list_documents(engine, kind=listed.kind):
        if d.year is None or not same_department(d, listed):
            continue
        if d.year not in by_year or d.id > by_year[d.year].id:
            by_year[d.year] = d
    if not by_year:
        return []
    out = []
    for year in range(min(by_year), max(by_year) + 1):
        if year not in by_year:
            out.append(Year(year, None, {}, None, ""))
            continue
        d = by_year[year]
        cells = cells_of(engine, d.id)
        operating, source = operating_from_tables(cells), "表"
        if operating is None and models is not None:
            operating, source = operating_from_narrative(models(d)), "情况说明"
        out.append(
            Year(year, d, sangong(cells), operating, source if operating is not None else "")
        )
    return out


def _label(year: Year, missing: str) -> str:
    return f"{year.year}" if not missing else f"{year.year}\n（{missing}）"


def sangong_years(years: Sequence[Year]) -> dict[str, Any]:
    """三公 across years as the chart takes it: null where a year has none, its label saying
    why."""
    notes = {
        str(y.year): NOT_STORED if y.document is None else NO_SANGONG
        for y in years
        if not y.sangong
    }
    return {
        "unit": "万元",
        "years": [str(y.year) for y in years],
        "labels": [_label(y, notes.get(str(y.year), "")) for y in years],
        "series": [
            {
                "name": part,
                "values": [
                    None
                    if not y.sangong
                    else _text(y.sangong[part])
                    if part in y.sangong
                    else "0"  # the table is there and prints no such part: none spent
                    for y in years
                ],
            }
            for part in (*SANGONG_PARTS, "合计")
        ],
        "missing": notes,
    }


def operating_years(years: Sequence[Year]) -> dict[str, Any]:
    """机关运行经费 across years as the chart takes it: null where a year states none."""
    notes = {
        str(y.year): NOT_STORED if y.document is None else NO_OPERATING
        for y in years
        if y.operating is None
    }
    return {
        "unit": "万元",
        "years": [str(y.year) for y in years],
        "labels": [_label(y, notes.get(str(y.year), "")) for y in years],
        "values": [None if y.operating is None else _text(y.operating) for y in years],
        "sources": [y.operating_source for y in years],
        "missing": notes,
    }


__all__ = [
    "NOT_STORED",
    "NO_OPERATING",
    "NO_SANGONG",
    "Year",
    "in_wan",
    "operating_from_narrative",
    "operating_from_tables",
    "operating_years",
    "same_department",
    "sangong",
    "sangong_years",
    "years_of",
]
