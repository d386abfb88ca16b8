"""The portal's application: its settings, the store it opens, the token that guards writing,
the headers every answer carries, and the routers of the API (`api.py`) and pages
(`pages.py`) wired together.
"""

from __future__ import annotations

import hmac
from collections import OrderedDict
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from threading import Lock

from fastapi import FastAPI, HTTPException, Request
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, PackageLoader
from sqlalchemy import Engine
from sqlalchemy.engine import make_url
from starlette.datastructures import MutableHeaders
from starlette.routing import Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from yusuan.audit.config import Settings, load_settings
from yusuan.model import Disclosure
from yusuan.store import StoreError, open_engine
from yusuan.store.across import Rules
from yusuan.store.database import DEFAULT_DIR, default_url
from yusuan.store.documents import disclosure_of
from yusuan.web.cache import Answers
from yusuan.web.csrf import new_secret
from yusuan.web.errors import HANDLERS
from yusuan.web.uploads import BodyLimit, Importer

MAX_UPLOAD = 50 * 1024 * 1024  # bytes: the largest disclosure PDFs of the corpus are ~20 MB
UPLOAD_PATHS = ("/api/documents", "/upload")
# Pages fetch nothing from elsewhere and run only the package's own scripts: text from a
# document can never become a script that runs.
CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
CROPS_KEPT = 256
MODELS_KEPT = 16


@dataclass(frozen=True, slots=True)
class Config:
    """What `yusuan serve` is given."""

    db_url: str | None = None  # default: the store of `yusuan import`
    token: str | None = None  # when set, writing needs `Authorization: Bearer <token>`
    max_bytes: int = MAX_UPLOAD
    uploads: Path | None = None  # default: uploads/ beside a SQLite store, else ./yusuan-data/
    # signs the page forms' CSRF cookies (web.csrf); a new one per start when not given, and
    # `yusuan serve --workers N` gives its workers one to share
    secret: str | None = None


def uploads_folder(url: str) -> Path:
    """Where uploaded files are kept: beside a SQLite store, else under ./yusuan-data/."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        return Path(parsed.database or "").parent / "uploads"
    return Path(DEFAULT_DIR) / "uploads"


class Portal:
    """What the routes share: the store, the importer, the templates and the crops cache."""

    def __init__(self, config: Config, engine: Engine, settings: Settings) -> None:
        self.config = config
        self.engine = engine
        self.secret = config.secret or new_secret()
        url = config.db_url or default_url()
        self.uploads = config.uploads or uploads_folder(url)
        self.importer = Importer(
            engine,
            Rules(tuple(settings.select), tuple(settings.ignore), settings.catalog),
            settings,
        )
        # autoescape everywhere: every string a page shows may come from a published document
        self.templates = Environment(
            loader=PackageLoader("yusuan.web", "templates"), autoescape=True
        )
        self.crops: OrderedDict[tuple[int, str, str], str | None] = OrderedDict()
        self.crops_lock = Lock()
        # pages and API answers by document, each under its version (web.cache)
        self.answers = Answers()
        # Models read back, by document and import time (a re-import is another key): a
        # model is decompressed and rebuilt once, not on every view of its page.
        self.models: OrderedDict[tuple[int, str], Disclosure | None] = OrderedDict()

    def model(self, document_id: int, imported_at: str) -> Disclosure | None:
        """The stored document's model (`store.documents.disclosure_of`), kept for the next
        view; None when it cannot be had (stored by an older format, its file gone)."""
        key = (document_id, imported_at)
        with self.crops_lock:
            if key in self.models:
                self.models.move_to_end(key)
                return self.models[key]
        try:
            found: Disclosure | None = disclosure_of(self.engine, document_id)
        except StoreError:
            found = None
        with self.crops_lock:
            self.models[key] = found
            while len(self.models) > MODELS_KEPT:
                self.models.popitem(last=False)
        return found

    def allowed(self, request: Request, given: str | None = None) -> bool:
        """Whether a write may go ahead: no token configured, or the bearer header (or a
        page form's token field) holds it."""
        token = self.config.token
        if not token:
            return True
        header = request.headers.get("authorization", "")
        scheme, _, value = header.partition(" ")
        candidates = [value.strip()] if scheme.lower() == "bearer" else []
        if given:
            candidates.append(given)
        return any(hmac.compare_digest(c.encode(), token.encode()) for c in candidates)

    def bearer_ok(self, request: Request) -> bool:
        """Whether the request carries the configured write token in its header (no browser
        adds that to another site's form: such a post needs no CSRF field)."""
        if not self.config.token:
            return False
        scheme, _, value = request.headers.get("authorization", "").partition(" ")
        return scheme.lower() == "bearer" and hmac.compare_digest(
            value.strip().encode(), self.config.token.encode()
        )

    def require(self, request: Request, given: str | None = None) -> None:
        if not self.allowed(request, given):
            raise HTTPException(
                401, "需要令牌：Authorization: Bearer <令牌>", {"WWW-Authenticate": "Bearer"}
            )


SECURITY_HEADERS = (
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
)


class Headers:
    """The headers every answer carries, and 405's full Allow. Plain ASGI, not
    `@app.middleware`: that one costs every request a task and a stream, a share of each
    answer's time under many clients."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                if message["status"] == 405:  # Starlette names only the first route's methods
                    headers["Allow"] = ", ".join(_methods(Request(scope)))
                for name, value in SECURITY_HEADERS:
                    if name.decode() not in headers:
                        headers.raw.append((name, value))
            await send(message)

        await self.app(scope, receive, sending)


METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")


def _methods(request: Request) -> list[str]:
    """Every method some route serves at the request's path (for 405's Allow)."""
    # each method asked in turn: an included router (FastAPI's) names no methods of its own
    return [
        method
        for method in METHODS
        if any(
            route.matches({**request.scope, "method": method})[0] is Match.FULL
            for route in request.app.routes
        )
    ]


def create_app(config: Config | None = None) -> FastAPI:
    """The portal on the store `config.db_url` (StoreError when it cannot be opened)."""
    from yusuan.web import api, downloads, explore_pages, pages

    config = config or Config()
    engine = open_engine(config.db_url)
    settings = load_settings()
    portal = Portal(config, engine, settings)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        engine.dispose()

    app = FastAPI(
        lifespan=lifespan,
        # the interactive docs load their scripts from a CDN: the portal fetches nothing
        docs_url=None,
        redoc_url=None,
        title="yusuan 预算公开审核门户",
        version="1",
        description="预算/决算公开的审核结果、表格数据与审核结论（JSON API）。",
    )
    app.state.portal = portal
    app.include_router(api.router)
    app.include_router(pages.router)
    app.include_router(explore_pages.router)
    app.include_router(downloads.router)
    static = Path(__file__).parent / "static"
    app.mount("/static", StaticFiles(directory=static), name="static")

    # JSON for the API, a page in Chinese for what a browser opens or posts (web.errors)
    for kind, handler in HANDLERS:
        app.add_exception_handler(kind, handler)

    app.add_middleware(BodyLimit, limit=config.max_bytes, paths=UPLOAD_PATHS)
    # outermost (added last): the 413 pages BodyLimit answers itself carry the headers too
    app.add_middleware(Headers)
    return app


ENV_CONFIG = "YUSUAN_SERVE_CONFIG"  # how `yusuan serve --workers N` hands its settings on


def config_to_environment(config: Config) -> None:
    """Put `config` where each worker process of `yusuan serve --workers` finds it."""
    import json
    import os

    os.environ[ENV_CONFIG] = json.dumps(
        {
            "db_url": config.db_url,
            "token": config.token,
            "max_bytes": config.max_bytes,
            "uploads": str(config.uploads) if config.uploads else None,
            "secret": config.secret,
        }
    )


def from_environment() -> FastAPI:
    """The app of one worker process (uvicorn's factory), from `config_to_environment`."""
    import json
    import os

    given = json.loads(os.environ.get(ENV_CONFIG) or "{}")
    uploads = given.get("uploads")
    return create_app(
        Config(
            db_url=given.get("db_url"),
            token=given.get("token"),
            max_bytes=int(given.get("max_bytes") or MAX_UPLOAD),
            uploads=Path(uploads) if uploads else None,
            secret=given.get("secret"),
        )
    )
