"""Answers kept between requests, each under the version of what it was made from.

A disclosure's page, its findings and its cells are costly to make (the cells read and
regrouped, the template rendered, the JSON written) and cheap to check: `version` reads the
document's record, its findings and the decisions on them — a few rows — and digests them. An
answer is served again only while that digest is the same, so a decision (from the page, the
API or `yusuan review` in another process), a re-import or a comparison that rewrote the
document's findings shows at once. The digest is also the answer's ETag.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from threading import Lock

from fastapi import Request
from fastapi.responses import Response
from sqlalchemy import BindParameter, Engine, bindparam, select

from yusuan.store.schema import DecisionRow, DocumentRow, FindingRow
from yusuan.web.uploads import sent_name

ANSWERS_KEPT = 64 * 1024 * 1024  # bytes: a page with its crops is ~0.1–2 MB, cells ~0.1 MB

# Every column a page or an answer shows (a new one there must be added here too).
_DOCUMENT = (
    DocumentRow.id,
    DocumentRow.content_hash,
    DocumentRow.paths,
    DocumentRow.department,
    DocumentRow.department_code,
    DocumentRow.region,
    DocumentRow.year,
    DocumentRow.kind,
    DocumentRow.template,
    DocumentRow.unit,
    DocumentRow.imported_at,
    DocumentRow.status,
    DocumentRow.errors,
    DocumentRow.warnings,
    DocumentRow.model_format,
)
_FINDING = (
    FindingRow.id,
    FindingRow.position,
    FindingRow.rule,
    FindingRow.severity,
    FindingRow.confidence,
    FindingRow.message,
    FindingRow.path,
    FindingRow.page,
    FindingRow.line,
    FindingRow.section,
    FindingRow.table_name,
    FindingRow.row_name,
    FindingRow.column_name,
    FindingRow.stated,
    FindingRow.expected,
    FindingRow.suggestion,
    FindingRow.fingerprint,
)
_DECISION = (
    DecisionRow.fingerprint,
    DecisionRow.verdict,
    DecisionRow.reason,
    DecisionRow.who,
    DecisionRow.decided_at,
)


# Built once: a statement made per request costs more than running it on SQLite.
_ID: BindParameter[int] = bindparam("document_id")
_RECORD = select(*_DOCUMENT).where(DocumentRow.id == _ID)
_FINDINGS = (
    select(*_FINDING)
    .where(FindingRow.document_id == _ID)
    .order_by(FindingRow.position, FindingRow.id)
)
# a decision is by fingerprint: any document's finding of the same fingerprint shares it
_DECISIONS = (
    select(*_DECISION)
    .where(
        DecisionRow.fingerprint.in_(
            select(FindingRow.fingerprint).where(FindingRow.document_id == _ID)
        )
    )
    .order_by(DecisionRow.fingerprint)
)


def version(engine: Engine, document_id: int, names: bool = False) -> str | None:
    """The digest of what the document's answers are made of; None when there is no such
    document. Cells are not read: they change only with a re-import, which sets a new
    `imported_at`. `names`: the names its files were uploaded with too (the page shows
    them; the same bytes sent again under another name change them, not the store)."""
    digest = hashlib.blake2b(digest_size=16)
    given = {"document_id": document_id}
    # a decision landing between the reads changes the next version: the answer is remade then
    with engine.connect() as connection:
        record = connection.execute(_RECORD, given).first()
        if record is None:
            return None
        digest.update(repr(tuple(record)).encode())
        if names:
            for path in record.paths.splitlines():
                digest.update(b"\x00name" + repr(sent_name(Path(path))).encode())
        for row in connection.execute(_FINDINGS, given):
            digest.update(repr(tuple(row)).encode())
        for decision in connection.execute(_DECISIONS, given):
            digest.update(b"\x00decision" + repr(tuple(decision)).encode())
    return digest.hexdigest()


@dataclass(frozen=True, slots=True)
class Kept:
    """One answer as sent: its body and media type, under the version it was made from."""

    version: str
    body: bytes
    media_type: str

    def response(self, request: Request, fill: tuple[str, str] | None = None) -> Response:
        """The answer, or 304 Not Modified when the client holds this very version. Clients
        must ask again each time (no-cache): a decision elsewhere changes it. `fill`: (mark,
        text) — the client's own text put where the kept body holds the mark (a page's CSRF
        token); the ETag then names that text too, so no client gets another's."""
        tag = self.version
        if fill is not None:
            tag += "-" + hashlib.blake2b(fill[1].encode(), digest_size=8).hexdigest()
        etag = f'"{tag}"'
        headers = {"ETag": etag, "Cache-Control": "no-cache"}
        if etag in _tags(request.headers.get("if-none-match", "")):
            return Response(status_code=304, headers=headers)
        body = self.body
        if fill is not None:
            body = body.replace(fill[0].encode(), fill[1].encode())
        return Response(body, media_type=self.media_type, headers=headers)


def _tags(header: str) -> set[str]:
    # If-None-Match: a list of tags, weak ones (W/) matching too for a GET
    return {t.strip().removeprefix("W/") for t in header.split(",") if t.strip()}


class Answers:
    """Answers by (what, document id), the least recently used dropped once their bodies
    pass `kept` bytes together (the newest always kept)."""

    def __init__(self, kept: int = ANSWERS_KEPT) -> None:
        self.kept = kept
        self.size = 0  # bytes of the bodies kept
        self._answers: OrderedDict[tuple[str, int], Kept] = OrderedDict()
        self._lock = Lock()

    def get(
        self, what: str, document_id: int, current: str, make: Callable[[], tuple[bytes, str]]
    ) -> Kept:
        """The answer for `current`, kept or made now by `make` (body, media type)."""
        key = (what, document_id)
        with self._lock:
            found = self._answers.get(key)
            if found is not None and found.version == current:
                self._answers.move_to_end(key)
                return found
        # made outside the lock: two requests may both make it once, none waits on another
        body, media_type = make()
        made = Kept(current, body, media_type)
        with self._lock:
            older = self._answers.pop(key, None)
            self.size -= len(older.body) if older is not None else 0
            self._answers[key] = made
            self.size += len(body)
            while self.size > self.kept and len(self._answers) > 1:
                _, dropped = self._answers.popitem(last=False)
                self.size -= len(dropped.body)
        return made

    def __len__(self) -> int:
        return len(self._answers)


__all__ = ["ANSWERS_KEPT", "Answers", "Kept", "version"]
