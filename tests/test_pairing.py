"""Which files are one disclosure: by the department, year and kind the reader found in
them and by the parts each holds, never by their names (yusuan.batch.pairing)."""

from __future__ import annotations

from decimal import Decimal

from yusuan.batch.discover import discover
from yusuan.batch.pairing import department_key, pair, parts_of, same_department
from yusuan.model import Cell, Disclosure, DocKind, Meta, Row, Section, Span, Table

PROSE = "本部门主要职能是……。" * 8


def _doc(
    path: str,
    department: str | None,
    year: int | None = 2019,
    *,
    prose: bool = False,
    tables: bool = False,
    kind: DocKind = DocKind.BUDGET,
    text: str = "",
) -> Disclosure:
    span = Span(path, 1, 1)
    sections = (Section("第一部分", "一", "部门概况", PROSE + text, span),) if prose else ()
    table = Table(
        "expenditure",
        "支出总表",
        span,
        ("合计",),
        (Row("合计", span, cells=(Cell("合计", Decimal("12.30")),)),),
    )
    return Disclosure(
        meta=Meta(path=path, department=department, year=year, kind=kind),
        sections=sections,
        tables=(table,) if tables else (),
        source=tuple((PROSE + text).split("。")) if prose else ("支出总表",),
    )


def test_parts_are_read_from_content():
    assert parts_of(_doc("a", "x", prose=True)).narrative
    assert not parts_of(_doc("a", "x", prose=True)).tables
    assert parts_of(_doc("b", "x", tables=True)).tables
    assert not parts_of(_doc("b", "x", tables=True)).narrative


def test_department_names_written_differently_are_one():
    assert department_key("中国共产党江苏省委员会办公厅") == "江苏省委办公厅"
    assert same_department("中国共产党江苏省委员会办公厅", "江苏省委办公厅")
    assert same_department("中共江苏省委办公厅", "江苏 省委办公厅")
    assert same_department("中国人民政治协商会议江苏省委员会办公厅", "江苏省政协办公厅")
    assert same_department(
        "中国共产党江苏省委员会办", "江苏省委办公厅"
    )  # cut short at a line's end
    assert same_department("西安市卫生健康委员会（汇总）", "西安市卫生健康委员会")
    assert not same_department("江苏省人民法院", "江苏省人民检察院")
    assert not same_department("江苏省", "江苏省财政厅")  # too short to stand for it


def test_a_narrative_and_a_tables_file_of_one_department_and_year_are_paired():
    docs = [
        _doc("tables.pdf", "中共江苏省委办公厅", tables=True),
        _doc("other.pdf", "江苏省财政厅", prose=True, tables=True),
        _doc("text.pdf", "江苏省委办公厅", prose=True),
    ]
    groups, notes = pair(docs)
    # the pair takes the place of its earliest file, the narrative first
    assert groups == [[2, 0], [1]]
    assert notes == {}


def test_a_lone_file_is_not_paired_with_another_departments():
    docs = [
        _doc("text.pdf", "江苏省人大常委会办公厅", prose=True),
        _doc("tables.pdf", "江苏省政协办公厅", tables=True),
    ]
    groups, notes = pair(docs)
    assert groups == [[0], [1]]
    assert notes[0].reason == "narrative-alone" and notes[1].reason == "tables-alone"


def test_another_year_or_kind_is_not_paired():
    for other in (
        _doc("t.pdf", "江苏省政协办公厅", 2018, tables=True),
        _doc("t.pdf", "江苏省政协办公厅", tables=True, kind=DocKind.FINAL),
    ):
        groups, _ = pair([_doc("n.pdf", "江苏省政协办公厅", prose=True), other])
        assert groups == [[0], [1]]


def test_two_tables_files_of_one_department_year_are_said_and_left_alone():
    docs = [
        _doc("text.pdf", "江苏省政协办公厅", prose=True),
        _doc("t1.pdf", "江苏省政协办公厅", tables=True),
        _doc("t2.pdf", "江苏省政协办公厅", tables=True),
    ]
    groups, notes = pair(docs)
    assert groups == [[0], [1], [2]]
    assert notes[0].reason == "ambiguous" and notes[0].others == ("t1.pdf", "t2.pdf")
    assert notes[1].reason == "ambiguous" and notes[1].others == ("text.pdf", "t2.pdf")


def test_a_narrative_naming_no_department_pairs_by_what_it_speaks_of():
    unnamed = _doc("text.pdf", None, prose=True, text="本部门内设机构包括省政协办公厅、研究室。")
    groups, _ = pair([unnamed, _doc("t.pdf", "江苏省政协办公厅", tables=True)])
    assert groups == [[0, 1]]
    groups, _ = pair([unnamed, _doc("t.pdf", "江苏省人民检察院", tables=True)])
    assert groups == [[0], [1]]
    # neither names a department: nothing says they are one
    groups, _ = pair([_doc("n.pdf", None, prose=True), _doc("t.pdf", None, tables=True)])
    assert groups == [[0], [1]]


def test_unreadable_files_are_left_out():
    groups, _ = pair(
        [
            None,
            _doc("t.pdf", "江苏省政协办公厅", tables=True),
            _doc("n.pdf", "江苏省政协办公厅", prose=True),
        ]
    )
    assert groups == [[2, 1]]


def test_folders_are_walked_recursively_with_include_and_exclude(tmp_path):
    for name in (
        "a.pdf",
        "sub/b.PDF",
        "sub/deeper/c.xlsx",
        "sub/notes.md",
        ".hidden/d.pdf",
        "sub/.e.pdf",
    ):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"x")
    root = str(tmp_path)
    found = [p[len(root) + 1 :] for p in discover([root])]
    assert found == ["a.pdf", "sub/b.PDF", "sub/deeper/c.xlsx"]  # sorted, hidden and .md left
    found = [p[len(root) + 1 :] for p in discover([root], include=["*.pdf"], exclude=["sub/*"])]
    assert found == ["a.pdf"]
    found = [p[len(root) + 1 :] for p in discover([root], exclude=["deeper/*"])]
    assert found == ["a.pdf", "sub/b.PDF"]
    # a file named twice (and inside a folder given) is taken once; a file named is always taken
    notes = str(tmp_path / "sub" / "notes.md")
    assert discover([notes, root, str(tmp_path / "a.pdf")]) == [
        notes,
        *(str(tmp_path / n) for n in ("a.pdf", "sub/b.PDF", "sub/deeper/c.xlsx")),
    ]
