"""The narrative's arithmetic: shares and changes by the spec's rules, worded by their sign."""

from __future__ import annotations

from dataclasses import replace
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


def test_the_profile_reads_back_with_its_internal_units_and_their_staff():
    from yusuan.compile.budget import Profile, Staff
    from yusuan.compile.run import build
    from yusuan.read.text import read_text

    profile = Profile(
        duties=("（一）负责综合协调。",),
        internal_units=("办公室", "业务科"),
        staff=(
            Staff("在编人员", 5),
            Staff("在编人员", 2, "办公室"),
            Staff("在编人员", 3, "业务科"),
        ),
    )
    line = Line("101001", "2010101", "30101", Source.GENERAL, D("1.00"))
    budget = Budget("示范部门", "101", 2023, units=(Unit("101001", "示范部门"),), lines=(line,))
    compiled = build(replace(budget, profile=profile))
    assert compiled.errors == () and compiled.warnings == ()  # no project: 10 and 12 said empty
    read = read_text(compiled.text, path="x.txt").profile
    assert read.internal_units == ("办公室", "业务科")
    assert read.internal_unit_count == 2
    assert [(s.label, s.count, s.scope) for s in read.staff] == [
        ("在编人员", 5, None),
        ("在编人员", 2, "办公室"),
        ("在编人员", 3, "业务科"),
    ]
