"""One record per narrative figure: where it is, what it was bound to (quantity, measure,
scope — the vocabulary of `yusuan claims`), the table figure it was held against and the
verdict. What `yusuan claims` prints and `benchmarks/claims.py` measures."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from yusuan.audit import audit, binding
from yusuan.audit.claims import Claim, ClaimKind
from yusuan.audit.compare import Verdict, agree, fmt, sum_slack, to_unit
from yusuan.audit.engine import Context
from yusuan.audit.finding import Finding
from yusuan.audit.rules.narrative import bound_key, claim_unit, same_money
from yusuan.model import DocKind

_COUNT_UNITS = frozenset({"个", "辆", "人次", "次", "项", "台", "套"})


@dataclass(frozen=True, slots=True)
class ClaimRecord:
    page: int | None
    line: int
    sentence: str
    text: str
    value: Decimal
    unit: str
    quantity: str
    measure: str
    scope: str
    against: str | None  # the table figure it was held against: where, and its value
    table_value: Decimal | None
    verdict: str  # agrees / rounding / error / warning / info / not checked
    why: str = ""

    def as_dict(self) -> dict[str, object]:
        return {
            "page": self.page,
            "line": self.line,
            "sentence": self.sentence,
            "text": self.text,
            "value": fmt(self.value),
            "unit": self.unit,
            "quantity": self.quantity,
            "measure": self.measure,
            "scope": self.scope,
            "against": self.against,
            "table_value": fmt(self.table_value) if self.table_value is not None else None,
            "verdict": self.verdict,
            "why": self.why,
        }


def quantity_name(ctx: Context, claim: Claim, key: str | None) -> tuple[str, str]:
    """(quantity, scope) in the vocabulary of `yusuan claims`: a functional item by its code
    and name where the tables or the catalog resolve it (功能:2101101 行政单位医疗)."""
    subject = key or claim.subject
    if claim.unsure or subject is None:
        return "其他", claim.scope
    quantity, scope = binding.reported(subject, claim.scope)
    if claim.scope_said and frozenset((scope, claim.scope)) in same_money(ctx):
        # 财政拨款基本支出 held against 一般公共预算基本支出, the document's 财政拨款 being all
        # 一般公共预算: the money of the fund its words name
        scope = claim.scope
    fiscal = claim.of or subject  # (a part listed under 机关运行经费 is of its fund)
    if not claim.scope_said and binding.natural_scope(fiscal) == "any":
        scope = _fiscal_fund(ctx, fiscal.split("@", 1)[0]) or scope
    alternative = binding.words().either.get(claim.phrase)
    if alternative is not None and not _only_first(ctx, claim, subject, alternative):
        quantity, scope = binding.reported(alternative, claim.scope)
    if quantity == "公务用车购置及运行费" and "维护" in claim.phrase:
        quantity = "公务用车购置及运行维护费"  # the name as printed: both are in use
    if subject.startswith("econ:"):
        code = subject.split("@", 1)[0].split(":", 1)[1]
        entry = ctx.quantities.catalog.econ_dept(code) if ctx.quantities.catalog else None
        return f"经济:{code} {entry.name}" if entry else f"经济:{code}", scope
    if subject.startswith("class:"):
        q = ctx.quantities.get(subject.split("@", 1)[0])
        row = q.row if q is not None else None
        if row is not None and row.code:
            return f"功能:{row.code} {row.name}", scope
        _, table_key, path = subject.split("@", 1)[0].split(":", 2)
        lei, *levels = path.split("/")
        item = ctx.quantities.code_named(lei, levels, table_key) if levels else None
        catalog = ctx.quantities.catalog
        entry = catalog.function(item) if item and catalog else None
        if entry is not None:
            return f"功能:{entry.code} {entry.name}", scope  # named so, its amount untabled
        names = [n for n in subject.split("@", 1)[0].split(":", 2)[2].split("/") if n]
        return "功能:" + (names[-1] if len(names) > 1 else names[0]), scope
    return quantity, scope


def _fiscal_fund(ctx: Context, key: str) -> str | None:
    """The fund of a quantity only fiscal money pays for (三公经费, 机关运行经费) that no words
    name: the fund the table stating it is titled by; in a budget, for one no table states,
    that of the table stating 三公经费 (the fiscal-only money's table: 本年一般公共预算“三公”经费
    支出表, 财政拨款安排的行政经费及“三公”经费预算表); else the fund the disclosures define it for
    (三公经费: 财政拨款; a 决算's 机关运行经费: 一般公共预算)."""
    q = ctx.quantities.get(key)
    final = ctx.doc.meta.kind is DocKind.FINAL
    unstated = binding.words().unstated(final).get(key)
    if q is None and not final and unstated is not None:
        q = ctx.quantities.get(binding.words().raw["unstated"]["tabled_with"])
    titled = binding.scope_named(q.table.title) if q is not None else None
    return titled or unstated


def _only_first(ctx: Context, claim: Claim, first: str, second: str) -> bool:
    """Whether of a name's two meanings (收入预算: 本年收入合计 or 收入总计) the tables show the
    figure to be the first only. Otherwise the name is read as the whole (收入总计), which it
    is whenever nothing was carried over."""

    def agrees(key: str) -> bool:
        bound, _ = bound_key(ctx, claim, key)
        q = ctx.quantities.get(bound) if bound else None
        return q is not None and agree(claim.value, q.in_unit(claim_unit(claim))) is Verdict.SAME

    return agrees(first) and not agrees(second)


def _finding_for(findings: list[Finding], claim: Claim) -> Finding | None:
    for f in findings:
        if (
            f.rule.startswith("narrative.")
            and f.location.line == claim.line
            and f.stated == claim.value
        ):
            return f
    return None


def claim_records(ctx: Context) -> list[ClaimRecord]:
    """Every money, percent or count figure of the narrative, bound and judged."""
    report = audit(ctx.doc, select=["narrative"])
    findings = list(report.findings)
    records: list[ClaimRecord] = []
    for claim in ctx.claims:
        if claim.kind is ClaimKind.FLAT:
            continue
        key, why = bound_key(ctx, claim)
        quantity, scope = quantity_name(ctx, claim, key)
        measure = "数量" if claim.unit in _COUNT_UNITS else claim.measure
        against: str | None = None
        table_value: Decimal | None = None
        verdict = "not checked"
        q = ctx.quantities.get(key) if key and claim.kind is ClaimKind.AMOUNT else None
        if q is not None and claim.own:
            unit = claim_unit(claim)
            against, table_value = q.where, q.in_unit(unit)
            slack = to_unit(sum_slack(q.terms), q.unit, unit)
            verdict = {
                Verdict.SAME: "agrees",
                Verdict.ROUNDING: "rounding",
                Verdict.DIFFERENT: "differs",
            }[agree(claim.value, table_value, slack)]
            why = ""
        elif claim.kind is ClaimKind.AMOUNT and not claim.own:
            why = f"a figure of {claim.measure}, not this year's amount"
        elif claim.kind in (ClaimKind.SHARE, ClaimKind.CHANGE_PERCENT) and key is not None:
            verdict = "no finding"
        found = _finding_for(findings, claim)
        if found is not None:
            verdict, why = found.severity.value, found.message
        elif verdict == "differs":
            verdict = "agrees"  # the rule accepted it (the document's convention, 收入预算 …)
        records.append(
            ClaimRecord(
                page=ctx.doc.page_of(claim.line),
                line=claim.line,
                sentence=claim.sentence.strip(),
                text=claim.printed,
                value=claim.value,
                unit=claim.unit,
                quantity=quantity,
                measure=measure,
                scope=scope,
                against=against,
                table_value=table_value,
                verdict=verdict,
                why=why,
            )
        )
    return records
