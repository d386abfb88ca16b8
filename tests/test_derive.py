"""Standard tables a family prints transposed (its rows are the standard table's columns)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from yusuan.model import Cell, Row, Side, Span, Table
from yusuan.read.derive import derive, item_label
from yusuan.templates import TemplateError, parse_template_set

from families import tset

D = Decimal


@pytest.mark.parametrize(
    ("printed", "label"),
    [
        ("其中：（一）因公出国（境）支出", "因公出国（境）支出"),
        ("（二）公务用车购置及运行维护支出", "公务用车购置及运行维护支出"),
        ("1.公务用车购置费", "公务用车购置费"),
        ("其中：（1）公务用车购置费", "公务用车购置费"),
        ("2、公务接待费", "公务接待费"),
        ("“三公”经费", "“三公”经费"),
        ("公 务 接 待 费", "公务接待费"),
    ],
)
def test_an_item_label_drops_among_enumeration_and_spaces(printed, label):
    assert item_label(printed) == label


def _list(*rows: tuple[str, str]) -> Table:
    return Table(
        key="sangong_list",
        title="一般公共预算“三公”经费支出预算表",
        span=Span("x.pdf", 10, 20),
        columns=("金额",),
        rows=tuple(
            Row(name, Span("x.pdf", 11 + i, 11 + i), cells=(Cell("金额", D(value)),))
            for i, (name, value) in enumerate(rows)
        ),
        template="fujian",
    )


def test_the_rows_of_a_vertical_list_become_the_columns_of_one_row():
    template = tset("fujian").by_key("sangong")
    assert template is not None and template.derived is not None
    source = _list(
        ("合计", "7.00"),
        ("1、因公出国（境）费用", "2.00"),
        ("2、公务接待费", "5.00"),
        ("3、公务用车购置及运行费", "0.00"),
        ("其中：（1）公务用车购置费", "0.00"),
        ("行政经费", "99.00"),  # not an item of the table: left out
    )
    table = derive(template, source)
    assert table is not None and table.key == "sangong" and len(table.rows) == 1
    row = table.rows[0]
    assert {c.column: c.value for c in row.cells} == {
        "“三公”经费合计": D("7.00"),
        "因公出国（境）费": D("2.00"),
        "公务接待费": D("5.00"),
        "公务用车购置及运行费/小计": D("0.00"),
        "公务用车购置及运行费/公务用车购置费": D("0.00"),
    }
    assert (row.span.line, row.span.end_line) == (11, 15)  # where its figures are printed
    assert table.template == "fujian" and table.title == source.title


def test_a_list_without_any_item_derives_nothing():
    template = tset("fujian").by_key("sangong")
    assert template is not None
    assert derive(template, _list(("行政经费", "99.00"))) is None


def test_a_derivation_must_name_an_earlier_table_and_known_columns():
    head = '[set]\nname = "t"\ntitle = "t"\ndoc_kind = "预算"\nid_pattern = "^$"\n'
    table = (
        '[[table]]\nkey = "sangong"\ntitles = []\nlayout = "single"\ncolumns = ["合计"]\n'
        '[table.derived]\nfrom = "{source}"\nvalue = "金额"\nrows = {{ "合计" = "{column}" }}\n'
    )
    source = '[[table]]\nkey = "list"\ntitles = ["三公表"]\nlayout = "form"\n'
    parse_template_set(head + source + table.format(source="list", column="合计"), "ok")
    with pytest.raises(TemplateError, match="no earlier table"):
        parse_template_set(head + table.format(source="list", column="合计"), "x")
    with pytest.raises(TemplateError, match="unknown columns"):
        parse_template_set(head + source + table.format(source="list", column="其他"), "x")


def test_the_row_of_the_budget_year_becomes_the_standard_row():
    template = tset("shenzhen").by_key("sangong")
    assert template is not None and template.derived is not None
    source_template = tset("shenzhen").by_key("sangong_by_year")
    assert source_template is not None
    columns = source_template.panel(Side.EXPENSE).columns

    def year_row(label: str, line: int, first: str) -> Row:
        values = [first, "0", "0", "1.00", "0", "0", "2.00", "0", "0", "3.00", "0", "0"]
        values += ["0", "0", "0", "3.00", "0", "0"]
        cells = tuple(Cell(c, D(v)) for c, v in zip(columns, values, strict=True))
        return Row(label, Span("x.pdf", line, line), side=Side.EXPENSE, cells=cells)

    source = Table(
        key="sangong_by_year",
        title="财政拨款“三公”经费支出表",
        span=Span("x.pdf", 1, 9),
        columns=(),
        rows=(
            year_row("2025年", 5, "5.00"),
            year_row("2026年", 6, "6.00"),
            year_row("增减变化金额", 7, "1.00"),
        ),
        template="shenzhen",
    )
    table = derive(template, source, 2026)
    assert table is not None
    (row,) = table.rows
    assert (row.name, row.span.line, row.side) == ("2026年", 6, Side.NONE)
    assert row.get("“三公”经费合计") == D("6.00")  # 总计/一般公共预算 of 2026
    assert row.get("公务用车购置及运行费/公务用车运行费") == D("3.00")
    assert [c.column for c in row.cells] == list(template.columns)
    assert derive(template, source, 2024) is None  # no row of that year
    assert derive(template, source, None) is None


def test_a_fold_by_measure_must_name_its_measures_and_their_columns():
    head = '[set]\nname = "t"\ntitle = "t"\ndoc_kind = "决算"\nid_pattern = "^$"\n'
    source = '[[table]]\nkey = "rows"\ntitles = ["三公表"]\nlayout = "single"\ncolumns = ["合计"]\n'
    table = (
        '[[table]]\nkey = "sangong"\ntitles = []\nlayout = "single"\ncolumns = [{columns}]\n'
        '[table.derived]\nfrom = "rows"\nrow = "measure"\n{measures}columns = {{ "合计" = "合计" }}\n'
    )
    both = '"合计/预算数", "合计/决算数"'
    measures = 'measures = ["预算数", "决算数"]\n'
    parse_template_set(head + source + table.format(columns=both, measures=measures), "ok")
    with pytest.raises(TemplateError, match="unknown columns"):
        columns = '"合计/预算数"'
        parse_template_set(head + source + table.format(columns=columns, measures=measures), "x")
    with pytest.raises(TemplateError, match="measures"):
        parse_template_set(head + source + table.format(columns=both, measures=""), "x")


def _by_measure(*rows: tuple[str, int, dict[str, str]]) -> Table:
    return Table(
        key="sangong_by_measure",
        title="财政拨款“三公”经费及会议费、培训费支出决算表",
        span=Span("x.pdf", 1, 9),
        columns=(),
        rows=tuple(
            Row(
                label,
                Span("x.pdf", line, line),
                side=Side.EXPENSE,
                cells=tuple(Cell(c, D(v)) for c, v in cells.items()),
            )
            for label, line, cells in rows
        ),
        template="national-final",
    )


def test_rows_of_each_measure_fold_into_one_row_of_both():
    # 预算数 / 决算数 printed as rows (the 2022 national 决算 layout): the standard row holds each
    # item's 预算数 and 决算数 side by side, as Shanghai prints them.
    template = next(t for t in tset("national-final").tables if t.key == "sangong" and t.variant)
    assert template.derived is not None and template.derived.row == "measure"
    source = _by_measure(
        ("预算数", 7, {"合计": "20.00", "公务接待费": "20.00", "会议费": "1.20"}),
        ("增减", 8, {"合计": "1.50"}),  # no measure: left out
        ("决算数", 9, {"合计": "18.50", "公务接待费": "18.50"}),
    )
    table = derive(template, source)
    assert table is not None and table.key == "sangong" and table.template == "national-final"
    (row,) = table.rows
    assert {c.column: c.value for c in row.cells} == {
        "合计/预算数": D("20.00"),
        "公务接待费/预算数": D("20.00"),
        "会议费/预算数": D("1.20"),
        "合计/决算数": D("18.50"),
        "公务接待费/决算数": D("18.50"),
    }
    assert [c.column for c in row.cells] == [c for c in template.columns if row.get(c)]
    assert (row.span.line, row.span.end_line, row.side) == (7, 9, Side.NONE)
    # only the 决算数 printed: its half of the row
    alone = derive(template, _by_measure(("决算数", 9, {"合计": "18.50"})))
    assert alone is not None
    assert [(c.column, c.value) for c in alone.rows[0].cells] == [("合计/决算数", D("18.50"))]
    assert alone.notes == ("no 预算数 row: its columns stay empty",)  # said, not silent
    assert table.notes == ()
    twice = derive(
        template,
        _by_measure(("决算数", 8, {"合计": "18.50"}), ("决算数", 9, {"合计": "19.00"})),
    )
    assert twice is not None and twice.rows[0].get("合计/决算数") == D("18.50")
    assert "决算数 is printed twice: the first row is read, line 9 not" in twice.notes
    assert derive(template, _by_measure(("增减", 8, {"合计": "1.50"}))) is None
