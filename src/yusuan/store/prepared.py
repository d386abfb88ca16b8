"""Reading and auditing a document for the store, apart from writing it.

`prepare` reads one disclosure (from one file, or several published as one), audits it and
returns a `Prepared`: plain frozen records of builtins and Decimals, picklable, so that the
reading can run in another process or on a cluster's workers while one writer
(`Store.write`) stores the results.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from yusuan.audit import Report
from yusuan.audit.across.departments import identity_of
from yusuan.audit.finding import Finding, Severity
from yusuan.errors import InputError, YusuanError, internal_error
from yusuan.model import Disclosure
from yusuan.review.fingerprint import document_identity, fingerprints
from yusuan.store.serial import dump_identity, dump_model


@dataclass(frozen=True, slots=True)
class PreparedCell:
    side: str
    row_code: str | None
    row_name: str
    column: str
    value: Decimal


@dataclass(frozen=True, slots=True)
class PreparedTable:
    key: str
    printed_id: str | None
    title: str
    unit: str
    cells: tuple[PreparedCell, ...]


@dataclass(frozen=True, slots=True)
class PreparedFinding:
    rule: str
    severity: str
    confidence: str
    message: str
    path: str | None
    page: int | None
    line: int | None
    section: str | None
    table: str | None
    row: str | None
    column: str | None
    stated: Decimal | None
    expected: Decimal | None
    suggestion: str | None
    fingerprint: str

    def values_for(self, document_id: int, position: int) -> dict[str, object]:
        """The finding as the store's `findings` row, at `position` in its document's order."""
        return {
            "document_id": document_id,
            "position": position,
            "rule": self.rule,
            "severity": self.severity,
            "confidence": self.confidence,
            "message": self.message,
            "path": self.path,
            "page": self.page,
            "line": self.line,
            "section": self.section,
            "table_name": self.table,
            "row_name": self.row,
            "column_name": self.column,
            "stated": self.stated,
            "expected": self.expected,
            "suggestion": self.suggestion,
            "fingerprint": self.fingerprint,
        }


@dataclass(frozen=True, slots=True)
class Prepared:
    """One document read and audited, ready for the store."""

    paths: tuple[str, ...]
    content_hash: str
    identity: str  # department|year|kind, else the file's name (review.fingerprint)
    department: str | None
    department_code: str | None
    year: int | None
    kind: str | None
    template: str | None
    unit: str
    errors: int
    warnings: int
    tables: tuple[PreparedTable, ...]
    findings: tuple[PreparedFinding, ...]
    # The whole model read (store.serial.dump_model): what a later year is checked against.
    model: bytes = b""
    # What its department is matched by (audit.across.Identity, store.serial.dump_identity).
    facts: str = ""

    @property
    def status(self) -> str:
        return status_of(self.errors, self.warnings)

    @property
    def name(self) -> str:
        """The file(s), as messages name them."""
        return " + ".join(self.paths)


def status_of(errors: int, warnings: int) -> str:
    """A document's status as the store and the reports show it."""
    if errors:
        return "有错误"
    return "有警告" if warnings else "无问题"


def content_hash(paths: Sequence[str]) -> str:
    """sha256 of the file's bytes; of the files' hashes in order for several."""
    digests = []
    for path in paths:
        digest = hashlib.sha256()
        try:
            with open(path, "rb") as stream:
                while chunk := stream.read(1 << 20):
                    digest.update(chunk)
        except OSError as exc:
            raise InputError(f"无法读取（{exc.strerror}）", path) from exc
        digests.append(digest.hexdigest())
    if len(digests) == 1:
        return digests[0]
    return hashlib.sha256("\n".join(digests).encode("ascii")).hexdigest()


def prepare(
    paths: Sequence[str | Path],
    *,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    catalog_dir: str | None = None,
    unit_type: str | None = None,
) -> Prepared:
    """Read the file(s) of one disclosure, audit it and return what the store keeps.

    Raises YusuanError naming the file (an unexpected exception becomes an InternalError)."""
    from yusuan.audit import audit
    from yusuan.read import read_path
    from yusuan.read.combine import combine

    names = tuple(str(p) for p in paths)
    docs = [read_path(name) for name in names]
    doc = combine(docs) if len(docs) > 1 else docs[0]
    try:
        report = audit(
            doc, select=select, ignore=ignore, catalog_dir=catalog_dir, unit_type=unit_type
        )
    except YusuanError:
        raise
    except Exception as exc:  # a bug: one line naming the file, not a traceback
        raise internal_error(exc, names[0], "auditing") from exc
    return prepared_of(report, names, content_hash(names))


def prepared_of(report: Report, paths: Sequence[str], digest: str) -> Prepared:
    """The store's records of an audit already run."""
    doc, meta = report.doc, report.doc.meta
    tables = tuple(
        PreparedTable(
            key=table.key,
            printed_id=table.id,
            title=table.title,
            unit=table.unit.value,
            cells=tuple(
                PreparedCell(row.side.value, row.code, row.name, cell.column, cell.value)
                for row in table.rows
                for cell in row.cells
            ),
        )
        for table in doc.tables
    )
    return Prepared(
        paths=tuple(paths),
        content_hash=digest,
        identity=document_identity(meta),
        department=meta.department,
        department_code=meta.department_code,
        year=meta.year,
        kind=meta.kind.value if meta.kind else None,
        template=meta.template,
        unit=meta.unit.value,
        errors=report.count(Severity.ERROR),
        warnings=report.count(Severity.WARNING),
        tables=tables,
        findings=prepared_findings(report.findings, doc),
        model=dump_model(doc),
        facts=dump_identity(identity_of(doc)),
    )


def prepared_findings(findings: Sequence[Finding], doc: Disclosure) -> tuple[PreparedFinding, ...]:
    """The store's records of a document's findings, each with its page and fingerprint."""
    return tuple(
        PreparedFinding(
            rule=f.rule,
            severity=f.severity.value,
            confidence=f.confidence.value,
            message=f.message,
            path=f.location.path,
            page=doc.page_of(f.location.line, f.location.path),
            line=f.location.line,
            section=f.location.section,
            table=f.location.table,
            row=f.location.row,
            column=f.location.column,
            stated=f.stated,
            expected=f.expected,
            suggestion=f.suggestion,
            fingerprint=key,
        )
        for f, key in zip(findings, fingerprints(findings, doc), strict=True)
    )
