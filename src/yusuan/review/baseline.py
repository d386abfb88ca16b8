"""The baseline file: reviewers' decisions as TOML, like a linter's baseline.

It can live beside the documents (`yusuan-baseline.toml`), be kept under version control and
handed between colleagues; `yusuan audit` marks what it decides, `yusuan review
import-baseline` loads it into a store and `yusuan review export` writes one from it.

    # yusuan 审核基线
    version = 1

    [[decision]]
    fingerprint = "3f5c0a9e1b2d4c6f"
    verdict = "忽略"
    reason = "四舍五入差异，已与单位核实"
    who = "张三"
    when = 2026-12-07T03:00:00Z
    rule = "table.column-sum"
    document = "某某局|2026|预算"
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from yusuan.audit import Report
from yusuan.errors import InputError
from yusuan.review.decisions import Decision, Verdict, with_decisions

NAME = "yusuan-baseline.toml"  # found beside the audited files
VERSION = 1
_HEADER = (
    "# yusuan 审核基线：每条 [[decision]] 是审核人对一条问题（按指纹）的结论，确认 或 忽略。\n"
    "# 由 `yusuan review export --baseline` 写出；`yusuan audit` 读到它时把这些问题标为已处理。\n"
)


def load_baseline(path: str | Path) -> dict[str, Decision]:
    """The decisions of a baseline file, by fingerprint; InputError naming the file and the
    entry when it is not one."""
    name = str(path)
    try:
        data = tomllib.loads(Path(path).read_text("utf-8"))
    except FileNotFoundError as exc:
        raise InputError("没有这个基线文件", name) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"基线文件无法读取（{exc}）", name) from exc
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"不是有效的 TOML（{exc}）", name) from exc
    if data.get("version", VERSION) != VERSION:
        raise InputError(f"基线版本 {data.get('version')!r} 不认识（应为 {VERSION}）", name)
    entries = data.get("decision", [])
    if not isinstance(entries, list):
        raise InputError("decision 应为 [[decision]] 列表", name)
    out: dict[str, Decision] = {}
    for number, entry in enumerate(entries, 1):
        try:
            decision = _decision(entry)
        except (KeyError, TypeError, ValueError) as exc:
            raise InputError(f"第 {number} 条 [[decision]] 无效（{_why(exc)}）", name) from exc
        out[decision.fingerprint] = decision
    return out


def _why(exc: Exception) -> str:
    return f"缺少 {exc.args[0]}" if isinstance(exc, KeyError) else str(exc)


def _decision(entry: Any) -> Decision:
    if not isinstance(entry, dict):
        raise TypeError("应为一张表")
    fp = entry["fingerprint"]
    if not isinstance(fp, str) or not fp.strip():
        raise ValueError("fingerprint 应为非空字符串")
    when = entry.get("when")
    if when is None:
        when = datetime.now(UTC)
    elif not isinstance(when, datetime):
        raise ValueError("when 应为日期时间（如 2026-12-07T03:00:00Z）")
    elif when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return Decision(
        fingerprint=fp.strip().lower(),
        verdict=Verdict.parse(str(entry["verdict"])),
        reason=str(entry.get("reason", "")),
        who=str(entry.get("who", "")),
        when=when,
        rule=_text(entry.get("rule")),
        document=_text(entry.get("document")),
    )


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def dump_baseline(decisions: Iterable[Decision]) -> str:
    """The TOML of a baseline holding `decisions`, ordered by document, rule and fingerprint
    so that a file under version control changes only where a decision did."""
    import tomli_w

    ordered = sorted(decisions, key=lambda d: (d.document or "", d.rule or "", d.fingerprint))
    entries = []
    for d in ordered:
        entry: dict[str, Any] = {
            "fingerprint": d.fingerprint,
            "verdict": d.verdict.value,
            "reason": d.reason,
            "who": d.who,
            "when": d.when.astimezone(UTC).replace(microsecond=0),
        }
        if d.rule:
            entry["rule"] = d.rule
        if d.document:
            entry["document"] = d.document
        entries.append(entry)
    return _HEADER + tomli_w.dumps({"version": VERSION, "decision": entries})


def baseline_beside(path: str | None) -> Path | None:
    """The `yusuan-baseline.toml` in the folder of the file `path`, if there is one."""
    if not path:
        return None
    candidate = Path(path).parent / NAME
    return candidate if candidate.is_file() else None


class Baselines:
    """The decisions an audit marks: those of the baseline file given (`--baseline`), else
    those of the `yusuan-baseline.toml` beside each audited file, each folder's read once."""

    def __init__(self, given: str | Path | None = None) -> None:
        self._given = load_baseline(given) if given else None  # InputError naming the file
        self._beside: dict[Path, dict[str, Decision]] = {}

    def decisions_for(self, path: str | None) -> dict[str, Decision]:
        if self._given is not None:
            return self._given
        found = baseline_beside(path)
        if found is None:
            return {}
        if found not in self._beside:
            self._beside[found] = load_baseline(found)
        return self._beside[found]

    def apply(self, report: Report) -> Report:
        """The report with the findings its baseline decides marked as decided."""
        decisions = self.decisions_for(report.doc.meta.path)
        if not decisions:
            return report
        # beside those already marked (the store's, `yusuan audit --db`); the file's win
        marked = with_decisions(report, decisions).decisions
        return replace(report, decisions={**report.decisions, **marked})
