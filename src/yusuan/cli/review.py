"""`yusuan review`: the stored findings with their status, and reviewers' decisions on them
(确认 / 忽略), kept in the store and exchanged as a baseline file."""

from __future__ import annotations

import getpass
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from yusuan.cli.store import db_option

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from yusuan.store.queries import Listed

SEVERITY = {"error": "错误", "warning": "警告", "info": "提示"}
STATUS = {"新": "新", "new": "新", "确认": "确认", "confirmed": "确认", "忽略": "忽略"}
STATUS["ignored"] = "忽略"


def _engine(db_url: str | None) -> Engine:
    from yusuan.store import StoreError, open_engine

    try:
        return open_engine(db_url)
    except StoreError as exc:
        click.echo(f"yusuan: {exc}", err=True)
        sys.exit(2)


def _fail(exc: Exception) -> None:
    click.echo(f"yusuan: {exc}", err=True)
    sys.exit(2)


@click.group()
def review() -> None:
    """审核结论：列出库中的问题及其状态，确认 或 忽略，导出/导入基线文件。

    Findings of the store with their status, and reviewers' decisions on them: 确认 (a
    real problem, handed on) or 忽略 (a false alarm, or accepted), each with a reason. A
    decided finding does not come back as new: not in `yusuan audit` given the baseline
    (or a yusuan-baseline.toml beside the files), nor after a re-import.
    """


@review.command("list")
@db_option
@click.option("--department", help="部门名称的一部分，或部门编码。")
@click.option("--rule", help="规则 id 或前缀，如 table 或 narrative.amount。")
@click.option(
    "--status",
    type=click.Choice(sorted(STATUS)),
    help="新（未处理）、确认 或 忽略（英文 new / confirmed / ignored 亦可）。",
)
@click.option(
    "--severity",
    "severities",
    multiple=True,
    type=click.Choice(["error", "warning", "info"]),
    help="只列这些严重度（可重复）；默认 error 和 warning。",
)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
def list_(
    db_url: str | None,
    department: str | None,
    rule: str | None,
    status: str | None,
    severities: tuple[str, ...],
    fmt: str,
) -> None:
    """列出库中的问题：指纹、状态、严重度、规则、部门、位置和说明。"""
    from yusuan.store import queries

    engine = _engine(db_url)
    listed = queries.findings(
        engine,
        department=department,
        rule=rule,
        status=STATUS[status] if status else None,
        severities=severities or ("error", "warning"),
    )
    engine.dispose()
    if fmt == "json":
        data = [_data(item) for item in listed]
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    for item in listed:
        click.echo(_line(item))
    decided = sum(1 for item in listed if item.decision is not None)
    click.echo(f"共 {len(listed)} 条：新 {len(listed) - decided}，已处理 {decided}", err=True)


def _line(item: Listed) -> str:
    f, d = item.finding, item.document
    at = Path(f.path or d.paths.splitlines()[0]).name + (f":p{f.page}" if f.page else "")
    place = " · ".join(x for x in (f.table_name or f.section, f.row_name, f.column_name) if x)
    figures = ""
    if f.stated is not None or f.expected is not None:
        stated = "—" if f.stated is None else format(f.stated, "f")
        expected = "—" if f.expected is None else format(f.expected, "f")
        figures = f"　所列 {stated} 应为 {expected}"
    status = item.status if item.decision is None else item.decision.label
    return (
        f"{f.fingerprint}  [{status}] {SEVERITY.get(f.severity, f.severity)} {f.rule}  "
        f"{d.department or '?'} {d.year or '?'}年{d.kind or ''}  {at}"
        f"{'  ' + place if place else ''}{figures}  {f.message}"
    )


def _data(item: Listed) -> dict[str, Any]:
    f, d = item.finding, item.document
    return {
        "fingerprint": f.fingerprint,
        "status": item.status,
        "reason": item.decision.reason if item.decision else None,
        "rule": f.rule,
        "severity": f.severity,
        "message": f.message,
        "department": d.department,
        "year": d.year,
        "kind": d.kind,
        "file": f.path,
        "page": f.page,
        "table": f.table_name,
        "row": f.row_name,
        "column": f.column_name,
        "stated": None if f.stated is None else format(f.stated, "f"),
        "expected": None if f.expected is None else format(f.expected, "f"),
        "suggestion": f.suggestion,
    }


def _decide(db_url: str | None, prefix: str, verdict_text: str, reason: str, who: str) -> None:
    from yusuan.review.decisions import Verdict
    from yusuan.store import StoreError, queries

    if not reason.strip():
        _fail(ValueError("--reason 不能为空：写明为什么"))
    engine = _engine(db_url)
    try:
        fingerprint = queries.resolve(engine, prefix)
        decision = queries.decide(engine, fingerprint, Verdict(verdict_text), reason.strip(), who)
    except StoreError as exc:
        _fail(exc)
    finally:
        engine.dispose()
    click.echo(f"{decision.fingerprint} {decision.label}（{decision.who}）")


def _user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name (a container's numeric uid): say so, go on
        return "?"


_who = click.option("--who", default=_user, show_default="当前用户", help="审核人（记在结论里）。")
_reason = click.option("--reason", required=True, help="理由（必填）。")


@review.command()
@click.argument("fingerprint")
@_reason
@_who
@db_option
def confirm(fingerprint: str, reason: str, who: str, db_url: str | None) -> None:
    """确认：这是真问题，交给部门整改。FINGERPRINT 可以是唯一的前缀。"""
    _decide(db_url, fingerprint, "确认", reason, who)


@review.command()
@click.argument("fingerprint")
@_reason
@_who
@db_option
def ignore(fingerprint: str, reason: str, who: str, db_url: str | None) -> None:
    """忽略：误报，或问题已接受。FINGERPRINT 可以是唯一的前缀。"""
    _decide(db_url, fingerprint, "忽略", reason, who)


@review.command()
@click.option(
    "--baseline",
    "baseline_path",
    required=True,
    type=click.Path(dir_okay=False),
    help="写出的基线文件，如 yusuan-baseline.toml。",
)
@db_option
def export(baseline_path: str, db_url: str | None) -> None:
    """把库中全部结论写成基线文件（TOML），可放在文件旁边或交给同事。"""
    from yusuan.review.baseline import dump_baseline
    from yusuan.store import queries

    engine = _engine(db_url)
    decisions = queries.decisions(engine)
    engine.dispose()
    try:
        Path(baseline_path).write_text(dump_baseline(decisions.values()), "utf-8")
    except OSError as exc:
        _fail(ValueError(f"{baseline_path}: 无法写入（{exc.strerror}）"))
    click.echo(f"yusuan: {baseline_path}: 写出 {len(decisions)} 条结论", err=True)


@review.command("import-baseline")
@click.argument("baseline_path", type=click.Path(dir_okay=False))
@db_option
def import_baseline(baseline_path: str, db_url: str | None) -> None:
    """把基线文件中的结论读入库（库中已有的，较新的一条为准）。"""
    from yusuan.errors import YusuanError
    from yusuan.review.baseline import load_baseline
    from yusuan.store import queries

    try:
        decisions = load_baseline(baseline_path)
    except YusuanError as exc:
        _fail(exc)
    engine = _engine(db_url)
    try:
        added, replaced, kept = queries.merge(engine, decisions.values())
    finally:
        engine.dispose()
    click.echo(
        f"yusuan: {baseline_path}: 新增 {added} 条，更新 {replaced} 条，保留库中较新的 {kept} 条",
        err=True,
    )
