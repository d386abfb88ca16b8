"""What the template-family tests share: finding a family, a table and a row, and holding a
real document's failed identity checks against the failures it is known to have."""

from __future__ import annotations

from dataclasses import dataclass

from yusuan.audit import audit
from yusuan.audit.finding import Finding, Severity
from yusuan.model import Disclosure, Row, Side, Table
from yusuan.templates import TemplateSet, template_sets


def tset(name: str) -> TemplateSet:
    return next(t for t in template_sets() if t.name == name)


def table(doc: Disclosure, key: str) -> Table:
    found = doc.table(key)
    assert found is not None, key
    return found


def row(t: Table, label: str, side: Side = Side.NONE) -> Row:
    """The row whose code, or name, is `label` (on `side` of a two-panel table)."""
    for r in t.rows:
        if r.side is side and label in (r.code, r.name):
            return r
    raise AssertionError(f"{t.title}: no row {label!r} on side {side!r}")


@dataclass(frozen=True)
class Known:
    """A failure a real document is known to have: a real error of the disclosure, or a gap of
    the reader, the format or the audit, with why.

    It explains the failed checks of `rule` on the row labelled `row` (exactly, or any label
    starting with it when `prefix`; None: a finding that names no row) of the table `table`
    (its key), `count` of them: exactly that many, or any number from one when None.
    """

    rule: str
    table: str
    row: str | None
    count: int | None
    reason: str
    prefix: bool = False

    def __post_init__(self) -> None:
        assert self.count is None or self.count >= 1, self
        assert not self.prefix or self.row is not None, self

    def explains(self, finding: Finding, key: str) -> bool:
        label = finding.location.row
        if finding.rule != self.rule or key != self.table:
            return False
        if self.prefix:
            return label is not None and self.row is not None and label.startswith(self.row)
        return label == self.row


def unexplained(
    doc: Disclosure, known: list[Known], *, checked: int = 100
) -> tuple[list[str], list[str]]:
    """The failed identity checks (`table.*`, `cross.*`) of `doc` that no known failure
    explains, and the known failures that did not occur as often as they say (a gap closed or
    an error gone: the entry must go or change).

    Info findings are differences rounding explains and never count. At least `checked`
    identities must have been evaluated, so that a document the families stop reading cannot
    pass by checking nothing.
    """
    report = audit(doc, select=["table", "cross"])
    assert report.evaluated >= checked, f"only {report.evaluated} identities checked"
    seen = [0] * len(known)
    left = []
    for finding in report.findings:
        if finding.severity is Severity.INFO:
            continue
        key = _key_of(doc, finding)
        # the first entry that explains it and has room; past its count a finding is extra
        index = next(
            (
                i
                for i, k in enumerate(known)
                if k.explains(finding, key) and (k.count is None or seen[i] < k.count)
            ),
            None,
        )
        if index is None:
            left.append(f"{finding.rule} {key} {finding.location.row}: {finding.message}")
        else:
            seen[index] += 1
    missing = [
        f"{k.rule} {k.table} {k.row} ×{k.count or '≥1'}: seen {n}"
        for k, n in zip(known, seen, strict=True)
        if n == 0 or (k.count is not None and n < k.count)
    ]
    return left, missing


def _key_of(doc: Disclosure, finding: Finding) -> str:
    """The key of the table a finding names (by its printed id or title); `?` if none."""
    where = finding.location.table
    return next((t.key for t in doc.tables if where is not None and where in (t.id, t.title)), "?")
