"""Reading stored documents back: which the store holds for a department and year, and their
cells in long form — what a check across documents (last year's disclosure of the same
department, the 预算 a 决算 executes) compares this year's figures with."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from yusuan.model import Disclosure
from yusuan.store.database import StoreError
from yusuan.store.schema import CellRow, DocumentRow, TableRow


@dataclass(frozen=True, slots=True)
class StoredDocument:
    id: int
    paths: tuple[str, ...]
    department: str | None
    department_code: str | None
    year: int | None
    kind: str | None  # 预算 / 决算
    template: str | None
    unit: str | None
    imported_at: datetime
    status: str


@dataclass(frozen=True, slots=True)
class StoredCell:
    table_key: str  # the template's standard table (expenditure …)
    table_id: str | None  # as printed (预算03表)
    table_title: str
    unit: str  # 万元 / 元
    side: str
    row_code: str | None
    row_name: str
    column: str
    value: Decimal


def find_documents(
    engine: Engine,
    department: str | None = None,
    department_code: str | None = None,
    year: int | None = None,
    kind: str | None = None,
) -> list[StoredDocument]:
    """The stored documents matching every criterion given (a department by its exact name or
    its code), the latest imported first."""
    query = select(DocumentRow)
    if department is not None:
        query = query.where(DocumentRow.department == department)
    if department_code is not None:
        query = query.where(DocumentRow.department_code == department_code)
    if year is not None:
        query = query.where(DocumentRow.year == year)
    if kind is not None:
        query = query.where(DocumentRow.kind == kind)
    with Session(engine) as session:
        rows = session.scalars(query.order_by(DocumentRow.imported_at.desc(), DocumentRow.id))
        return [
            StoredDocument(
                id=r.id,
                paths=tuple(r.paths.splitlines()),
                department=r.department,
                department_code=r.department_code,
                year=r.year,
                kind=r.kind,
                template=r.template,
                unit=r.unit,
                imported_at=r.imported_at,
                status=r.status,
            )
            for r in rows
        ]


def disclosure_of(engine: Engine, document_id: int) -> Disclosure:
    """The stored document's whole model (`yusuan.model.Disclosure`, equal to the one read at
    import), without its file; StoreError (one line) when there is no such document, or it was
    stored by an older format and its file is gone."""
    from yusuan.store.across import stored_model

    with Session(engine) as session, session.begin():  # a model read again is kept
        row = session.get(DocumentRow, document_id)
        if row is None:
            raise StoreError(f"库中没有编号为 {document_id} 的文档")
        return stored_model(session, row)


def cells_of(engine: Engine, document_id: int) -> list[StoredCell]:
    """Every stored cell of a document, table by table in the document's order."""
    query = (
        select(TableRow, CellRow)
        .join(CellRow, CellRow.table_id == TableRow.id)
        .where(TableRow.document_id == document_id)
        .order_by(TableRow.position, CellRow.id)
    )
    with Session(engine) as session:
        return [
            StoredCell(
                table_key=t.key,
                table_id=t.printed_id,
                table_title=t.title,
                unit=t.unit,
                side=c.side,
                row_code=c.row_code,
                row_name=c.row_name,
                column=c.column,
                value=c.value,
            )
            for t, c in session.execute(query)
        ]
