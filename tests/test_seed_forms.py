"""The whole seed in the forms a publisher gives it, each read back to every golden cell.

The seed disclosure (its twelve tables and its narrative) is written here as a finance office
lays it out: a workbook with one sheet per table (the printed id and title, a 单位：万元 line, a
header of merged cells over the column paths, codes as 类 款 项, real numbers formatted
`#,##0.00`, thin rules, printed one page wide), the same workbook printed to PDF by
LibreOffice, every table on one sheet, a Word document and its PDF, and an HTML page with
navigation around its tables. The forms are built from the golden cells and the layouts this
module declares, never from yusuan's own parse, and each must read to the golden cells.
"""

from __future__ import annotations

import csv
import io
import re
import subprocess
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from functools import cache
from pathlib import Path

import openpyxl
import pytest

from test_read_office import needs_libreoffice
from yusuan.model import Disclosure, MoneyUnit
from yusuan.read import read_bytes, read_path
from yusuan.render.csv import long_rows

from conftest import FIXTURES, SEED

DEPT = "三门峡市城乡一体化示范区办公室"
IDS = tuple(f"预算{n:02d}表" for n in range(1, 13))
D = Decimal


# --- the golden cells ------------------------------------------------------------------------


def golden() -> list[tuple[str, ...]]:
    with (FIXTURES / "seed" / "expected-cells.csv").open(encoding="utf-8") as handle:
        return sorted(tuple(row) for row in list(csv.reader(handle))[1:])


def cells(doc: Disclosure) -> list[tuple[str, ...]]:
    return sorted(long_rows(doc))


def missing_and_extra(doc: Disclosure) -> tuple[list[tuple[str, ...]], list[tuple[str, ...]]]:
    """The golden cells not read, and the cells read that are not golden (each as often as it
    is missing or over): the difference, shown in full when a form does not read."""
    want, got = Counter(golden()), Counter(cells(doc))
    return sorted((want - got).elements()), sorted((got - want).elements())


@dataclass(frozen=True, slots=True)
class GoldenRow:
    side: str
    code: str
    name: str
    values: dict[str, Decimal]


def golden_rows(table: str) -> list[GoldenRow]:
    """The golden rows of one table in the file's order, each with its figures by column."""
    out: dict[tuple[str, str, str], GoldenRow] = {}
    with (FIXTURES / "seed" / "expected-cells.csv").open(encoding="utf-8") as handle:
        for tid, side, code, name, column, value in list(csv.reader(handle))[1:]:
            if tid == table:
                row = out.setdefault((side, code, name), GoldenRow(side, code, name, {}))
                row.values[column] = D(value)
    return list(out.values())


# --- the tables as printed -------------------------------------------------------------------


class Merged(Enum):
    LEFT = "merged with the cell to its left"
    UP = "merged with the cell above"


LEFT, UP = Merged.LEFT, Merged.UP
Cell = str | Decimal | Merged | None


@dataclass(frozen=True, slots=True)
class Printed:
    """One table as printed: its id, title, the lines under the title, a header of merged
    cells and its rows (str labels, Decimal figures, None empty, LEFT/UP merged)."""

    id: str
    title: str
    header: tuple[tuple[Cell, ...], ...]
    rows: tuple[tuple[Cell, ...], ...]
    department: bool = True  # a 部门名称：… line under the title
    unit: bool = True  # 单位：万元, set right on that line
    subtitle: str = ""  # a line of its own under the title (（2023年度）)
    note: str = ""
    widths: tuple[float, ...] = ()
    number_format: str = "#,##0.00"  # of its figures in a workbook

    @property
    def body(self) -> tuple[tuple[Cell, ...], ...]:
        return self.header + self.rows

    @property
    def width(self) -> int:
        return len(self.body[0])


def header_rows(paths: Sequence[tuple[str, ...]]) -> tuple[tuple[Cell, ...], ...]:
    """A header of merged cells from each column's path: a heading over the columns that share
    it, and a path shorter than the deepest merged down to the header's last row."""
    depth = max(map(len, paths))
    rows: list[list[Cell]] = [[None] * len(paths) for _ in range(depth)]
    for j, path in enumerate(paths):
        for i in range(depth):
            if i >= len(path):
                rows[i][j] = UP
            elif j and paths[j - 1][: i + 1] == path[: i + 1]:
                rows[i][j] = LEFT
            else:
                rows[i][j] = path[i]
    return tuple(tuple(r) for r in rows)


def merges(body: Sequence[Sequence[Cell]]) -> Iterator[tuple[int, int, int, int]]:
    """(top, left, bottom, right), 0-based and inclusive, of every merged range."""
    for r, row in enumerate(body):
        for c, value in enumerate(row):
            if isinstance(value, Merged):
                continue
            w = 1
            while c + w < len(row) and row[c + w] is LEFT:
                w += 1
            h = 1
            while r + h < len(body) and body[r + h][c] is UP:
                h += 1
            if w > 1 or h > 1:
                yield r, c, r + h - 1, c + w - 1


def _place(columns: Sequence[str], values: dict[str, Decimal]) -> list[Cell]:
    assert set(values) <= set(columns), (set(values) - set(columns), columns)
    return [values.get(c) for c in columns]


def _total(labels: int) -> list[Cell]:
    """合计 printed across the label columns."""
    return ["合计", *[LEFT] * (labels - 1)]


def _stacked(rows: list[list[Cell]], column: int) -> None:
    """A label repeated on the rows below merged down into the first (类 201 over its 项),
    within the label merged to its left."""
    for r in range(1, len(rows)):
        k = r - 1
        while k > 0 and rows[k][column] is UP:
            k -= 1
        here = rows[r][column]
        parent = column == 0 or rows[r][column - 1] is UP
        if isinstance(here, str) and rows[k][column] == here and parent:
            rows[r][column] = UP


# Panel tables: the rows each side prints, left to right, the figures of those with any.
SUMMARY_INCOME = (
    "一、一般公共预算", "其中：财政拨款", "二、政府性基金预算拨款收入",
    "三、国有资本经营预算拨款收入", "四、财政专户管理资金收入", "五、事业收入",
    "六、事业单位经营收入", "七、上级补助收入", "八、附属单位上缴收入", "九、其他收入",
)  # fmt: skip
SUMMARY_EXPENSE = (
    "一、一般公共服务", "二、外交", "三、国防", "四、公共安全", "五、教育", "六、科学技术",
    "七、文化旅游体育与传媒", "八、社会保障和就业", "九、社会保险基金支出", "十、卫生健康",
    "十一、节能环保", "十二、城乡社区事务", "十三、农林水事务", "十四、交通运输",
    "十五、资源勘探信息等", "十六、商业服务业等", "十七、金融支出",
    "十九、援助其他地区支出", "二十、自然资源海洋气象等支出", "二十一、住房保障支出",
    "二十二、粮油物资储备支出", "二十三、国有资本经营预算", "二十四、灾害防治及应急管理",
    "二十七、预备费", "二十九、其他支出", "三十、转移性支出", "三十一、债务还本支出",
    "三十二、债务付息支出", "三十三、债务发行费用支出", "三十四、抗疫特别国债安排的支出",
)  # fmt: skip
SUMMARY_TOTALS = (
    ("本年收入合计", "本年支出合计"), ("上年结转结余", "年终结转结余"),
    ("收入总计", "支出总计"),
)  # fmt: skip
FISCAL_INCOME = (
    "一、本年收入", "（一）一般公共预算拨款", "其中：财政拨款", "（二）政府性基金预算拨款",
    "（三）国有资本经营预算拨款", "二、上年结转", "（一）一般公共预算拨款",
    "（二）政府性基金预算拨款", "（三）国有资本经营预算拨款",
)  # fmt: skip
FISCAL_EXPENSE = (
    "一、本年支出", "（一）一般公共服务支出", "（二）外交支出", "（三）国防支出",
    "（四）公共安全支出", "（五）教育支出", "（六）科学技术支出", "（七）文化旅游体育与传媒支出",
    "（八）社会保障和就业支出", "（九）卫生健康支出", "（十）节能环保支出",
    "（十一）城乡社区支出", "（十二）农林水支出", "（十三）交通运输支出",
    "（十四）住房保障支出", "（十五）其他支出", "二、年终结转结余",
)  # fmt: skip
FISCAL_TOTALS = (("收入合计", "支出合计"),)

_ORDINAL = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)")


def _panels(
    tid: str,
    title: str,
    paths: tuple[tuple[tuple[str, ...], ...], tuple[tuple[str, ...], ...]],
    printed: tuple[Sequence[str], Sequence[str]],
    totals: Sequence[tuple[str, str]],
    unit: bool = True,
    widths: tuple[float, ...] = (),
) -> Printed:
    """收入 | 支出 side by side: each side its label column and its figures; the figures of a
    row come from the golden row of its name (the printed one without its ordinal), the first
    time that name is printed on its side."""
    rows = golden_rows(tid)
    pending = {(r.side, r.name): r.values for r in rows}
    sides = (("收入", paths[0]), ("支出", paths[1]))

    def half(side: int, label: str | None) -> list[Cell]:
        name, columns = sides[side][0], ["/".join(p[1:]) for p in sides[side][1][1:]]
        if label is None:
            return [None] * (len(columns) + 1)
        values = pending.pop((name, _ORDINAL.sub("", label).replace(" ", "")), {})
        return [label, *_place(columns, values)]

    income, expense = printed
    body: list[list[Cell]] = []
    for k in range(max(len(income), len(expense))):
        body.append(
            half(0, income[k] if k < len(income) else None)
            + half(1, expense[k] if k < len(expense) else None)
        )
    for left, right in totals:
        body.append(half(0, left) + half(1, right))
    assert not pending, pending
    header = header_rows([*paths[0], *paths[1]])
    return Printed(tid, title, header, tuple(map(tuple, body)), unit=unit, widths=widths)


def summary() -> Printed:
    return _panels(
        "预算01表",
        "2023年部门收支总体情况表",
        ((("收入", "项目"), ("收入", "金额")), (("支出", "项目"), ("支出", "金额"))),
        (SUMMARY_INCOME, SUMMARY_EXPENSE),
        SUMMARY_TOTALS,
        unit=False,
        widths=(34, 16, 40, 16),
    )


def fiscal_summary() -> Printed:
    return _panels(
        "预算04表",
        "2023年财政拨款收支总体情况表",
        (
            (("收入", "项 目"), ("收入", "金额")),
            (
                ("支出", "项 目"),
                ("支出", "合计"),
                ("支出", "一般公共预算", "小计"),
                ("支出", "一般公共预算", "其中：财政拨款"),
                ("支出", "政府性基金"),
                ("支出", "国有资本经营预算"),
            ),
        ),
        (FISCAL_INCOME, FISCAL_EXPENSE),
        FISCAL_TOTALS,
        widths=(32, 14, 36, 14, 14, 14, 14, 14),
    )


INCOME_COLUMNS = (
    "总计", "本年收入/合计", "本年收入/一般公共预算/小计", "本年收入/一般公共预算/其中：财政拨款",
    "本年收入/政府性基金", "本年收入/国有资本经营预算", "本年收入/财政专户管理资金收入",
    "本年收入/事业收入", "本年收入/事业单位经营收入", "本年收入/上级补助收入",
    "本年收入/附属单位上缴收入", "本年收入/其他收入", "上年结转结余/合计",
    "上年结转结余/一般公共预算", "上年结转结余/政府性基金", "上年结转结余/国有资本经营预算",
    "上年结转结余/财政专户管理资金", "上年结转结余/单位资金",
)  # fmt: skip


def _paths(columns: Sequence[str]) -> list[tuple[str, ...]]:
    return [tuple(c.split("/")) for c in columns]


def income() -> Printed:
    labels = [("部门（单位）代码",), ("部门（单位）名称",)]
    body: list[list[Cell]] = []
    for row in golden_rows("预算02表"):
        label: list[Cell] = _total(2) if row.name == "合计" else [row.code, row.name]
        body.append(label + _place(INCOME_COLUMNS, row.values))
    return Printed(
        "预算02表",
        "2023年部门收入总体情况表",
        header_rows([*labels, *_paths(INCOME_COLUMNS)]),
        tuple(map(tuple, body)),
        widths=(10, 30, *[11] * 18),
    )


EXPENSE_COLUMNS = (
    "合计", "基本支出/小计", "基本支出/人员经费/工资福利支出",
    "基本支出/人员经费/对个人和家庭的补助", "基本支出/公用经费/商品和服务支出",
    "基本支出/公用经费/资本性支出", "项目支出/小计", "项目支出/其他运转类",
    "项目支出/特定目标类",
)  # fmt: skip


def _function(
    tid: str, title: str, note: str = "", one_column: bool = False, stacked: bool = False
) -> Printed:
    """A table of functional classes: 类 款 项 in three columns (or the code in one), the unit's
    code and its name, then the figures; the 合计 row printed across the label columns."""
    codes = [("科目编码",)] if one_column else [("科目编码", p) for p in ("类", "款", "项")]
    labels = [*codes, ("单位代码",), ("单位（科目名称）",)]
    body: list[list[Cell]] = []
    rows = golden_rows(tid) or [GoldenRow("", "", "合计", {})]
    for row in rows:
        if row.name == "合计":
            label = _total(len(labels))
        elif len(row.code) == 7:
            parts = [row.code] if one_column else [row.code[:3], row.code[3:5], row.code[5:]]
            label = [*parts, None, row.name]
        else:  # the unit
            label = [*[None] * len(codes), row.code, row.name]
        body.append(label + _place(EXPENSE_COLUMNS, row.values))
    if stacked and not one_column:
        for column in (0, 1):
            _stacked(body, column)
    return Printed(
        tid,
        title,
        header_rows([*labels, *_paths(EXPENSE_COLUMNS)]),
        tuple(map(tuple, body)),
        note=note,
        widths=(*([12] if one_column else [6, 5, 5]), 9, 34, *[12] * 9),
    )


def expenditure(one_column: bool = False) -> Printed:
    return _function("预算03表", "2023年部门支出总体情况表", one_column=one_column, stacked=True)


def gpb_expenditure(one_column: bool = False) -> Printed:
    return _function(
        "预算05表",
        "2023年一般公共预算支出情况表",
        note="备注：本表仅含当年财政拨款安排的支出",
        one_column=one_column,
    )


def gov_fund(one_column: bool = False) -> Printed:
    return _function("预算09表", "2023年政府性基金预算支出情况表", one_column=one_column)


# The government economic class printed beside each department one (the seed's own pairs).
GOV_CLASS = {
    "30101": ("50101", "工资奖金津补贴"), "30102": ("50101", "工资奖金津补贴"),
    "30103": ("50101", "工资奖金津补贴"), "30107": ("50501", "工资福利支出"),
    "30108": ("50102", "社会保障缴费"), "30109": ("50102", "社会保障缴费"),
    "30112": ("50102", "社会保障缴费"), "30113": ("50103", "住房公积金"),
    "30199": ("50101", "工资奖金津补贴"), "30201": ("50201", "办公经费"),
    "30208": ("50201", "办公经费"), "30227": ("50205", "委托业务费"),
    "30228": ("50201", "办公经费"), "30229": ("50201", "办公经费"),
    "30231": ("50208", "公务用车运行维护费"), "30299": ("50299", "其他商品和服务支出"),
    "30399": ("50999", "其他对个人和家庭补助"),
}  # fmt: skip


def gpb_basic() -> Printed:
    labels = [
        ("部门预算支出经济分类科目", "科目编码"), ("部门预算支出经济分类科目", "科目名称"),
        ("政府预算支出经济分类科目", "科目编码"), ("政府预算支出经济分类科目", "科目名称"),
    ]  # fmt: skip
    columns = ("合计", "人员经费", "公用经费")
    body: list[list[Cell]] = []
    for row in golden_rows("预算06表"):
        label = _total(4) if row.name == "合计" else [row.code, row.name, *GOV_CLASS[row.code]]
        body.append(label + _place(columns, row.values))
    paths = [("本年一般公共预算基本支出", c) for c in columns]
    return Printed(
        "预算06表",
        "2023年一般公共预算基本支出表",
        header_rows([*labels, *paths]),
        tuple(map(tuple, body)),
        widths=(10, 28, 10, 24, 14, 14, 14),
        number_format="0.00",
    )


ECONOMIC_COLUMNS = (
    "总计", "一般公共预算/小计", "一般公共预算/其中：财政拨款", "政府性基金", "国有资本经营预算",
    "上年结转结余", "财政专户管理资金收入", "事业收入", "上级补助收入", "附属单位上缴收入",
    "事业单位经营收入", "其他收入",
)  # fmt: skip


def economic_summary() -> Printed:
    labels = [
        (group, part)
        for group in ("部门预算经济分类", "政府预算经济分类")
        for part in ("类", "款", "科目名称")
    ]
    body: list[list[Cell]] = []
    for row in golden_rows("预算07表"):
        if row.name == "合计":
            label = _total(6)
        elif len(row.code) == 5:
            gov, gov_name = GOV_CLASS[row.code]
            label = [row.code[:3], row.code[3:], row.name, gov[:3], gov[3:], gov_name]
        else:  # the unit
            label = [row.code, None, row.name, None, None, None]
        body.append(label + _place(ECONOMIC_COLUMNS, row.values))
    return Printed(
        "预算07表",
        "2023年支出经济分类汇总表",
        header_rows([*labels, *_paths(ECONOMIC_COLUMNS)]),
        tuple(map(tuple, body)),
        widths=(6, 5, 22, 6, 5, 20, *[11] * 12),
        number_format="0.00",
    )


SANGONG_COLUMNS = (
    "“三公”经费合计", "因公出国（境）费", "公务用车购置及运行费/小计",
    "公务用车购置及运行费/公务用车购置费", "公务用车购置及运行费/公务用车运行费", "公务接待费",
)  # fmt: skip


def sangong() -> Printed:
    (row,) = golden_rows("预算08表")
    return Printed(
        "预算08表",
        "2023年一般公共预算“三公”经费支出情况表",
        header_rows(_paths(SANGONG_COLUMNS)),
        (tuple(_place(SANGONG_COLUMNS, row.values)),),
        note="注：“三公”经费包括因公出国（境）费、公务用车购置及运行费和公务接待费。",
        widths=(16,) * 6,
    )


PROJECT_COLUMNS = (
    "合计", "本年拨款/一般公共预算", "本年拨款/政府性基金预算", "本年拨款/国有资本经营预算",
    "财政拨款结转结余/一般公共预算", "财政拨款结转结余/政府性基金预算",
    "财政拨款结转结余/国有资本经营预算", "财政专户管理资金", "单位资金",
)  # fmt: skip


def projects() -> Printed:
    """类型 merged down over the projects of one kind, as a sheet groups them."""
    body: list[list[Cell]] = []
    for row in golden_rows("预算10表"):
        if row.name == "合计":
            label = _total(3)
        elif row.code:
            label = [row.code, None, row.name]
        else:
            label = ["其他运转类", row.name, DEPT]
        body.append(label + _place(PROJECT_COLUMNS, row.values))
    _stacked(body, 0)
    labels = [("类型",), ("项目名称",), ("项目单位",)]
    return Printed(
        "预算10表",
        "2023年项目支出表",
        header_rows([*labels, *_paths(PROJECT_COLUMNS)]),
        tuple(map(tuple, body)),
        widths=(11, 34, 30, *[11] * 9),
    )


def performance_overall() -> Printed:
    """A form: the budget lines as label and figure, then indicator lines of text."""
    values = {r.name: r.values["金额"] for r in golden_rows("预算11表")}
    lines = (
        ("部门预算总额（万元）", "部门预算总额（万元）"),
        ("1、资金来源：（1）政府预算资金", "政府预算资金"),
        ("（2）财政专户管理资金", "财政专户管理资金"),
        ("（3）单位资金", "单位资金"),
        ("2、资金结构：（1）基本支出", "基本支出"),
        ("（2）项目支出", "项目支出"),
    )
    assert {name for _, name in lines} == set(values)
    body: list[tuple[Cell, ...]] = [
        ("部门（单位）名称", DEPT, LEFT, LEFT, LEFT),
        ("年度履职目标", "保障园区日常事务和管理工作正常运转。", LEFT, LEFT, LEFT),
        ("年度主要任务", "任务名称", LEFT, "主要内容", LEFT),
        (UP, "后勤保障工作", LEFT, "保障园区正常运转，保证机关干部正常工作。", LEFT),
    ]
    for k, (label, name) in enumerate(lines):
        body.append(("预算情况" if k == 0 else UP, label, LEFT, values[name], LEFT))
    body += [
        ("一级指标", "二级指标", "三级指标", "指标值", "指标值说明"),
        ("投入管理指标", "工作目标管理", "年度履职目标相关性", "合理", "是否符合国家战略部署"),
        (UP, "预算和财务管理", "预算执行率", "≥90%", "预算执行率=（预算完成数/预算数）×100%。"),
        (UP, UP, "“三公经费”控制率", "≤95%", "本年度“三公经费”实际支出数/预算数"),
        ("产出指标", "重点工作任务完成", "后勤保障工作完成率", "》99%", "确保电、水等及时供应"),
        (UP, "履职目标实现", "保障示范区日常工作完成率", "》99%", "确保园区各项事务正常运转"),
        ("效益指标", "履职效益", "机关干部满意度", "》99%", "机关干部对于服务满意情况"),
        (UP, "满意度", "群众满意度", "》99%", "群众对于示范区工作服务满意情况"),
    ]
    return Printed(
        "预算11表",
        "部门(单位)整体绩效目标表",
        (),
        tuple(body),
        department=False,
        unit=False,
        subtitle="（2023年度）",
        widths=(16, 20, 28, 14, 40),
    )


# 预算12表's indicator lines under each project: 成本, 产出, 效益, 满意度 (三级指标, 指标值).
INDICATORS: dict[str, tuple[tuple[str | None, ...], ...]] = {
    "411291230000000004820": (
        ("生态环境持续影响", "72", "出差金额", "≥72万元", "推动经济发展", "持续增长", "企业满意度", "90"),
        ("社会成本持续提高", "72", "招商时限", "当年", "持续影响", "持续影响", None, None),
        ("经济成本持续提升", "72", "项目招商率", "≥80%", "持续发展", "持续增长", None, None),
    ),
    "411291230000000005608": (
        ("环境成本", "持续增长", "金额", "≥90.8万元", "生态保护工作", "持续进行", "群众", "≥99%"),
        ("人力成本", "持续增长", "工作时长", "工作日周期", "经济效益增长", "稳步提升", None, None),
        ("工资成本", "持续增长", "人数", "≥10人", "政策执行力度", "持续加大", None, None),
    ),
    "411291230000000005609": (
        ("网络成本", "≥11.5万元", "系统通讯质量", "稳步增长", "对生产生活条件的有益影响", "持续增长", "机关干部", "≥99%"),
        ("自然生态环境影响", "≤10%", "网络服务费及固话费金额", "≤115万元", "经济工作开展", "持续发展", None, None),
        ("社会服务成本", "持续增加", "使用时限", "1年", "落实国家政策", "持续落实", None, None),
    ),
    "411291230000000005610": (
        ("通讯成本", "持续影响", "使用时限", "365天", "推动经济工作发展", "持续增长", "群众满意度", "≥99%"),
        ("通讯费成本", "持续增加", "通讯质量", "质量良好", "持续影响", "持续影响", None, None),
        ("通讯环境影响", "持续影响", "通讯费金额", "≥7万元", "推动社会效益提高", "持续提高", None, None),
    ),
    "411291230000000005611": (
        ("经济成本持续提升", "≥80万元", "值班出勤率", "100%", "推动经济发展", "持续推动", "群众满意度", "≥99%"),
        ("社会成本持续提高", "≥80万元", "人次", "≥1909人数", "生态效益持续影响", "持续影响", None, None),
        ("持续影响", "≤10%", "持续进行", "365", "政府公信力", "持续提升", None, None),
    ),
    "411291230000000005612": (
        ("经济成本持续提升", "≥1808万元", "使用率", "≥90%", "推动经济发展", "持续增长", "机关单位工作人员", "≥99%"),
        ("生态环境持续影响", "持续影响", "执行时限", "持续影响", "持续发展", "持续增长", None, None),
        ("社会成本持续提高", "持续增长", "后勤保障工作金额", "≥1808万元", "持续影响", "持续增长", None, None),
    ),
    "411291230000000018703": (
        ("学习经费", "≤12万元", "党建机关学习", "≥10次", "提高执政能力建设", "保持和发展党的先进性", "机关党组成员", "100%"),
        ("学习进度及效果", "进度合理，效果明显", None, None, None, None, None, None),
    ),
}  # fmt: skip


def performance_projects() -> Printed:
    """Each project's code, name and figures merged down over its indicator lines."""
    money = ("资金总额", "政府预算资金", "财政专户管理资金", "单位资金")
    goals = ("成本指标", "产出指标", "效益指标", "满意度指标")
    body: list[list[Cell]] = []
    for row in golden_rows("预算12表"):
        figures = _place(money, row.values)
        indicators = INDICATORS.get(row.code, ((None,) * 8,))
        for k, line in enumerate(indicators):
            if k == 0:
                body.append([row.code, row.name or None, *figures, *line])
            else:
                body.append([UP, UP, *[UP] * len(money), *line])
    paths = [
        ("单位编码（项目编码）",),
        ("项目单位（项目名称）",),
        *[("项目金额（万元）", m) for m in money],
        *[("绩效目标", g, p) for g in goals for p in ("三级指标", "指标值")],
    ]
    return Printed(
        "预算12表",
        "2023年部门预算项目绩效目标汇总表",
        header_rows(paths),
        tuple(map(tuple, body)),
        unit=False,
        widths=(24, 28, 11, 11, 11, 11, *[14, 10] * 4),
        number_format="0.00",
    )


def seed_tables(one_column: bool = False) -> list[Printed]:
    """The twelve tables of the seed in their printed order."""
    return [
        summary(),
        income(),
        expenditure(one_column),
        fiscal_summary(),
        gpb_expenditure(one_column),
        gpb_basic(),
        economic_summary(),
        sangong(),
        gov_fund(one_column),
        projects(),
        performance_overall(),
        performance_projects(),
    ]


# --- the narrative ---------------------------------------------------------------------------

_ENDS = ("。",)


@cache
def narrative() -> tuple[str, ...]:
    """The seed's narrative as its paragraphs: its text lines before the first table, joined
    where the page wrapped them (a line that neither ends a sentence nor falls short)."""
    lines = SEED.read_text("utf-8").split("\n")
    end = next(i for i, line in enumerate(lines) if line.strip().startswith("预算01表"))
    paragraphs: list[str] = []
    buffer = ""
    for raw in lines[:end]:
        line = raw.strip()
        if not line:
            continue
        buffer += line
        if line.endswith(_ENDS) or len(line) < 24:
            paragraphs.append(buffer)
            buffer = ""
    if buffer:
        paragraphs.append(buffer)
    return tuple(paragraphs)


@cache
def seed_sections() -> list[tuple[str, str, str, str]]:
    return sections(read_path(SEED))


def sections(doc: Disclosure) -> list[tuple[str, str, str, str]]:
    """The narrative's sections: part, number, title and text without spaces or breaks."""
    return [(s.part, s.number, s.title, re.sub(r"\s+", "", s.text)) for s in doc.sections]


# --- the workbook ----------------------------------------------------------------------------


def _write_table(ws, table: Printed, top: int) -> int:
    """Write one table from row `top` (1-based), its header and rows ruled; return the next
    free row."""
    from openpyxl.styles import Alignment, Border, Font, Side

    width = table.width
    thin = Side(style="thin")
    ws.cell(top, 1, table.id)
    title = ws.cell(top + 1, 1, table.title)
    title.font = Font(bold=True, size=16)
    title.alignment = Alignment(horizontal="center")
    ws.merge_cells(start_row=top + 1, start_column=1, end_row=top + 1, end_column=width)
    r = top + 2
    if table.subtitle:
        ws.cell(r, 1, table.subtitle).alignment = Alignment(horizontal="center")
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=width)
        r += 1
    if table.department or table.unit:
        if table.department:
            ws.cell(r, 1, f"部门名称：{DEPT}")
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=max(2, width // 2))
        if table.unit:
            ws.cell(r, width, "单位：万元").alignment = Alignment(horizontal="right")
        r += 1
    body = table.body
    for i, row in enumerate(body):
        if i < len(table.header):  # tall enough for a heading wrapped in its cell
            ws.row_dimensions[r + i].height = 30
        for c, value in enumerate(row, 1):
            cell = ws.cell(r + i, c)
            if isinstance(value, Decimal):
                cell.value = float(value)
                cell.number_format = table.number_format
            elif isinstance(value, str):
                cell.value = value
                if i < len(table.header):
                    cell.alignment = Alignment(
                        horizontal="center", vertical="center", wrap_text=True
                    )
                    cell.font = Font(bold=True)
            cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
    for top_, left, bottom, right in merges(body):
        ws.merge_cells(
            start_row=r + top_, start_column=left + 1, end_row=r + bottom, end_column=right + 1
        )
    r += len(body)
    if table.note:
        ws.cell(r, 1, table.note)
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=width)
        r += 1
    return r


def _print_setup(ws, widths: Sequence[float]) -> None:
    from openpyxl.utils import get_column_letter

    for i, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0


@cache
def seed_workbook(with_narrative: bool = True) -> bytes:
    """One sheet per table, named by its id; the narrative, if any, on a first sheet."""
    from openpyxl.styles import Alignment

    book = openpyxl.Workbook()
    first = book.active
    if with_narrative:
        first.title = "情况说明"
        for r, text in enumerate(narrative(), 1):
            first.cell(r, 1, text).alignment = Alignment(wrap_text=True, vertical="top")
            first.row_dimensions[r].height = 16 * (len(text) // 48 + 1)  # its wrapped lines
        _print_setup(first, [110])
    for table in seed_tables():
        ws = book.create_sheet(table.id) if with_narrative or table.id != IDS[0] else first
        ws.title = table.id
        _write_table(ws, table, 1)
        _print_setup(ws, table.widths or [16] * table.width)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@cache
def seed_sheet() -> bytes:
    """Every table on one sheet, one under another with a blank row between; codes in one
    column; no narrative."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "部门预算公开表"
    r = 1
    for table in seed_tables(one_column=True):
        r = _write_table(ws, table, r) + 1
    _print_setup(ws, [24, 32, 30, 14, 14, 22, *[12] * 14])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# --- the Word document -----------------------------------------------------------------------


def _amount(value: Decimal) -> str:
    return f"{value:,.2f}"


@cache
def seed_docx() -> bytes:
    """The narrative's paragraphs, then each table under its id, title and unit line, as a
    ruled Word table with merged header cells, on landscape pages."""
    import docx
    from docx.enum.section import WD_ORIENT, WD_SECTION
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.shared import Cm, Pt

    document = docx.Document()
    document.styles["Normal"].font.size = Pt(10.5)
    for text in narrative():
        document.add_paragraph(text)
    section = document.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.5))
    for table in seed_tables():
        document.add_paragraph(table.id)
        document.add_paragraph(table.title).alignment = WD_ALIGN_PARAGRAPH.CENTER
        if table.subtitle:
            document.add_paragraph(table.subtitle).alignment = WD_ALIGN_PARAGRAPH.CENTER
        line = "　　".join(
            part
            for part, shown in ((f"部门名称：{DEPT}", table.department), ("单位：万元", table.unit))
            if shown
        )
        if line:
            document.add_paragraph(line)
        body = table.body
        grid = document.add_table(rows=len(body), cols=table.width)
        grid.style = "Table Grid"
        for r, row in enumerate(grid.rows):
            # a row is kept whole on its page, the header printed again on the next
            props = row._tr.get_or_add_trPr()
            props.append(OxmlElement("w:cantSplit"))
            if r < len(table.header):
                props.append(OxmlElement("w:tblHeader"))
        cells = grid._cells  # (Table.cell() lays the whole table out again on each call)
        for r, row in enumerate(body):
            for c, value in enumerate(row):
                if isinstance(value, Decimal):
                    text = _amount(value)
                elif isinstance(value, str):
                    text = value
                else:
                    continue
                cell = cells[r * table.width + c]
                cell.text = text
                cell.paragraphs[0].runs[0].font.size = Pt(7)
        for top, left, bottom, right in merges(body):
            anchor = cells[top * table.width + left]
            text = anchor.text
            merged = anchor.merge(cells[bottom * table.width + right])
            merged.text = text
            merged.paragraphs[0].runs[0].font.size = Pt(7)
        if table.note:
            document.add_paragraph(table.note)
        document.add_page_break()
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# --- the HTML page ---------------------------------------------------------------------------


def _html_table(table: Printed) -> str:
    body = table.body
    spans = {(t, left): (b - t + 1, r - left + 1) for t, left, b, r in merges(body)}
    out = ['<table border="1" cellspacing="0" cellpadding="2">']
    for r, row in enumerate(body):
        tag = "th" if r < len(table.header) else "td"
        cells: list[str] = []
        for c, value in enumerate(row):
            if isinstance(value, Merged):
                continue
            rows, cols = spans.get((r, c), (1, 1))
            attrs = (f' rowspan="{rows}"' if rows > 1 else "") + (
                f' colspan="{cols}"' if cols > 1 else ""
            )
            if isinstance(value, Decimal):
                text, attrs = _amount(value), attrs + ' align="right"'
            else:
                text = value or "&nbsp;"
            cells.append(f"<{tag}{attrs}>{text}</{tag}>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</table>")
    return "\n".join(out)


@cache
def seed_page(charset: str = "gb18030") -> bytes:
    """A government page: header, navigation, search and footer around an article holding the
    narrative and every table."""
    parts = [
        "<!DOCTYPE html>",
        f'<html><head><meta charset="{charset}"><title>2023年部门预算公开</title>',
        '<script>var visits = "123.45万元";</script></head><body>',
        '<div class="header"><div class="logo">三门峡市城乡一体化示范区门户网站</div></div>',
        '<div class="nav"><a href="/">首页</a> | <a href="/zwgk">政务公开</a> | '
        '<a href="/yjs">预决算公开 2023年 888.88万元</a></div>',
        '<div class="crumbs">当前位置：首页 &gt; 政务公开 &gt; 预决算</div>',
        '<form class="search"><input name="q" value="请输入关键字"><button>搜索</button></form>',
        '<div class="article"><h1>三门峡市城乡一体化示范区办公室2023年部门预算公开</h1>',
        '<div class="info">发布时间：2023-02-20 浏览次数：1024</div>',
    ]
    parts += [f"<p>{text}</p>" for text in narrative()]
    for table in seed_tables():
        parts.append(f"<p>{table.id}</p>")
        parts.append(f'<p align="center"><b>{table.title}</b></p>')
        if table.subtitle:
            parts.append(f'<p align="center">{table.subtitle}</p>')
        line = "　　".join(
            part
            for part, shown in ((f"部门名称：{DEPT}", table.department), ("单位：万元", table.unit))
            if shown
        )
        if line:
            parts.append(f"<p>{line}</p>")
        parts.append(_html_table(table))
        if table.note:
            parts.append(f"<p>{table.note}</p>")
    parts += [
        "</div>",
        '<div class="footer">版权所有：三门峡市城乡一体化示范区管理委员会 '
        "联系电话：0398-1234567 网站标识码 4112000001</div>",
        "</body></html>",
    ]
    return "\n".join(parts).encode(charset)


# --- reading them back -----------------------------------------------------------------------


def assert_reads_the_seed(doc: Disclosure, narrative_too: bool = True, preface: int = 0) -> None:
    """Every table by its id, every golden cell and no other, the seed's meta, and (with its
    narrative) the seed's sections after the `preface` sections of a page's own heading."""
    assert [t.id for t in doc.tables] == list(IDS)
    missing, extra = missing_and_extra(doc)
    assert (missing, extra) == ([], [])
    assert doc.meta.department == DEPT
    assert doc.meta.year == 2023
    assert doc.meta.unit is MoneyUnit.WAN
    assert doc.meta.template == "prov12"
    # every figure stood in its printed column: none needed the identities to place it (the
    # 三公 row is unsatisfied by the seed's own error, 47.50 ≠ 20.00 + 47.50)
    placements = {r.placement.value for t in doc.tables for r in t.rows if r.cells}
    assert placements == {"exact", "unsatisfied"}
    if narrative_too:
        assert sections(doc)[preface:] == seed_sections()


def test_the_forms_are_built_from_every_golden_cell():
    # every golden figure is printed in some table, once per cell
    printed = [
        value
        for table in seed_tables()
        for row in table.rows
        for value in row
        if isinstance(value, Decimal)
    ]
    assert sorted(printed) == sorted(D(c[-1]) for c in golden())


def test_workbook_with_a_sheet_per_table():
    doc = read_bytes(seed_workbook(), "seed.xlsx")
    assert doc.meta.encoding == "xlsx"
    assert_reads_the_seed(doc)


def test_workbook_without_its_narrative_still_reads_its_tables():
    assert_reads_the_seed(read_bytes(seed_workbook(with_narrative=False), "表.xlsx"), False)


def test_workbook_with_every_table_on_one_sheet():
    assert_reads_the_seed(read_bytes(seed_sheet(), "one-sheet.xlsx"), False)


def test_word_document():
    doc = read_bytes(seed_docx(), "seed.docx")
    assert doc.meta.encoding == "docx"
    assert_reads_the_seed(doc)


@pytest.mark.parametrize("charset", ["gb18030", "utf-8"])
def test_html_page(charset):
    data = seed_page(charset)
    if charset == "gb18030":
        with pytest.raises(UnicodeDecodeError):
            data.decode("utf-8")  # the charset must come from the meta tag
    doc = read_bytes(data, "seed.html")
    assert doc.meta.encoding == "html"
    assert_reads_the_seed(doc, preface=1)
    assert doc.sections[0].text.startswith(f"{DEPT}2023年部门预算公开")  # the page's <h1>
    text = "\n".join(doc.source)
    for chrome in ("门户网站", "首页", "当前位置", "搜索", "888.88", "123.45", "版权所有"):
        assert chrome not in text


# --- printed by LibreOffice ------------------------------------------------------------------


@pytest.fixture(scope="module")
def printed(tmp_path_factory) -> dict[str, Path]:
    """The workbook and the Word document printed to PDF by LibreOffice, in one run."""
    root = tmp_path_factory.mktemp("seed-forms")
    sources = {"xlsx": root / "seed-book.xlsx", "docx": root / "seed-document.docx"}
    sources["xlsx"].write_bytes(seed_workbook())
    sources["docx"].write_bytes(seed_docx())
    out = root / "pdf"
    subprocess.run(
        [
            "libreoffice",
            f"-env:UserInstallation=file://{root}/profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            *map(str, sources.values()),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    return {form: out / f"{path.stem}.pdf" for form, path in sources.items()}


@pytest.mark.libreoffice
@needs_libreoffice
def test_workbook_printed_to_pdf(printed):
    assert_reads_the_seed(read_path(printed["xlsx"]))


@pytest.mark.libreoffice
@needs_libreoffice
def test_word_document_printed_to_pdf(printed):
    assert_reads_the_seed(read_path(printed["docx"]))
