"""收支总表 whose 支出 side is printed as several lists side by side, on constructed text.

Jiangsu's 收支预算总表 prints two 支出 lists (功能分类 | 支出用途) that each add up to one
当年支出小计 printed across both; Shaanxi's 部门综合预算收支总表 prints three (支出功能 | 部门经济 |
政府经济), each with its own 一、部门预算, 本年支出合计 and 支出总计. A template declares them as
`expense_segments`; each row says which list it was printed in (`Row.segment`, None for a row
printed across all of them) and each list is summed on its own.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from textwrap import dedent

from yusuan.audit import audit
from yusuan.audit.finding import Severity
from yusuan.model import Cell, Disclosure, Meta, MoneyUnit, Row, RowKind, Side, Span, Table
from yusuan.read.rows import Context
from yusuan.read.source import split_lines
from yusuan.read.tables import assemble, draft_table, find_regions, solve_draft
from yusuan.read.text import read_text
from yusuan.structure import panel_groups
from yusuan.templates import template_sets

D = Decimal

# Jiangsu's 公开01表 as a PDF's text layer gives it: the empty cells are gone.
JIANGSU = """\
    公开01表
    收支预算总表
    部门：某某厅 单位：万元
    收入 支出
    项目名称 金额 功能分类 支出用途
    功能科目名称 金额 项目名称 金额
    一、财政拨款 900.00 一、一般公共服务支出 700.00 一、基本支出 600.00
    1.一般公共预算 900.00 二、外交支出 二、项目支出 350.00
    2.政府性基金预算 三、国防支出 三、单位预留机动经费 50.00
    二、财政专户管理资金 四、公共安全支出
    三、其他资金 100.00 五、教育支出
    六、科学技术支出 300.00
    当年收入小计 1,000.00 当年支出小计 1,000.00
    上年结转资金 结转下年资金
    收入合计 1,000.00 支出合计 1,000.00
    """

# Shaanxi's 表1 as a ruled grid gives it: an empty figure of a list to the right of a filled
# cell is printed `-`; the 收入 list ends first.
SHAANXI = """\
    表1
    2022年部门综合预算收支总表
    单位：元
    收入 支出
    项目 预算数 支出功能分科目（按大类） 预算数 部门预算支出经济科目（按大类） 预算数 政府预算支出经济分类科目（按大类） 预算数
    一、部门预算 1000.00 一、部门预算 1000.00 一、部门预算 1000.00 一、部门预算 1000.00
    1、财政拨款 1000.00 1、一般公共服务支出 600.00 1、人员经费和公用经费支出 700.00 1、机关工资福利支出 500.00
    2、事业收入 0.00 2、教育支出 0.00 (1)工资福利支出 500.00 2、机关商品和服务支出 450.00
    3、卫生健康支出 300.00 (2)商品和服务支出 200.00 3、对个人和家庭的补助 50.00
    4、住房保障支出 100.00 2、专项业务经费支出 300.00 -
    5、其他支出 0.00 - -
    本年收入合计 1000.00 本年支出合计 1000.00 本年支出合计 1000.00 本年支出合计 1000.00
    上年结转 0.00 - - -
    收入总计 1000.00 支出总计 1000.00 支出总计 1000.00 支出总计 1000.00
    """


def read_jiangsu(text: str = JIANGSU) -> Disclosure:
    doc = read_text(dedent(text), "constructed.txt")
    assert doc.meta.template == "jiangsu-province"
    return doc


def read_shaanxi(text: str = SHAANXI) -> Disclosure:
    """The table read by the shaanxi set (several sets know its title; the real document's
    other tables decide which reads it)."""
    return read_in_set(text, "shaanxi")


def read_in_set(text: str, name: str) -> Disclosure:
    """The one table of `text` read by the set `name`."""
    tset = next(t for t in template_sets() if t.name == name)
    lines = split_lines(dedent(text))
    (region,) = find_regions(lines, tset)
    draft = draft_table(region, lines, Context(), None)
    solve_draft(draft)
    table = assemble(draft, "constructed.txt", name)
    return Disclosure(meta=Meta(path="constructed.txt", template=name), tables=(table,))


def lists(table: Table | None, side: Side = Side.EXPENSE) -> dict[int | None, list[str]]:
    """The names of one side's rows, list by list (None: printed across all of them)."""
    assert table is not None
    out: dict[int | None, list[str]] = {}
    for r in table.rows_on(side):
        out.setdefault(r.segment, []).append(r.name)
    return out


def failures(doc: Disclosure) -> list[tuple[str, str | None, Decimal | None, Decimal | None]]:
    report = audit(doc, select=["table.column-sum"])
    return [
        (f.rule, f.location.row, f.stated, f.expected)
        for f in report.findings
        if f.severity is not Severity.INFO
    ]


# -- the template declares the lists ----------------------------------------------------------


def test_the_sets_declare_the_lists_of_their_expense_side():
    by_name = {t.name: t for t in template_sets()}
    summary = by_name["jiangsu-province"].by_key("summary")
    assert summary is not None
    assert summary.panel(Side.EXPENSE).segments == ("功能分类", "支出用途")
    assert summary.panel(Side.INCOME).segments == ()
    for key in ("summary", "fiscal_summary", "gov_fund"):
        table = by_name["shaanxi"].by_key(key)
        assert table is not None and len(table.panel(Side.EXPENSE).segments) == 3, key


# -- two 支出 lists under one 当年支出小计 (Jiangsu) ---------------------------------------------


def test_each_expense_row_is_in_the_list_it_was_printed_in():
    summary = read_jiangsu().table("summary")
    assert lists(summary) == {
        0: [
            "一般公共服务支出",
            "外交支出",
            "国防支出",
            "公共安全支出",  # 四、 continues both lists: the leftmost on the line
            "教育支出",
            "科学技术支出",  # alone on its line: 六、 continues the 功能分类 list only
        ],
        1: ["基本支出", "项目支出", "单位预留机动经费"],
        None: ["当年支出小计", "结转下年资金", "支出合计"],  # printed once across both
    }
    assert lists(summary, Side.INCOME) == {
        None: [
            "财政拨款",
            "一般公共预算",
            "政府性基金预算",
            "财政专户管理资金",
            "其他资金",
            "当年收入小计",
            "上年结转资金",
            "收入合计",
        ]
    }


def test_a_subtotal_is_a_total_row():
    summary = read_jiangsu().table("summary")
    assert summary is not None
    kinds = {r.name: r.kind for r in summary.rows}
    assert kinds["当年收入小计"] is RowKind.TOTAL
    assert kinds["当年支出小计"] is RowKind.TOTAL


def test_each_list_adds_up_to_the_subtotal_and_the_subtotal_is_counted_once():
    doc = read_jiangsu()
    summary = doc.table("summary")
    assert summary is not None
    names = [r.name for r in summary.rows]
    expense = [i for i, r in enumerate(summary.rows) if r.side is Side.EXPENSE]
    groups = [(names[p], [names[c] for c in cs]) for p, cs in panel_groups(summary.rows, expense)]
    assert groups == [
        ("当年支出小计", ["一般公共服务支出", "科学技术支出"]),
        ("当年支出小计", ["基本支出", "项目支出", "单位预留机动经费"]),
        ("支出合计", ["当年支出小计"]),  # 结转下年资金 is blank
    ]
    assert failures(doc) == []


def test_a_wrong_figure_in_one_list_is_found_against_the_subtotal():
    doc = read_jiangsu(JIANGSU.replace("二、项目支出 350.00", "二、项目支出 360.00"))
    assert failures(doc) == [("table.column-sum", "当年支出小计", D("1000.00"), D("1010.00"))]


def test_a_guessed_list_the_sums_refute_makes_the_reading_unsure_not_the_document_wrong():
    """A text layer that ran the lists' lines together (js-rd-2017: `三、单位预留机` / `动经费` /
    `128.43`, each on its own line): the label fits both 支出 lists (三、 continues each), the
    leftmost is a guess, and the 功能分类 list then passes 当年支出小计. The table's reading is
    said to be unsure and its sums are not put to the document as errors."""
    text = JIANGSU.replace(
        "2.政府性基金预算 三、国防支出 三、单位预留机动经费 50.00",
        "2.政府性基金预算\n    三、单位预留机\n    动经费\n    50.00\n    三、国防支出",
    )
    # the whole document would go to a set whose identities this broken reading fails less
    doc = read_in_set(text, "jiangsu-province")
    summary = doc.table("summary")
    assert summary is not None
    assert "单位预留机动经费" in lists(summary)[0]  # the guess, wrong here
    assert any("by a guess" in note for note in summary.notes)
    report = audit(doc, select=["table.column-sum", "parse.table-unreliable"])
    assert [f.rule for f in report.findings if f.severity is not Severity.INFO] == [
        "parse.table-unreliable"
    ]
    sums = [f for f in report.findings if f.rule == "table.column-sum"]
    assert sums and all(f.severity is Severity.INFO for f in sums)


def test_a_guessed_list_the_sums_bear_out_leaves_the_reading_alone():
    """The same guess where the figures add up in every list as placed: no note, no error."""
    text = JIANGSU.replace(
        "2.政府性基金预算 三、国防支出 三、单位预留机动经费 50.00",
        "2.政府性基金预算\n    三、单位预留机\n    动经费\n    50.00\n    三、国防支出",
    )
    text = text.replace("六、科学技术支出 300.00", "六、科学技术支出 250.00")
    text = text.replace("二、项目支出 350.00", "二、项目支出 400.00")
    doc = read_jiangsu(text)
    summary = doc.table("summary")
    assert summary is not None
    assert "单位预留机动经费" in lists(summary)[0]
    assert not any("by a guess" in note for note in summary.notes)
    assert failures(doc) == []


def test_totals_whose_expense_labels_went_below_take_the_figures_printed_past_the_income_ones():
    """`当年收入小计 1,000.00 1,000.00` … `当年支出小计` / `结转下年资金` / `支出合计` (js-swbgt-2017's
    text layer): the second figure of each income total is the expense total's, whose label
    the text layer printed below; read so, 支出合计 is no 0 against 收入合计."""
    text = JIANGSU.replace(
        """    当年收入小计 1,000.00 当年支出小计 1,000.00
    上年结转资金 结转下年资金
    收入合计 1,000.00 支出合计 1,000.00
""",
        """    当年收入小计 1,000.00 1,000.00
    上年结转资金
    收入合计 1,000.00 1,000.00
    当年支出小计
    结转下年资金
    支出合计
""",
    )
    summary = read_in_set(text, "jiangsu-province").table("summary")
    assert summary is not None
    totals = {r.name: r.get("金额") for r in summary.rows if r.kind is RowKind.TOTAL}
    assert totals == {
        "当年收入小计": D("1000.00"),
        "收入合计": D("1000.00"),
        "当年支出小计": D("1000.00"),
        "支出合计": D("1000.00"),
    }


# -- three 支出 lists, each with its own totals (Shaanxi) --------------------------------------


def test_lines_with_fewer_labels_than_lists_keep_each_label_in_its_list():
    summary = read_shaanxi().table("summary")
    assert lists(summary) == {
        0: [
            "部门预算",
            "一般公共服务支出",
            "教育支出",
            "卫生健康支出",  # the 收入 list has ended: three labels, three 支出 lists
            "住房保障支出",
            "其他支出",  # `- -`: the two lists to its right are empty
            "本年支出合计",
            "支出总计",
        ],
        1: [
            "部门预算",
            "人员经费和公用经费支出",
            "工资福利支出",
            "商品和服务支出",
            "专项业务经费支出",  # `-`: the 政府经济 list to its right is empty
            "本年支出合计",
            "支出总计",
        ],
        2: [
            "部门预算",
            "机关工资福利支出",
            "机关商品和服务支出",
            "对个人和家庭的补助",
            "本年支出合计",
            "支出总计",
        ],
    }
    assert lists(summary, Side.INCOME)[None] == [
        "部门预算",
        "财政拨款",
        "事业收入",
        "本年收入合计",
        "上年结转",  # `- - -`: every 支出 list is empty on its line
        "收入总计",
    ]


def test_each_lists_total_sums_its_own_rows():
    doc = read_shaanxi()
    summary = doc.table("summary")
    assert summary is not None
    rows = summary.rows
    expense = [i for i, r in enumerate(rows) if r.side is Side.EXPENSE]
    totals = [
        (rows[p].segment, [rows[c].name for c in cs])
        for p, cs in panel_groups(rows, expense)
        if rows[p].name == "本年支出合计"
    ]
    assert totals == [(0, ["部门预算"]), (1, ["部门预算"]), (2, ["部门预算"])]
    assert failures(doc) == []


def test_a_wrong_figure_in_one_list_is_found_in_that_list_only():
    text = SHAANXI.replace(
        "一、部门预算 1000.00 一、部门预算 1000.00 一、部门预算 1000.00 一、部门预算 1000.00",
        "一、部门预算 1000.00 一、部门预算 1000.00 一、部门预算 990.00 一、部门预算 1000.00",
    )
    doc = read_shaanxi(text)
    found = failures(doc)
    assert found == [("table.column-sum", "本年支出合计", D("1000.00"), D("990.00"))]
    summary = doc.table("summary")
    assert summary is not None
    wrong = next(r for r in summary.rows if r.name == "部门预算" and r.get("金额") == D("990.00"))
    assert wrong.segment == 1


# -- the sums, on rows alone ---------------------------------------------------------------------


def test_panel_groups_sum_each_list_into_the_totals_printed_across_them():
    def label(name: str, segment: int | None, amount: str, number: str | None = None) -> Row:
        kind = RowKind.TOTAL if name.endswith(("小计", "合计")) else RowKind.LABEL
        cells = (Cell("金额", D(amount)),)
        span = Span(None, 1, 1)
        return Row(name, span, kind, side=Side.EXPENSE, cells=cells, number=number, segment=segment)

    rows = [
        label("一般公共服务支出", 0, "7", "一、"),
        label("基本支出", 1, "6", "一、"),
        label("教育支出", 0, "3", "二、"),
        label("项目支出", 1, "4", "二、"),
        label("当年支出小计", None, "10"),
        label("结转下年资金", None, "1"),
        label("支出合计", None, "11"),
    ]
    # 支出合计 over 当年支出小计 and 结转下年资金 comes from both lists' runs: once
    assert panel_groups(rows, range(len(rows))) == [(4, [0, 2]), (4, [1, 3]), (6, [5, 4])]
    # without segments, one list: the subtotal sums all four
    flat = [replace(r, segment=None) for r in rows]
    assert panel_groups(flat, range(len(flat))) == [(4, [0, 1, 2, 3]), (6, [5, 4])]


# -- the lists and the functional classes ------------------------------------------------------


def test_only_the_functional_list_is_held_against_the_functional_table():
    # xa-ybj 表1: the 政府经济 list prints 15、其他支出 and 13、转移性支出, names of functional
    # classes (229, 230): only the 支出功能分类科目 list is compared with 表3's classes
    text = SHAANXI.replace("3、对个人和家庭的补助 50.00", "3、其他支出 50.00")
    summary = read_shaanxi(text).table("summary")
    assert summary is not None
    at = Span("constructed.txt", 1, 1)
    coded = [("201", "一般公共服务支出", "600.00"), ("210", "卫生健康支出", "300.00")]
    coded += [("221", "住房保障支出", "100.00")]
    rows = tuple(
        Row(name, at, RowKind.CODE, code, cells=(Cell("合计", Decimal(v)),))
        for code, name, v in coded
    )
    expenditure = Table("expenditure", "支出预算总表", at, ("合计",), rows, unit=MoneyUnit.YUAN)
    doc = Disclosure(
        meta=Meta(path="constructed.txt", template="shaanxi"), tables=(summary, expenditure)
    )
    report = audit(doc, select=["cross.total"])
    compared = [f.location.row for f in report.findings]
    assert compared == []
    # the 功能 list's classes are compared: one of them wrong is found
    wrong = text.replace("1、一般公共服务支出 600.00", "1、一般公共服务支出 610.00")
    summary = read_shaanxi(wrong).table("summary")
    assert summary is not None
    doc = Disclosure(
        meta=Meta(path="constructed.txt", template="shaanxi"), tables=(summary, expenditure)
    )
    found = [f for f in audit(doc, select=["cross.total"]).findings if "201" in f.message]
    assert len(found) == 1


def test_a_total_after_the_classes_under_a_numbered_total_is_not_one_of_them():
    # 一、本年支出合计 / 科学技术支出 / 教育支出 / 支出总计: the classes are the first total's
    # parts, and 支出总计 sums that total, not the other way round
    at = Span("t.txt", 1, 1)
    cells = (Cell("金额", Decimal("1.00")),)
    rows = [
        Row("本年支出合计", at, RowKind.TOTAL, number="一、", cells=cells),
        Row("科学技术支出", at, RowKind.LABEL, cells=cells),
        Row("教育支出", at, RowKind.LABEL, cells=cells),
        Row("支出总计", at, RowKind.TOTAL, cells=cells),
    ]
    groups = {rows[p].name: [rows[c].name for c in cs] for p, cs in panel_groups(rows, range(4))}
    assert groups == {"本年支出合计": ["科学技术支出", "教育支出"], "支出总计": ["本年支出合计"]}


def test_a_header_word_alone_on_its_line_is_dropped_and_said():
    # 重庆's 财政拨款收支总表 names 一般公共预算 among its header words; the same word alone on a
    # line may be a row whose figures went to the next line: it is read as the header's, and
    # the table's notes say so, so that a missing row can be traced
    from yusuan.read.panels import PanelBuilder
    from yusuan.read.rows import Line
    from yusuan.read.tokens import tokenize

    chongqing = next(t for t in template_sets() if t.name == "chongqing")
    template = chongqing.by_key("fiscal_summary")
    assert template is not None and "一般公共预算" in template.header_words
    builder = PanelBuilder(template)
    for no, text in enumerate(["一般公共预算", "一、本年收入 200.00 一、本年支出 200.00"], 1):
        builder.feed(Line(no, text, tokenize(text)))
    assert builder.notes == ["line 1: 一般公共预算 alone is read as a header word"]
    assert [r.joined_name() for r in builder.finish()] == ["本年收入", "本年支出"]
