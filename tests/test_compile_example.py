"""`yusuan compile` on the example: the seed department's 2023 budget with its errors corrected.

What is compiled must audit clean, read back to the same tables as were derived, match the
seed's tables where the seed was right, and be written the same way every time.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from yusuan.audit import audit
from yusuan.audit.finding import Severity
from yusuan.cli import cli
from yusuan.compile.disclosure import compile_budget
from yusuan.compile.load import load
from yusuan.compile.run import build
from yusuan.model import Side
from yusuan.read import read_path
from yusuan.read.text import read_text
from yusuan.render.csv import long_rows

EXAMPLES = Path(__file__).parents[1] / "examples"
EXAMPLE = EXAMPLES / "seed-2023.yaml"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def compiled():
    return build(load(EXAMPLE), path=str(EXAMPLE))


def test_the_compiled_example_audits_with_no_error_and_no_warning(compiled):
    report = audit(read_text(compiled.text, path="seed-2023.txt"))
    assert [f.message for f in report.findings if f.severity is Severity.ERROR] == []
    assert [f.message for f in report.findings if f.severity is Severity.WARNING] == []
    assert report.evaluated > 1000  # the checks ran: the tables and narrative were read


def test_parse_reads_back_the_tables_that_were_derived(compiled):
    derived = Counter(long_rows(compiled.disclosure))
    read = Counter(long_rows(read_text(compiled.text, path="seed-2023.txt")))
    assert read == derived
    assert len(derived) > 800


def test_the_tables_equal_the_seeds_where_the_seed_is_right(seed):
    """The seed's 01–05 and 10 totals hold as published; 06's 合计 columns were wrong and 08's
    因公出国 figure had no money behind it (examples/README.md)."""
    doc = compile_budget(load(EXAMPLE))

    def value(d, key, name, column, code=None):
        table = d.table(key)
        row = next(r for r in table.rows if r.name == name and (code is None or r.code == code))
        return row.value(column)

    for key, name, column in [
        ("summary", "收入总计", "金额"),
        ("income", "合计", "本年收入/一般公共预算/小计"),
        ("expenditure", "合计", "基本支出/小计"),
        ("expenditure", "合计", "基本支出/人员经费/工资福利支出"),
        ("expenditure", "合计", "基本支出/公用经费/商品和服务支出"),
        ("expenditure", "合计", "项目支出/其他运转类"),
        ("gpb_expenditure", "合计", "合计"),
        ("projects", "合计", "合计"),
    ]:
        assert value(doc, key, name, column) == value(seed, key, name, column), (key, column)
    for code in ("2010302", "2011308", "2080505", "2101101", "2101102", "2210201"):
        row = next(r for r in seed.table("expenditure").rows if r.code == code)
        assert value(doc, "expenditure", row.name, "合计", code) == row.value("合计")
    # corrected: 06's 人员经费 = 05's 工资福利 + 对个人和家庭 (716.73 printed), 08 因公出国 0
    assert value(doc, "gpb_basic", "合计", "人员经费") == Decimal("686.69")
    assert value(doc, "sangong", "", "“三公”经费合计") == Decimal("47.50")


def test_the_narrative_states_the_corrected_figures(compiled):
    text = compiled.text
    assert "支出总计1634.35万元" in text  # the seed printed 16334.35
    assert "基本支出793.55万元，占支出总计的48.55%" in text
    assert "项目支出840.80万元，占支出总计的51.45%" in text
    assert "比上年减少920.42万元，下降36.03%" in text  # the seed divided by this year: 56.32%
    assert "机关运行经费预算比上年减少2.81万元，下降2.56%" in text
    assert "政府性基金预算支出情况表为空表" in text
    item = "一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）行政运行（项）612.00万元"
    assert item in text


def test_compile_writes_txt_and_csv_the_same_every_time(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    for out in (first, second):
        code, stdout, stderr = run("compile", str(EXAMPLE), "-o", str(out), "--formats", "txt,csv")
        assert code == 0, stderr
        assert "审核 0 个错误" in stdout
    for name in ("seed-2023.txt", "seed-2023.csv"):
        assert (first / name).read_bytes() == (second / name).read_bytes()
    assert (first / "seed-2023.csv").read_text("utf-8").startswith("table,side,row_code")
    # `yusuan parse` reads the written text as it reads a published one
    doc = read_path(first / "seed-2023.txt")
    assert doc.meta.department == "三门峡市城乡一体化示范区办公室"
    assert [t.id for t in doc.tables] == [f"预算{n:02d}表" for n in range(1, 13)]


def test_check_audits_and_writes_nothing(tmp_path):
    code, stdout, _ = run("compile", str(EXAMPLE), "--check", "-o", str(tmp_path / "out"))
    assert code == 0
    assert "未写文件" in stdout
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("example", ["seed-2023.yaml", "final-2023.yaml"])
@pytest.mark.parametrize("fmt", ["xlsx", "docx", "pdf", "html"])
def test_every_published_format_reads_back_to_the_derived_tables_and_audits_clean(
    tmp_path, example, fmt
):
    """Issue #13: reading any format back gives the same tables as the input, and what was
    compiled audits with no error in the form it is published in."""
    source = EXAMPLES / example
    code, _, stderr = run("compile", str(source), "-o", str(tmp_path), "--formats", fmt)
    assert code == 0, stderr
    written = tmp_path / f"{source.stem}.{fmt}"
    doc = read_path(written)
    derived = build(load(source), path=str(source)).disclosure
    assert Counter(long_rows(doc)) == Counter(long_rows(derived))
    assert (doc.meta.department, doc.meta.year, doc.meta.kind) == (
        derived.meta.department,
        derived.meta.year,
        derived.meta.kind,
    )
    report = audit(doc)
    assert [f.message for f in report.findings if f.severity is Severity.ERROR] == []


@pytest.mark.parametrize("example", ["seed-2023", "final-2023"])
def test_the_committed_outputs_are_current(example):
    """examples/out/ is what `make examples` writes from the examples today, byte for byte in
    every format (the demo imports its PDFs; a stale file would show an old disclosure)."""
    from yusuan.compile.run import FORMATS, render

    source = EXAMPLES / f"{example}.yaml"
    compiled = build(load(source), path=str(source))
    out = EXAMPLES / "out"
    assert (out / f"{example}.txt").read_text("utf-8") == compiled.text
    for fmt in FORMATS:
        if fmt != "txt":
            assert (out / f"{example}.{fmt}").read_bytes() == render(compiled.disclosure, fmt), fmt


FINAL = EXAMPLES / "final-2023.yaml"


def test_a_final_account_compiles_audits_clean_and_reads_back():
    compiled = build(load(FINAL), path=str(FINAL))
    assert compiled.errors == ()
    assert compiled.warnings == ()
    read = read_text(compiled.text, path="final-2023.txt")
    assert read.meta.template == "national-final"
    assert [t.id for t in read.tables] == [f"表 {n}" for n in range(1, 9)]
    assert Counter(long_rows(read)) == Counter(long_rows(compiled.disclosure))
    # 决算数 against 年初预算数, with the 调整预算 between and the reason for the difference
    assert (
        "行政运行（项）支出决算174.39万元。年初预算为180.00万元（调整预算176.00万元），"
        "支出决算为174.39万元，完成年初预算的96.88%。决算数小于年初预算数的主要原因是"
        in compiled.text
    )
    assert "完成年初预算的112.50%。决算数大于年初预算数" in compiled.text


def test_a_final_account_with_a_source_its_tables_cannot_show_is_refused(tmp_path):
    text = FINAL.read_text("utf-8").replace("source: 其他收入", "source: 财政专户管理资金")
    path = tmp_path / "final.yaml"
    path.write_text(text, "utf-8")
    code, _, stderr = run("compile", str(path), "--check")
    assert code == 1
    assert stderr.splitlines()[0] == (
        f"yusuan: {path}: lines[8].source：决算表样中没有“财政专户管理资金”这一资金来源"
    )


def test_the_committed_final_outputs_are_current():
    compiled = build(load(FINAL), path=str(FINAL))
    assert (EXAMPLES / "out" / "final-2023.txt").read_text("utf-8") == compiled.text


def test_a_final_account_with_balances_prints_them_where_real_final_accounts_do():
    """Issue #13: 年初 2.00 (一般公共预算, 2010301) and 年末 6.40 + 1.20 (其他收入, 2010302):
    表 1's panels meet at 本年支出 + 年末 = 本年收入 + 年初, 表 2 takes each 项's 本年收入
    from 年初 + 收入 − 支出 = 年末, 表 4 holds the 财政拨款 part, and the narrative says so."""
    compiled = build(load(FINAL), path=str(FINAL))
    tables = {t.key: t for t in compiled.disclosure.tables}

    def value(key: str, name: str, column: str = "金额", side: Side | None = None) -> Decimal:
        rows = [r for r in tables[key].rows if r.name == name and side in (None, r.side)]
        return rows[0].value(column)

    spent = value("summary", "本年支出合计")
    assert value("summary", "年初结转和结余") == Decimal("2.00")
    assert value("summary", "年末结转和结余") == Decimal("7.60")
    assert value("summary", "本年收入合计") == spent + Decimal("7.60") - Decimal("2.00")
    for side in (Side.INCOME, Side.EXPENSE):
        assert value("summary", "总计", side=side) == spent + Decimal("7.60")
    by_code = {r.code: r for r in tables["income"].rows if r.code}
    spent_by_code = {r.code: r for r in tables["expenditure"].rows if r.code}
    assert by_code["2010301"].value("本年收入/财政拨款收入") == spent_by_code["2010301"].value(
        "合计"
    ) + Decimal("4.40")
    assert by_code["2010302"].value("本年收入/其他收入") == Decimal("3.15") + Decimal("1.20")
    assert value("fiscal_summary", "年末财政拨款结转和结余", "一般公共预算财政拨款") == Decimal(
        "6.40"
    )
    assert "年初结转和结余2.00万元，年末结转和结余7.60万元。" in compiled.text
    assert "年末财政拨款结转和结余6.40万元。" in compiled.text
