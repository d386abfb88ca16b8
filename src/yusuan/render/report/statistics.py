"""`--statistics`: how many findings each rule raised, by severity, over every report."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from yusuan.audit import Report
from yusuan.audit.finding import Severity
from yusuan.render.report.rows import SEVERITY_NAMES

ORDER = (Severity.ERROR, Severity.WARNING, Severity.INFO)


def count_by_rule(reports: Sequence[Report]) -> dict[str, Counter[Severity]]:
    """Each rule that raised a finding → its findings by severity."""
    counts: dict[str, Counter[Severity]] = {}
    for report in reports:
        for finding in report.findings:
            counts.setdefault(finding.rule, Counter())[finding.severity] += 1
    return counts


def render_statistics(reports: Sequence[Report]) -> str:
    """A table: one line per rule (most errors first), columns 错误 警告 提示 合计, a 合计 line
    under them; the first line says how many disclosures and findings it counts."""
    counts = count_by_rule(reports)
    found = sum(len(r.findings) for r in reports)
    lines = [f"统计：{len(reports)} 份公开，{found} 条问题"]
    if not counts:
        return "\n".join(lines) + "\n"
    width = max(len("规则") + 2, *(len(rule) for rule in counts))
    # 规则 and 合计 are two CJK characters each: two columns wide apiece on a terminal
    lines.append(
        "规则".ljust(width - 2) + "".join(f"{SEVERITY_NAMES[s]:>6}" for s in ORDER) + "  合计"
    )
    ranked = sorted(counts.items(), key=lambda kv: (*(-kv[1][s] for s in ORDER), kv[0]))
    for rule, by in ranked:
        lines.append(rule.ljust(width) + "".join(f"{by[s]:>8}" for s in ORDER) + f"{by.total():>6}")
    total: Counter[Severity] = Counter()
    for by in counts.values():
        total.update(by)
    lines.append("合计".ljust(width - 2) + "".join(f"{total[s]:>8}" for s in ORDER) + f"{found:>6}")
    return "\n".join(lines) + "\n"
