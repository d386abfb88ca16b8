"""The rule engine: rules are small functions with a stable id, a default severity and a doc.

Rules are listed explicitly in `yusuan.audit.rules.RULES` (and third-party ones come from the
`yusuan.rules` entry point group); nothing registers itself on import. A rule yields `Check`s;
the runner counts them and turns a crashing rule into an `internal.rule-error` finding.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeVar, cast

from yusuan.audit.finding import Check, Confidence, Finding, Location, Severity
from yusuan.model import Disclosure, Row, Section, Span, Table

if TYPE_CHECKING:
    from yusuan.audit.claims import Claim
    from yusuan.audit.quantities import Quantities
    from yusuan.audit.reliability import Reading
    from yusuan.catalog import Catalog

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    severity: Severity
    doc: str
    check: Callable[[Context], Iterable[Check]]

    @property
    def summary(self) -> str:
        return self.doc.strip().splitlines()[0]


def rule(
    rule_id: str, severity: Severity
) -> Callable[[Callable[[Context], Iterable[Check]]], Rule]:
    """Make a `Rule` of a check function; its docstring is the rule's documentation."""

    def wrap(fn: Callable[[Context], Iterable[Check]]) -> Rule:
        if not fn.__doc__:
            raise ValueError(f"rule {rule_id} has no documentation")
        return Rule(rule_id, severity, fn.__doc__, fn)

    return wrap


@dataclass
class Context:
    """What a rule sees: the disclosure and what is derived from it, computed once."""

    doc: Disclosure
    catalog_dir: str | None = None
    unit_type: str | None = None  # 机关 / 事业; None: unknown
    current: Rule | None = field(default=None, repr=False)
    _memo: dict[str, Any] = field(default_factory=dict, repr=False)
    _passed: dict[str, Check] = field(default_factory=dict, repr=False)

    def once(self, key: str, compute: Callable[[], T]) -> T:
        """`compute()`, run once per audit for `key`: what several rules derive alike from the
        document (the prose left in tables, each table's lines) is derived once."""
        if key not in self._memo:
            self._memo[key] = compute()
        return cast(T, self._memo[key])

    @cached_property
    def quantities(self) -> Quantities:
        from yusuan.audit.quantities import Quantities
        from yusuan.catalog import CatalogError

        try:
            catalog: Catalog | None = self.catalog
        except CatalogError:  # an unusable catalog: quantities are read by the tables' codes only
            catalog = None
        return Quantities(self.doc, catalog)

    @cached_property
    def claims(self) -> list[Claim]:
        from yusuan.audit.claims import extract_claims

        return extract_claims(self.doc)

    @cached_property
    def readings(self) -> dict[str, Reading]:
        """How far each table's reading can be trusted, by its printed name."""
        from yusuan.audit.reliability import assess_all

        return assess_all(self.doc)

    @cached_property
    def catalog(self) -> Catalog:
        from pathlib import Path

        from yusuan.catalog import load_catalog

        extra = Path(self.catalog_dir) if self.catalog_dir else None
        return load_catalog(self.doc.meta.year, extra)

    # -- building checks -------------------------------------------------------------------

    def _rule(self) -> Rule:
        if self.current is None:
            raise RuntimeError("no rule is running")
        return self.current

    def ok(self) -> Check:
        # One passed check per rule, made once: rules pass hundreds of checks per document,
        # and a passed check carries nothing but its rule's id.
        rule_id = self._rule().id
        passed = self._passed.get(rule_id)
        if passed is None:
            passed = self._passed[rule_id] = Check(rule_id)
        return passed

    def skip(self, reason: str) -> Check:
        return Check(self._rule().id, skipped=reason)

    def fail(
        self,
        message: str,
        location: Location,
        *,
        stated: Decimal | None = None,
        expected: Decimal | None = None,
        evidence: Sequence[tuple[str, object]] = (),
        suggestion: str | None = None,
        severity: Severity | None = None,
        confidence: Confidence = Confidence.HIGH,
    ) -> Check:
        current = self._rule()
        finding = Finding(
            rule=current.id,
            severity=severity or current.severity,
            message=message,
            location=location,
            stated=stated,
            expected=expected,
            evidence=tuple((what, _figure(value)) for what, value in evidence),
            suggestion=suggestion,
            confidence=confidence,
        )
        return Check(current.id, finding=finding)

    # -- locations ---------------------------------------------------------------------------

    def at_table(self, table: Table, row: Row | None = None, column: str | None = None) -> Location:
        span = row.span if row is not None else table.span
        return Location(
            path=span.path or self.doc.meta.path,
            table=table.id or table.title,
            row=row.label if row is not None else None,
            column=column,
            line=span.line,
            end_line=span.end_line,
        )

    def at_section(self, section: Section, span: Span | None = None) -> Location:
        span = span or section.span
        return Location(
            path=span.path or self.doc.meta.path,
            part=section.part or None,
            section=f"{section.number}{section.title}" if section.title else None,
            line=span.line,
            end_line=span.end_line,
        )


def _figure(value: object) -> str:
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def matches(rule_id: str, patterns: Iterable[str]) -> bool:
    """`narrative` matches narrative.amount; `table.row-sum` matches itself only."""
    return any(rule_id == p or rule_id.startswith(p.rstrip(".") + ".") for p in patterns)


def select_rules(
    rules: Sequence[Rule], select: Sequence[str] = (), ignore: Sequence[str] = ()
) -> list[Rule]:
    chosen = [r for r in rules if not select or matches(r.id, select)]
    return [r for r in chosen if not matches(r.id, ignore)]


def run_rules(ctx: Context, rules: Sequence[Rule]) -> Iterator[Check]:
    """Every check of every rule; a rule that crashes yields one internal-error finding. The
    findings that rest on a table whose reading is unreliable come out demoted to `info`
    (`yusuan.audit.reliability`): the reading is judged before the document."""
    from yusuan.audit.reliability import demote

    yield from demote(ctx, list(_run_each(ctx, rules)))


def _run_each(ctx: Context, rules: Sequence[Rule]) -> Iterator[Check]:
    for current in rules:
        ctx.current = current
        try:
            yield from current.check(ctx)
        except Exception as exc:  # a rule's bug must not stop the report
            where = traceback.extract_tb(exc.__traceback__)[-1]
            finding = Finding(
                rule="internal.rule-error",
                severity=Severity.WARNING,
                message=f"规则 {current.id} 运行出错，其检查未完成：{type(exc).__name__}: {exc}",
                location=Location(path=ctx.doc.meta.path),
                evidence=(("at", f"{where.filename}:{where.lineno}"),),
            )
            yield Check(current.id, finding=finding)
        finally:
            ctx.current = None
