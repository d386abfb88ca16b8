"""What `yusuan review` asks of the store: findings with their status, and decisions."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from yusuan.review.decisions import Decision, Verdict
from yusuan.store.database import StoreError
from yusuan.store.schema import DecisionRow, DocumentRow, FindingRow

NEW = "新"  # a finding no decision covers


@dataclass(frozen=True, slots=True)
class Listed:
    """A stored finding, its document and its status (新 / 确认 / 忽略)."""

    finding: FindingRow
    document: DocumentRow
    decision: Decision | None

    @property
    def status(self) -> str:
        return NEW if self.decision is None else self.decision.verdict.value


def _decision(row: DecisionRow) -> Decision:
    when = row.decided_at if row.decided_at.tzinfo else row.decided_at.replace(tzinfo=UTC)
    return Decision(
        fingerprint=row.fingerprint,
        verdict=Verdict(row.verdict),
        reason=row.reason,
        who=row.who,
        when=when,
        rule=row.rule,
        document=row.document,
    )


def decisions(engine: Engine, document_id: int | None = None) -> dict[str, Decision]:
    """Every decision of the store, by fingerprint; with `document_id`, only those on that
    document's findings (a decision is by fingerprint: another document's finding of the same
    fingerprint shares it)."""
    query = select(DecisionRow)
    if document_id is not None:
        query = query.where(
            DecisionRow.fingerprint.in_(
                select(FindingRow.fingerprint).where(FindingRow.document_id == document_id)
            )
        )
    with Session(engine) as session:
        return {r.fingerprint: _decision(r) for r in session.scalars(query)}


def findings(
    engine: Engine,
    department: str | None = None,
    rule: str | None = None,
    status: str | None = None,
    severities: Iterable[str] = (),
) -> list[Listed]:
    """The stored findings with their status, by document and position.

    `department`: part of its name or its code; `rule`: an id or a prefix (table.);
    `status`: 新, 确认 or 忽略; `severities`: error, warning, info (all when empty)."""
    decided = decisions(engine)
    query = select(FindingRow, DocumentRow).join(DocumentRow)
    if department:
        query = query.where(
            DocumentRow.department.contains(department)
            | (DocumentRow.department_code == department)
        )
    if rule:
        prefix = rule.rstrip(".") + "."
        query = query.where((FindingRow.rule == rule) | FindingRow.rule.startswith(prefix))
    chosen = tuple(severities)
    if chosen:
        query = query.where(FindingRow.severity.in_(chosen))
    query = query.order_by(DocumentRow.department, DocumentRow.year, DocumentRow.id)
    with Session(engine, expire_on_commit=False) as session:
        rows = session.execute(query.order_by(FindingRow.position)).all()
        listed = [Listed(f, d, decided.get(f.fingerprint)) for f, d in rows]
        session.expunge_all()
    if status:
        listed = [item for item in listed if item.status == status]
    return listed


def resolve(engine: Engine, prefix: str) -> str:
    """The one fingerprint of a stored finding (or decision) that starts with `prefix`."""
    prefix = prefix.strip().lower()
    if not prefix:
        raise StoreError("指纹为空")
    with Session(engine) as session:
        found = set(
            session.scalars(
                select(FindingRow.fingerprint)
                .where(FindingRow.fingerprint.startswith(prefix))
                .distinct()
                .limit(50)
            )
        )
        found |= set(
            session.scalars(
                select(DecisionRow.fingerprint).where(DecisionRow.fingerprint.startswith(prefix))
            )
        )
    if not found:
        raise StoreError(f"库中没有指纹以 {prefix} 开头的问题（见 yusuan review list）")
    if len(found) > 1:
        raise StoreError(f"指纹前缀 {prefix} 不唯一（{len(found)} 个问题），请多写几位")
    return found.pop()


def decide(
    engine: Engine,
    fingerprint: str,
    verdict: Verdict,
    reason: str,
    who: str,
    when: datetime | None = None,
) -> Decision:
    """Record (or replace) the decision on the finding `fingerprint`, in one transaction."""
    with Session(engine) as session, session.begin():
        about = session.execute(
            select(FindingRow.rule, DocumentRow.identity)
            .join(DocumentRow)
            .where(FindingRow.fingerprint == fingerprint)
            .limit(1)
        ).first()
        row = session.scalar(select(DecisionRow).where(DecisionRow.fingerprint == fingerprint))
        if row is None:
            row = DecisionRow(fingerprint=fingerprint)
            session.add(row)
        row.verdict = verdict.value
        row.reason = reason
        row.who = who
        row.decided_at = when or datetime.now(UTC)
        if about is not None:
            row.rule, row.document = about
        session.flush()
        return _decision(row)


def merge(engine: Engine, incoming: Iterable[Decision]) -> tuple[int, int, int]:
    """Load decisions (a baseline's) in one transaction: a new one is added, one the store
    holds is replaced when the incoming is newer, else kept. Returns (added, replaced, kept)."""
    added = replaced = kept = 0
    with Session(engine) as session, session.begin():
        held = {r.fingerprint: r for r in session.scalars(select(DecisionRow))}
        for d in incoming:
            row = held.get(d.fingerprint)
            if row is not None:
                stored = _decision(row).when
                if d.when <= stored:
                    kept += 1
                    continue
                replaced += 1
            else:
                row = DecisionRow(fingerprint=d.fingerprint)
                session.add(row)
                held[d.fingerprint] = row
                added += 1
            row.verdict = d.verdict.value
            row.reason = d.reason
            row.who = d.who
            row.decided_at = d.when
            row.rule = d.rule
            row.document = d.document
    return added, replaced, kept


def counts(engine: Engine) -> tuple[int, int, int]:
    """(documents, findings, decisions) in the store."""
    with Session(engine) as session:
        return (
            session.scalar(select(func.count()).select_from(DocumentRow)) or 0,
            session.scalar(select(func.count()).select_from(FindingRow)) or 0,
            session.scalar(select(func.count()).select_from(DecisionRow)) or 0,
        )
