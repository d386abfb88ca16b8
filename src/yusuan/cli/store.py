"""`yusuan import`: read, audit and keep disclosures in the store."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from yusuan.cli.options import as_one

if TYPE_CHECKING:
    from yusuan.store.prepared import Prepared

# What a folder given to `import` is searched for (a file named on the command line is read
# whatever its name: the reader knows a disclosure by its content).
SUFFIXES = {".pdf", ".txt", ".xlsx", ".xls", ".docx", ".html", ".htm"}


def db_option(fn: Callable[..., Any]) -> Callable[..., Any]:
    """--db URL, shared by `import` and `review`."""
    return click.option(
        "--db",
        "db_url",
        metavar="URL",
        help="数据库地址：默认 ./yusuan-data/yusuan.db（SQLite，或环境变量 YUSUAN_DB）；"
        "PostgreSQL 如 postgresql+psycopg://用户:密码@主机:5432/库名。",
    )(fn)


def expand(paths: tuple[str, ...]) -> Iterator[str]:
    """Each path; a folder's disclosure files, recursively, in name order."""
    for path in paths:
        folder = Path(path)
        if folder.is_dir():
            for found in sorted(folder.rglob("*")):
                if found.is_file() and found.suffix.lower() in SUFFIXES:
                    yield str(found)
        else:
            yield path


@click.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@db_option
@as_one
def import_(paths: tuple[str, ...], db_url: str | None, as_one: bool) -> None:
    """把公开文件读入、审核并存入数据库（每份文件一条记录）。

    Read and audit each PATH (a file, or a folder searched recursively) and keep the
    document, its tables (cells in long form) and its findings in the store. The same file
    imported again keeps one record; a changed file replaces its tables and findings and
    keeps the reviewers' decisions. Each document is one transaction: a failure leaves the
    store as it was, is reported in one line, and the next file goes on. The rules, catalog
    and unit type are those of ./yusuan.toml (or [tool.yusuan] in ./pyproject.toml).

    每份文档与库中同一部门上一年度的公开（决算：同年的预算）对照；库中以它为上一年度（或同年
    预算）的文档随之重新对照，其 across.* 问题替换、审核结论保留。每行写明与哪份文档对照。

    Exit status: 0 all imported; 2 a file or the store could not be used.
    """
    from yusuan.audit.config import load_settings
    from yusuan.errors import YusuanError, internal_error
    from yusuan.store import Outcome, StoreError, open_engine, prepare, shown, store
    from yusuan.store.across import Rules
    from yusuan.store.database import default_url

    try:  # audited as `yusuan audit` would: ./yusuan.toml's rules, catalog and unit type
        settings = load_settings()
    except YusuanError as exc:
        click.echo(f"yusuan: {exc}", err=True)
        sys.exit(2)
    rules = Rules(tuple(settings.select), tuple(settings.ignore), settings.catalog)
    url = db_url or default_url()
    try:
        engine = open_engine(url)
    except StoreError as exc:
        click.echo(f"yusuan: {exc}", err=True)
        sys.exit(2)
    files = list(expand(paths))
    groups = [files] if as_one and files else [[f] for f in files]
    done = {outcome: 0 for outcome in Outcome}
    failed = 0
    for group in groups:
        name = " + ".join(group)
        try:
            prepared = prepare(
                group,
                select=settings.select,
                ignore=settings.ignore,
                catalog_dir=settings.catalog,
                unit_type=settings.unit_type,
            )
        except YusuanError as exc:
            click.echo(f"yusuan: {exc}", err=True)
            failed += 1
            continue
        except Exception as exc:  # a bug: one line naming the file and the place, no traceback
            click.echo(f"yusuan: {internal_error(exc, name, 'importing')}", err=True)
            failed += 1
            continue
        try:  # with the checks against the stored documents it follows and that follow it
            stored = store(engine, prepared, rules)
        except Exception as exc:  # rolled back: the store is as it was before this file
            click.echo(f"yusuan: {name}: 未能存入，数据库未改动（{_reason(exc)}）", err=True)
            failed += 1
            continue
        done[stored.outcome] += 1
        for problem in stored.checked.problems:
            click.echo(f"yusuan: {problem}", err=True)
        click.echo(
            f"{stored.outcome.value} {name}：{prepared.department or '?'} {prepared.year or '?'}年"
            f"{prepared.kind or ''} — 错误 {stored.errors}，警告 {stored.warnings}"
            + _across(stored.checked.against, stored.checked.rechecked, prepared)
        )
    engine.dispose()
    if not groups:
        click.echo("yusuan: 没有找到可导入的文件", err=True)
    click.echo(
        f"共 {len(groups)} 份：已导入 {done[Outcome.ADDED]}，已更新 {done[Outcome.REPLACED]}，"
        f"未变 {done[Outcome.UNCHANGED]}，失败 {failed}（{shown(url)}）",
        err=True,
    )
    if failed or not groups:
        sys.exit(2)


def _across(against: tuple[str, ...], rechecked: tuple[str, ...], prepared: Prepared) -> str:
    """What the document was compared with, in the import's one line."""
    if against:
        said = "；对照 " + "、".join(against)
    elif prepared.year is None or prepared.kind is None:
        said = "；未能读出年度或预算/决算，未与库中文档对照"
    else:
        said = "；库中无可对照的上年（或同年预算）公开"
    if rechecked:
        said += "；已据此重新对照 " + "、".join(rechecked)
    return said


def _reason(exc: Exception) -> str:
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text.split(' (Background on this error')[0][:200]}"
