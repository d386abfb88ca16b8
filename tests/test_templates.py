"""Templates are data: they load, they are consistent, and a malformed one is refused clearly."""

from __future__ import annotations

from decimal import Decimal

import pytest

from yusuan.identities import holds, parse_identity, quantum_of, tolerance
from yusuan.templates import (
    Layout,
    TemplateError,
    normalise_title,
    parse_template_set,
    template_sets,
)


def test_bundled_sets_load_and_are_consistent():
    sets = template_sets()
    assert sets
    for tset in sets:
        # one table per key, but for its variants (other forms of the same standard table)
        keys = [t.key for t in tset.tables if not t.variant]
        assert len(keys) == len(set(keys))
        assert all(t.key in keys for t in tset.tables if t.variant)
        for table in tset.tables:
            # A table is found by its titles, or built from another's rows (derived).
            assert table.titles or table.derived is not None, table.key
            # The title matcher skips lines without 表: every title must contain it.
            assert all("表" in title for title in table.titles), table.key
            for ev in table.evidence:
                assert ev.column in table.columns, (table.key, ev.column)
            if table.layout is Layout.PANELS:
                assert len(table.panels) == 2


def test_the_12_table_set_has_the_spec_columns():
    prov = next(t for t in template_sets() if t.name == "prov12")
    assert [t.id for t in prov.tables] == [f"预算{n:02d}表" for n in range(1, 13)]
    expenditure = prov.by_key("expenditure")
    assert expenditure is not None
    assert "基本支出/人员经费/工资福利支出" in expenditure.columns
    gpb = prov.by_key("gpb_expenditure")
    assert gpb is not None and gpb.columns == expenditure.columns  # `like` copies the layout
    income = prov.by_key("income")
    assert income is not None and len(income.columns) == 18


def test_normalise_title_drops_year_quotes_and_spaces():
    assert (
        normalise_title("2023年一般公共预算“三公”经费支出情况表")
        == "一般公共预算三公经费支出情况表"
    )
    assert normalise_title("部门(单位)整体绩效目标表") == "部门整体绩效目标表"
    assert normalise_title(" 2024 年度 部门收支总表 ") == "部门收支总表"


@pytest.mark.parametrize(
    "text, problem",
    [
        ("[set]\nname='x'\n", "title"),
        (
            "[set]\nname='x'\ntitle='t'\ndoc_kind='预算'\nid_pattern='(\\\\d)'\n"
            "[[table]]\nkey='a'\ntitles=['甲表']\nlayout='coded'\ncolumns=['合计']\n"
            "identities=['合计 = 不存在']\n",
            "unknown columns",
        ),
        (
            "[set]\nname='x'\ntitle='t'\ndoc_kind='预算'\nid_pattern='(\\\\d)'\n"
            "[[table]]\nkey='a'\ntitles=['甲表']\nlayout='grid'\n",
            "grid",
        ),
        (
            "[set]\nname='x'\ntitle='t'\ndoc_kind='预算'\nid_pattern='(\\\\d)'\n"
            "[[table]]\nkey='a'\ntitles=['甲表']\nlayout='panels'\nincome_columns=['金额']\n"
            "expense_columns=['金额']\nexpense_segments=['功能分类']\n",
            "at least two",
        ),
        ("not toml at all [", "x.toml"),
        (
            "[set]\nname='x'\ntitle='t'\ndoc_kind='预算'\nid_pattern='(\\\\d)'\n"
            "[[table]]\nkey='a'\ntitles=['甲表']\nlayout='single'\n"
            "[[table]]\nkey='a'\ntitles=['乙表']\nlayout='single'\n",
            "variant",
        ),
        (
            "[set]\nname='x'\ntitle='t'\ndoc_kind='预算'\nid_pattern='(\\\\d)'\n"
            "[[table]]\nkey='a'\ntitles=['甲表']\nlayout='single'\nvariant=true\n",
            "variant",
        ),
    ],
)
def test_malformed_template_is_refused_with_its_place(text, problem):
    with pytest.raises(TemplateError, match=problem) as info:
        parse_template_set(text, "x.toml")
    assert "x.toml" in str(info.value)


def test_identity_parsing_and_rounding_tolerance():
    ident = parse_identity("合计 = 基本 + 项目 - 调减")
    assert ident.terms == ((1, "基本"), (1, "项目"), (-1, "调减"))
    assert str(ident) == "合计 = 基本 + 项目 - 调减"
    part = parse_identity("其中 <= 小计")
    assert part.part_of
    q = quantum_of([Decimal("1.00"), Decimal("2.5")])
    assert q == Decimal("0.01")
    assert tolerance(3, q) == Decimal("0.015")
    # 10.00 = 3.33 + 3.33 + 3.33 is a rounding difference (0.01 ≤ 4 × 0.005), 10.05 is not
    values = {"合计": Decimal("10.00"), "基本": Decimal("3.33"), "项目": Decimal("6.66")}
    assert holds(parse_identity("合计 = 基本 + 项目"), values, q)
    values["合计"] = Decimal("10.05")
    assert not holds(parse_identity("合计 = 基本 + 项目"), values, q)
    assert holds(part, {"其中": Decimal("5"), "小计": Decimal("6")}, q)
    assert not holds(part, {"其中": Decimal("7"), "小计": Decimal("6")}, q)
    assert not holds(part, {"其中": Decimal("7")}, q)
    with pytest.raises(ValueError):
        parse_identity("合计 + 基本")


def test_a_table_can_be_optional():
    text = (
        "[set]\nname='x'\ntitle='t'\ndoc_kind='预算'\nid_pattern='表(\\\\d)'\n"
        "[[table]]\nkey='a'\ntitles=['甲表']\nlayout='single'\ncolumns=['合计']\n"
        "[[table]]\nkey='b'\ntitles=['乙表']\nlayout='single'\ncolumns=['合计']\nrequired=false\n"
    )
    tset = parse_template_set(text, "x.toml")
    assert [t.required for t in tset.tables] == [True, False]


def test_a_computed_column_must_be_new_and_sum_printed_ones():
    from yusuan.templates import TemplateError, parse_template_set

    head = '[set]\nname = "t"\ntitle = "t"\ndoc_kind = "预算"\nid_pattern = "^$"\n'
    table = (
        '[[table]]\nkey = "expenditure"\ntitles = ["支出预算总表"]\nlayout = "coded"\n'
        'columns = ["合计", "人员", "公用"]\ncomputed = ["{rule}"]\n'
    )
    tset = parse_template_set(head + table.format(rule="基本 = 人员 + 公用"), "ok")
    (identity,) = tset.tables[0].computed
    assert (identity.left, identity.terms) == ("基本", ((1, "人员"), (1, "公用")))
    for wrong in ("基本 = 人员 + 其他", "合计 = 人员 + 公用"):  # unknown part; not a new column
        with pytest.raises(TemplateError, match="computed column"):
            parse_template_set(head + table.format(rule=wrong), "x")
