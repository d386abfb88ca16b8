"""The audit on the real seed, on a corrected copy of it, and on copies with errors planted.

The corrected copy must audit clean (rounding differences are `info`); each planted error
must be reported by its rule with the right stated and expected figures, and by nothing else.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from yusuan.audit import audit
from yusuan.audit.finding import Severity
from yusuan.read.text import read_text

from seed_variants import corrected_text, edit, seed_text

# The classification rules have their own seed test (test_rules_catalog.py): the corrected
# copy here fixes figures, not the outdated class names of 01/04 or the 职业年金/医疗 lines.
CLASSIFICATION = ("catalog", "cross.function-economic")


def findings(text: str, name: str = "x.txt"):
    return audit(read_text(text, name), ignore=CLASSIFICATION).findings


def serious(found):
    return [f for f in found if f.severity is not Severity.INFO]


def test_the_seeds_genuine_errors():
    got = {
        (f.rule, f.location.line, f.stated, f.expected)
        for f in findings(seed_text())
        if f.severity is Severity.ERROR
    }
    d = Decimal
    expected = {
        ("narrative.amount", 133, d("16334.35"), d("1634.35")),
        ("narrative.amount", 143, d("1478.73"), d("1634.35")),
        ("narrative.amount", 149, d("793.35"), d("793.55")),
        ("narrative.share", 149, d("48.57"), d("48.55")),
        ("narrative.share", 151, d("51.43"), d("51.45")),
        ("narrative.change-percent", 159, d("56.32"), d("36.03")),
        ("narrative.share", 173, d("3.18"), d("3.17")),
        ("narrative.share", 173, d("2.47"), d("2.48")),
        ("narrative.share", 183, d("90.31"), d("90.32")),
        ("narrative.share", 189, d("9.69"), d("9.68")),
        ("narrative.amount", 217, d("67.5"), d("47.50")),
        ("narrative.change-percent", 267, d("2.63"), d("2.56")),
        ("cross.basic-vs-economic", 753, d("716.73"), d("686.69")),
        ("cross.basic-vs-economic", 753, d("76.83"), d("106.86")),
        ("table.column-sum", 753, d("716.73"), d("686.68")),
        ("table.column-sum", 753, d("76.83"), d("106.85")),
        ("sangong.sum", 925, d("47.50"), d("67.50")),
        ("sangong.activity", 925, d("20.00"), d("0")),
        ("perf.indicator-exceeds-amount", 1240, d("72"), d("50.00")),
        ("perf.indicator-exceeds-amount", 1266, d("11.5"), d("10.00")),
        ("perf.indicator-exceeds-amount", 1266, d("115"), d("10.00")),
        ("perf.indicator-exceeds-amount", 1298, d("1808"), d("600.00")),
        ("perf.indicator-exceeds-amount", 1306, d("12"), d("3.00")),
    }
    assert got == expected


def test_suggestions_name_the_figure_to_fix():
    by_key = {(f.rule, f.location.line, f.stated): f for f in findings(seed_text())}
    total = by_key[("narrative.amount", 133, Decimal("16334.35"))]
    assert "1634.35" in (total.suggestion or "")
    wrong_base = by_key[("narrative.change-percent", 267, Decimal("2.63"))]
    assert "本年数" in (wrong_base.suggestion or "") and "109.67" in (wrong_base.suggestion or "")
    sangong = by_key[("sangong.sum", 925, Decimal("47.50"))]
    assert "67.50" in (sangong.suggestion or "")
    narrative_sangong = by_key[("narrative.amount", 217, Decimal("67.5"))]
    assert "表中" in (narrative_sangong.suggestion or "")  # the table is what is wrong here
    split = by_key[("cross.basic-vs-economic", 753, Decimal("716.73"))]
    assert "686.69" in (split.suggestion or "")


def test_the_corrected_seed_audits_clean_but_for_rounding():
    found = findings(corrected_text())
    assert serious(found) == []
    assert found, "rounding differences are still reported, as info"
    assert all(f.severity is Severity.INFO for f in found)


def test_checks_are_counted_and_skips_explained():
    report = audit(read_text(seed_text(), "seed.txt"))
    assert report.evaluated > 200
    assert report.failed == len(serious(report.findings))
    assert report.skipped == sum(n for _, n in report.skipped_reasons)
    assert any("机关运行经费" in reason for reason, _ in report.skipped_reasons)


PLANTED = [
    pytest.param(
        133,
        "支出总计1634.35",
        "支出总计1643.35",
        {("narrative.amount", "1643.35", "1634.35")},
        id="total-typo",
    ),
    pytest.param(
        149, "占 48.55%", "占 48.54%", {("narrative.share", "48.54", "48.55")}, id="share"
    ),
    pytest.param(
        159,
        "减少36.03%",
        "减少56.32%",
        {("narrative.change-percent", "56.32", "36.03")},
        id="wrong-base",
    ),
    pytest.param(
        173,
        "住房保障支" if False else "占3.17%",
        "占3.71%",
        {("narrative.share", "3.71", "3.17")},
        id="class-share",
    ),
    pytest.param(
        217,
        "预算为47.5 万元",
        "预算为57.5 万元",
        {("narrative.amount", "57.5", "47.50")},
        id="sangong-narrative",
    ),
    pytest.param(
        925,
        "47.50 47.50 47.50",
        "57.50 47.50 47.50",
        {("sangong.sum", "57.50", "47.50"), ("narrative.amount", "47.5", "57.50")},
        id="sangong-table",
    ),
    pytest.param(
        576,
        "行政运行 637.93 637.93 520.24 10.83 106.86",
        "行政运行 637.93 637.93 520.24 10.83 116.86",
        {("table.row-sum", "637.93", "647.93"), ("table.column-sum", "106.86", "116.86")},
        id="row-sum",
    ),
    pytest.param(
        1246,
        "≥50万元",
        "≥50.5万元",
        {("perf.indicator-exceeds-amount", "50.5", "50.00")},
        id="indicator",
    ),
    pytest.param(
        440,
        "二十一、住房保障支出 63.23",
        "二十一、住房保障支出 64.23",
        {("cross.total", "64.23", "63.23"), ("table.column-sum", "1634.35", "1635.35")},
        id="class-across-tables",
    ),
]


@pytest.mark.parametrize("line, old, new, expected", PLANTED)
def test_a_planted_error_is_found_by_its_rule(line, old, new, expected):
    text = edit(corrected_text(), line, old, new)
    got = {
        (f.rule, format(f.stated, "f"), format(f.expected, "f")) for f in serious(findings(text))
    }
    assert got == expected


def test_sangong_parts_are_traced_to_their_economic_codes():
    found = [f for f in findings(seed_text()) if f.rule == "sangong.traceable"]
    assert [(f.location.column, f.stated, f.expected) for f in found] == [
        ("因公出国（境）费", Decimal("20.00"), Decimal("0"))
    ]
    assert "30212" in found[0].message
    assert not [f for f in findings(corrected_text()) if f.rule == "sangong.traceable"]
