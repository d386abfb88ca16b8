"""The narrative's arithmetic: shares and changes by the spec's rules, worded by their sign."""

from __future__ import annotations

from decimal import Decimal

from yusuan.compile.budget import Budget, Line, Source, Unit
from yusuan.compile.disclosure import compile_budget
from yusuan.compile.narrative import change, percent

D = Decimal


def test_percent_is_rounded_half_up_to_two_places():
    assert percent(D(1), D(800)) == "0.13"  # 0.125: half up, not to even
    assert percent(D(1), D(3)) == "33.33"
    assert percent(D("793.55"), D("1634.35")) == "48.55"


def test_a_change_is_worded_by_its_sign_and_taken_on_last_years_figure():
    assert change(D("1634.35"), D("2554.77")) == "比上年减少920.42万元，下降36.03%"
    assert change(D(110), D(100)) == "比上年增加10.00万元，增长10.00%"
    assert change(D(100), D(100)) == "与上年持平"
    assert change(D(5), D(0)) == "比上年增加5.00万元（上年预算数为0，不计算增长率）"


def test_shares_that_should_make_100_are_each_rounded_honestly():
    """Three equal classes: 33.33% each (99.99 in all), none adjusted to make 100.00."""
    lines = tuple(
        Line("101001", code, "30101", Source.GENERAL, D("1.00"))
        for code in ("2010101", "2050101", "2060101")
    )
    budget = Budget("示范部门", "101", 2023, units=(Unit("101001", "示范部门"),), lines=lines)
    text = "\n".join(s.text for s in compile_budget(budget).sections)
    assert text.count("占一般公共预算支出的33.33%") == 3
    assert "33.34%" not in text
