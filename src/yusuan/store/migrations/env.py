"""Alembic's environment for the store's migrations.

The store runs them itself when it is opened (`yusuan.store.migrate`), handing over its own
connection; `alembic` run by hand with `sqlalchemy.url` set works on the same scripts.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, engine_from_config, pool

from yusuan.store.schema import Base

config = context.config


def _run(connection: Connection) -> None:
    # batch mode: SQLite alters a table by copying it, which later migrations will need
    context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    context.configure(url=config.get_main_option("sqlalchemy.url"), literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
elif (given := config.attributes.get("connection")) is not None:
    _run(given)
else:
    engine = engine_from_config(
        config.get_section(config.config_ini_section) or {},
        prefix="sqlalchemy.",
        poolclass=pool.NullPool,
    )
    with engine.connect() as connection:
        _run(connection)
