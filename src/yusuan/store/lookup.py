"""`yusuan audit --db URL`: the store consulted by an audit of files.

The documents each audited file follows (last year's of the same department, the 预算 a 决算
executes) are taken from the store when no --previous is given, compared as --previous would
(`yusuan.audit.across`), and the store's decisions mark the findings they cover, as a baseline
file's do. An audit only reads the store: a store that is not there is an error, not created.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.orm import Session

from yusuan.audit import Report
from yusuan.audit.across.attach import checks_against, fitting, with_checks
from yusuan.errors import YusuanError, internal_error
from yusuan.review.decisions import with_decisions
from yusuan.store.across import stored_previous
from yusuan.store.database import StoreError, open_engine, shown
from yusuan.store.queries import decisions


def open_existing(url: str) -> Engine:
    """The store at `url`, which must already be one: an audit does not create a store."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise StoreError(f"不是数据库地址（{exc}）", url) from exc
    database = parsed.database
    local = parsed.get_backend_name() == "sqlite" and database not in (None, "", ":memory:")
    if local and not Path(database or "").is_file():
        raise StoreError("没有这个库（先用 yusuan import 导入文件）", shown(url))
    return open_engine(url)


def with_store(
    engine: Engine,
    reports: Sequence[Report],
    compare: bool = True,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    catalog_dir: str | None = None,
) -> tuple[list[Report], list[str]]:
    """The reports compared with the stored documents they follow (when `compare`: no
    --previous was given) and marked with the store's decisions; one line per problem."""
    problems: list[str] = []
    decided = decisions(engine)
    result: list[Report] = []
    # reading only: a stale model read again from its file is not written back by an audit
    with Session(engine) as session:
        for report in reports:
            if compare:
                report = _compared(session, report, select, ignore, catalog_dir, problems)
            if decided:
                marked = with_decisions(report, decided).decisions
                report = replace(report, decisions={**report.decisions, **marked})
            result.append(report)
        session.rollback()
    return result, list(dict.fromkeys(problems))


def _compared(
    session: Session,
    report: Report,
    select: Sequence[str],
    ignore: Sequence[str],
    catalog_dir: str | None,
    problems: list[str],
) -> Report:
    others, unread = stored_previous(session, report.doc)
    problems.extend(unread)
    for group in fitting(report.doc, others, lambda doc: doc):
        try:
            checks = checks_against(report.doc, group, select, ignore, catalog_dir)
        except YusuanError as exc:
            problems.append(str(exc))
            continue
        except Exception as exc:  # a bug: one line naming the files, the report goes on
            names = ", ".join(doc.meta.path or "?" for doc in group)
            problems.append(str(internal_error(exc, names, "comparing")))
            continue
        report = with_checks(report, checks)
    return report
