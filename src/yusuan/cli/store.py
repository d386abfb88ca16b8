"""`yusuan import`: read, audit and keep disclosures in the store."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import click

from yusuan.cli.options import as_one, documents

if TYPE_CHECKING:
    from yusuan.store.prepared import Prepared


def db_option(fn: Callable[..., Any]) -> Callable[..., Any]:
    """--db URL, shared by `import` and `review`."""
    return click.option(
        "--db",
        "db_url",
        metavar="URL",
        help="数据库地址：默认 ./yusuan-data/yusuan.db（SQLite，或环境变量 YUSUAN_DB）；"
        "PostgreSQL 如 postgresql+psycopg://用户:密码@主机:5432/库名。",
    )(fn)


@click.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@db_option
@as_one
@documents
@click.option(
    "--cluster",
    metavar="ADDRESS",
    help="在 Dask 集群上读取和审核（调度器地址，如 tcp://10.0.0.5:8786）：文件内容发给各工作"
    "节点，不需共享磁盘；结果由本机一个写入者存入数据库。",
)
@click.option(
    "--region",
    metavar="NAME",
    help="这些文件所属地区（如 浙江省、杭州市、上海市普陀区），门户按地区列出和筛选；"
    "不给时按部门名称开头的地名推断（浙江省财政厅 → 浙江省），推断不出则为空。",
)
def import_(
    paths: tuple[str, ...],
    db_url: str | None,
    as_one: bool,
    include: tuple[str, ...],
    exclude: tuple[str, ...],
    pair: bool,
    jobs: int,
    cluster: str | None,
    region: str | None,
) -> None:
    """把公开文件读入、审核并存入数据库（每份公开一条记录）。

    PATH 可以是文件夹：递归读取其中的文件（--include、--exclude），同一份公开分开发布的情况说明文件和表格文件按内容配对，与 yusuan audit 相同。默认用全部 CPU 核心读取和审核（--jobs），或在 Dask 集群上（--cluster）；由本进程一个写入者按输入顺序逐份存入，每份一个事务。

    Read and audit each PATH (a file, or a folder searched recursively, with the same
    --include/--exclude and pairing by content as `yusuan audit`) on every core (--jobs) or on
    a Dask cluster's workers (--cluster ADDRESS: each file's bytes are sent, so the workers
    need no shared disk), and keep the document, its tables (cells in long form) and its
    findings in the store. One writer, this process, stores the disclosures in the order
    given once all are read and audited (pairing needs every file read first), each in one
    transaction: a failure leaves the store as it was, is reported in one line, and the next
    one goes on. The same file imported again keeps one record; a changed file replaces its
    tables and findings and keeps the reviewers' decisions. The rules, catalog and unit type
    are those of ./yusuan.toml (or [tool.yusuan] in ./pyproject.toml).

    Each document is checked against the store's disclosure of the same department it follows
    (a 预算: last year's 预算; a 决算: the 预算 of its year), and a stored document that follows
    it is checked again (its across.* findings replaced, its decisions kept); each line says
    which documents were compared. 每份与库中同一部门上一年度的公开（决算：同年的预算）对照；
    库中以它为上一年度的文档随之重新对照。

    Exit status: 0 all imported; 2 a file, the cluster or the store could not be used.
    """
    from yusuan.batch import run_documents
    from yusuan.batch.cluster import Cluster
    from yusuan.cli.audit import audit_settings
    from yusuan.cli.options import files_of
    from yusuan.errors import YusuanError
    from yusuan.store import Outcome, StoreError, open_engine, shown
    from yusuan.store.across import Rules
    from yusuan.store.database import default_url

    # audited as `yusuan audit` would: ./yusuan.toml's rules, catalog and unit type, each checked
    # the same way (an unknown rule id or a missing catalog folder refused, not ignored)
    settings = audit_settings((), (), None, None, None)
    rules = Rules(tuple(settings.select), tuple(settings.ignore), settings.catalog_dir)
    url = db_url or default_url()
    try:
        engine = open_engine(url)
    except StoreError as exc:
        click.echo(f"yusuan: {exc}", err=True)
        sys.exit(2)
    files = files_of(paths, include, exclude)
    try:
        mapper = Cluster(cluster) if cluster else None
    except YusuanError as exc:
        click.echo(f"yusuan: --cluster {exc}", err=True)
        engine.dispose()
        sys.exit(2)
    try:
        results = run_documents(
            files,
            settings,
            jobs or None,
            paired=pair,
            together=as_one,
            progress=sys.stderr,
            mapper=mapper,
        )
    finally:
        if mapper is not None:
            mapper.close()
    done, failed = _store_all(engine, results, rules, region)
    engine.dispose()
    click.echo(
        f"共 {len(results)} 份：已导入 {done[Outcome.ADDED]}，已更新 {done[Outcome.REPLACED]}，"
        f"未变 {done[Outcome.UNCHANGED]}，失败 {failed}（{shown(url)}）",
        err=True,
    )
    if failed or not results:
        sys.exit(2)


def _store_all(
    engine: Any, results: list[Any], rules: Any, region: str | None = None
) -> tuple[dict[Any, int], int]:
    """The one writer: each disclosure read and audited, in the order given, stored in a
    transaction of its own; what failed said in one line. Returns the outcomes' counts and
    the number failed."""
    from yusuan.cli.options import say_unpaired
    from yusuan.errors import YusuanError, internal_error
    from yusuan.store import Outcome, store
    from yusuan.store.prepared import content_hash, prepared_of

    done = {outcome: 0 for outcome in Outcome}
    failed = 0
    for result in results:
        say_unpaired(result, "zh")
        if result.report is None:
            click.echo(f"yusuan: {result.error or result.name + ': ?'}", err=True)
            failed += 1
            continue
        try:
            prepared = prepared_of(result.report, result.paths, content_hash(result.paths))
        except YusuanError as exc:
            click.echo(f"yusuan: {exc}", err=True)
            failed += 1
            continue
        except Exception as exc:  # a bug: one line naming the file and the place, no traceback
            click.echo(f"yusuan: {internal_error(exc, result.name, 'importing')}", err=True)
            failed += 1
            continue
        try:  # with the checks against the stored documents it follows and that follow it
            stored = store(engine, prepared, rules, region)
        except Exception as exc:  # rolled back: the store is as it was before this file
            click.echo(f"yusuan: {result.name}: 未能存入，数据库未改动（{_reason(exc)}）", err=True)
            failed += 1
            continue
        done[stored.outcome] += 1
        for problem in stored.checked.problems:
            click.echo(f"yusuan: {problem}", err=True)
        click.echo(
            f"{stored.outcome.value} {result.name}：{prepared.department or '?'} "
            f"{prepared.year or '?'}年{prepared.kind or ''} — 错误 {stored.errors}，"
            f"警告 {stored.warnings}"
            + _across(stored.checked.against, stored.checked.rechecked, prepared)
        )
    return done, failed


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
