"""Opening a store: the engine for a URL, and the schema brought up to date with Alembic.

SQLite under ./yusuan-data/ is the default (its folder is created); any SQLAlchemy URL else,
PostgreSQL as `postgresql+psycopg://user:password@host:port/database`.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from yusuan.errors import YusuanError

DEFAULT_DIR = "yusuan-data"
DEFAULT_FILE = "yusuan.db"
ENV_URL = "YUSUAN_DB"  # the URL when no --db is given
MIGRATIONS = Path(__file__).parent / "migrations"


class StoreError(YusuanError):
    """The store cannot be opened or used; the message names its URL (password hidden)."""


def default_url() -> str:
    """$YUSUAN_DB, else SQLite in ./yusuan-data/yusuan.db."""
    return os.environ.get(ENV_URL) or f"sqlite:///{DEFAULT_DIR}/{DEFAULT_FILE}"


def shown(url: str) -> str:
    """The URL as messages show it: never its password."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url.split("@", 1)[-1]


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    # cascades (a document's tables, cells, findings) are the database's job on SQLite too
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def create(url: str) -> Engine:
    """The engine for `url`, its SQLite folder created; StoreError when the URL is unusable."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise StoreError(f"不是数据库地址（{exc}）", url) from exc
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        folder = Path(parsed.database or "").parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"无法创建数据目录 {folder}（{exc.strerror}）", shown(url)) from exc
    try:
        engine = create_engine(parsed, pool_pre_ping=True)
    except (ArgumentError, ImportError, SQLAlchemyError) as exc:
        raise StoreError(f"无法打开数据库（{_one_line(exc)}）", shown(url)) from exc
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def upgrade(engine: Engine) -> None:
    """Bring the schema to Alembic's head (a new store: create it), in one transaction."""
    from alembic import command
    from alembic.config import Config
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    head = ScriptDirectory.from_config(config).get_current_head()
    with engine.begin() as connection:
        if MigrationContext.configure(connection).get_current_revision() == head:
            return
        if head is None or _foreign(connection):
            raise StoreError("这个数据库已有别的表，不是 yusuan 的库", shown(str(engine.url)))
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def _foreign(connection: Any) -> bool:
    """Tables but no alembic_version: some other application's database, left alone."""
    names = set(inspect(connection).get_table_names())
    return bool(names) and "alembic_version" not in names


def open_engine(url: str | None = None) -> Engine:
    """An engine on the store at `url` (default_url()), its schema at head."""
    url = url or default_url()
    engine = create(url)
    try:
        upgrade(engine)
    except StoreError:
        engine.dispose()
        raise
    except (SQLAlchemyError, OSError) as exc:
        engine.dispose()
        raise StoreError(f"无法打开数据库（{_one_line(exc)}）", shown(url)) from exc
    return engine


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    # SQLAlchemy appends its background link; the reviewer needs the driver's reason
    return text.split(" (Background on this error")[0][:300]
