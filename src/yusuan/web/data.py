"""What the portal reads from the store: the list of disclosures with their decided counts, a
document's findings with their decisions, its cells as JSON objects and its tables as printed.

Only reads. Writing goes through the store's own writer (`store.store`) and decisions through
`store.queries.decide`, so the portal and the command line keep the same records.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from yusuan.audit.finding import Confidence, Finding, Location, Severity
from yusuan.review.decisions import Decision
from yusuan.store.documents import StoredCell, cells_of
from yusuan.store.queries import decisions
from yusuan.store.schema import DecisionRow, DocumentRow, FindingRow


@dataclass(frozen=True, slots=True)
class Listed:
    """One disclosure as the list shows it."""

    id: int
    department: str | None
    department_code: str | None
    year: int | None
    kind: str | None
    template: str | None
    status: str  # 有错误 / 有警告 / 无问题
    errors: int
    warnings: int
    decided: int  # findings a reviewer decided
    imported_at: str
    region: str | None = None  # 地区 (store.region)

    def data(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "department": self.department,
            "department_code": self.department_code,
            "year": self.year,
            "kind": self.kind,
            "template": self.template,
            "status": self.status,
            "errors": self.errors,
            "warnings": self.warnings,
            "decided": self.decided,
            "imported_at": self.imported_at,
            "region": self.region,
        }


STATUSES = ("有错误", "有警告", "无问题")
KINDS = ("预算", "决算")


def list_documents(
    engine: Engine,
    department: str | None = None,
    year: int | None = None,
    kind: str | None = None,
    status: str | None = None,
    document_id: int | None = None,
    region: str | None = None,
) -> list[Listed]:
    """The stored disclosures matching the filters (department: part of its name or its
    code; region: the region or one it is part of, 上海市 for 上海市普陀区), by region,
    department and year."""
    decided = (
        select(FindingRow.document_id, func.count(FindingRow.id).label("n"))
        .where(FindingRow.fingerprint.in_(select(DecisionRow.fingerprint)))
        .group_by(FindingRow.document_id)
        .subquery()
    )
    query = select(DocumentRow, func.coalesce(decided.c.n, 0)).outerjoin(
        decided, decided.c.document_id == DocumentRow.id
    )
    if department:
        query = query.where(
            DocumentRow.department.contains(department)
            | (DocumentRow.department_code == department)
        )
    if year is not None:
        query = query.where(DocumentRow.year == year)
    if kind:
        query = query.where(DocumentRow.kind == kind)
    if status:
        query = query.where(DocumentRow.status == status)
    if document_id is not None:
        query = query.where(DocumentRow.id == document_id)
    if region:
        # a region's name is its parts' prefix: 上海市 holds 上海市普陀区
        query = query.where(DocumentRow.region.startswith(region, autoescape=True))
    # those without a region last on every database (SQLite puts NULL first, PostgreSQL last)
    query = query.order_by(
        DocumentRow.region.is_(None),
        DocumentRow.region,
        DocumentRow.department,
        DocumentRow.year,
        DocumentRow.id,
    )
    with Session(engine) as session:
        return [
            Listed(
                id=d.id,
                department=d.department,
                department_code=d.department_code,
                year=d.year,
                kind=d.kind,
                template=d.template,
                status=d.status,
                errors=d.errors,
                warnings=d.warnings,
                decided=int(n),
                imported_at=d.imported_at.isoformat(),
                region=d.region,
            )
            for d, n in session.execute(query)
        ]


def regions(engine: Engine) -> list[str]:
    """The regions of the stored documents, each once, in order (the list page's choices)."""
    query = select(DocumentRow.region).where(DocumentRow.region.is_not(None)).distinct()
    with Session(engine) as session:
        return sorted(r for r in session.scalars(query) if r)


def get_document(engine: Engine, document_id: int) -> Listed | None:
    """One stored disclosure as the list shows it; None when there is none."""
    found = list_documents(engine, document_id=document_id)
    return found[0] if found else None


def document_paths(engine: Engine, document_id: int) -> list[str]:
    with Session(engine) as session:
        row = session.get(DocumentRow, document_id)
        return row.paths.splitlines() if row is not None else []


@dataclass(frozen=True, slots=True)
class StoredFinding:
    """A stored finding as the API and the pages show it, with its decision if any."""

    finding: Finding
    page: int | None
    fingerprint: str
    decision: Decision | None

    def data(self) -> dict[str, Any]:
        f = self.finding
        location = {
            k: v
            for k, v in {
                "path": f.location.path,
                "section": f.location.section,
                "table": f.location.table,
                "row": f.location.row,
                "column": f.location.column,
                "line": f.location.line,
                "page": self.page,
            }.items()
            if v is not None
        }
        out: dict[str, Any] = {
            "rule": f.rule,
            "severity": f.severity.value,
            "message": f.message,
            "location": location,
            "stated": _figure(f.stated),
            "expected": _figure(f.expected),
            "suggestion": f.suggestion,
            "confidence": f.confidence.value,
            "fingerprint": self.fingerprint,
        }
        if self.decision is not None:
            d = self.decision
            out["decision"] = {
                "fingerprint": d.fingerprint,
                "verdict": d.verdict.value,
                "reason": d.reason,
                "who": d.who,
                "when": d.when.isoformat(),
            }
        return out


def _figure(value: Decimal | None) -> str | None:
    # money as its exact decimal text: a JSON number would be read back as a float
    return None if value is None else format(value, "f")


def findings_of(engine: Engine, document_id: int) -> list[StoredFinding]:
    """A document's stored findings in the audit's order, as `Finding`s again (what the
    report's crops take), each with its page, fingerprint and decision."""
    decided = decisions(engine, document_id)
    query = (
        select(FindingRow)
        .where(FindingRow.document_id == document_id)
        .order_by(FindingRow.position)
    )
    with Session(engine) as session:
        return [
            StoredFinding(
                finding=Finding(
                    rule=r.rule,
                    severity=Severity(r.severity),
                    message=r.message,
                    location=Location(
                        path=r.path,
                        section=r.section,
                        table=r.table_name,
                        row=r.row_name,
                        column=r.column_name,
                        line=r.line,
                    ),
                    stated=r.stated,
                    expected=r.expected,
                    suggestion=r.suggestion,
                    confidence=Confidence(r.confidence),
                ),
                page=r.page,
                fingerprint=r.fingerprint,
                decision=decided.get(r.fingerprint),
            )
            for r in session.scalars(query)
        ]


def cell_data(cell: StoredCell) -> dict[str, Any]:
    """A long row as a JSON object (the columns of `yusuan parse --format csv`)."""
    return {
        "table_key": cell.table_key,
        "table_id": cell.table_id,
        "table_title": cell.table_title,
        "unit": cell.unit,
        "side": cell.side,
        "row_code": cell.row_code,
        "row_name": cell.row_name,
        "column": cell.column,
        "value": format(cell.value, "f"),
    }


@dataclass(slots=True)
class Printed:
    """A table as printed again from its long rows: its columns in the order first seen, one
    row per (side, code, name)."""

    title: str
    printed_id: str | None
    unit: str
    columns: list[str] = field(default_factory=list)
    rows: list[tuple[str, str, list[str]]] = field(default_factory=list)  # side, name, values

    def panels(self) -> list[tuple[str, list[str], list[tuple[str, list[str]]]]]:
        """The table as its panels are printed side by side (收入 | 支出): each side with the
        columns it uses and its rows; one panel for a one-sided table."""
        sides = list(dict.fromkeys(side for side, _, _ in self.rows))
        out = []
        for side in sides:
            rows = [(name, values) for s, name, values in self.rows if s == side]
            used = [i for i, _ in enumerate(self.columns) if any(v[i] for _, v in rows)]
            out.append(
                (
                    side,
                    [self.columns[i] for i in used],
                    [(name, [values[i] for i in used]) for name, values in rows],
                )
            )
        return out


def printed_tables(cells: Sequence[StoredCell]) -> list[Printed]:
    """The stored cells grouped back into tables (the document's order kept)."""
    tables: dict[tuple[str, str | None, str], Printed] = {}
    grid: dict[tuple[str, str | None, str], dict[tuple[str, str | None, str], dict[str, str]]] = {}
    for cell in cells:
        key = (cell.table_key, cell.table_id, cell.table_title)
        table = tables.get(key)
        if table is None:
            table = tables[key] = Printed(cell.table_title, cell.table_id, cell.unit)
            grid[key] = {}
        if cell.column not in table.columns:
            table.columns.append(cell.column)
        row = grid[key].setdefault((cell.side, cell.row_code, cell.row_name), {})
        row[cell.column] = format(cell.value, ",f")
    for key, table in tables.items():
        for (side, code, name), values in grid[key].items():
            label = f"{code} {name}" if code and not name.startswith(code) else name
            table.rows.append((side, label, [values.get(c, "") for c in table.columns]))
    return list(tables.values())


__all__ = [
    "KINDS",
    "STATUSES",
    "Listed",
    "Printed",
    "StoredFinding",
    "cell_data",
    "cells_of",
    "document_paths",
    "findings_of",
    "get_document",
    "list_documents",
    "printed_tables",
    "regions",
]
