"""The store: documents, their tables (cells in long form), findings and decisions, in SQLite
(./yusuan-data/yusuan.db by default) or PostgreSQL, its schema migrated by Alembic.

Reading and auditing (`prepare`, picklable results) is kept apart from writing (`write`, one
transaction per document), so that reading can run on many workers with one writer.
"""

from __future__ import annotations

from yusuan.store.database import StoreError, default_url, open_engine, shown
from yusuan.store.prepared import Prepared, prepare
from yusuan.store.writer import Outcome, Stored, store, write

__all__ = [
    "Outcome",
    "Prepared",
    "StoreError",
    "Stored",
    "default_url",
    "open_engine",
    "prepare",
    "shown",
    "store",
    "write",
]
