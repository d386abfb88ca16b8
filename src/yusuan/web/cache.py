"""Answers kept between requests, each under the version of what it was made from.

(The list of every document — its page and `GET /api/documents` — is kept the same way under
the whole store's version, `store_version`.)

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
from sqlalchemy import BindParameter, Engine, bindparam, func, select
from starlette.concurrency import run_in_threadpool

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
_DECISION = (
    DecisionRow.fingerprint,
    DecisionRow.verdict,
    DecisionRow.reason,
    DecisionRow.who,
    DecisionRow.decided_at,
)


# Built once: a statement made per request costs more than running it on SQLite.
_ID: BindParameter[int] = bindparam("document_id")
# A finding's row is never changed in place: the writer and the checks across documents
# delete a document's findings and insert new ones (new ids; a re-import also sets a new
# `imported_at`). Their ids' count, least, greatest and sum tell a change, read in the same
# statement as the record instead of every column of every finding digested per request.
_OF_DOCUMENT = FindingRow.document_id == DocumentRow.id
_RECORD = select(
    *_DOCUMENT,
    *(
        select(aggregate(FindingRow.id)).where(_OF_DOCUMENT).scalar_subquery()
        for aggregate in (func.count, func.min, func.max, func.sum)
    ),
).where(DocumentRow.id == _ID)
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
    `imported_at`; findings by their ids only (see `_RECORD`). `names`: the names its files were uploaded with too (the page shows
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
        for decision in connection.execute(_DECISIONS, given):
            digest.update(b"\x00decision" + repr(tuple(decision)).encode())
    return digest.hexdigest()


# The whole store's version, for answers made of every document (the list page, GET
# /api/documents): each document's listed columns, and what the decided counts are made of —
# the findings (a re-import or a check across documents replaces them: new ids) and the
# decisions (a new one, or one replaced: a new time).
_EVERY_RECORD = select(*_DOCUMENT).order_by(DocumentRow.id)
_FINDINGS_STATE = select(
    func.count(FindingRow.id),
    func.min(FindingRow.id),
    func.max(FindingRow.id),
    func.sum(FindingRow.id),
)
_DECISIONS_STATE = select(
    func.count(DecisionRow.id), func.max(DecisionRow.id), func.max(DecisionRow.decided_at)
)


def store_version(engine: Engine) -> str:
    """The digest of what the answers about every document are made of."""
    digest = hashlib.blake2b(digest_size=16)
    with engine.connect() as connection:
        for row in connection.execute(_EVERY_RECORD):
            digest.update(repr(tuple(row)).encode())
        digest.update(
            b"\x00findings" + repr(tuple(connection.execute(_FINDINGS_STATE).one())).encode()
        )
        digest.update(
            b"\x00decisions" + repr(tuple(connection.execute(_DECISIONS_STATE).one())).encode()
        )
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
    pass `kept` bytes together (the newest always kept). Answers about the whole store are
    kept under document id 0, `what` naming the query too."""

    def __init__(self, kept: int = ANSWERS_KEPT) -> None:
        self.kept = kept
        self.size = 0  # bytes of the bodies kept
        self._answers: OrderedDict[tuple[str, int], Kept] = OrderedDict()
        self._lock = Lock()
        # one lock per answer being made: who asks for it meanwhile waits for that one
        self._making: dict[tuple[str, int], Lock] = {}

    def get(
        self, what: str, document_id: int, current: str, make: Callable[[], tuple[bytes, str]]
    ) -> Kept:
        """The answer for `current`, kept or made now by `make` (body, media type). One
        request makes it; the others asking for the same meanwhile wait for it rather than
        each making it too (20 clients opening a page at once made it 20 times)."""
        key = (what, document_id)
        found = self._current(key, current)
        if found is not None:
            return found
        with self._lock:
            making = self._making.setdefault(key, Lock())
        with making:
            found = self._current(key, current)  # made by the one this request waited for
            if found is not None:
                return found
            body, media_type = make()
            made = Kept(current, body, media_type)
            with self._lock:
                older = self._answers.pop(key, None)
                self.size -= len(older.body) if older is not None else 0
                self._answers[key] = made
                self.size += len(body)
                while self.size > self.kept and len(self._answers) > 1:
                    dropped_key, dropped = self._answers.popitem(last=False)
                    self.size -= len(dropped.body)
                    self._making.pop(dropped_key, None)
        return made

    def peek(self, what: str, document_id: int, current: str) -> Kept | None:
        """The answer for `current` when it is kept (never waits for one being made)."""
        return self._current((what, document_id), current)

    def _current(self, key: tuple[str, int], current: str) -> Kept | None:
        with self._lock:
            found = self._answers.get(key)
            if found is not None and found.version == current:
                self._answers.move_to_end(key)
                return found
        return None

    def __len__(self) -> int:
        return len(self._answers)


async def kept_answer(
    answers: Answers,
    what: str,
    document_id: int,
    current: str,
    make: Callable[[], tuple[bytes, str]],
) -> Kept:
    """For the routes that run on the event loop: a kept answer straight away (the version's
    few rows are read there too, no thread taken per request — under many clients the
    threads' hand-offs cost more than the reading), making one on a worker thread."""
    found = answers.peek(what, document_id, current)
    if found is not None:
        return found
    return await run_in_threadpool(answers.get, what, document_id, current, make)


__all__ = ["ANSWERS_KEPT", "Answers", "Kept", "kept_answer", "store_version", "version"]
