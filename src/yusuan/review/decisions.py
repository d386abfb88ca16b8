"""Reviewers' decisions on findings: 确认 (a real problem, handed on to the department) or
忽略 (a false alarm, or a problem accepted), each with its reason, who and when.

A decision is keyed by the finding's fingerprint (`fingerprint.py`). An audit given the
decisions (`with_decisions`, from the store or a baseline file) keeps every finding but marks
the decided ones: they are not counted as new (`Report.count`, `Report.has_errors`), and each
report shows them as decided; `decision_for` is the one lookup every renderer uses.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

from yusuan.audit import Report
from yusuan.audit.finding import Finding
from yusuan.review.fingerprint import fingerprints


class Verdict(StrEnum):
    CONFIRMED = "确认"  # a real problem: handed on
    IGNORED = "忽略"  # a false alarm or accepted

    @classmethod
    def parse(cls, text: str) -> Verdict:
        """确认 / 忽略, or in English: confirmed / ignored (confirm / ignore)."""
        spelled = text.strip().lower()
        for verdict, names in _SPELLINGS.items():
            if spelled in names:
                return verdict
        raise ValueError(f"不认识的结论 {text!r}：应为 确认 或 忽略")


_SPELLINGS = {
    Verdict.CONFIRMED: ("确认", "confirmed", "confirm"),
    Verdict.IGNORED: ("忽略", "ignored", "ignore"),
}


@dataclass(frozen=True, slots=True)
class Decision:
    fingerprint: str
    verdict: Verdict
    reason: str
    who: str
    when: datetime
    rule: str | None = None  # what it was about, for a reader; not used to match
    document: str | None = None

    @property
    def label(self) -> str:
        """As a report shows it: 已忽略（理由） / 已确认（理由）."""
        done = "已确认" if self.verdict is Verdict.CONFIRMED else "已忽略"
        return f"{done}（{self.reason}）" if self.reason else done


def with_decisions(report: Report, decisions: Mapping[str, Decision]) -> Report:
    """The report with each of its findings that `decisions` (by fingerprint) covers marked."""
    marked: dict[Finding, Decision] = {}
    for finding, key in zip(
        report.findings, fingerprints(report.findings, report.doc), strict=True
    ):
        found = decisions.get(key)
        if found is not None:
            marked[finding] = found
    return replace(report, decisions=marked)


def decision_for(report: Report, finding: Finding) -> Decision | None:
    """The decision on `finding` of `report`, if a reviewer made one (see `with_decisions`)."""
    return report.decisions.get(finding)
