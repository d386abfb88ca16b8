"""Uploads: the body capped as it arrives, the file kept under a name the server makes, read
by its content, audited and stored by the store's own writer.

No part of what a client sends becomes a path: a file is kept as `uploads/<sha256>` (its
content hash), and the name it was sent with is kept only as text beside it (shown escaped).
Two uploads of the same bytes at once keep one record: the writes are taken one at a time in
this process, and a unique-hash conflict from another process is retried once, when the
writer then finds the record the other one stored.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import threading
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from sqlalchemy import Engine, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from yusuan.audit import Report
from yusuan.audit.config import Settings
from yusuan.errors import YusuanError
from yusuan.store.across import Rules
from yusuan.store.schema import DocumentRow

CHUNK = 1 << 16
NAME_SUFFIX = ".name"  # the sidecar holding the name the file was sent with

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]


class TooLarge(Exception):
    """The body went past the limit."""


class NotADisclosure(YusuanError):
    """The upload is no disclosure the readers know (422)."""


class BodyLimit:
    """ASGI middleware: a POST to an upload path whose body is over `limit` bytes gets 413,
    by its Content-Length before anything is read, else as soon as the bytes counted so far
    pass the limit (a chunked body) — never after reading it all."""

    def __init__(self, app: App, limit: int, paths: tuple[str, ...]) -> None:
        self.app, self.limit, self.paths = app, limit, paths

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "POST" or scope["path"] not in self.paths:
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await _too_large(send, self.limit, scope["path"])
            return
        seen = 0
        started = exceeded = False

        async def counted() -> Message:
            nonlocal seen, exceeded
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    exceeded = True
                    raise TooLarge
            return message

        async def tracked(message: Message) -> None:
            nonlocal started
            if exceeded:  # the form parser turned TooLarge into its own 400: answer 413
                if message["type"] == "http.response.start" and not started:
                    started = True
                    await _too_large(send, self.limit, scope["path"])
                return
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counted, tracked)
        except TooLarge:
            if not started:
                await _too_large(send, self.limit, scope["path"])


async def _too_large(send: Send, limit: int, path: str) -> None:
    """413: JSON for the API, the error page for the upload form."""
    import json

    from yusuan.web.errors import error_page, is_api

    detail = f"文件超过上传上限 {limit} 字节"
    if is_api(path):
        body = json.dumps({"detail": detail}, ensure_ascii=False).encode("utf-8")
        media = b"application/json; charset=utf-8"
    else:
        body, media = error_page(413, detail), b"text/html; charset=utf-8"
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", media),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


def keep(stream: BinaryIO, folder: Path, limit: int) -> tuple[Path, str]:
    """Copy an uploaded file into `folder` in chunks, hashing it; (its path, its sha256).
    TooLarge past `limit` (the temporary copy removed)."""
    folder.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    handle, temporary = tempfile.mkstemp(prefix=".upload.", dir=folder)
    size = 0
    try:
        with os.fdopen(handle, "wb") as out:
            while chunk := stream.read(CHUNK):
                size += len(chunk)
                if size > limit:
                    raise TooLarge
                digest.update(chunk)
                out.write(chunk)
        name = digest.hexdigest()
        target = folder / name
        os.replace(temporary, target)  # the same bytes again: the same file, replaced whole
        return target, name
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def sent_name(path: Path) -> str | None:
    """The name a kept file was uploaded with, if any."""
    try:
        return path.with_name(path.name + NAME_SUFFIX).read_text(encoding="utf-8")
    except OSError:
        return None


def remember_name(path: Path, name: str | None) -> None:
    if name:
        # one line, bounded: it is only ever shown, escaped
        path.with_name(path.name + NAME_SUFFIX).write_text(
            " ".join(name.split())[:200], encoding="utf-8"
        )


def forget(path: Path) -> None:
    """Remove a kept upload and the name beside it."""
    for kept in (path, path.with_name(path.name + NAME_SUFFIX)):
        kept.unlink(missing_ok=True)


@dataclass(frozen=True, slots=True)
class Imported:
    id: int
    outcome: str
    report: Report


class Importer:
    """Audits a kept file as `yusuan import` would and stores it, one write at a time."""

    def __init__(self, engine: Engine, rules: Rules, settings: Settings) -> None:
        self.engine, self.rules, self.settings = engine, rules, settings
        self._lock = threading.Lock()

    def run(self, path: Path, digest: str) -> Imported:
        from yusuan.audit import audit
        from yusuan.errors import InputError, internal_error
        from yusuan.read import read_path
        from yusuan.store import store
        from yusuan.store.prepared import prepared_of

        try:
            doc = read_path(path)
        except InputError as exc:
            raise NotADisclosure(f"不是可读的预算/决算公开文件（{exc.reason}）") from exc
        s = self.settings
        try:
            report = audit(
                doc,
                select=s.select,
                ignore=s.ignore,
                catalog_dir=s.catalog,
                unit_type=s.unit_type,
            )
        except YusuanError:
            raise
        except Exception as exc:  # a bug: one line, not a traceback
            raise internal_error(exc, str(path), "auditing") from exc
        prepared = prepared_of(report, [str(path)], digest)
        with self._lock:
            try:
                stored = store(self.engine, prepared, self.rules)
            except IntegrityError:  # another process stored the same bytes just now
                stored = store(self.engine, prepared, self.rules)
        with Session(self.engine) as session:
            found = session.scalar(select(DocumentRow.id).where(DocumentRow.content_hash == digest))
        if found is None:  # the writer always leaves the record; say so rather than 500
            raise YusuanError("存入后未找到记录", str(path))
        return Imported(found, stored.outcome.value, report)
