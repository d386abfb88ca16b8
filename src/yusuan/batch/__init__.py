"""Many documents at once: folders walked (`discover`), the files of one disclosure paired by
content (`pairing`), and every document read and audited in parallel (`run`).

`run_documents` is the one entry point the command line, the store's import and a cluster
share: it takes paths and settings and returns one picklable `Result` per disclosure, in the
order the paths were given."""

from __future__ import annotations

from yusuan.batch.discover import DEFAULT_INCLUDE, discover
from yusuan.batch.run import AuditSettings, Result, read_documents, run_documents

__all__ = [
    "DEFAULT_INCLUDE",
    "AuditSettings",
    "Result",
    "discover",
    "read_documents",
    "run_documents",
]
