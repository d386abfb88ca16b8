"""The rows every hand-on report is made of: one per disclosure (汇总), one per finding (问题清单).

The workbook, the CSV and the HTML page all write these rows, so the three say the same thing
in the same order. Figures stay `Decimal` here; a writer converts only where its format must
(a workbook's number cell, a CSV's text).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal

from yusuan.audit import Report
from yusuan.audit.finding import Finding, Severity
from yusuan.model import Disclosure

# A reviewer's decision on a finding, if any: (verdict 确认/忽略, reason), or a record with
# `verdict` and `reason` attributes (the verdict a str or an enum of them). The store answers
# it; the reports only take the lookup, so they do not depend on how decisions are kept.
Decide = Callable[[Report, Finding], object]

SEVERITY_NAMES = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}
SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
VERDICT_NAMES = {"确认": "已确认", "忽略": "已忽略"}

SUMMARY_HEADERS = ("部门", "年度", "类型", "模板", "文件", "错误", "警告", "提示", "状态")
FINDING_HEADERS = (
    "部门",
    "文件",
    "页",
    "表",
    "行",
    "列",
    "原文",
    "规则",
    "级别",
    "问题",
    "所列值",
    "应为值",
    "建议",
    "决定",
    "处理意见",
)
# The columns a workbook writes as numbers (the rest are text).
FIGURE_COLUMNS = frozenset({"所列值", "应为值"})


@dataclass(frozen=True, slots=True)
class SummaryRow:
    department: str
    year: int | None
    kind: str
    template: str
    file: str
    errors: int
    warnings: int
    infos: int
    status: str  # 有错误 / 待核 / 通过

    def values(self) -> tuple[str | int | None, ...]:
        return (
            self.department,
            self.year,
            self.kind,
            self.template,
            self.file,
            self.errors,
            self.warnings,
            self.infos,
            self.status,
        )


@dataclass(frozen=True, slots=True)
class FindingRow:
    department: str
    file: str
    page: int | None  # the PDF page to open; None for a text input or a whole-document finding
    table: str  # the table as printed (预算03表), else the narrative's section
    row: str
    column: str
    quote: str  # the source line, as the reader read it
    rule: str
    severity: Severity
    message: str
    stated: Decimal | None
    expected: Decimal | None
    suggestion: str
    decision: str  # 已确认：reason / 已忽略：reason / ""
    line: int | None  # the line of the source text (for a crop's box and for a text input)
    finding: Finding
    report: Report

    def values(self) -> tuple[str | int | Decimal | None, ...]:
        """The row's cells in FINDING_HEADERS order; 处理意见 is left for the department."""
        return (
            self.department,
            self.file,
            self.page,
            self.table,
            self.row,
            self.column,
            self.quote,
            self.rule,
            SEVERITY_NAMES[self.severity],
            self.message,
            self.stated,
            self.expected,
            self.suggestion,
            self.decision,
            "",
        )


def decision(decide: Decide | None, report: Report, finding: Finding) -> tuple[str, str] | None:
    """The decision on `finding` as (verdict, reason), whichever shape the lookup answers in."""
    decided = decide(report, finding) if decide is not None else None
    if decided is None:
        return None
    if hasattr(decided, "verdict"):  # a record (a named tuple too)
        verdict, reason = decided.verdict, getattr(decided, "reason", "")
    elif isinstance(decided, tuple) and len(decided) == 2:
        verdict, reason = decided
    else:
        raise TypeError(f"a decision is (verdict, reason) or has .verdict, not {decided!r}")
    verdict = getattr(verdict, "value", verdict)  # an enum's value: 确认 / 忽略
    return (str(verdict).strip(), str(reason or "").strip())


def decision_text(decided: tuple[str, str] | None) -> str:
    """`已确认：理由` for a decision, "" for none; an unknown verdict is shown as given."""
    if decided is None:
        return ""
    verdict, reason = decided
    name = VERDICT_NAMES.get(verdict.strip(), verdict.strip())
    return f"{name}：{reason.strip()}" if reason and reason.strip() else name


def status(report: Report, decide: Decide | None = None) -> str:
    """有错误 while an error is not set aside (忽略); else 待核 while a warning is undecided;
    else 通过. A confirmed error (确认) is still an error: the department must correct it."""
    pending_warning = False
    for finding in report.findings:
        decided = decision(decide, report, finding)
        ignored = decided is not None and decided[0] == "忽略"
        if finding.severity is Severity.ERROR and not ignored:
            return "有错误"
        if finding.severity is Severity.WARNING and decided is None:
            pending_warning = True
    return "待核" if pending_warning else "通过"


def summary_rows(reports: Sequence[Report], decide: Decide | None = None) -> list[SummaryRow]:
    out = []
    for report in reports:
        meta = report.doc.meta
        files = [meta.path or "", *(p for p, _ in report.doc.sources)]
        out.append(
            SummaryRow(
                department=meta.department or "",
                year=meta.year,
                kind=meta.kind.value if meta.kind else "",
                template=meta.template or "",
                file="；".join(f for f in files if f),
                errors=report.count(Severity.ERROR),
                warnings=report.count(Severity.WARNING),
                infos=report.count(Severity.INFO),
                status=status(report, decide),
            )
        )
    return out


def _order(doc: Disclosure) -> Callable[[Finding], tuple[int, int, int, str]]:
    """Errors first, then warnings, then notes; each by file (as given), then by line, so by page."""
    further = [p for p, _ in doc.sources]

    def key(f: Finding) -> tuple[int, int, int, str]:
        path = f.location.path
        rank = further.index(path) + 1 if path in further else 0
        return (SEVERITY_ORDER[f.severity], rank, f.location.line or 0, f.rule)

    return key


def finding_rows(reports: Sequence[Report], decide: Decide | None = None) -> Iterator[FindingRow]:
    """One row per finding of every report, the reports in the order given."""
    for report in reports:
        doc = report.doc
        for f in sorted(report.findings, key=_order(doc)):
            loc = f.location
            yield FindingRow(
                department=doc.meta.department or "",
                file=loc.path or doc.meta.path or "",
                page=doc.page_of(loc.line, loc.path),
                table=loc.table or loc.section or "",
                row=loc.row or "",
                column=loc.column or "",
                quote=doc.source_line(loc.line, loc.path) or "",
                rule=f.rule,
                severity=f.severity,
                message=f.message,
                stated=f.stated,
                expected=f.expected,
                suggestion=f.suggestion or "",
                decision=decision_text(decision(decide, report, f)),
                line=loc.line,
                finding=f,
                report=report,
            )
