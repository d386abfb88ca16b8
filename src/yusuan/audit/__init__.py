"""The audit: every identity, claim and rule a careful reviewer would check."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from yusuan.audit.engine import Context, Rule, run_rules, select_rules
from yusuan.audit.finding import Check, Finding, Severity  # noqa: F401 - Check: importers use it
from yusuan.model import Disclosure

if TYPE_CHECKING:
    from yusuan.review.decisions import Decision


@dataclass(frozen=True, slots=True)
class Report:
    doc: Disclosure
    findings: tuple[Finding, ...]
    evaluated: int
    failed: int
    skipped: int
    skipped_reasons: tuple[tuple[str, int], ...]  # (reason, how many checks)
    # Findings a reviewer already decided (yusuan.review: 确认 / 忽略): still listed, as decided,
    # but not counted as new. Look one up with yusuan.review.decision_for.
    decisions: Mapping[Finding, Decision] = field(default_factory=dict, compare=False, hash=False)

    def count(self, severity: Severity) -> int:
        """The findings of `severity` not decided yet."""
        return sum(1 for f in self.findings if f.severity is severity and f not in self.decisions)

    @property
    def has_errors(self) -> bool:
        return self.count(Severity.ERROR) > 0


def audit(
    doc: Disclosure,
    rules: Sequence[Rule] | None = None,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    catalog_dir: str | None = None,
    unit_type: str | None = None,
) -> Report:
    """Run the selected rules over one disclosure."""
    from yusuan.audit.rules import all_rules

    chosen = select_rules(all_rules() if rules is None else rules, select, ignore)
    ctx = Context(doc, catalog_dir=catalog_dir, unit_type=unit_type)
    findings: list[Finding] = []
    skipped: Counter[str] = Counter()
    evaluated = failed = 0
    for check in run_rules(ctx, chosen):  # one pass over the document's many checks
        if check.finding is not None:
            findings.append(check.finding)
            failed += check.finding.severity is not Severity.INFO
        if check.skipped is not None:
            skipped[f"{check.rule}: {check.skipped}"] += 1
        else:
            evaluated += 1
    return Report(
        doc=doc,
        findings=tuple(findings),
        evaluated=evaluated,
        failed=failed,
        skipped=sum(skipped.values()),
        skipped_reasons=tuple(sorted(skipped.items())),
    )
