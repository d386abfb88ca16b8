"""Audit reports: `text` for reading (grouped by severity and place, source quoted),
`json` (one object, or an array for several files) and `jsonl` (one object per line)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from yusuan.audit import Report
from yusuan.audit.finding import Finding, Severity
from yusuan.model import Disclosure, Level
from yusuan.render.json import to_data

ORDER = (Severity.ERROR, Severity.WARNING, Severity.INFO)
TITLES = {Severity.ERROR: "errors", Severity.WARNING: "warnings", Severity.INFO: "info"}


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
        "findings": [finding_data(f, report.doc) for f in report.findings],
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


def finding_data(finding: Finding, doc: Disclosure | None = None) -> dict[str, Any]:
    location = {k: v for k, v in to_data(finding.location).items() if v is not None}
    if doc is not None and finding.location.path in (None, doc.meta.path):
        # A PDF's page, and the box of the line on it (PDF points, left bottom right top)
        # when the page was read from its layout.
        page, box = doc.page_of(finding.location.line), doc.box_of(finding.location.line)
        if page is not None:
            location["page"] = page
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


def _place(finding: Finding) -> str:
    loc = finding.location
    bits = [loc.table or "", loc.section or "", loc.row or "", loc.column or ""]
    return " · ".join(b for b in bits if b)


def render_text(reports: Sequence[Report]) -> str:
    out: list[str] = []
    for report in reports:
        meta = report.doc.meta
        # the family read by does not fit the document's own titles well (parse.family)
        poor = any(
            d.code == "parse.family" and d.level is Level.WARNING for d in report.doc.diagnostics
        )
        out.append(
            f"# {meta.path}: {meta.department or '?'} {meta.year or '?'}年{meta.kind or ''}"
            f" — template {meta.template or '?'}{' (fits poorly)' if poor else ''},"
            f" {len(report.doc.tables)} tables"
        )
        for severity in ORDER:
            found = [f for f in report.findings if f.severity is severity]
            if not found:
                continue
            out.append(f"{TITLES[severity]} ({len(found)})")
            found.sort(key=lambda f: (f.location.line or 0, f.rule))
            for f in found:
                line = f.location.line
                where = f.location.path or meta.path
                out.append(f"  {where}:{line or 0}: {f.rule} {f.message}")
                place = _place(f)
                if place:
                    out.append(f"      at {place}")
                quoted = report.doc.source_line(line, f.location.path)
                if quoted:
                    out.append(f"      | {quoted}")
                if f.stated is not None or f.expected is not None:
                    stated = "—" if f.stated is None else format(f.stated, "f")
                    expected = "—" if f.expected is None else format(f.expected, "f")
                    out.append(
                        f"      stated {stated}   expected {expected}   ({f.confidence.value})"
                    )
                if f.suggestion:
                    out.append(f"      → {f.suggestion}")
        out.append(
            f"summary: {report.count(Severity.ERROR)} errors, {report.count(Severity.WARNING)} "
            f"warnings, {report.count(Severity.INFO)} info; {report.evaluated} checks evaluated, "
            f"{report.failed} failed, {report.skipped} skipped"
        )
        out.append("")
    return "\n".join(out)


AUDIT_RENDERERS = {"text": render_text, "json": render_json, "jsonl": render_jsonl}
