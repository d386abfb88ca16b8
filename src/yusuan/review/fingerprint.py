"""A finding's fingerprint: the same problem gets the same one on every run.

It is made of what the problem is — the rule, the document's identity (department, year and
kind when the reading found them, else the file's name), the place (table · row · column, or
the section and page when the finding is in the narrative) and the stated and expected
figures — and of nothing that changes when nothing is wrong differently: not the message's
wording, not a line number of the text yusuan rebuilt, not the folder or the name of the file
(once the department is known). A reviewer's decision is keyed by it, so that it holds after
a re-import, a re-run with a newer yusuan and a renamed file.
"""

from __future__ import annotations

import hashlib
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


def finding_place(finding: Finding, page: int | None) -> str:
    """table · row · column where the finding is in a table; else its section and page."""
    loc = finding.location
    if loc.table:
        return "|".join(_clean(x) for x in (loc.table, loc.row, loc.column))
    return "|".join((_clean(loc.part), _clean(loc.section), "" if page is None else f"p{page}"))


def fingerprint(finding: Finding, doc: Disclosure) -> str:
    """The finding's stable fingerprint in `doc` (LENGTH hex digits)."""
    page = None
    if not finding.location.table:
        page = doc.page_of(finding.location.line, finding.location.path)
    key = "\x1f".join(
        (
            finding.rule,
            document_identity(doc.meta),
            finding_place(finding, page),
            _figure(finding.stated),
            _figure(finding.expected),
        )
    )
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:LENGTH]
