"""Checks across documents on real consecutive disclosures (issue #11, item 3): what a reviewer
verifies by reading last year's PDF beside this year's.

江苏省人民检察院 2018 says 财政拨款收、支总预算 21,940.96 万元，与上年相比……增加 3,958.98 万元
(p25; again p26, p28): last year's figure would be 17,981.98, but its 2017 disclosure prints
17,981.68 (p12, 财政拨款收支预算总表; p11, p14 likewise). 江苏省高级人民法院 2019 restates 2018's
figures, every one as 2018 printed them.
"""

from __future__ import annotations

import json
import shutil
from decimal import Decimal
from functools import cache
from pathlib import Path

from click.testing import CliRunner

from yusuan.audit.across import compare_years, same_department, year_checks
from yusuan.audit.finding import Severity
from yusuan.cli import cli
from yusuan.model import Disclosure
from yusuan.read import read_path

from conftest import FIXTURES

JCY_2017 = FIXTURES / "corpus" / "js-jcy-2017-ys.pdf"
JCY_2018 = FIXTURES / "across" / "js-jcy-2018-ys.txt"
FY_2018 = FIXTURES / "across" / "js-fy-2018-ys.txt"
FY_2019 = FIXTURES / "corpus" / "js-fy-2019-ys.pdf"


@cache
def read(path: Path) -> Disclosure:
    return read_path(path)


def test_consecutive_disclosures_of_one_department_are_matched_and_others_are_not():
    assert same_department(read(JCY_2018), read(JCY_2017))
    # the 2018 court text prints its name only in its titles (江苏省高级\n人民法院 on the cover)
    match = same_department(read(FY_2019), read(FY_2018))
    assert match and "江苏省高级人民法院" in match.reason
    other = same_department(read(JCY_2018), read(FY_2018))
    assert not other
    assert "江苏省人民检察院" in other.reason


def test_a_change_that_implies_another_figure_than_last_years_is_reported_once():
    checks = year_checks(read(JCY_2018), read(JCY_2017))
    findings = [c.finding for c in checks if c.finding is not None]
    assert len(checks) >= 6  # 基本支出, 项目支出, the totals … each compared
    assert len(findings) == 1
    (found,) = findings
    assert found.rule == "across.previous-year"
    assert found.severity is Severity.WARNING  # implied by a change: never an error
    assert (found.stated, found.expected) == (Decimal("17981.98"), Decimal("17981.68"))
    assert "js-jcy-2017-ys.pdf:p12" in found.message  # last year's file and page
    assert "3,958.98" in found.message  # this year's sentence quoted
    assert "另见" in found.message  # the same change stated in two more sentences
    assert compare_years(read(JCY_2018), read(JCY_2017)) == [found]


def test_figures_restated_as_last_year_printed_them_give_no_finding():
    checks = year_checks(read(FY_2019), read(FY_2018))
    assert len(checks) >= 10  # classes and 项 of the item paragraphs, totals, 三公 parts
    assert [c.finding for c in checks if c.finding] == []


def test_documents_that_do_not_fit_are_not_compared():
    # the year after, or the same year: no 上年 figure of this one's
    assert year_checks(read(JCY_2017), read(JCY_2018)) == []
    assert year_checks(read(JCY_2018), read(JCY_2018)) == []


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_audit_previous_adds_the_findings_to_the_current_documents_report():
    code, out, err = run(
        "audit",
        str(JCY_2018),
        "--previous",
        str(JCY_2017),
        "--format",
        "json",
        "--select",
        "across",
    )
    assert err == "" and code == 0  # a warning only
    report = json.loads(out)
    found = [f for f in report["findings"] if f["rule"] == "across.previous-year"]
    assert len(found) == 1 and found[0]["severity"] == "warning"
    code, out, _ = run("audit", str(JCY_2018), "--previous", str(JCY_2017), "--ignore", "across")
    assert "across." not in out


def test_audit_previous_of_another_department_is_one_line_saying_why():
    code, out, err = run("audit", str(JCY_2018), "--previous", str(FY_2018), "--select", "across")
    assert code == 2
    assert err.count("\n") == 1
    assert err.startswith(f"yusuan: {FY_2018}: 不是同一部门：")
    assert "江苏省人民检察院" in err  # what it looked for in the other's titles
    assert "Traceback" not in err + out
    assert out  # the current document is still reported


def test_audit_previous_of_a_year_that_does_not_fit_says_so(tmp_path):
    code, _, err = run("audit", str(JCY_2017), "--previous", str(JCY_2018), "--select", "across")
    assert code == 2
    assert "不能对照" in err and "2018" in err


def test_audit_previous_unreadable_file_is_one_line(tmp_path):
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4 not really")
    code, _, err = run("audit", str(JCY_2018), "--previous", str(broken))
    assert code == 2
    assert err.startswith("yusuan: ") and str(broken) in err and err.count("\n") == 1
    assert "Traceback" not in err


def test_audit_previous_folder_finds_the_departments_document(tmp_path):
    folder = tmp_path / "2017"
    (folder / "sub").mkdir(parents=True)
    shutil.copy(JCY_2017, folder / "sub" / "jcy.pdf")
    shutil.copy(FY_2018, folder / "fy.txt")  # another department's: passed over in a folder
    code, out, err = run(
        "audit", str(JCY_2018), "--previous", str(folder), "--format", "json", "--select", "across"
    )
    assert (code, err) == (0, "")
    assert [f["rule"] for f in json.loads(out)["findings"]] == ["across.previous-year"]
    empty = tmp_path / "none"
    empty.mkdir()
    shutil.copy(FY_2018, empty / "fy.txt")
    code, _, err = run("audit", str(JCY_2018), "--previous", str(empty), "--select", "across")
    assert code == 2 and "没有同一部门" in err


def test_a_bug_while_comparing_is_one_line_and_the_report_still_comes(monkeypatch):
    import yusuan.audit.across.attach as attach

    def broken(*args: object, **kwargs: object) -> list[object]:
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(attach, "year_checks", broken)
    code, out, err = run("audit", str(JCY_2018), "--previous", str(JCY_2017), "--select", "across")
    assert code == 2
    assert err.count("\n") == 1 and "internal error comparing it (ZeroDivisionError: boom" in err
    assert str(JCY_2017) in err and "Traceback" not in err
    assert "js-jcy-2018-ys.txt" in out


def test_last_years_disclosure_published_as_two_files_is_read_as_one(tmp_path):
    """江苏省人大常委会办公厅 2019 (a narrative file and a tables file) as the year before of a
    2020 budget whose 一般公共预算支出表 prints 上年预算数: the two files are paired by content
    and each 上年 figure held against the row of the same code."""
    from yusuan.audit import Report
    from yusuan.audit.across.attach import with_previous
    from yusuan.model import Cell, DocKind, Meta, Row, RowKind, Span, Table

    folder = tmp_path / "2019"
    folder.mkdir()
    for part in ("text", "tables"):
        name = f"js-rd-2019-ys-{part}.pdf"
        shutil.copy(FIXTURES / "corpus" / name, folder / name)
    path = str(tmp_path / "2020.pdf")

    def row(code: str | None, name: str, last: str, this: str) -> Row:
        kind = RowKind.CODE if code else RowKind.TOTAL
        cells = (Cell("上年预算数", Decimal(last)), Cell("合计", Decimal(this)))
        return Row(name, Span(path, 5, 5, page=3), kind, code, cells=cells)

    rows = (
        row(None, "合计", "18330.37", "19000.00"),
        row("2010101", "行政运行", "7448.20", "7600.00"),
        row("2010102", "一般行政管理事务", "2464.20", "2500.00"),  # 2019 printed 2,464.02
    )
    table = Table(
        "gpb_expenditure",
        "一般公共预算支出表",
        Span(path, 1, 9, page=3),
        ("上年预算数", "合计"),
        rows,
    )
    meta = Meta(path, "江苏省人大常委会办公厅", None, (), 2020, DocKind.BUDGET)
    current = Disclosure(meta, tables=(table,))
    report = Report(current, (), 0, 0, 0, ())
    (result,), problems = with_previous([report], [str(folder)])
    assert problems == []
    assert result.evaluated == 3
    found = [(f.rule, f.location.row, f.stated, f.expected) for f in result.findings]
    assert found == [
        ("across.previous-year", "2010102 一般行政管理事务", Decimal("2464.20"), Decimal("2464.02"))
    ]
    assert "js-rd-2019-ys-tables.pdf:p" in result.findings[0].message
