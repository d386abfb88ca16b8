"""Findings are data: one type, a stable rule id, where, what was stated, what was expected."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Confidence(StrEnum):
    """How sure the finding is: `high` when the figures prove it, `low` when it rests on an
    unverified catalog row or a guessed reading."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


@dataclass(frozen=True, slots=True)
class Location:
    path: str | None = None
    part: str | None = None
    section: str | None = None
    table: str | None = None  # the table id as printed (预算03表) or its title
    row: str | None = None
    column: str | None = None
    line: int | None = None
    end_line: int | None = None


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str
    severity: Severity
    message: str  # one plain Chinese sentence a reviewer can act on
    location: Location
    stated: Decimal | None = None
    expected: Decimal | None = None
    evidence: tuple[tuple[str, str], ...] = ()  # (what, figure) used to compute `expected`
    suggestion: str | None = None
    confidence: Confidence = Confidence.HIGH


@dataclass(frozen=True, slots=True)
class Check:
    """One identity or claim a rule evaluated: passed, failed with a finding, or skipped."""

    rule: str
    finding: Finding | None = None
    skipped: str | None = None  # why it could not be evaluated (inputs missing)

    @property
    def failed(self) -> bool:
        return self.finding is not None and self.finding.severity is not Severity.INFO
