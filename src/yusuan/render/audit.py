"""Audit reports: `text` for a reviewer (errors first, info only when asked, each finding
located by file and page or line, its source quoted),
`json` (one object, or an array for several files) and `jsonl` (one object per line)."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

from yusuan.audit import Report
from yusuan.audit.finding import Finding, Severity
from yusuan.model import Disclosure, Level
from yusuan.render.json import to_data

ORDER = (Severity.ERROR, Severity.WARNING, Severity.INFO)


def report_data(report: Report) -> dict[str, Any]:
    meta = report.doc.meta
    return {
        "document": {
            "path": meta.path,
            "department": meta.department,
            "department_code": meta.department_code,
            "unit_codes": list(meta.unit_codes),
            "year": meta.year,
            "kind": meta.kind.value if meta.kind else None,
            "unit": meta.unit.value,
            "template": meta.template,
            "tables": [t.id or t.title for t in report.doc.tables],
        },
        "findings": [
            {**finding_data(f, report.doc), **_decision_data(report, f)} for f in report.findings
        ],
        "summary": {
            "error": report.count(Severity.ERROR),
            "warning": report.count(Severity.WARNING),
            "info": report.count(Severity.INFO),
            "checks": {
                "evaluated": report.evaluated,
                "failed": report.failed,
                "skipped": report.skipped,
                "skipped_reasons": [
                    {"reason": reason, "count": n} for reason, n in report.skipped_reasons
                ],
            },
        },
        "reading": [to_data(d) for d in report.doc.diagnostics],
    }


def _decision_data(report: Report, finding: Finding) -> dict[str, Any]:
    """A decided finding's decision (yusuan review, a baseline); nothing for a new one."""
    decided = report.decisions.get(finding)
    if decided is None:
        return {}
    return {
        "decision": {
            "fingerprint": decided.fingerprint,
            "verdict": decided.verdict.value,
            "reason": decided.reason,
            "who": decided.who,
            "when": decided.when.isoformat(),
        }
    }


def finding_data(finding: Finding, doc: Disclosure | None = None) -> dict[str, Any]:
    location = {k: v for k, v in to_data(finding.location).items() if v is not None}
    if doc is not None:
        # A PDF's page (also in a further file of --as-one), and the box of the line on it
        # (PDF points, left bottom right top) when the page was read from its layout.
        page = doc.page_of(finding.location.line, finding.location.path)
        if page is not None:
            location["page"] = page
        if not any(p == finding.location.path for p, _ in doc.sources):  # the first file's
            box = doc.box_of(finding.location.line)
            if box is not None:
                location["box"] = [round(v, 1) for v in box]
    return {
        "rule": finding.rule,
        "severity": finding.severity.value,
        "message": finding.message,
        "location": location,
        "stated": None if finding.stated is None else format(finding.stated, "f"),
        "expected": None if finding.expected is None else format(finding.expected, "f"),
        "evidence": [{"what": what, "value": value} for what, value in finding.evidence],
        "suggestion": finding.suggestion,
        "confidence": finding.confidence.value,
    }


def render_json(reports: Sequence[Report]) -> str:
    data: Any = report_data(reports[0]) if len(reports) == 1 else [report_data(r) for r in reports]
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def render_jsonl(reports: Sequence[Report]) -> str:
    return "".join(json.dumps(report_data(r), ensure_ascii=False) + "\n" for r in reports)


HEADINGS = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}
SURE = {"high": "高", "medium": "中", "low": "低"}
_LEVELS = {Level.ERROR: Severity.ERROR, Level.WARNING: Severity.WARNING, Level.INFO: Severity.INFO}


def where(finding: Finding, doc: Disclosure) -> str:
    """`file.pdf:p7` for a finding on a PDF's page 7; `file.txt:133` on line 133 of a text;
    the file alone for a finding about the document as a whole.

    A PDF's finding names its page and not its line: the line counts the text yusuan rebuilt
    from the pages (running headers dropped, tables rebuilt from their cells), which is no
    line a reviewer can find in the PDF; the page is what they open, and the quoted source
    line below it says where on the page. (The JSON gives both, and the box on the page.)"""
    return locate(doc, finding.location.path, finding.location.line)


def locate(doc: Disclosure, path: str | None, line: int | None) -> str:
    """`where` for any line of the document's files (`path` None: the first)."""
    name = path or doc.meta.path or "?"
    if doc.pages_of(path):
        page = doc.page_of(line, path)
        return f"{name}:p{page}" if page is not None else name
    return f"{name}:{line}" if line else name


def _place(finding: Finding) -> str:
    loc = finding.location
    bits = [loc.table or "", loc.section or "", loc.row or "", loc.column or ""]
    return " · ".join(b for b in bits if b)


def _finding_lines(finding: Finding, doc: Disclosure) -> list[str]:
    out = [f"  {where(finding, doc)}: {finding.rule} {finding.message}"]
    place = _place(finding)
    if place:
        out.append(f"      位置：{place}")
    quoted = doc.source_line(finding.location.line, finding.location.path)
    if quoted:
        out.append(f"      | {quoted}")
    if finding.stated is not None or finding.expected is not None:
        stated = "—" if finding.stated is None else format(finding.stated, "f")
        expected = "—" if finding.expected is None else format(finding.expected, "f")
        sure = SURE.get(finding.confidence.value, finding.confidence.value)
        out.append(f"      所列 {stated}　应为 {expected}　（把握：{sure}）")
    if finding.suggestion:
        out.append(f"      → {finding.suggestion}")
    return out


def _order(doc: Disclosure) -> Callable[[Finding], tuple[int, int, str]]:
    """The files in the order given (--as-one), each by line (so by page), then by rule."""
    further = [p for p, _ in doc.sources]

    def key(f: Finding) -> tuple[int, int, str]:
        path = f.location.path
        rank = further.index(path) + 1 if path in further else 0
        return (rank, f.location.line or 0, f.rule)

    return key


def _reading_lines(doc: Disclosure, verbose: bool) -> list[str]:
    """What the reader was unsure of: its warnings always (a table it could not place, pages
    that need OCR), its notes with -v."""
    shown = [d for d in doc.diagnostics if verbose or d.level is not Level.INFO]
    if not shown:
        return []
    out = [f"读取 ({len(shown)})"]
    for d in shown:
        at = locate(doc, d.span.path, d.span.line) if d.span else doc.meta.path or "?"
        out.append(f"  {at}: {d.code} [{HEADINGS[_LEVELS[d.level]]}] {d.message}")
    return out


def _headline(report: Report, verbose: bool) -> str:
    errors, warnings = report.count(Severity.ERROR), report.count(Severity.WARNING)
    info = report.count(Severity.INFO)
    hidden = "" if verbose or not info else "（加 -v 显示）"
    return f"错误 {errors} · 警告 {warnings} · 提示 {info}{hidden}"


def _decided_lines(report: Report, verbose: bool) -> list[str]:
    """The findings a reviewer already decided (yusuan review, a baseline): listed apart, each
    with its decision (已确认 / 已忽略（理由）), not among the new ones; info ones with -v."""
    shown = [
        f
        for f in sorted(report.decisions, key=_order(report.doc))
        if verbose or f.severity is not Severity.INFO
    ]
    if not shown:
        return []
    out = [f"已处理 ({len(shown)})"]
    for f in shown:
        lines = _finding_lines(f, report.doc)
        lines[0] += f" [{HEADINGS[f.severity]}]"
        out.extend([*lines, f"      {report.decisions[f].label}"])
    return out


def render_text(reports: Sequence[Report], verbose: bool = False) -> str:
    """For a reviewer: each document's errors first, then warnings, then (with `verbose`)
    the info notes; each finding located as `file.pdf:p7` or `file.txt:133`, its place in
    the document, the source line quoted, the stated and expected figures, what to correct.
    A last line sums it up."""
    out: list[str] = []
    for report in reports:
        doc, meta = report.doc, report.doc.meta
        kind = meta.kind.value if meta.kind else ""
        # the family read by does not fit the document's own titles well (parse.family)
        poor = any(d.code == "parse.family" and d.level is Level.WARNING for d in doc.diagnostics)
        out.append(
            f"# {meta.path}：{meta.department or '?'} {meta.year or '?'}年{kind}"
            f" — 模板 {meta.template or '?'}{'（吻合不佳）' if poor else ''}，{len(doc.tables)} 张表"
        )
        out.append(_headline(report, verbose))
        for severity in ORDER:
            if severity is Severity.INFO and not verbose:
                continue
            found = sorted(
                (
                    f
                    for f in report.findings
                    if f.severity is severity and f not in report.decisions
                ),
                key=_order(doc),
            )
            if not found:
                continue
            out.append(f"{HEADINGS[severity]} ({len(found)})")
            for f in found:
                out.extend(_finding_lines(f, doc))
        out.extend(_decided_lines(report, verbose))
        out.extend(_reading_lines(doc, verbose))
        if verbose and report.skipped_reasons:
            out.append(f"跳过的检查 ({report.skipped})")
            out.extend(f"  {n} × {reason}" for reason, n in report.skipped_reasons)
        info = report.count(Severity.INFO)
        out.append(
            f"小结：{report.count(Severity.ERROR)} 个错误，{report.count(Severity.WARNING)} 个警告，"
            f"{info} 条提示{'' if verbose or not info else '（未显示）'}；"
            f"检查 {report.evaluated} 项，{report.failed} 项不符，{report.skipped} 项跳过"
            + (f"；{len(report.decisions)} 条已处理（见审核基线）" if report.decisions else "")
        )
        out.append("")
    return "\n".join(out)


AUDIT_RENDERERS = {"text": render_text, "json": render_json, "jsonl": render_jsonl}
