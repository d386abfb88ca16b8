"""The 概况 rules: staff counts that add up, internal units as many as stated."""

from __future__ import annotations

from decimal import Decimal
from textwrap import dedent

from yusuan.audit import Report, audit
from yusuan.audit.finding import Confidence
from yusuan.read.text import read_text


def run(text: str, rule: str) -> Report:
    return audit(read_text(dedent(text), "t.txt"), select=[rule])


def figures(text: str, rule: str) -> list[tuple[str, int | None, Decimal | None, Decimal | None]]:
    return [(f.rule, f.location.line, f.stated, f.expected) for f in run(text, rule).findings]


def profile(staff: str, units: str = "") -> str:
    return f"""\
        第一部分 某局概况
        一、主要职责
        负责某某工作。
        二、机构设置及人员情况
        截止2022年12月31日，某局{staff}
        {units}
        第二部分 某局2023年部门预算情况说明
        一、收入支出预算总体情况说明
        收入总计 10.00 万元。
    """


# -- profile.staff-total -----------------------------------------------------------------------


def test_categories_adding_to_more_than_their_total_are_reported():
    text = profile("共有在编人员 13 人，其中：行政在编人员5人，事业在编人员共9人。")
    assert figures(text, "profile.staff-total") == [
        ("profile.staff-total", 5, Decimal(13), Decimal(14))
    ]
    (finding,) = run(text, "profile.staff-total").findings
    assert finding.confidence is Confidence.HIGH
    assert "行政在编人员 5、事业在编人员 9" in finding.message


def test_categories_adding_to_less_are_reported_with_less_confidence():
    text = profile("核定行政编制 5 名，事业编制 8 名，编制总数 14 名。")
    assert figures(text, "profile.staff-total") == [
        ("profile.staff-total", 5, Decimal(14), Decimal(13))
    ]
    (finding,) = run(text, "profile.staff-total").findings
    assert finding.confidence is Confidence.MEDIUM


def test_internal_units_with_more_staff_than_the_department_are_reported():
    units = """秘书科：在编人员 10 人，聘用 1 人。负责文字材料。
        督查科：在编人员5人，聘用人员1人。负责督查。"""
    text = profile("共有在编人员 13 人，聘用人员 2人。", units)
    assert figures(text, "profile.staff-total") == [
        ("profile.staff-total", 5, Decimal(13), Decimal(15))
    ]
    assert "秘书科 10、督查科 5" in run(text, "profile.staff-total").findings[0].message


def test_a_bracketed_breakdown_exceeding_its_count_is_reported():
    text = profile("行政在编人员共4人（正科级干部 2人，副科级干部 3 人）。")
    assert figures(text, "profile.staff-total") == [
        ("profile.staff-total", 5, Decimal(4), Decimal(5))
    ]


def test_counts_that_add_up_pass():
    units = """秘书科：在编人员1人，聘用1人。负责文字材料起草（改革）。
        财务科：在编人员 2人（其中 1 人兼职秘书科）。负责财务。"""
    text = profile(
        "共有在编人员 13 人，聘用人员 9人。其中：行政人员在编在岗人员共4人（正科级干部 1人，"
        "副科级干部 2 人，工勤高级工 1人）；事业在编在岗人员共9人；",
        units,
    )
    report = run(text, "profile.staff-total")
    assert report.findings == ()
    # 13 = 4 + 9; 4 = 1 + 2 + 1; units' 在编 3 ≤ 13; units' 聘用 1 ≤ 9
    assert report.evaluated == 4


def test_breakdowns_that_may_be_partial_or_overlap_are_skipped_not_reported():
    text = profile(
        "共有在编人员 13 人（其中处级 2 人，科级 5 人），其中行政在编 4 人，事业在编 9 人，"
        "全额拨款在编 9 人。"
    )
    report = run(text, "profile.staff-total")
    assert report.findings == ()
    assert [r for r, _ in report.skipped_reasons] == [
        "profile.staff-total: a bracketed breakdown adds to less than its total: "
        "it may list some only",
        "profile.staff-total: the 在编 parts are categories of two overlapping kinds",
    ]


def test_a_heading_or_owner_before_the_label_is_no_category():
    text = profile("").replace(
        "截止2022年12月31日，某局", "本局在编人员 13 人，本局行政在编 4 人，事业在编 8 人。"
    )
    assert figures(text, "profile.staff-total") == [
        ("profile.staff-total", 5, Decimal(13), Decimal(12))
    ]


def test_without_staff_counts_it_is_skipped():
    report = run(profile("负责某某工作。"), "profile.staff-total")
    assert report.skipped_reasons == (("profile.staff-total: the 概况 states no staff counts", 1),)


# -- profile.internal-units --------------------------------------------------------------------

UNITS = """秘书科：负责文字材料。
        督查科：负责督查督办。
        财务科：负责财务工作。"""


def test_a_stated_number_of_internal_units_unlike_the_list_is_reported():
    text = profile("内设4个科室，分别是：", UNITS)
    assert figures(text, "profile.internal-units") == [
        ("profile.internal-units", 5, Decimal(4), Decimal(3))
    ]
    assert "秘书科、督查科、财务科" in run(text, "profile.internal-units").findings[0].message


def test_a_stated_number_equal_to_the_list_passes():
    report = run(profile("内设三个科室，分别是：", UNITS), "profile.internal-units")
    assert report.findings == ()
    assert report.evaluated == 1


def test_a_number_without_a_list_is_skipped():
    report = run(profile("内设3个科室。"), "profile.internal-units")
    assert report.findings == ()
    assert report.skipped == 1


# -- on the seed -------------------------------------------------------------------------------


def test_the_seed_profile_adds_up(seed):
    assert len(seed.profile.internal_units) == seed.profile.internal_unit_count == 7
    report = audit(seed, select=["profile"])
    assert report.findings == ()
    # staff: 在编 13 = 行政 4 + 事业 9; 行政 4 = 正科级 1 + 副科级 2 + 工勤 1;
    # the units' 在编 12 ≤ 13 and 聘用 9 ≤ 9; internal units: 7 stated, 7 listed
    assert report.evaluated == 5
    assert report.skipped == 0
