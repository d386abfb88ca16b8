"""The flattened-text reader on text as a PDF's plain text layer gives it.

A text layer keeps the order the page was drawn in, not the order it reads in: a table's title
may come after its figures, a header's words after the title, a row's label far from its
amounts. Each text here is built in the test, in the shape one real document's text layer has
(the corpus sweep `benchmarks/corpus.py --text-layer` reads them all), and each test fails
without the reader rule it names.
"""

from __future__ import annotations

from decimal import Decimal
from textwrap import dedent

from yusuan.audit import audit
from yusuan.model import Disclosure, RowKind, Table
from yusuan.read.narrative import read_sections
from yusuan.read.rows import Context
from yusuan.read.source import split_lines
from yusuan.read.tables import TextIndex, assemble, draft_table, find_regions, solve_draft
from yusuan.read.text import read_text, split_titles_run_on
from yusuan.templates import TemplateSet, template_sets
from yusuan.templates.fit import printed_titles

D = Decimal


def tset(name: str) -> TemplateSet:
    return next(t for t in template_sets() if t.name == name)


def table(doc: Disclosure, key: str) -> Table:
    return next(t for t in doc.tables if t.key == key)


def amounts(t: Table) -> list[tuple[str | None, str, Decimal]]:
    return [(r.code, r.name, c.value) for r in t.rows for c in r.cells]


def identities(doc: Disclosure) -> tuple[int, int]:
    report = audit(doc, select=("table", "cross"))
    return report.evaluated - report.failed, report.evaluated


# 江苏省 provincial tables (js-zx-2018-ys-tables.pdf): each page's text layer gives the printed
# id, the department and unit, the header, the figures, and only then the title.
PROVINCE_TITLES_BELOW = dedent(
    """\
    公开03表
    部门：江苏省某某厅 单位：万元
    合计 基本支出 项目支出 单位预留机动经费 结转下年资金
    1,300.00 1,000.00 200.00 100.00
    支出预算总表
    公开05表
    部门：江苏省某某厅 单位：万元
    功能科目代码 功能科目名称 金额
    合计 1,200.00
    201 一般公共服务支出 1,000.00
    20102 政协事务 1,000.00
    2010201 行政运行 800.00
    2010202 一般行政管理事务 200.00
    221 住房保障支出 200.00
    22102 住房改革支出 200.00
    2210201 住房公积金 200.00
    财政拨款支出预算表
    公开06表
    部门：江苏省某某厅 单位：万元
    科目编码 科目名称 金额
    合计 1,000.00
    301 工资福利支出 800.00
    30101 基本工资 600.00
    30113 住房公积金 200.00
    302 商品和服务支出 200.00
    30201 办公费 150.00
    30211 差旅费 50.00
    财政拨款基本支出预算表
    公开07表
    部门：江苏省某某厅 单位：万元
    功能科目代码 功能科目名称 金额
    合计 1,200.00
    201 一般公共服务支出 1,000.00
    20102 政协事务 1,000.00
    2010201 行政运行 800.00
    2010202 一般行政管理事务 200.00
    221 住房保障支出 200.00
    22102 住房改革支出 200.00
    2210201 住房公积金 200.00
    一般公共预算支出预算表
    公开08表
    部门：江苏省某某厅 单位：万元
    科目编码 科目名称 金额
    合计 1,000.00
    301 工资福利支出 800.00
    30101 基本工资 600.00
    30113 住房公积金 200.00
    302 商品和服务支出 200.00
    30201 办公费 150.00
    30211 差旅费 50.00
    一般公共预算基本支出预算表
    公开11表
    部门：江苏省某某厅 单位：万元
    科目编码 科目名称 机关运行经费支出
    合计 200.00
    302 商品和服务支出 200.00
    30201 办公费 150.00
    30211 差旅费 50.00
    一般公共预算机关运行经费支出预算表
    """
)

PROVINCE_KEYS = [
    "expenditure",
    "fiscal_expenditure",
    "fiscal_basic",
    "gpb_expenditure",
    "gpb_basic",
    "operating_costs",
]


def test_a_title_printed_after_its_figures_is_its_tables_title():
    """The title found before the next printed id, after the figures, is the id's table's:
    both name it, so the family whose ids and titles agree is recognised (without the rule
    only the ids were seen, which several families print alike, and the wrong one won)."""
    doc = read_text(PROVINCE_TITLES_BELOW, "province.txt")
    assert doc.meta.template == "jiangsu-province"
    assert [t.key for t in doc.tables] == PROVINCE_KEYS
    assert [t.title for t in doc.tables][:2] == ["支出预算总表", "财政拨款支出预算表"]
    assert ("2010201", "行政运行", D("800.00")) in amounts(table(doc, "fiscal_expenditure"))
    assert ("30211", "差旅费", D("50.00")) in amounts(table(doc, "operating_costs"))
    held, evaluated = identities(doc)
    assert held == evaluated > 20


def test_the_head_after_a_title_printed_below_is_no_row():
    """What follows a title printed after the figures (header words, the money unit) is the
    table's head: it gives the unit and makes no row."""
    text = dedent(
        """\
        公开06表
        部门：江苏省某某厅
        科目编码 科目名称 金额
        合计 10,000.00
        301 工资福利支出 10,000.00
        30101 基本工资 10,000.00
        财政拨款基本支出预算表
        单位：元
        公开08表
        部门：江苏省某某厅 单位：万元
        科目编码 科目名称 金额
        合计 1.00
        301 工资福利支出 1.00
        30101 基本工资 1.00
        一般公共预算基本支出预算表
        """
    )
    doc = read_text(text, "province.txt")
    basic = table(doc, "fiscal_basic")
    assert basic.unit.value == "元"
    assert [r.code for r in basic.rows] == [None, "301", "30101"]
    assert not [d for d in doc.diagnostics if d.code == "parse.unread-line"]


# The same tables numbered 表一 … (js-zx-2017-ys-tables.pdf): ids of a form the family does not
# declare, each still on top of its page, each title below the figures.
def test_an_undeclared_id_starts_the_table_whose_title_is_printed_below():
    """Without the rule each title was read as the start of its table, so that every table
    held the next one's figures."""
    text = PROVINCE_TITLES_BELOW
    for n, word in ((3, "三"), (5, "五"), (6, "六"), (7, "七"), (8, "八"), (11, "十一")):
        text = text.replace(f"公开{n:02d}表", f"表{word}")
    doc = read_text(text, "province.txt")
    assert doc.meta.template == "jiangsu-province"
    assert [t.key for t in doc.tables] == PROVINCE_KEYS
    assert [t.id for t in doc.tables][:2] == ["表三", "表五"]
    assert ("30101", "基本工资", D("600.00")) in amounts(table(doc, "fiscal_basic"))
    held, evaluated = identities(doc)
    assert held == evaluated > 20


def test_a_title_printed_above_its_id_is_not_taken_for_the_table_before():
    """A document that prints each title just above its id (收入决算表 / 公开02表) is read
    in that order: the next table's title after the figures is not this id's."""
    text = dedent(
        """\
        财政拨款基本支出预算表
        公开06表
        部门：江苏省某某厅 单位：万元
        科目编码 科目名称 金额
        合计 1,000.00
        301 工资福利支出 1,000.00
        30101 基本工资 1,000.00
        一般公共预算基本支出预算表
        公开08表
        部门：江苏省某某厅 单位：万元
        科目编码 科目名称 金额
        合计 900.00
        301 工资福利支出 900.00
        30101 基本工资 900.00
        """
    )
    regions = find_regions(split_lines(text), tset("jiangsu-province"))
    assert [(r.template.key, r.start) for r in regions] == [("fiscal_basic", 1), ("gpb_basic", 8)]


def test_a_row_of_figures_is_no_beginning_of_the_title_under_it():
    """A title may break over two lines (…支出预 / 算表); a line of figures, or a whole title
    under a label, is no such break: the title is the line under it alone."""
    lines = split_lines(
        "收入合计 10,150.48 10,150.48\n收支预算总表\n上年结转和结余资金\n收入预算总表\n"
    )
    index = TextIndex.of(lines)
    assert index.title_ends == {}
    assert index.titles == {1: "收支预算总表", 3: "收入预算总表"}
    broken = TextIndex.of(split_lines("“三公”经费、会议费、培训费支出预\n算表\n"))
    assert broken.title_ends == {0: 1}


# 上海 district tables (sh-putuo-wanli-2024-ys.pdf): the text layer lost the line breaks between
# many rows of a page, which then stand one after another on one line.
SHANGHAI_GLUED = dedent(
    """\
    2024年部门支出预算总表
    编制部门：上海市某某街道办事处 单位：元
    项目 支出预算
    功能分类科目编码
    功能分类科目名称 合计 基本支出 项目支出
    类 款 项
    201 一般公共服务支出 2,932,700 0 2,932,700
    201 05 统计信息事务 257,700 0 257,700
    201 05 07 专项普查活动 257,700 0 257,700 201 38 市场监督管理事务 2,675,000 0 2,675,000 \
    201 38 02 一般行政管理事务 2,675,000 0 2,675,000 208 社会保障和就业支出 300,000 300,000 0 \
    208 05 行政事业单位养老支出 300,000 300,000 0
    208 05 05 机关事业单位基本养老保险缴费支出 300,000 300,000 0
    合计 3,232,700 300,000 2,932,700
    """
)


def test_a_code_and_name_after_a_rows_figures_start_the_next_row():
    """Rows whose line breaks the text layer lost are read one by one: after a row's figures,
    a functional code followed by a name starts the next row (else they were all one row)."""
    doc = read_text(SHANGHAI_GLUED, "shanghai.txt")
    spent = table(doc, "expenditure")
    assert [r.code for r in spent.rows] == [
        "201",
        "20105",
        "2010507",
        "20138",
        "2013802",
        "208",
        "20805",
        "2080505",
        None,
    ]
    assert ("2013802", "一般行政管理事务", D("2675000")) in amounts(spent)
    assert ("208", "社会保障和就业支出", D("300000")) in amounts(spent)
    held, evaluated = identities(doc)
    assert held == evaluated > 10


def test_whole_figures_before_a_glued_row_stay_the_rows_figures():
    """Figures in 元 printed without commas look like codes; none followed by a name starts a
    row, and the code and name after them still do."""
    text = SHANGHAI_GLUED.replace("257,700 0 257,700 201 38", "257700 0 257700 201 38")
    spent = table(read_text(text, "shanghai.txt"), "expenditure")
    row = next(r for r in spent.rows if r.code == "2010507")
    assert [c.value for c in row.cells] == [D("257700"), D("0"), D("257700")]
    assert [r.code for r in spent.rows][3:5] == ["20138", "2013802"]


# 上海市财政局's 单位预算 (sh-city-czj-2025-ys-unit.pdf): no printed ids; each page's text layer
# gives the money unit, the figures, then the title and the header; a table's second page
# follows its title with its header again and the rest of its rows.
SHANGHAI_TITLES_BELOW = dedent(
    """\
    四、单位预算编制说明
    　　2025年，本单位收入预算1,320万元，支出预算1,320万元，主要用于人员经费和公用经费。
    单位：元
    类 款 项
    201 一般公共服务支出 10,000,000 8,000,000 2,000,000
    201 06 财政事务 10,000,000 8,000,000 2,000,000
    201 06 01 行政运行 8,000,000 8,000,000 0
    201 06 02 一般行政管理事务 2,000,000 0 2,000,000
    2025年预算单位支出预算总表
    项目 支出预算
    功能分类科目编码
    功能分类科目名称 合计 基本支出 项目支出
    编制单位：上海市某某局
    类 款 项
    项目 支出预算
    功能分类科目名称 合计 基本支出 项目支出
    221 住房保障支出 3,200,000 3,200,000 0
    221 02 住房改革支出 3,200,000 3,200,000 0
    221 02 01 住房公积金 3,200,000 3,200,000 0
    合计 13,200,000 11,200,000 2,000,000
    单位：元
    类 款 项
    合计
    功能分类科目名称 合计 基本支出 项目支出
    2025年预算单位政府性基金预算支出功能分类预算表
    编制单位：上海市某某局
    项目 政府性基金预算支出
    单位：元
    类 款 项
    201 一般公共服务支出 10,000,000 8,000,000 2,000,000
    201 06 财政事务 10,000,000 8,000,000 2,000,000
    201 06 01 行政运行 8,000,000 8,000,000 0
    201 06 02 一般行政管理事务 2,000,000 0 2,000,000
    221 住房保障支出 3,200,000 3,200,000 0
    221 02 住房改革支出 3,200,000 3,200,000 0
    221 02 01 住房公积金 3,200,000 3,200,000 0
    合计 13,200,000 11,200,000 2,000,000
    2025年预算单位一般公共预算支出功能分类预算表
    项目 一般公共预算支出
    功能分类科目编码
    功能分类科目名称 合计 基本支出 项目支出
    编制单位：上海市某某局
    五、其他相关情况说明
    　　本单位2025年无政府性基金预算，也无国有资本经营预算，相关表格为空表。
    """
)


def test_a_table_starts_at_the_money_unit_above_its_figures_when_titles_come_after():
    """In a document whose first table prints its figures, opened by the money unit, before its
    title, every table starts at the unit line above its figures and goes on after its title
    (its next page); without the rule each table held the next one's first page."""
    doc = read_text(SHANGHAI_TITLES_BELOW, "shanghai.txt")
    assert doc.meta.template == "shanghai-budget"
    assert [t.key for t in doc.tables] == ["expenditure", "gov_fund", "gpb_expenditure"]
    codes = [None, "201", "20106", "2010601", "2010602", "221", "22102", "2210201"]
    spent = table(doc, "expenditure")
    assert sorted([r.code for r in spent.rows], key=str) == sorted(codes, key=str)
    assert table(doc, "gov_fund").rows == ()  # an empty table: 合计 alone
    assert sorted([r.code for r in table(doc, "gpb_expenditure").rows], key=str) == sorted(
        codes, key=str
    )
    assert ("2210201", "住房公积金", D("3200000")) in amounts(spent)
    held, evaluated = identities(doc)
    assert held == evaluated > 20


def test_figures_under_a_title_do_not_move_the_tables_start():
    """A document that prints its titles above the figures keeps its tables starting at their
    titles, though a unit line and figures stand between one title and the next."""
    lines = SHANGHAI_TITLES_BELOW.splitlines()
    title = lines.index("2025年预算单位支出预算总表")
    moved = [*lines[:2], lines[title], *lines[2:title], *lines[title + 1 :]]
    regions = find_regions(moved, tset("shanghai-budget"))
    assert regions[0].start == 2
    assert regions[0].trailers == ()


# 珠海市商务局 (zh-swj-2026-ys.pdf), 表12: a project's name wraps in its cell; the text layer gives
# the name's lines (the first indented as every project's name is) and then its figures.
GUANGDONG_PROJECTS = dedent(
    """\
    表12
    部门预算项目支出及其他支出预算表
    部门：珠海市某某局 单位：万元
    支出项目类别（资金使用单位） 总计 财政拨款 财政专户拨款 其他资金 绩效目标 合计 一般公共预算
    政府性基金预算 国有资本经营预算
    合计 1,240.00 1,239.20 1,239.20 0.00 0.00 0.00 0.80
    珠海市某某局 1,240.00 1,239.20 1,239.20 0.00 0.00 0.00 0.80
    　　口岸现场水电费 200.00 200.00 200.00 0.00 0.00 0.00 0.00
    　　东西部协作资金-2025
    年
    0.80 0.00 0.00 0.00 0.00 0.00 0.80
    　　珠澳跨境工业区专用口
    岸日常工作经费 560.33 560.33 560.33 0.00 0.00 0.00 0.00
    　　珠海市内外经贸发展专
    项资金（稳外贸事项） 478.87 478.87 478.87 0.00 0.00 0.00 0.00
    通过出口信用保险等支持措施有效降低全市外贸企业经
    营风险，支持企业发展。
    """
)


def test_an_indented_line_of_words_begins_the_next_projects_name():
    """In a project table, words alone indented as the projects' names are begin the next
    project, its figures on a later line (without the rule the project was lost, and the unit
    did not add up)."""
    doc = read_text(GUANGDONG_PROJECTS, "guangdong.txt")
    projects = table(doc, "project_summary")
    assert [(r.kind.name, r.name) for r in projects.rows] == [
        ("TOTAL", "合计"),
        ("UNIT", "珠海市某某局"),
        ("PROJECT", "口岸现场水电费"),
        ("PROJECT", "东西部协作资金-2025年"),
        ("PROJECT", "珠澳跨境工业区专用口岸日常工作经费"),
        ("PROJECT", "珠海市内外经贸发展专项资金（稳外贸事项）"),
    ]
    assert (None, "东西部协作资金-2025年", D("0.80")) in amounts(projects)
    held, evaluated = identities(doc)
    assert held == evaluated > 10
    # the 绩效目标 after the figures, not indented, is no project: it is said to be unread
    unread = [d.message for d in doc.diagnostics if d.code == "parse.unread-line"]
    assert len(unread) == 2 and "通过出口信用保险" in unread[0]


# 长春市信访局 (cc-xfj-2026-ys.pdf), 预算表 1 and 4: the text layer runs two printed rows of the
# 收入 | 支出 panels into one line.
JILIN_PANELS = dedent(
    """\
    收支总表（预算表 1）
    预算单位：长春市某某局 单位：万元
    收 入 支 出
    项 目 本年预算 编制预算 上年结转 项 目 本年预算 编制预算 上年结转
    一、财政拨款收入 100.00 100.00 0.00 一、一般公共服务支出 70.00 70.00 0.00 \
    一般公共预算拨款收入 100.00 100.00 0.00 二、社会保障和就业支出 20.00 20.00 0.00
    政府性基金预算拨款收入 0.00 0.00 0.00 三、住房保障支出 10.00 10.00 0.00 \
    二、单位资金收入 0.00 0.00 0.00
    本年收入合计 100.00 100.00 0.00 本年支出合计 100.00 100.00 0.00
    收入总计 100.00 100.00 0.00 支出总计 100.00 100.00 0.00
    财政拨款收支总表(预算表 4)
    预算单位：长春市某某局 单位：万元
    收 入 支 出
    项 目 本年预算 编制预算 上年结转 项 目 本年预算 编制预算 上年结转
    一、本年收入 100.00 100.00 0.00 一、本年支出 100.00 100.00 0.00 \
    一般公共预算拨款 100.00 100.00 0.00 一、一般公共服务支出 70.00 70.00 0.00
    政府性基金预算拨款 0.00 0.00 0.00 二、社会保障和就业支出 20.00 20.00 0.00
    三、住房保障支出 10.00 10.00 0.00 二、结转下年支出
    收 入 总 计 100.00 100.00 0.00 支 出 总 计 100.00 100.00 0.00
    """
)


def test_printed_rows_run_into_one_line_go_to_the_panels_their_labels_name():
    """More labels with amounts on a line than the table has lists are printed rows run
    together: each goes right of the one before it or starts the next printed row, as its
    label says (without the rule every label after the second went to the 支出 side); and two
    labels that both say 支出 are two rows of the 支出 side."""
    doc = read_text(JILIN_PANELS, "jilin.txt")
    assert doc.meta.template == "jilin"
    sides = {(t.key, r.name): r.side.name for t in doc.tables for r in t.rows}
    assert sides[("summary", "一般公共预算拨款收入")] == "INCOME"
    assert sides[("summary", "单位资金收入")] == "INCOME"
    assert sides[("summary", "社会保障和就业支出")] == "EXPENSE"
    assert sides[("fiscal_summary", "一般公共预算拨款")] == "INCOME"
    assert sides[("fiscal_summary", "住房保障支出")] == "EXPENSE"
    assert sides[("fiscal_summary", "结转下年支出")] == "EXPENSE"
    # (预算表 4's 支出总计 counts 本年支出 and its rows twice: the layout reading says so too)
    report = audit(doc, select=("table", "cross"))
    failed = [f.location.table for f in report.findings if f.severity.name == "ERROR"]
    assert report.evaluated > 20 and set(failed) <= {"财政拨款收支总表(预算表 4)"}


def test_a_total_after_a_rows_figures_starts_the_total_row():
    """The table's 合计 run into the line of its last rows (`… 购房补贴 1,488,000.00 1,488,000.00
    合计 371,514,655.00 …`) is a row of its own: a total's word followed by figures, after a
    row's figures, starts the next row."""
    text = SHANGHAI_GLUED.replace(
        "300,000 300,000 0\n合计 3,232,700", "300,000 300,000 0 合计 3,232,700"
    )
    assert "0 合计 3,232,700" in text
    spent = table(read_text(text, "shanghai.txt"), "expenditure")
    total = next(r for r in spent.rows if r.kind.name == "TOTAL")
    assert [c.value for c in total.cells] == [D("3232700"), D("300000"), D("2932700")]
    last = next(r for r in spent.rows if r.code == "2080505")
    assert [c.value for c in last.cells] == [D("300000"), D("300000"), D("0")]


def test_a_year_spaced_off_its_nian_is_a_word():
    """`2025 年` in a row's label (the extraction spaces digits off CJK) is the word 2025年, not
    a figure: 深圳's 表 9 prints a row per year, and the year was read as its first amount."""
    from yusuan.read.tokens import Kind, tokenize

    toks = tokenize("深圳市某某局 2025 年 5.58 0.00")
    assert [(t.kind, t.text) for t in toks] == [
        (Kind.TEXT, "深圳市某某局"),
        (Kind.TEXT, "2025年"),
        (Kind.NUM, "5.58"),
        (Kind.NUM, "0.00"),
    ]
    assert [t.kind for t in tokenize("合计 2025 3.00")] == [Kind.TEXT, Kind.NUM, Kind.NUM]


# 深圳市信访局 (sz-xfj-2026-ys.pdf), 表 4: rows named by the economic catalog's names, without
# codes; a name wrapped in its cell reaches the text layer as two lines, then its figures.
SHENZHEN_NAMES = dedent(
    """\
    表 4
    基本支出总表
    部门名称：深圳市某某局 单位：万元
    支出项目类别 总计 财政拨款 小计 一般公共预算拨款
    深圳市某某局 400.00 400.00 400.00
     工资福利支出 400.00 400.00 400.00
     基本工资 225.00 225.00 225.00
     机关事业单位基本养老保险缴
    费
    175.00 175.00 175.00
    """
)


def read_table(text: str, set_name: str, key: str) -> tuple[Table, list[str]]:
    """Table `key` of `text` read as family `set_name`, and the lines left unread."""
    lines = split_lines(text)
    region = next(r for r in find_regions(lines, tset(set_name)) if r.template.key == key)
    draft = draft_table(region, lines, Context(), None)
    solve_draft(draft)
    return assemble(draft, None, set_name), [line.text.strip() for line in draft.stray]


def test_a_catalog_name_broken_over_lines_names_the_row_of_the_figures_after_it():
    """Words alone in a table of rows named without codes are kept; when the line with the
    figures comes, the joined words name its row if the catalog lists them. Without the rule
    the row was lost and 301 did not add up."""
    basic, unread = read_table(SHENZHEN_NAMES, "shenzhen", "basic_summary")
    row = next(r for r in basic.rows if r.code == "30108")
    assert row.name == "机关事业单位基本养老保险缴费"
    assert row.span.line == 8
    assert row.get("总计") == D("175.00")
    assert unread == []


def test_words_that_name_no_catalog_row_are_left_unread():
    text = SHENZHEN_NAMES.replace("机关事业单位基本养老保险缴\n费\n", "某某不在目录里的\n名称\n")
    basic, unread = read_table(text, "shenzhen", "basic_summary")
    assert "30108" not in [r.code for r in basic.rows]
    assert unread == ["某某不在目录里的", "名称", "175.00 175.00 175.00"]


# 湖州市财政局 (huz-czj-2026-ys.pdf), 表01: the 支出 side lists 类, 款 and 项 by name, which the
# page indents; its text layer keeps no indentation at all.
ZHEJIANG_FLAT = dedent(
    """\
    表01
    2026年市级部门收支预算总表
    341-湖州市某某局 单位：万元
    收 入 支 出
    项 目 预算数 项 目 预算数
    一、财政拨款 600.00 一般公共服务支出 500.00
    一般公共预算 600.00 财政事务 500.00
    政府性基金预算 行政运行 300.00
    国有资本经营预算 其他财政事务支出 200.00
    二、财政专户管理资金 住房保障支出 100.00
    住房改革支出 100.00
    住房公积金 100.00
    本年收入合计 600.00 本年支出合计 600.00
    收 入 总 计 600.00 支 出 总 计 600.00
    """
)


def summary_rows(text: str) -> tuple[list[tuple[str, str, int | None]], tuple[str, ...]]:
    doc = read_text(text, "zhejiang.txt")
    summary = table(doc, "summary")
    rows = [(r.side.name, r.name, r.indent) for r in summary.rows if r.kind.name != "TOTAL"]
    return rows, summary.notes


def test_rows_printed_without_indentation_nest_as_the_one_way_their_sums_hold():
    """The nesting of a side's rows that is the only one under which every row with rows under
    it is their sum, and the total the sum of the outermost rows, is taken (without the rule
    本年支出合计 summed 类, 款 and 项 alike and was reported wrong, three times too much)."""
    rows, notes = summary_rows(ZHEJIANG_FLAT)
    expense = [(name, indent) for side, name, indent in rows if side == "EXPENSE"]
    assert expense == [
        ("一般公共服务支出", None),
        ("财政事务", 1),
        ("行政运行", 2),
        ("其他财政事务支出", 2),
        ("住房保障支出", None),
        ("住房改革支出", 1),
        ("住房公积金", 2),
    ]
    assert ("INCOME", "一般公共预算", 1) in rows
    assert notes == ()
    doc = read_text(ZHEJIANG_FLAT, "zhejiang.txt")
    report = audit(doc, select=("table.column-sum",))
    assert report.failed == 0 and report.evaluated >= 6


def test_rows_with_several_nestings_stay_unnested_and_are_reported():
    """When two nestings make every sum hold (4 / 4 / 4 / 4 adding up to 8: two rows each
    over one, or one chain of three beside a fourth), none is taken: a note says so."""
    text = dedent(
        """\
        表01
        2026年市级部门收支预算总表
        341-湖州市某某局 单位：万元
        收 入 支 出
        项 目 预算数 项 目 预算数
        一、财政拨款 8.00 一般公共服务支出 4.00
        一般公共预算 8.00 财政事务 4.00
        住房保障支出 4.00
        住房改革支出 4.00
        本年收入合计 8.00 本年支出合计 8.00
        """
    )
    rows, notes = summary_rows(text)
    assert [indent for side, _, indent in rows if side == "EXPENSE"] == [None] * 4
    assert len(notes) == 1 and "several nestings" in notes[0]
    doc = read_text(text, "zhejiang.txt")
    assert any("several nestings" in d.message for d in doc.diagnostics)


def figure_rows(*figures: str) -> list:
    """Panel rows of one figure each, unnumbered and unindented."""
    from yusuan.read.rows import RawRow
    from yusuan.read.tokens import tokenize

    out = []
    for k, figure in enumerate(figures):
        row = RawRow(RowKind.LABEL, k, k, name=[f"r{k}"])
        row.values = tokenize(figure)
        out.append(row)
    return out


def test_the_nesting_search_counts_the_ways_every_sum_holds():
    from yusuan.read.panel_sums import _nestings

    assert _nestings(figure_rows("10.00", "6.00", "4.00"), D("10.00")) == [(0, 1, 1)]
    assert _nestings(figure_rows("5.00", "5.00"), D("10.00")) == [(0, 0)]
    # 10 / 10 / 10: a chain of one child each, or a parent with one child twice? Only the chain
    # keeps every parent equal to its rows; two equal rows under a third cannot both be its
    assert _nestings(figure_rows("10.00", "10.00", "10.00"), D("10.00")) == [(0, 1, 2)]
    # 4 / 4 / 4 / 4 with a total of 8: (4 over 4) twice, or 4 over 4 over 4 beside 4 … two ways
    assert len(_nestings(figure_rows("4.00", "4.00", "4.00", "4.00"), D("8.00"))) == 2
    assert _nestings(figure_rows("4.00", "3.00"), D("5.00")) == []


def test_the_last_entry_of_a_contents_list_is_no_table_though_figures_follow_it():
    """A run of titles of different tables, one under the other, is a contents list, its last
    entry too (江苏 2018: the list, then the first table's page, its title printed after the
    figures); without the rule the last entry took the first table's figures."""
    contents = "\n".join(
        [
            "序号 报表名称",
            "一、 支出预算总表",
            "二、 财政拨款支出预算表",
            "三、 财政拨款基本支出预算表",
            "四、 一般公共预算支出预算表",
            "五、 一般公共预算基本支出预算表",
            "六、 一般公共预算机关运行经费支出预算表",
            "目 录",
        ]
    )
    body = PROVINCE_TITLES_BELOW
    for n in (3, 5, 6, 7, 8, 11):
        body = body.replace(f"公开{n:02d}表\n", "")
    doc = read_text(contents + "\n" + body, "province.txt")
    assert [t.key for t in doc.tables] == PROVINCE_KEYS
    assert table(doc, "expenditure").span.line == 9  # its unit line, under 目 录
    held, evaluated = identities(doc)
    assert held == evaluated > 20


def test_a_title_right_under_a_contents_list_is_the_table():
    """The first table's title right under the list (杭州: 表11.…绩效表 / 表1：…收支预算总表) names
    a table the list named already: it ends the list and starts the table."""
    lines = [
        "表1.支出预算总表",
        "表2.财政拨款支出预算表",
        "表3.财政拨款基本支出预算表",
        "表1：支出预算总表",
        "部门：江苏省某某厅 单位：万元",
        "合计 基本支出 项目支出 单位预留机动经费 结转下年资金",
        "1,300.00 1,000.00 200.00 100.00",
    ]
    regions = find_regions(lines, tset("jiangsu-province"))
    assert [(r.template.key, r.start) for r in regions] == [("expenditure", 3)]


def test_a_numbered_line_of_a_cells_text_does_not_end_the_table():
    """A numbered line followed by prose (`1.建设践行…`, a project's 绩效目标 wrapped in its cell)
    looks like the narrative resuming; a row printing as many figures as the last one, before
    the next heading, says the table goes on (广州's 表12 lost its last project)."""
    text = GUANGDONG_PROJECTS.replace(
        "营风险，支持企业发展。\n",
        dedent(
            """\
            营风险，支持企业发展。
            　　信访宣传经费 0.00 0.00 0.00 0.00 0.00 0.00 0.00
            1.建设践行关于加强和改进人民信访工作
            的重要思想模范阵地，打造宣传党的为民思想方针政策
            前沿窗口，履行好信访部门“为民解难、为党分忧”政
            治责任，以党建引领擦亮信访品牌。
            　　信访工作专项经费 0.00 0.00 0.00 0.00 0.00 0.00 0.00
            第三部分 2026年部门预算情况说明
            一、部门预算收支增减变化情况
            """
        ),
    )
    projects = table(read_text(text, "guangdong.txt"), "project_summary")
    assert [r.name for r in projects.rows][-2:] == ["信访宣传经费", "信访工作专项经费"]
    assert "第三部分" not in " ".join(r.name for r in projects.rows)


def test_header_cells_drawn_after_a_panels_figures_make_no_rows():
    """A text layer gives a header's cells where the page drew them, after the figures
    (`项目名称 金额` / `支出用途`): words alone that are all the table's header words make no
    row; a short one (支出) may be a broken label's tail and is kept so."""
    text = dedent(
        """\
        公开04表
        部门：江苏省某某厅 单位：万元
        项目名称 金额
        一、一般公共预算 1,000.00 一、基本支出 800.00
        二、政府性基金预算 二、项目支出 200.00
        收入合计 1,000.00 支出合计 1,000.00
        项目名称 金额
        支出用途
        财政拨款收支预算总表
        收入 支出
        """
    )
    summary, _ = read_table(text, "jiangsu-province", "fiscal_summary")
    assert [r.name for r in summary.rows] == [
        "一般公共预算",
        "基本支出",
        "政府性基金预算",
        "项目支出",
        "收入合计",
        "支出合计",
    ]


def test_a_page_number_run_into_a_line_of_rows_is_dropped():
    """`— 10 — 20702 文物 …`: the page's number run into the line of its first rows is no
    figure of the row before (重庆's 表二 gave 10 to 其他文化和旅游支出's 事业收入)."""
    text = SHANGHAI_GLUED.replace("257,700 0 257,700 201 38", "257,700 0 257,700\n— 10 — 201 38")
    doc = read_text(text, "shanghai.txt")
    spent = table(doc, "expenditure")
    row = next(r for r in spent.rows if r.code == "2010507")
    assert [c.value for c in row.cells] == [D("257700"), D("0"), D("257700")]
    assert "20138" in [r.code for r in spent.rows]
    assert not [d for d in doc.diagnostics if d.code == "parse.unread-line"]


def test_labels_that_fit_several_placements_are_reported():
    """Three labels with amounts on a line of two lists, none saying its side: several
    placements fit as well; the leftmost is taken and a note says so."""
    text = JILIN_PANELS.replace(
        "政府性基金预算拨款收入 0.00 0.00 0.00 三、住房保障支出 10.00 10.00 0.00",
        "某甲 0.00 0.00 0.00 某乙 10.00 10.00 0.00",
    ).replace("二、单位资金收入 0.00 0.00 0.00", "某丙 0.00 0.00 0.00")
    assert "某丙" in text
    summary, _ = read_table(text, "jilin", "summary")
    assert any("more than one placement" in note for note in summary.notes)
    plain, _ = read_table(JILIN_PANELS, "jilin", "summary")
    assert not any("more than one placement" in note for note in plain.notes)


# -- found in review ------------------------------------------------------------------------


def test_titles_after_their_figures_are_found_with_narrative_after_the_tables():
    # the first table's floor is the start of the text when no break comes before it (a
    # break after the tables once made it the last break, and the tables ran together)
    body = [
        "单位：万元",
        "项目 预算数 项目 预算数",
        "一、财政拨款收入 100.00 一、一般公共服务支出 100.00",
        "收入总计 100.00 支出总计 100.00",
        "财务收支预算总表",
        "单位：万元",
        "项目 合计 财政拨款",
        "合计 100.00 100.00",
        "上年结转 0.00 0.00",
        "收入预算总表",
    ]
    tail = ["第二部分 部门预算情况说明", "一、收支预算总体情况。本部门收入预算 100.00 万元。"]
    for lines in (body, body + tail):
        regions = find_regions(lines, tset("shanghai-budget"), TextIndex.of(lines))
        assert [(r.template.key, r.start, r.end) for r in regions] == [
            ("summary", 0, 5),
            ("income", 5, 10),
        ]


def test_a_whole_yuan_figure_before_a_wrapped_name_starts_no_row():
    # 2080505 机关事业单位基本养老 1200 1200 250 保险缴费支出: 250 is no class the catalog lists,
    # and 302 is one whose name is not 含绩效工资: neither starts a row
    from yusuan.read.rows import Line, _glued_rows
    from yusuan.read.tokens import tokenize
    from yusuan.templates import CodeKind

    for text, kind in (
        ("2080505 机关事业单位基本养老 1200 1200 250 保险缴费支出", CodeKind.FUNCTION),
        ("30101 基本工资 1200 800 400 302 含绩效工资", CodeKind.ECONOMIC),
    ):
        assert [ln.text for ln in _glued_rows(Line(1, text, tokenize(text)), kind)] == [text]
    glued = "201 38 02 一般行政管理事务 135,200 135,200 0 204 公共安全支出 1,633,000 1,633,000"
    split = _glued_rows(Line(1, glued, tokenize(glued)), CodeKind.FUNCTION)
    assert [ln.text.split()[0] for ln in split] == ["201", "204"]


def test_a_title_in_book_marks_is_a_title_and_one_quoted_in_a_sentence_is_not():
    from yusuan.read.tables import title_key

    assert title_key("表1《部门收支总表》") == "部门收支总表"
    assert title_key("款收入数、支出安排数应与《某局部门收支预算总表》") is None


def test_a_nesting_search_that_would_take_minutes_gives_up_and_says_so():
    from yusuan.read.panel_sums import _nestings

    # rows of one figure whose total no nesting reaches: every nesting is tried (3^n of them
    # but for the pruning), so the search stops at its budget instead of running for minutes
    garbled = figure_rows(*["1.00"] * 40)
    assert _nestings(garbled, D("0.50")) is None
    # a short run is still searched to the end
    assert _nestings(figure_rows(*["1.00"] * 4), D("0.50")) == []


# -- a page run into one line after its title --------------------------------------------------

RUN_ON = (
    "收入总表(预算表 2) 预算单位：长春市某某局 单位：万元 部门（单 位）代码 部门（单位）名 称 合计 "
    "编制预算 上年结转 小计 一般公共 预算 单位资金 105001 长春市某某局 100.00 100.00 100.00 0.00"
)


def test_a_title_with_its_page_run_on_is_split_off():
    """A text layer may give a page as one line; the title before the department's statement
    and the unit statement end lines of their own, what follows is the page run on."""
    lines, run_on = split_titles_run_on(["收支总表（预算表 1）", RUN_ON, "某年 单位：万元 说明"])
    assert lines[:3] == [
        "收支总表（预算表 1）",
        "收入总表(预算表 2)",
        "预算单位：长春市某某局 单位：万元",
    ]
    assert lines[3].startswith("部门（单 位）代码") and run_on == {3}
    assert lines[4] == "某年 单位：万元 说明"  # no title before it: left whole


def test_a_page_run_on_after_its_title_is_no_rows_of_the_table_before():
    """Without the split, the run-on page was read as rows of the 收支总表 (单位资金 105001 …)
    that failed its row sums; with it the 收入总表 is found, and with no row read from its one
    line it is left unread (said) rather than read as a table of zeros."""
    text = JILIN_PANELS.replace(
        "财政拨款收支总表(预算表 4)", RUN_ON + "\n财政拨款收支总表(预算表 4)"
    )
    doc = read_text(text, "jilin.txt")
    summary = table(doc, "summary")
    assert not any("105001" in r.name or r.name == "单位资金" for r in summary.rows)
    assert "income" not in [t.key for t in doc.tables]
    assert any(d.code == "parse.unread-table" and d.table == "income" for d in doc.diagnostics)
    report = audit(doc, select=("table", "cross", "completeness.table"))
    errors = [f for f in report.findings if f.severity.value == "error"]
    assert not [f for f in errors if "收入总表" in f.message or f.rule == "table.row-sum"]


def test_a_title_with_its_id_in_brackets_after_it_is_a_printed_title():
    """`收入总表(预算表 2)`: the id printed after the title, in brackets, is the title's id (the
    digit once made it no title, and a table found by it but not read was reported missing)."""
    (printed,) = printed_titles(["收入总表(预算表 2)"])
    assert (printed.title, printed.number) == ("收入总表", 2)
    (plain,) = printed_titles(["财政拨款支出表（功能科目）"])
    assert (plain.title, plain.number) == ("财政拨款支出表（功能科目）", None)


def test_a_page_number_between_a_paragraphs_lines_is_no_part_of_its_figures():
    """A text layer keeps the page's number between the lines of a paragraph that runs on to
    the next page: joined, `增长` / `4` / `17.31%` read as 增长417.31% (an accusation)."""
    lines = [
        "一、收支预算总体情况说明",
        "某厅2018年度收入、支出预算总计24458.43万",
        "元，与上年相比收、支预算总计各增加3608.98万元，增长",
        "4",
        "17.31%。主要原因是人员经费增加。",
        "- 5 -",
        "二、收入预算情况说明",
    ]
    (first, _) = read_sections(lines, set(), None)
    assert "增长17.31%" in first.text and "417.31" not in first.text


def test_amounts_a_letter_spaced_sentence_quotes_are_no_row_that_goes_on_the_table():
    """After the last table a numbered heading and prose end it, unless a row printing as many
    figures as the table's last follows; a sentence letter-spaced by the text layer (`财 政 业
    务 费 10.00 万 元 ，…`) quotes amounts with their unit, which no cell does, so it is no such
    row (the 三公 table once ran on through it and summed the narrative's 10.00 and 166.66)."""
    lines = split_lines(
        dedent(
            """\
            2025年部门“三公”经费和机关运行经费预算表
            编制部门：某局 单位:万元
            “三公”经费预算数 机关运行经费预算数
            合计 因公出国(境)费 公务接待费 公务用车购置及运行费
            小计 购置费 运行费
            0.95 0.95 229.43
            其他相关情况说明
            一、2025年“三公”经费预算情况说明
            2025年“三公”经费预算数为0.95万元，与2024年预算持平。其中：
            （一）因公出国（境）费0万元，与2024年预算持平，此项经费由区统筹安排。
            二、绩效目标设置情况
            本单位编报绩效目标的项目共4个，涉及项目预算资金598.46万元。其中：服务费418.80万
            元 ， 财 政 业 务 费 10.00 万 元 ， 信 息 化 费 166.66 万 元 ， 援 滇 经 费 3.00 万 元 。
            三、国有资产占有使用情况
            截至2024年8月31日，本局共有车辆0辆，其中部级领导干部用车0辆。
            """
        )
    )
    (region,) = find_regions(lines, tset("shanghai-budget"))
    assert lines[region.end].startswith("一、2025年")
