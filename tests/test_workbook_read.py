"""`read_workbook`: a filled template becomes the Budget it states, amounts exact and codes as
text; every bad input is reported at once with its sheet, row and column."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from workbook_fill import blank, put_rows, set_form, small_budget
from yusuan.compile.budget import (
    Assets,
    Budget,
    FinalItem,
    Indicator,
    Line,
    Prior,
    Procurement,
    Profile,
    Project,
    ProjectType,
    Reason,
    Sangong,
    Source,
    Staff,
    Unit,
    Use,
)
from yusuan.compile.workbook import WorkbookError, read_workbook
from yusuan.errors import InputError
from yusuan.model import DocKind, MoneyUnit


def problems_of(path: Path) -> list[str]:
    with pytest.raises(WorkbookError) as caught:
        read_workbook(path)
    return list(caught.value.problems)


def test_filled_template_reads_into_the_budget_it_states(tmp_path: Path):
    wb = blank(tmp_path / "b.xlsx")
    small_budget(wb)
    wb.save(tmp_path / "filled.xlsx")
    budget = read_workbook(tmp_path / "filled.xlsx")
    unit1, unit2 = "309001", "309002"
    assert budget == Budget(
        department="某区某局",
        code="309",
        year=2026,
        kind=DocKind.BUDGET,
        unit=MoneyUnit.WAN,
        template="shanghai-budget",
        units=(Unit(unit1, "某区某局本级", "行政单位"), Unit(unit2, "某区某中心", "事业单位")),
        profile=Profile(
            duties=("负责甲", "负责乙"),
            internal_units=("办公室", "财务科"),
            staff=(Staff("编制", 12, None), Staff("在编", 10, "办公室")),
        ),
        lines=(
            Line(
                unit1,
                "2010301",
                "30101",
                Source.GENERAL,
                Decimal("120.5"),
                "50101",
                Use.PERSONNEL,
                where="预算明细!2",
            ),
            Line(
                unit1,
                "2010301",
                "30201",
                Source.GENERAL,
                Decimal("1234.56"),
                use=Use.PUBLIC,
                where="预算明细!3",
            ),
            Line(
                unit2,
                "2010302",
                "30227",
                Source.BUSINESS,
                Decimal("0.1"),
                project="P001",
                where="预算明细!4",
            ),
            Line(
                unit2,
                "2010302",
                "30227",
                Source.GENERAL,
                Decimal("88"),
                use=Use.PROJECT,
                project="P001",
                carried_over=True,
                fiscal=False,
                where="预算明细!5",
            ),
        ),
        projects=(
            Project(
                "P001",
                "信息化运维",
                unit2,
                ProjectType.RUNNING,
                purpose="系统运维",
                period="2026年",
                goal="保障运行",
                indicators=(
                    Indicator("产出指标", "数量指标", "系统数", "3个"),
                    Indicator("成本指标", "经济成本指标", "运维费", "≤30万元", Decimal(30)),
                ),
            ),
        ),
        prior=Prior(
            totals={"支出总计": Decimal("140.1")},
            functions={"2010301": Decimal(100)},
            sangong={"公务接待费": Decimal("2.5")},
            operating=Decimal(20),
        ),
        reasons=(Reason("2010301", "人员增加"),),
        sangong=Sangong(receptions=3, guests=30),
        procurement=Procurement(services=Decimal("12.3")),
        assets=Assets(vehicles=2, note="无"),
    )
    # exact decimals, not floats that happen to compare equal
    assert [str(line.amount) for line in budget.lines] == ["120.5", "1234.56", "0.1", "88"]


def test_codes_typed_as_numbers_stay_text_and_get_their_zeros_back(tmp_path: Path):
    wb = blank(tmp_path / "b.xlsx")
    small_budget(wb)
    put_rows(wb, "单位", [["001", "本级", "行政单位"], ["309002", "某区某中心", "事业单位"]])
    # the unit code typed as the number 1, and as text
    put_rows(wb, "预算明细", [[1, 2010301, 30101, 50101], ["001"]])
    wb.save(tmp_path / "f.xlsx")
    budget = read_workbook(tmp_path / "f.xlsx")
    first = budget.lines[0]
    assert (first.unit, first.function, first.economic, first.gov_economic) == (
        "001",
        "2010301",
        "30101",
        "50101",
    )
    assert budget.lines[1].unit == "001"


def test_every_bad_input_is_reported_at_once_with_its_place(tmp_path: Path):
    wb = blank(tmp_path / "b.xlsx")
    small_budget(wb)
    ws = wb["预算明细"]
    ws["E2"] = "财政拨款"  # not a drop-down value
    ws["J3"] = -5  # negative amount
    ws["J4"] = None  # blank required amount
    ws["B5"] = "2880101"  # a 类 that does not exist
    ws["C5"] = "3010"  # not a 5-digit 款
    ws["A6"], ws["B6"], ws["C6"] = "999999", "2010301", "30101"  # unregistered unit
    ws["E6"], ws["G6"], ws["J6"] = "一般公共预算", "P404", 1  # unregistered project
    ws["F7"], ws["G7"] = "人员经费", "P001"  # basic spending with a project
    ws["A7"], ws["B7"], ws["C7"], ws["E7"], ws["J7"] = (
        "309001",
        "2010301",
        "30101",
        "一般公共预算",
        1,
    )
    ws["A8"], ws["B8"], ws["C8"], ws["E8"] = "309001", "2010301", "30101", "一般公共预算"
    ws["J8"] = 1.005  # three decimals
    ws["A9"], ws["B9"], ws["C9"], ws["E9"] = "309001", "2010301", "30101", "一般公共预算"
    ws["J9"] = "十二万"  # not a number
    ws["A10"], ws["B10"], ws["C10"], ws["E10"], ws["J10"] = "309001", "2010301", "30101", None, 1
    wb["项目"]["A4"] = 1.2345678901234568e20  # a 21-digit project code typed as a number
    set_form(wb, "部门信息", {"部门名称": None, "年度": 1999})
    wb.save(tmp_path / "bad.xlsx")
    found = problems_of(tmp_path / "bad.xlsx")
    expected = [
        "预算明细!E2：“资金来源”：“财政拨款”不是可选值",
        "预算明细!J3：“金额”：金额-5为负数",
        "预算明细!J4：必填项“金额”为空",
        "预算明细!B5：“2880101”不在",
        "预算明细!C5：“3010”应为5位款级部门经济分类编码",
        "预算明细!A6：“单位编码”999999不在“单位”表中",
        "预算明细!G6：“项目编码”P404不在“项目”表中",
        "预算明细!F7：人员经费是基本支出，不应填项目编码",
        "预算明细!J8：“金额”：金额1.005超过两位小数",
        "预算明细!J9：“金额”：“十二万”不是金额",
        "预算明细!E10：必填项“资金来源”为空",
        "项目!A4：“项目编码”：编码以数值录入，超过15位的数字已被 Excel 截断",
        "部门信息!B2：必填项“部门名称”为空",
        "部门信息!B4：“年度”：1999不在2000—2100之间",
    ]
    for message in expected:
        assert any(p.startswith(message) for p in found), (message, found)
    assert len(found) == len(expected), found


def test_a_renamed_sheet_and_a_missing_header_are_problems(tmp_path: Path):
    wb = blank(tmp_path / "b.xlsx")
    small_budget(wb)
    wb["说明"].title = "原因说明"
    wb["预算明细"]["E1"] = "来源"
    wb["单位"].delete_cols(3)  # 单位类型 gone
    wb.save(tmp_path / "bad.xlsx")
    found = problems_of(tmp_path / "bad.xlsx")
    assert (
        "说明：缺少工作表（工作表名称不可修改）；工作簿中有未知工作表“原因说明”，是否改了名？"
        in found
    )
    assert "预算明细!1：缺少表头“资金来源”（表头文字不可修改）" in found
    assert "单位!1：缺少表头“单位类型”（表头文字不可修改）" in found


def test_the_blank_template_is_refused_for_what_it_lacks(tmp_path: Path):
    blank(tmp_path / "b.xlsx")
    found = problems_of(tmp_path / "b.xlsx")
    assert "部门信息!B2：必填项“部门名称”为空" in found
    assert "单位!2：至少填写一个单位（一个单位的部门填部门本身）" in found
    assert "预算明细!2：没有任何预算明细行" in found


def test_workbook_error_names_the_file_on_each_line(tmp_path: Path):
    path = tmp_path / "b.xlsx"
    blank(path)
    with pytest.raises(WorkbookError) as caught:
        read_workbook(path)
    lines = caught.value.lines()
    assert lines and all(line.startswith(f"{path}: ") and "\n" not in line for line in lines)
    assert str(caught.value).splitlines()[0].endswith("处问题，未生成任何文件")


def test_a_final_accounts_workbook_carries_its_budget_figures_and_balances(tmp_path: Path):
    wb = blank(tmp_path / "b.xlsx")
    small_budget(wb)
    set_form(wb, "部门信息", {"类型": "决算"})
    put_rows(wb, "决算", [["2010301", 1300, 1354.06, "人员调资"], ["2010302", 90, None, None]])
    put_rows(wb, "决算", [["一般公共预算", 12.5], ["事业收入", "0.40"]], first_column=6)
    wb.save(tmp_path / "final.xlsx")
    budget = read_workbook(tmp_path / "final.xlsx")
    assert budget.kind is DocKind.FINAL
    assert budget.final_items == (
        FinalItem("2010301", Decimal(1300), Decimal("1354.06"), "人员调资"),
        FinalItem("2010302", Decimal(90), None, ""),
    )
    assert budget.closing_balance == {
        Source.GENERAL: Decimal("12.5"),
        Source.BUSINESS: Decimal("0.40"),
    }


def test_a_budget_with_final_figures_is_a_problem(tmp_path: Path):
    wb = blank(tmp_path / "b.xlsx")
    small_budget(wb)
    put_rows(wb, "决算", [["2010301", 1300, None, None], ["20103", 5]])
    put_rows(wb, "决算", [["一般公共预算", 12.5]], first_column=6)
    wb.save(tmp_path / "bad.xlsx")
    assert problems_of(tmp_path / "bad.xlsx") == [
        "决算!A2：预算不填“决算”表（类型为决算时才填）",
        "决算!F2：预算没有年终结转结余（类型为决算时才填）",
    ]


def test_a_file_that_is_no_workbook_is_one_clear_error(tmp_path: Path):
    path = tmp_path / "budget.xlsx"
    path.write_text("单位编码,金额\n309001,12\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_workbook(path)
    assert str(caught.value) == f"{path}: 不是可读的 XLSX 工作簿（BadZipFile）"
