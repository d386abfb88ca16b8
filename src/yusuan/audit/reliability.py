"""How far a table's reading can be trusted, judged before the table is used to judge the document.

A table read with its columns in the wrong order, or cut off and run into the next table, fails
its own identities in a pattern no document error makes: most of its rows fail the same sum, or
an identity's parts are empty in every row while the total beside them is filled (the columns
were never what the template assumed). Such failures say something about the reading, not the
document. So each table gets a reading confidence (how its header matched, how its values were
placed, how its own identities fare), and a table whose failures follow such a pattern gets one
`parse.table-unreliable` warning, naming what was expected and what was found; every finding
that rests on it is demoted to `info`, with low confidence and a note that it is unverified.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from decimal import Decimal

from yusuan.audit.compare import Verdict, agree, sum_slack
from yusuan.audit.engine import Context, rule
from yusuan.audit.finding import Check, Confidence, Finding, Severity
from yusuan.model import UNDECIDED, Disclosure, Level, Table
from yusuan.read.panel_sums import LISTS_GUESSED
from yusuan.templates import template_sets
from yusuan.templates.fit import family_fit, printed_titles

ZERO = Decimal(0)
RULE_ID = "parse.table-unreliable"
# the fewest failing rows that make a pattern: one or two wrong rows are the document's
MIN_FAILING = 3
# Findings about a table's figures rest on its reading; those about its presence or its
# wording do not.
NOT_RESTING = ("completeness.", "text.", "profile.", "parse.", "internal.")
NOTE = "（此表读取不可靠，本条未经核实）"
FAMILY_FIT = "parse.family"  # a warning when the family fits poorly (templates/fit.py)
ASSUMED_NOTE = "（本文件与所选模板族吻合不佳，栏目顺序系按该族假定而非读出，未经核实）"


@dataclass(frozen=True, slots=True)
class Reading:
    """A table's reading confidence and, when it is unreliable, why."""

    table: Table
    confidence: float  # 0–1: header match × values placed × identities held
    identities: tuple[int, int]  # (held, checked) of its row identities
    placed: tuple[int, int]  # (rows placed by an identity or fully printed, rows with values)
    unreliable: str | None = None  # what was expected and what was found

    @property
    def name(self) -> str:
        return self.table.id or self.table.title


def _row_failures(table: Table) -> tuple[int, int, list[tuple[str, str, list[str]]]]:
    """(rows checked, rows failing, each failing (row, identity left, identity terms))."""
    from yusuan.audit.rules.tables import identities_for, table_quantum, template_of

    template = template_of(table)
    if template is None:
        return 0, 0, []
    quantum = table_quantum(table)
    checked = failing = 0
    failed: list[tuple[str, str, list[str]]] = []
    for row in table.rows:
        row_checked = row_failed = False
        values = {c.column: c.value for c in row.cells}
        for identity in identities_for(template, row.side):
            if identity.part_of:
                continue
            terms = [c for _, c in identity.terms]
            if identity.left not in values and not any(c in values for c in terms):
                continue  # none of its columns printed in this row
            row_checked = True
            left = values.get(identity.left, ZERO)
            filled = 1 + sum(1 for c in terms if values.get(c, ZERO))
            expected = identity.expected(values)
            if agree(left, expected, sum_slack(filled, quantum)) is Verdict.DIFFERENT:
                row_failed = True
                failed.append((row.label, identity.left, terms))
        checked += row_checked
        failing += row_failed
    return checked, failing, failed


def _empty_columns(table: Table, columns: list[str]) -> bool:
    return all(not r.get(c) for r in table.rows for c in columns)


def assess(doc: Disclosure, table: Table) -> Reading:
    """The table's reading confidence and whether its failures point at the reading."""
    checked, failing, failed = _row_failures(table)
    with_values = [r for r in table.rows if r.cells]
    placed = sum(1 for r in with_values if r.placement not in UNDECIDED)
    unsatisfied = sum(
        1
        for d in doc.diagnostics
        if d.code == "parse.unsatisfied" and d.table == table.key and d.level is Level.WARNING
    )
    header = 1.0 if table.template else 0.5
    share_placed = placed / len(with_values) if with_values else 1.0
    share_held = (checked - failing) / checked if checked else 1.0
    confidence = round(header * share_placed * share_held, 2)
    reason = None
    if any(LISTS_GUESSED in note for note in table.notes):
        # the reader itself says which list some figures belong to was a guess the sums refute
        reason = (
            "此表一方分几栏并列印出（如功能分类｜支出用途），文本层中各栏的行交错，有数字的行归入"
            "哪一栏系猜测，且按此归栏各栏之和与共同的小计不符：更像是归栏读错，而非表内数字有误"
        )
    elif failing >= MIN_FAILING and 2 * failing > checked:
        left, terms = failed[0][1], failed[0][2]
        reason = (
            f"按模板各行应有 {left} = {' + '.join(terms)}，但 {checked} 行中 {failing} 行不符"
            f"（读取无法安放的行 {unsatisfied} 行）：更像是栏目或表的边界读错，而非表内数字有误"
        )
    else:
        for left, parts in dict.fromkeys((f[1], tuple(f[2])) for f in failed):
            count = sum(1 for f in failed if f[1] == left)
            if count >= 2 and _empty_columns(table, list(parts)):
                reason = (
                    f"按模板 {left} 应为 {' + '.join(parts)} 之和，但这些栏在全表每一行都为空，"
                    f"而 {left} 有数（{count} 行不符）：更像是此表的栏目与模板不同，而非表内数字有误"
                )
                break
    return Reading(
        table, confidence, (checked - failing, checked), (placed, len(with_values)), reason
    )


def readings(ctx: Context) -> dict[str, Reading]:
    """Each table's reading, by its printed name (computed once per audit, on the context)."""
    return ctx.readings


def assess_all(doc: Disclosure) -> dict[str, Reading]:
    out: dict[str, Reading] = {}
    for table in doc.tables:
        reading = assess(doc, table)
        out.setdefault(reading.name, reading)
    return out


@rule(RULE_ID, Severity.WARNING)
def table_unreliable(ctx: Context) -> Iterator[Check]:
    """A table's own identities fail in a pattern a misreading explains better than the document.

    Most of its rows fail the same identity (at least three), or an identity's parts are empty
    in every row while its total is filled (the columns were not in the template's order). One
    warning per table says what was expected and what was found, with the table's reading
    confidence (header match × values placed × identities held); every finding that rests on the
    table (its sums, the cross-table and narrative comparisons that quote it) is demoted to
    `info`, with low confidence, marked unverified.
    """
    for reading in readings(ctx).values():
        if reading.unreliable is None:
            yield ctx.ok()
            continue
        held, checked = reading.identities
        placed, rows = reading.placed
        yield ctx.fail(
            f"{reading.name}的读取不可靠：{reading.unreliable}。据此表得出的发现已降为提示，未经核实。",
            ctx.at_table(reading.table),
            evidence=[
                ("读取置信度", f"{reading.confidence:.2f}"),
                ("表内恒等式成立", f"{held}/{checked}"),
                ("由恒等式确定位置的行", f"{placed}/{rows}"),
            ],
            confidence=Confidence.LOW,
        )


def _compares_figures(finding: Finding) -> bool:
    """Whether the finding compares figures read from tables: a code or a name printed in one
    (catalog findings), a table's presence or the wording do not depend on how its columns
    were read."""
    if finding.rule.startswith(NOT_RESTING):
        return False
    return finding.stated is not None or finding.expected is not None


def _rests_on(finding: Finding, names: Iterable[str]) -> bool:
    """Whether the finding compares figures read from one of the tables."""
    if not _compares_figures(finding):
        return False
    for name in names:
        # 表1 is named in 表1“合计”, not in 表10
        named = re.compile(re.escape(name) + r"(?![0-9０-９])")
        if finding.location.table == name or named.search(finding.message):
            return True
        if any(named.search(what) for what, _ in finding.evidence):
            return True
    return False


def _family_doubtful(finding: Finding, note: str) -> Finding:
    """A finding resting on a family that fits the document poorly (`parse.family` at warning level): a
    table found missing may be one of the document's own family, and figures compared by column
    stand where that family's column order assumed them, not where a header was read to say so.
    A warning, low confidence, not an error."""
    return replace(
        finding,
        severity=Severity.WARNING,
        confidence=Confidence.LOW,
        message=finding.message + note,
    )


def _tables_its_own(ctx: Context) -> bool:
    """Whether a family that fits poorly still recognises every table the document prints (a
    part of one of its disclosures, its tables missing but its columns in its order)."""
    tset = next((t for t in template_sets() if t.name == ctx.doc.meta.template), None)
    if tset is None:
        return False
    read = [(t.key, t.title) for t in ctx.doc.tables]
    lines = ctx.doc.all_lines
    return family_fit(printed_titles(lines), tset, read).tables_its_own


def demote(ctx: Context, checks: list[Check]) -> list[Check]:
    """The checks, with every finding that rests on an unreliable table demoted to `info`,
    and a figure compared by a poorly fitting family's column order to a warning."""
    doubtful = [r.name for r in readings(ctx).values() if r.unreliable is not None]
    poor_fit = any(
        d.code == FAMILY_FIT and d.level is Level.WARNING for d in ctx.doc.diagnostics
    ) and not _tables_its_own(ctx)
    if not doubtful and not poor_fit:
        return checks
    out = []
    for check in checks:
        finding = check.finding
        # completeness.table weighs the family's fit itself (a document's own list of tables
        # decides even under a poor fit), so only figure comparisons are demoted here.
        if (
            poor_fit
            and finding is not None
            and finding.severity is Severity.ERROR
            and _compares_figures(finding)
        ):
            check = replace(check, finding=_family_doubtful(finding, ASSUMED_NOTE))
            finding = check.finding
        if (
            finding is not None
            and finding.severity is not Severity.INFO
            and _rests_on(finding, doubtful)
        ):
            finding = replace(
                finding,
                severity=Severity.INFO,
                confidence=Confidence.LOW,
                message=finding.message + NOTE,
                evidence=(*finding.evidence, ("读取", "不可靠，未核实")),
            )
            check = replace(check, finding=finding)
        out.append(check)
    return out
