"""A finding's fingerprint: the same problem gets the same one on every run.

It is made of what the problem is — the rule, the document's identity (department, year and
kind when the reading found them, else the file's name), the place (table · row · column; in
the narrative, the section, the page and the words of the line it is on) and the stated and
expected figures — and of nothing that changes when nothing is wrong differently: not the
message's wording, not a line number of the text yusuan rebuilt, not the folder or the name
of the file (once the department is known). A reviewer's decision is keyed by it, so that it
holds after a re-import, a re-run and a renamed file.

Findings alike in all of that (a placeholder left in two identical sentences of one section)
are told apart by their order: the second is `…#2` (`fingerprints`).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from decimal import Decimal
from pathlib import PurePath

from yusuan.audit.finding import Finding
from yusuan.model import Disclosure, Meta

LENGTH = 16  # hex digits: 64 bits, far beyond a region's findings, short enough to type a prefix


def _clean(text: str | None) -> str:
    """Spacing and full-width spaces do not make another place."""
    return "".join((text or "").split()).replace("\u3000", "")


def _figure(value: Decimal | None) -> str:
    # 1.50 and 1.5 are one figure; normalize() alone would print 100 as 1E+2
    return "" if value is None else format(value.normalize(), "f")


def document_identity(meta: Meta) -> str:
    """`部门|年|预算` when the reading found all three, else the file's name (its last part)."""
    if meta.department and meta.year and meta.kind:
        return f"{_clean(meta.department)}|{meta.year}|{meta.kind.value}"
    return PurePath(meta.path or "?").name


def finding_place(finding: Finding, doc: Disclosure) -> str:
    """table · row · column where the finding is in a table; else its section, its page and
    the words of its line (the document's own, not yusuan's)."""
    loc = finding.location
    if loc.table:
        return "|".join(_clean(x) for x in (loc.table, loc.row, loc.column))
    page = doc.page_of(loc.line, loc.path)
    words = doc.source_line(loc.line, loc.path)
    return "|".join(
        (_clean(loc.part), _clean(loc.section), "" if page is None else f"p{page}", _clean(words))
    )


def _key(finding: Finding, doc: Disclosure) -> str:
    return "\x1f".join(
        (
            finding.rule,
            document_identity(doc.meta),
            finding_place(finding, doc),
            _figure(finding.stated),
            _figure(finding.expected),
        )
    )


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:LENGTH]


def fingerprints(findings: Sequence[Finding], doc: Disclosure) -> list[str]:
    """The fingerprint of each of a report's findings (LENGTH hex digits), in order; findings
    alike in rule, document, place and figures numbered by their order (#2, #3 …)."""
    seen: Counter[str] = Counter()
    out = []
    for finding in findings:
        key = _key(finding, doc)
        seen[key] += 1
        out.append(_digest(key if seen[key] == 1 else f"{key}#{seen[key]}"))
    return out


def fingerprint(finding: Finding, doc: Disclosure) -> str:
    """The fingerprint of one finding (the first of its like: see `fingerprints`)."""
    return _digest(_key(finding, doc))
