"""Random valid budgets compiled to Shanghai's own tables (`shanghai-budget`) audit without an
error and read back to the tables that were derived — with economic codes left unstated where
no Shanghai table prints one, and amounts in 元 as the workbook states them."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from test_compile_property import budgets
from yusuan.compile.budget import Budget, Source, Use
from yusuan.compile.check import check
from yusuan.compile.lines import SANGONG_CODES
from yusuan.compile.run import build
from yusuan.compile.sh_derive import SOURCES
from yusuan.model import MoneyUnit
from yusuan.read.text import read_text
from yusuan.render.csv import long_rows

HUNDRED = Decimal(100)


@st.composite
def shanghai_budgets(draw: st.DrawFn) -> Budget:
    """A prov12 budget made Shanghai's: 元, no 上年结转, its sources, some project and
    non-fiscal lines without an economic code or a named project, 三公 money in whole 百元."""
    budget = draw(budgets())
    lines = []
    for line in budget.lines:
        line = replace(line, carried_over=False, fiscal=True, amount=line.amount * HUNDRED)
        if line.source not in SOURCES:
            line = replace(line, source=Source.OTHER)
        if line.economic in SANGONG_CODES.values():
            line = replace(line, amount=(line.amount / HUNDRED).to_integral() * HUNDRED or HUNDRED)
        basic_general = line.source is Source.GENERAL and line.project is None
        if not basic_general and draw(st.booleans()):  # as Shanghai's workbook states it
            use = Use.PROJECT if line.project is not None else None
            line = replace(line, economic="", project=None, use=use)
        lines.append(line)
    kept = {x.project for x in lines if x.project is not None}
    return replace(
        budget,
        template="shanghai-budget",
        unit=MoneyUnit.YUAN,
        lines=tuple(lines),
        projects=tuple(p for p in budget.projects if p.code in kept),
        operating=draw(st.integers(0, 10**6).map(lambda n: Decimal(n) * HUNDRED)),  # as stated
    )


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(shanghai_budgets())
def test_random_shanghai_budgets_compile_to_disclosures_that_audit_clean(budget):
    assert check(budget) == []
    compiled = build(budget)
    assert compiled.errors == ()
    read = read_text(compiled.text, path="random-sh.txt")
    assert read.meta.template == "shanghai-budget"
    assert Counter(long_rows(read)) == Counter(long_rows(compiled.disclosure))


def test_a_sangong_amount_the_wan_yuan_table_cannot_print_is_refused():
    budget = replace(
        build_one(),
        lines=tuple(
            replace(x, amount=x.amount + Decimal("0.5")) if x.economic == "30217" else x
            for x in build_one().lines
        ),
    )
    problems = [(p.where, p.message) for p in check(budget)]
    assert any(w.endswith(".amount") and "公务接待费（30217）" in m for w, m in problems)


def build_one() -> Budget:
    from pathlib import Path
    from tempfile import mkdtemp

    from test_workbook_shanghai import fill
    from yusuan.compile.shanghai import read_shanghai

    return read_shanghai(fill("dept", Path(mkdtemp())), code="309")
