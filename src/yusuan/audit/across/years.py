"""This year's figures of last year against last year's disclosure; a 决算 against its 预算.

Restatements are common and legitimate — 上年 figures are adjusted after the budget is passed,
after a reorganisation — so a difference is a `warning` unless the figure is printed as that
very figure in a table (上年预算数 beside 本年预算数) and both tables were read with high
confidence: then it is an `error`, the same money printed twice differently. A difference the
rounding of the printed figures explains (元 against 万元, two decimals) is no finding.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal

from yusuan.audit import binding
from yusuan.audit.across.departments import pairing
from yusuan.audit.across.figures import (
    Figure,
    Stated,
    matching_column,
    matching_row,
    quantity_figure,
    row_figure,
    table_statements,
)
from yusuan.audit.across.narrative import Said, said_figures
from yusuan.audit.claims import ClaimKind
from yusuan.audit.engine import Context
from yusuan.audit.finding import Check, Confidence, Finding, Location, Severity
from yusuan.audit.quantities import RECIPES, Quantity, budget_variant
from yusuan.audit.rules.narrative import bound_key, claim_unit, same_money, span_of
from yusuan.model import Disclosure, DocKind, MoneyUnit

PREVIOUS_YEAR = "across.previous-year"
INITIAL_BUDGET = "across.initial-budget"
# What another year's figure must be, by what the other document is to the current one.
_KINDS = {("上年", DocKind.BUDGET): "上年预算", ("上年", DocKind.FINAL): "上年决算"}


def compare_years(
    current: Disclosure,
    previous: Disclosure,
    catalog_dir: str | None = None,
) -> list[Finding]:
    """Findings of `current`'s figures of another year against `previous`.

    `previous` is the same department's disclosure of the year before (same kind), or, for a
    决算, the 预算 of its year; anything else gives no finding (see `pairing`; the department is
    the caller's to match, with `same_department`).
    """
    return [c.finding for c in year_checks(current, previous, catalog_dir) if c.finding]


def year_checks(
    current: Disclosure, previous: Disclosure, catalog_dir: str | None = None
) -> list[Check]:
    """Every comparison `compare_years` makes: passed, or failed with its finding. The same
    two figures compared again (the narrative stating one change in several sentences) are
    one check, its finding naming the other places."""
    relation = pairing(current, previous)
    if relation is None or previous.meta.kind is None:
        return []
    want = "年初预算" if relation == "预算" else _KINDS[(relation, previous.meta.kind)]
    ctx = Context(current, catalog_dir=catalog_dir)
    other = Context(previous, catalog_dir=catalog_dir)
    checks: dict[tuple[Decimal, Decimal], Check] = {}
    again: dict[tuple[Decimal, Decimal], list[str]] = {}

    def add(stated: Stated, last: Figure, place: Location, said: Said | None = None) -> None:
        marker = (stated.figure.yuan, last.yuan)
        if marker in checks:
            again[marker].append(stated.figure.place())
            return
        found = next(_judge(ctx, previous, stated, last, place, said), None)
        rule = INITIAL_BUDGET if stated.kind == "年初预算" else PREVIOUS_YEAR
        if found is not None and said is not None and _said_last_year(other, said):
            found = None  # last year's narrative states the very figure: it is last year's too
        checks[marker] = Check(rule, finding=found)
        again[marker] = []

    for stated, table, row, own in table_statements(ctx):
        if stated.kind != want:
            continue
        last_table = previous.table(table.key)
        last_row = None if last_table is None else matching_row(last_table, row)
        column = None if last_table is None else matching_column(last_table, own)
        if last_table is None or last_row is None or column is None:
            continue
        last = row_figure(other, last_table, last_row, column)
        if last is not None:
            add(stated, last, _table_place(ctx, stated))
    if relation == "预算":
        for stated, last, place in _initial_budget(ctx, other):
            add(stated, last, place)
    for said in said_figures(ctx, other):
        q = lookup(other, said.key) if said.kind == want else None
        if q is not None:
            place = ctx.at_section(said.claim.section, span_of(said.claim))
            add(_as_stated(said), quantity_figure(other, q), place, said)
    return [_with_others(check, again[marker]) for marker, check in checks.items()]


# The functional tables of one fund, to stand for the 支出总表 when it prints no functional code
# (江苏's 支出总表 is by 基本/项目 only) and the year's money is all of that fund.
_FUND_TABLES = (("fiscal_expenditure", "财政拨款"), ("gpb_expenditure", "一般公共预算"))


def lookup(ctx: Context, key: str) -> Quantity | None:
    """The quantity `key` of a document's tables; a class of all funds whose 支出总表 prints no
    functional code from a fund's functional table when the document's money is all that
    fund's (`same_money`)."""
    found = ctx.quantities.get(key)
    prefix = "class:expenditure:"
    if found is not None or not key.startswith(prefix):
        return found
    same = same_money(ctx)
    for table, scope in _FUND_TABLES:
        if frozenset((binding.ALL_FUNDS, scope)) in same:
            found = ctx.quantities.get(f"class:{table}:" + key.removeprefix(prefix))
            if found is not None:
                return found
    return None


def _with_others(check: Check, places: list[str]) -> Check:
    if check.finding is None or not places:
        return check
    more = "、".join(dict.fromkeys(places))
    message = f"{check.finding.message}（同一推算另见 {more}）"
    return replace(check, finding=replace(check.finding, message=message))


def _said_last_year(other: Context, said: Said) -> bool:
    """Whether last year's narrative states, for the same quantity, the figure this year's
    implies (its tables may print it rounded otherwise: 12323.46 beside 12323.48)."""
    low, high = said.low, said.high
    if low is None or high is None:
        low = high = said.figure.yuan
    for claim in other.claims:
        if claim.kind is not ClaimKind.AMOUNT or not claim.own or claim.unit not in ("万元", "元"):
            continue
        if bound_key(other, claim)[0] != said.key:
            continue
        value = claim.value * claim_unit(claim).in_yuan
        if low - 50 <= value <= high + 50:
            return True
    return False


def _as_stated(said: Said) -> Stated:
    return Stated(said.figure, said.kind, said.exact)


def _table_place(ctx: Context, stated: Stated) -> Location:
    assert stated.table is not None
    return ctx.at_table(stated.table, stated.row, stated.column)


def _initial_budget(ctx: Context, other: Context) -> Iterator[tuple[Stated, Figure, Location]]:
    """A 决算's 年初预算数 of each quantity its tables print one of (收入总计, 基本支出, 三公经费
    and its parts …) against that quantity in the 预算 of its year."""
    for key in RECIPES:
        mine = ctx.quantities.get(budget_variant(key))
        theirs = other.quantities.get(key)
        if mine is None or theirs is None or mine.row is None or theirs.row is None:
            continue
        stated = Stated(quantity_figure(ctx, mine), "年初预算", True)
        place = ctx.at_table(mine.table, mine.row, mine.column)
        yield stated, quantity_figure(other, theirs), place


def _judge(
    ctx: Context,
    previous: Disclosure,
    stated: Stated,
    last: Figure,
    place: Location,
    said: Said | None = None,
) -> Iterator[Finding]:
    mine = stated.figure
    if said is not None and said.low is not None and said.high is not None:
        if said.low - last.slack <= last.yuan <= said.high + last.slack:
            return
    elif abs(mine.yuan - last.yuan) <= mine.slack + last.slack:
        return
    initial = stated.kind == "年初预算"
    rule = INITIAL_BUDGET if initial else PREVIOUS_YEAR
    exact = stated.exact and said is None and mine.trusted and last.trusted
    severity = Severity.ERROR if exact else Severity.WARNING
    unit = mine.unit if said is None else MoneyUnit.WAN
    theirs = last.yuan / unit.in_yuan
    diff = mine.yuan / unit.in_yuan - theirs
    year = previous.meta.year
    kind = previous.meta.kind.value if previous.meta.kind else ""
    how = "所列" if stated.exact else "按增减额或增减率推算的"
    name = {"上年预算": "上年预算数", "上年决算": "上年决算数", "年初预算": "年初预算数"}[
        stated.kind
    ]
    message = (
        f"本文件{how}{name} {_money(mine.value)} {mine.unit.value}（{mine.place()}，{mine.where}），"
        f"而 {year} 年{kind}公开的同一项为 {_money(last.value)} {last.unit.value}"
        f"（{last.place()}，{last.where}），相差 {_money(diff)} {unit.value}。"
    )
    if severity is Severity.WARNING:
        message += (
            "年初预算与决算表所列可能因调整而不同，请核对。"
            if initial
            else "上年数可能经调整（预算调整、机构改革），若属调整应在说明中写明；否则请核对。"
        )
    suggestion = (
        f"核对{name}：与 {year} 年{kind}公开一致应为 {_money(theirs)} "
        f"{unit.value}，若有调整请说明原因。"
    )
    yield Finding(
        rule=rule,
        severity=severity,
        message=message,
        location=place,
        stated=mine.yuan / unit.in_yuan if said is not None else mine.value,
        expected=theirs.quantize(Decimal("0.01")),
        evidence=(
            ("本文件", f"{mine.place()} {mine.where}"),
            # the other file's full path: the store and the reports open it from here
            (f"{year}年{kind}", f"{last.place(full=True)} {last.where}"),
        ),
        suggestion=suggestion,
        confidence=Confidence.HIGH if exact else Confidence.MEDIUM,
    )


def _money(value: Decimal) -> str:
    """A figure as a table prints it: two decimals (650.00), more only where it has them."""
    cents = value.quantize(Decimal("0.01"))
    return format(cents if cents == value or abs(value - cents) < Decimal("0.005") else value, "f")
