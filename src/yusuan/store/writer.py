"""The one writer: stores a `Prepared` document in one transaction.

The same file imported again (same content hash) keeps its one record. A file whose content
changed at a path already stored replaces that document's tables, cells and findings; the
reviewers' decisions are kept apart, by fingerprint, and so survive it. Whatever fails midway
is rolled back: the store is as it was before that document.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path

from sqlalchemy import Engine, delete, insert, select
from sqlalchemy.orm import Session

from yusuan.store.across import ALL, Checked, Rules, check_document
from yusuan.store.prepared import Prepared, PreparedFinding, PreparedTable
from yusuan.store.region import clean_region, region_of
from yusuan.store.schema import CellRow, DocumentRow, FindingRow, TableRow
from yusuan.store.serial import load_model, model_format


class Outcome(StrEnum):
    ADDED = "已导入"
    REPLACED = "已更新"  # the file changed: its tables and findings replaced
    UNCHANGED = "未变"  # the same content was already stored


def _absolute(path: str) -> str:
    # one file given from two working folders is one path
    return str(Path(path).resolve())


@dataclass(frozen=True, slots=True)
class Stored:
    """What `store` did with a document: its outcome, its counts with the comparisons, what
    it was compared with (`store.across`) and one line per problem of those comparisons."""

    outcome: Outcome
    errors: int
    warnings: int
    checked: Checked


def write(
    engine: Engine, prepared: Prepared, rules: Rules = ALL, region: str | None = None
) -> Outcome:
    """Store `prepared` in one transaction and say what it did (see `store`)."""
    return store(engine, prepared, rules, region).outcome


def store(
    engine: Engine, prepared: Prepared, rules: Rules = ALL, region: str | None = None
) -> Stored:
    """Store `prepared` and compare it with the stored documents it follows and that follow it
    (`store.across`), all in one transaction: a failure anywhere leaves the store as it was.
    `region`: its 地区 as given (`yusuan import --region`); else the one stored before, else
    the place its department's name begins with (`store.region`), else none."""
    with Session(engine) as session, session.begin():
        outcome, document = _write(session, prepared)
        given = clean_region(region)
        if given is not None:
            document.region = given
        elif document.region is None:  # one given by hand before is kept
            document.region = region_of(prepared.department) or None
        checked = Checked((), (), ())
        if prepared.model:
            kept = outcome is Outcome.UNCHANGED and document.model_format == model_format()
            if not kept:  # new, changed, or stored before models were kept (or by another format)
                document.model, document.model_format = prepared.model, model_format()
            document.department_facts = prepared.facts or document.department_facts
            # the same content under another name: compared as first stored (its file named)
            doc = load_model(document.model if kept and document.model else prepared.model)
            checked = check_document(session, document, doc, rules)
        return Stored(outcome, document.errors, document.warnings, checked)


def _write(session: Session, prepared: Prepared) -> tuple[Outcome, DocumentRow]:
    """The document's record, tables and findings written (or found unchanged)."""
    paths = [_absolute(p) for p in prepared.paths]
    same = session.scalar(
        select(DocumentRow).where(DocumentRow.content_hash == prepared.content_hash)
    )
    if same is not None:
        known = same.paths.splitlines()
        if paths[0] not in known:  # a copy or a renamed file: one record, both names
            same.paths = "\n".join([*known, *(p for p in paths if p not in known)])
        return Outcome.UNCHANGED, same
    document = _at_path(session, paths[0])
    outcome = Outcome.REPLACED if document is not None else Outcome.ADDED
    if document is None:
        document = DocumentRow()
        session.add(document)
    else:
        _clear(session, document.id)
    document.content_hash = prepared.content_hash
    document.paths = "\n".join(paths)
    document.identity = prepared.identity
    document.department = prepared.department
    document.department_code = prepared.department_code
    document.year = prepared.year
    document.kind = prepared.kind
    document.template = prepared.template
    document.unit = prepared.unit
    document.imported_at = datetime.now(UTC)
    document.status = prepared.status
    document.errors = prepared.errors
    document.warnings = prepared.warnings
    document.model = prepared.model or None
    document.model_format = model_format() if prepared.model else None
    session.flush()
    _insert_tables(session, document.id, prepared.tables)
    _insert_findings(session, document.id, prepared.findings)
    return outcome, document


def _at_path(session: Session, path: str) -> DocumentRow | None:
    """The stored document first read from `path`: the file changed since."""
    for document in session.scalars(select(DocumentRow).where(DocumentRow.paths.contains(path))):
        if document.paths.splitlines()[0] == path:
            return document
    return None


def _clear(session: Session, document_id: int) -> None:
    """A document's tables, cells and findings (not the decisions: they are by fingerprint)."""
    tables = select(TableRow.id).where(TableRow.document_id == document_id)
    session.execute(delete(CellRow).where(CellRow.table_id.in_(tables)))
    session.execute(delete(TableRow).where(TableRow.document_id == document_id))
    session.execute(delete(FindingRow).where(FindingRow.document_id == document_id))


def _insert_tables(session: Session, document_id: int, tables: Sequence[PreparedTable]) -> None:
    for position, table in enumerate(tables):
        row = TableRow(
            document_id=document_id,
            position=position,
            key=table.key,
            printed_id=table.printed_id,
            title=table.title,
            unit=table.unit,
        )
        session.add(row)
        session.flush()
        if table.cells:
            session.execute(
                insert(CellRow),
                [
                    {
                        "table_id": row.id,
                        "side": c.side,
                        "row_code": c.row_code,
                        "row_name": c.row_name,
                        "column": c.column,
                        "value": c.value,
                    }
                    for c in table.cells
                ],
            )


def _insert_findings(
    session: Session, document_id: int, findings: Sequence[PreparedFinding]
) -> None:
    if not findings:
        return
    session.execute(
        insert(FindingRow),
        [f.values_for(document_id, position) for position, f in enumerate(findings)],
    )
