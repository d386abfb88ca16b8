"""Bad budget inputs: every problem reported at once with its place, nothing written."""

from __future__ import annotations

import json
import textwrap
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from yusuan.cli import cli
from yusuan.compile.check import check
from yusuan.compile.load import BudgetError, load

GOOD = """\
department: 示范办公室
code: "101"
year: 2023
units:
  - {code: "101001", name: 示范办公室, kind: 行政单位}
lines:
  - {unit: "101001", function: "2010301", economic: "30101", source: 一般公共预算, amount: 100.10}
  - {unit: "101001", function: "2010301", economic: "30201", source: 一般公共预算, amount: 0.1}
  - {unit: "101001", function: "2010302", economic: "30227", source: 一般公共预算, amount: 50, project: "P1"}
projects:
  - {code: "P1", name: 信息化运维, unit: "101001", type: 特定目标类}
"""


def write(tmp_path: Path, text: str, name: str = "budget.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), "utf-8")
    return path


def problems_of(tmp_path: Path, text: str) -> list[tuple[str, str]]:
    """(place, message) of every problem: the file's shape first, then the checks."""
    try:
        budget = load(write(tmp_path, text))
    except BudgetError as exc:
        return [(p.where, p.message) for p in exc.problems]
    return [(p.where, p.message) for p in check(budget)]


def test_a_good_budget_has_no_problem_and_keeps_its_amounts_exact(tmp_path):
    budget = load(write(tmp_path, GOOD))
    assert check(budget) == []
    amounts = [line.amount for line in budget.lines]
    assert amounts == [Decimal("100.10"), Decimal("0.1"), Decimal("50")]
    assert str(amounts[0]) == "100.10"  # the text as written: never through float


def test_json_reads_the_same_as_yaml(tmp_path):
    import yaml

    data = yaml.safe_load(GOOD)
    for line in data["lines"]:
        line["amount"] = str(line["amount"]) if line["amount"] != 100.10 else 100.10
    path = write(tmp_path, json.dumps(data, ensure_ascii=False), "budget.json")
    budget = load(path)
    assert budget.lines[0].amount == Decimal("100.10")  # a JSON number, kept as its text
    assert check(budget) == []


def test_every_problem_of_the_lines_is_reported_with_its_place(tmp_path):
    bad = GOOD.replace(
        "lines:\n",
        """lines:
  - {unit: "101001", function: "2990101", economic: "30101", source: 一般公共预算, amount: 1}
  - {unit: "101001", function: "20103", economic: "30101", source: 一般公共预算, amount: 1}
  - {unit: "101001", function: "2010301", economic: "30250", source: 一般公共预算, amount: 1}
  - {unit: "101001", function: "2010301", economic: "30101", source: 一般公共预算, amount: -5}
  - {unit: "101001", function: "2010301", economic: "30101", source: 一般公共预算, amount: 1.005}
  - {unit: "101001", function: "2010301", economic: "30101", amount: 1}
  - {unit: "101001", function: "2010302", economic: "30227", source: 一般公共预算, amount: 1, project: "P9"}
  - {unit: "102001", function: "2010301", economic: "30101", source: 一般公共预算, amount: 1}
  - {unit: "101001", function: "2010301", economic: "30201", source: 一般公共预算, amount: 1, use: 人员经费}
  - {unit: "101001", function: "2010301", economic: "30101", source: 一般公共预算, amount: 1, use: 公用经费}
  - {unit: "101001", function: "2010301", economic: "30101", source: 财政拨款, amount: 1}
""",
    )
    found = problems_of(tmp_path, bad)
    # the shape (a missing source, an unknown source) first: nothing else is checked then
    assert found == [
        ("lines[5].source", "该行没有资金来源"),
        (
            "lines[10].source",
            "“财政拨款”不是可选值（一般公共预算、政府性基金、国有资本经营预算、财政专户管理资金、事业收入、事业单位经营收入、上级补助收入、附属单位上缴收入、其他收入）",
        ),
    ]
    fixed = bad.replace(
        '{unit: "101001", function: "2010301", economic: "30101", amount: 1}', ""
    ).replace("source: 财政拨款", "source: 一般公共预算")
    fixed = "\n".join(line for line in fixed.split("\n") if line.strip() != "-")
    found = problems_of(tmp_path, fixed)
    assert found == [
        ("lines[0].function", "2023年支出功能分类科目中没有 2990101"),
        ("lines[1].function", "支出功能分类科目“20103”应为以 2 开头的 7 位数字"),
        ("lines[2].economic", "2023年部门预算支出经济分类科目中没有 30250"),
        ("lines[3].amount", "金额 -5 为负数"),
        ("lines[4].amount", "金额 1.005 超过两位小数"),
        ("lines[5].project", "项目 P9 未在 projects 中列出"),
        ("lines[6].unit", "单位 102001 未在 units 中列出"),
        ("lines[7].use", "302 类经济科目属公用经费，不能标为人员经费"),
        ("lines[8].use", "301 类经济科目属人员经费，不能标为公用经费"),
    ]


def test_sangong_counts_must_agree_with_the_money(tmp_path):
    text = GOOD + "sangong: {trips: 2, travellers: 6, receptions: 0}\n"
    text = text.replace(
        "lines:\n",
        'lines:\n  - {unit: "101001", function: "2010301", economic: "30217", source: 一般公共预算, amount: 3}\n',
    )
    assert problems_of(tmp_path, text) == [
        ("sangong.trips", "因公出国（境）没有预算（0万元），却安排了 2"),
        ("sangong.travellers", "因公出国（境）没有预算（0万元），却安排了 6"),
        ("sangong.receptions", "公务接待预算 3.00 万元，数量却为 0"),
    ]


def test_misspelt_keys_and_bad_values_are_named(tmp_path):
    text = GOOD.replace("year: 2023", "year: 2023\nyaer: 2024\nsangong: {trips: two}")
    text = text.replace("type: 特定目标类", "type: 专项")
    assert problems_of(tmp_path, text) == [
        ("yaer", "不认识的项（拼写有误？）"),
        ("projects[0].type", "“专项”不是可选值（其他运转类、特定目标类）"),
        ("sangong.trips", "“two”应为整数"),
    ]


def test_a_project_without_lines_and_an_indicator_above_its_project(tmp_path):
    text = GOOD + '  - {code: "P2", name: 空项目, unit: "101001"}\n'
    text = text.replace(
        "type: 特定目标类}",
        'type: 特定目标类, indicators: [{level1: 成本指标, name: 经费, value: "≤60万元", amount: 60}]}',
    )
    assert problems_of(tmp_path, text) == [
        ("projects[0].indicators[0].amount", "绩效指标“经费”的金额 60 超过项目金额 50"),
        ("projects[1]", "项目“空项目”没有任何预算行"),
    ]


def test_the_cli_prints_every_problem_on_its_own_line_and_writes_nothing(tmp_path):
    text = GOOD.replace("amount: 100.10", "amount: -1").replace(
        'economic: "30201"', 'economic: "3020"'
    )
    path = write(tmp_path, text)
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["compile", str(path), "-o", str(out)])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"yusuan: {path}: lines[0].amount：金额 -1 为负数",
        f"yusuan: {path}: lines[1].economic：部门预算支出经济分类科目“3020”应为以 3 开头的 5 位数字",
        f"yusuan: {path}: 共 2 处问题，未写任何文件",
    ]
    assert not out.exists()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("department: [unclosed", "第 1 行：YAML 格式错误"),
        ("- a list\n", "文件中没有预算数据"),
    ],
)
def test_unreadable_files_get_one_line(tmp_path, text, expected):
    path = write(tmp_path, text)
    result = CliRunner().invoke(cli, ["compile", str(path), "--check"])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == f"yusuan: {path}: {expected}"


def test_the_template_must_fit_the_kind(tmp_path):
    text = GOOD.replace("year: 2023", "year: 2023\ntemplate: national-final")
    assert problems_of(tmp_path, text) == [
        ("template", "national-final 是决算表样，预算应使用 prov12")
    ]
    result = CliRunner().invoke(
        cli, ["compile", str(write(tmp_path, GOOD)), "--check", "--template", "central8"]
    )
    assert result.exit_code == 1
    assert (
        "template：不认识的表样“central8”（可选：prov12、national-final、shanghai-budget）"
        in result.stderr
    )


def test_a_bug_while_compiling_is_one_line_not_a_traceback(tmp_path, monkeypatch):
    import yusuan.compile.run as run

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(run, "compile_budget", broken)
    path = write(tmp_path, GOOD)
    result = CliRunner().invoke(cli, ["compile", str(path), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    [line] = result.stderr.splitlines()
    assert line.startswith(f"yusuan: {path}: internal error compiling it (RuntimeError: boom")
    assert not (tmp_path / "out").exists()


def test_a_blank_input_workbook_is_refused_with_each_problems_cell_and_nothing_written(tmp_path):
    """`yusuan compile` reads the workbook `yusuan template` writes: left blank, every problem
    is a line naming its sheet and cell, exit 1, and no output folder appears."""
    path = tmp_path / "budget.xlsx"
    made = CliRunner().invoke(cli, ["template", "-o", str(path), "--year", "2026"])
    assert made.exit_code == 0, made.stderr
    result = CliRunner().invoke(cli, ["compile", str(path), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert f"yusuan: {path}: 部门信息!B2：必填项“部门名称”为空" in lines
    assert lines[-1].startswith(f"yusuan: {path}: 共 ") and lines[-1].endswith("未写任何文件")
    assert all(line.startswith(f"yusuan: {path}: ") for line in lines)
    assert not (tmp_path / "out").exists()


FINAL = GOOD.replace("year: 2023\n", "year: 2023\nkind: 决算\ntemplate: national-final\n")


def test_a_final_with_balances_is_accepted_when_the_identity_holds(tmp_path):
    """Issue #13: 年初 + 本年收入 − 本年支出 = 年末 for 一般公共预算: 0 + 170.20 − 150.20 = 20."""
    text = FINAL + textwrap.dedent("""\
        balances:
          - {function: "2010301", source: 一般公共预算, closing: 20}
        closing_balance: {一般公共预算: 20}
        income: {一般公共预算: 170.20}
        """)
    assert problems_of(tmp_path, text) == []


def test_a_closing_balance_that_breaks_the_identity_is_refused_at_its_place(tmp_path):
    text = FINAL + textwrap.dedent("""\
        balances:
          - {function: "2010301", source: 一般公共预算, opening: 5, closing: 20}
          - {function: "2010302", source: 一般公共预算, opening: 80, closing: 0}
          - {function: "2010301", source: 一般公共预算, closing: 1}
          - {function: "2010301", source: 国有资本经营预算, closing: -1}
        closing_balance: {一般公共预算: 30, 其他收入: 4}
        income: {一般公共预算: 170.20}
        """)
    found = problems_of(tmp_path, text)
    places = [where for where, _ in found]
    assert "balances[1].opening" in places  # 80 left at the start, 50 spent, none at the end
    assert ("balances[2]", "2010301 一般公共预算的结转和结余重复列出") in found
    assert "balances[3].source" in places and "balances[3].closing" in places
    assert (
        "closing_balance.一般公共预算",
        "年末结转和结余 30 与 balances 中一般公共预算各项的年末合计 21.00 不符",
    ) in found
    assert (
        "closing_balance.其他收入",
        "年末结转和结余 4 须在 balances 中按功能分类科目（项）列出",
    ) in found
    # 年初 85 + 本年收入 170.20 − 本年支出 150.20 = 105.00, not the 21.00 the balances leave
    assert any(
        where == "closing_balance.一般公共预算"
        and "= 105.00，与年末结转和结余 21.00 不符" in message
        for where, message in found
    ), found


def test_a_budget_has_no_balances(tmp_path):
    text = GOOD + 'balances:\n  - {function: "2010301", source: 一般公共预算, closing: 1}\n'
    assert [where for where, _ in problems_of(tmp_path, text)] == ["balances"]


def test_a_closing_balance_by_source_goes_to_its_only_item(tmp_path):
    """The identity fixes the 项 of a source whose lines are all of one 项; a source spread over
    two 项 must list its balances by 项."""
    from yusuan.compile.run import build

    line = '  - {unit: "101001", function: "2010302", economic: "30201", source: 其他收入, amount: 3}\n'
    text = FINAL.replace("projects:", line + "projects:") + "closing_balance: {其他收入: 4}\n"
    budget = load(write(tmp_path, text))
    assert check(budget) == []
    summary = next(t for t in build(budget).disclosure.tables if t.key == "summary")
    rows = {r.name: r.value("金额") for r in summary.rows}
    assert rows["年末结转和结余"] == Decimal("4.00")
    assert rows["其他收入"] == Decimal("7.00")  # 3 spent + 4 left at the end
    spread = text.replace("{其他收入: 4}", "{一般公共预算: 4}")
    assert [p.where for p in check(load(write(tmp_path, spread)))] == [
        "closing_balance.一般公共预算"
    ]
