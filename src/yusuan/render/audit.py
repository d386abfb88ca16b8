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
from yusuan.render.words import SEVERITY_WORD, word

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
            place = doc.sheet_of(finding.location.line)  # a workbook's sheet and row
            if place is not None:
                location["sheet"], location["sheet_row"] = place
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
    """`where` for any line of the document's files (`path` None: the first). A workbook's
    line is named by its sheet and row as Excel writes a whole row: `file.xlsx:表3!12:12`
    (the reader keeps each line's sheet row, not which cell each figure came from)."""
    name = path or doc.meta.path or "?"
    if doc.pages_of(path):
        page = doc.page_of(line, path)
        return f"{name}:p{page}" if page is not None else name
    first = path is None or not any(p == path for p, _ in doc.sources)
    place = doc.sheet_of(line) if first else None
    if place is not None:
        sheet, row = place
        return f"{name}:{sheet}!{row}:{row}"
    return f"{name}:{line}" if line else name


def _place(finding: Finding) -> str:
    loc = finding.location
    bits = [loc.table or "", loc.section or "", loc.row or "", loc.column or ""]
    return " · ".join(b for b in bits if b)


def _finding_lines(finding: Finding, doc: Disclosure, lang: str = "zh") -> list[str]:
    out = [f"  {where(finding, doc)}: {finding.rule} {finding.message}"]
    place = _place(finding)
    if place:
        out.append(f"      {word(lang, 'place')}{place}")
    quoted = doc.source_line(finding.location.line, finding.location.path)
    if quoted:
        out.append(f"      | {quoted}")
    if finding.stated is not None or finding.expected is not None:
        stated = "—" if finding.stated is None else format(finding.stated, "f")
        expected = "—" if finding.expected is None else format(finding.expected, "f")
        sure = word(lang, finding.confidence.value)
        out.append("      " + word(lang, "stated", stated=stated, expected=expected, sure=sure))
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


def _reading_lines(doc: Disclosure, verbose: bool, lang: str = "zh") -> list[str]:
    """What the reader was unsure of: its warnings always (a table it could not place, pages
    that need OCR), its notes with -v."""
    shown = [d for d in doc.diagnostics if verbose or d.level is not Level.INFO]
    if not shown:
        return []
    out = [f"{word(lang, 'reading')} ({len(shown)})"]
    for d in shown:
        at = locate(doc, d.span.path, d.span.line) if d.span else doc.meta.path or "?"
        level = SEVERITY_WORD[lang][_LEVELS[d.level].value]
        out.append(f"  {at}: {d.code} [{level}] {d.message}")
    return out


def _counts(report: Report) -> dict[str, int]:
    return {s.value + "s" if s is not Severity.INFO else "info": report.count(s) for s in ORDER}


def _decided_lines(report: Report, info: bool, lang: str) -> list[str]:
    """The findings a reviewer already decided (yusuan review, a baseline): listed apart, each
    with its decision (已确认 / 已忽略（理由）), not among the new ones; info ones with `info`."""
    shown = [
        f
        for f in sorted(report.decisions, key=_order(report.doc))
        if info or f.severity is not Severity.INFO
    ]
    if not shown:
        return []
    out = [f"{word(lang, 'decided')} ({len(shown)})"]
    for f in shown:
        lines = _finding_lines(f, report.doc, lang)
        lines[0] += f" [{SEVERITY_WORD[lang][f.severity.value]}]"
        out.extend([*lines, f"      {report.decisions[f].label}"])
    return out


def _what(doc: Disclosure, lang: str) -> str:
    """Department, year and kind: 江苏省高级人民法院 2019年预算."""
    meta = doc.meta
    year = f"{meta.year}{'年' if lang == 'zh' else ' '}" if meta.year else "? "
    return f"{meta.department or '?'} {year}{meta.kind.value if meta.kind else ''}".strip()


def _document(report: Report, verbose: bool, info: bool, lang: str) -> list[str]:
    """One document's part of the text report: its heading, counts, findings, summary."""
    doc, meta = report.doc, report.doc.meta
    counts = _counts(report)
    shown = [s for s in ORDER if s is not Severity.INFO or info]
    hidden = word(lang, "hidden") if counts["info"] and not info else ""
    # the family read by does not fit the document's own titles well (parse.family)
    poor = any(d.code == "parse.family" and d.level is Level.WARNING for d in doc.diagnostics)
    out = [
        word(
            lang,
            "header",
            path=meta.path,
            dept=meta.department or "?",
            year=meta.year or "?",
            kind=meta.kind.value if meta.kind else "",
            template=meta.template or "?",
            poor=word(lang, "poor") if poor else "",
            tables=len(doc.tables),
        ),
        word(lang, "headline", hidden=hidden, **counts),
    ]
    for severity in shown:
        found = sorted(
            (f for f in report.findings if f.severity is severity and f not in report.decisions),
            key=_order(doc),
        )
        if found:
            out.append(f"{word(lang, severity.value)} ({len(found)})")
            for f in found:
                out.extend(_finding_lines(f, doc, lang))
    out.extend(_decided_lines(report, info, lang))
    out.extend(_reading_lines(doc, verbose, lang))
    if verbose and report.skipped_reasons:
        out.append(f"{word(lang, 'skipped')} ({report.skipped})")
        out.extend(f"  {n} × {reason}" for reason, n in report.skipped_reasons)
    out.append(
        word(
            lang,
            "doc-summary",
            hidden=word(lang, "not-shown") if hidden else "",
            evaluated=report.evaluated,
            failed=report.failed,
            skipped=report.skipped,
            **counts,
        )
        + (word(lang, "decided-suffix", n=len(report.decisions)) if report.decisions else "")
    )
    out.append("")
    return out


def render_summary(reports: Sequence[Report], failed: Sequence[str] = (), lang: str = "zh") -> str:
    """The run in a few lines: the documents, their errors and warnings, then one line per
    document (and per one that could not be read or audited)."""
    errors = sum(r.count(Severity.ERROR) for r in reports)
    warnings = sum(r.count(Severity.WARNING) for r in reports)
    tail = word(lang, "total-failed", n=len(failed)) if failed else ""
    out = [
        word(
            lang,
            "total",
            docs=len(reports) + len(failed),
            s="" if len(reports) + len(failed) == 1 else "s",
            errors=errors,
            warnings=warnings,
            failed=tail,
        )
    ]
    for r in reports:
        counts = _counts(r)
        out.append(word(lang, "line", name=r.doc.meta.path, what=_what(r.doc, lang), **counts))
    out.extend(word(lang, "line-failed", name=name) for name in failed)
    return "\n".join(out) + "\n"


def render_text(
    reports: Sequence[Report],
    verbose: bool = False,
    *,
    lang: str = "zh",
    quiet: bool = False,
    failed: Sequence[str] = (),
    info: bool | None = None,
) -> str:
    """For a reviewer: each document's errors first, then warnings, then (with `verbose`)
        the info notes; each finding located as `file.pdf:p7` or `file.txt:133`, its place in
        the document, the source line quoted, the stated and expected figures, what to correct.
        Each document ends with its summary line; a run of several documents (or `quiet`, which
        prints nothing else) ends with the run's summary. `failed`: the documents that could not
        be read or audited, for the summary. Chinese, or English with `lang="en"`. `info`: list
    the info notes (by default with `verbose`, which also shows every reading note)."""
    out: list[str] = []
    if not quiet:
        for report in reports:
            out.extend(_document(report, verbose, verbose if info is None else info, lang))
    text = "\n".join(out)
    if quiet or len(reports) + len(failed) > 1:
        text += render_summary(reports, failed, lang)
    return text


AUDIT_RENDERERS = {"text": render_text, "json": render_json, "jsonl": render_jsonl}
