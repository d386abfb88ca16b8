"""Review: stable fingerprints of findings and reviewers' decisions on them (确认 / 忽略),
kept in the store or in a baseline file beside the documents."""

from __future__ import annotations

from yusuan.review.decisions import Decision, Verdict, decision_for, with_decisions
from yusuan.review.fingerprint import document_identity, fingerprint, fingerprints

__all__ = [
    "Decision",
    "Verdict",
    "decision_for",
    "document_identity",
    "fingerprint",
    "fingerprints",
    "with_decisions",
]
