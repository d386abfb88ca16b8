"""Reports to hand on (`yusuan audit --output`): the workbook opened with openpyxl, the CSV
read by Excel's rules, the statistics, and the refusals of an output that cannot be written."""

from __future__ import annotations

import csv
import dataclasses
import json
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from yusuan.audit import Report, audit
from yusuan.audit.finding import Finding, Location, Severity
from yusuan.cli import cli
from yusuan.read import read_path
from yusuan.render.report import check_output, write_report
from yusuan.render.report.rows import FINDING_HEADERS, SUMMARY_HEADERS, status
from yusuan.render.report.statistics import render_statistics
from yusuan.render.report.xlsx import number_format

from conftest import FIXTURES, SEED

# A real disclosure with errors on table rows (boxed on their page) and in the narrative.
FUZHOU = FIXTURES / "corpus" / "fz-ybj-2026-ys.pdf"
HTML_INPUT = FIXTURES / "corpus" / "cq-jtw-2018-ys-narrative.html"


@pytest.fixture(scope="module")
def reports() -> list[Report]:
    return [audit(read_path(FUZHOU)), audit(read_path(SEED))]


def ignore_narrative(report: Report, finding: Finding) -> tuple[str, str] | None:
    """A reviewer's decisions: every narrative.amount set aside, with a reason."""
    return ("忽略", "口径不同，已核实") if finding.rule == "narrative.amount" else None


def with_findings(report: Report, *findings: Finding) -> Report:
    return dataclasses.replace(report, findings=findings)


def finding(severity: Severity, message: str = "问题", line: int | None = 10) -> Finding:
    return Finding("text.placeholder", severity, message, Location(line=line))


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


# --- the workbook -------------------------------------------------------------------------


def test_workbook_sheets_headers_filters_and_frozen_header(tmp_path, reports):
    out = tmp_path / "审核.xlsx"
    write_report(out, reports, ignore_narrative)
    book = load_workbook(out)
    assert book.sheetnames == ["汇总", "问题清单"]
    summary, issues = book["汇总"], book["问题清单"]
    assert [c.value for c in summary[1]] == list(SUMMARY_HEADERS)
    assert [c.value for c in issues[1]] == list(FINDING_HEADERS)
    for sheet in (summary, issues):
        assert sheet.freeze_panes == "A2"
        assert sheet.print_title_rows == "$1:$1" and sheet.page_setup.orientation == "landscape"
        assert (
            sheet.auto_filter.ref
            == f"A1:{sheet.cell(1, sheet.max_column).column_letter}{sheet.max_row}"
        )
    assert summary.max_row == 1 + len(reports)
    assert issues.max_row == 1 + sum(len(r.findings) for r in reports)
    # a long message gets a wide wrapped column; the page column stays narrow
    width = {c.value: issues.column_dimensions[c.column_letter].width for c in issues[1]}
    assert width["问题"] >= 40 and width["页"] <= 8
    # a wrapped message's row is as high as its lines (else they run over the next row)
    long = next(r for r in range(2, issues.max_row + 1) if len(issues.cell(r, 10).value) > 60)
    assert issues.row_dimensions[long].height >= 30


def test_summary_row_per_disclosure(tmp_path, reports):
    out = tmp_path / "a.xlsx"
    write_report(out, reports)
    rows = list(load_workbook(out)["汇总"].iter_rows(min_row=2, values_only=True))
    fuzhou = dict(zip(SUMMARY_HEADERS, rows[0], strict=True))
    report = reports[0]
    assert fuzhou["部门"] == report.doc.meta.department == "福州市医疗保障局"
    assert fuzhou["年度"] == 2026 and fuzhou["类型"] == "预算"
    assert fuzhou["文件"] == str(FUZHOU)
    assert (fuzhou["错误"], fuzhou["警告"], fuzhou["提示"]) == (
        report.count(Severity.ERROR),
        report.count(Severity.WARNING),
        report.count(Severity.INFO),
    )
    assert fuzhou["状态"] == "有错误"
    assert rows[1][4] == str(SEED)


def test_finding_row_figures_are_number_cells_and_decisions_shown(tmp_path, reports):
    out = tmp_path / "a.xlsx"
    write_report(out, reports, ignore_narrative)
    sheet = load_workbook(out)["问题清单"]
    header = [c.value for c in sheet[1]]
    rows = [dict(zip(header, r, strict=True)) for r in sheet.iter_rows(min_row=2)]
    amount = next(
        r for r in rows if r["规则"].value == "narrative.amount" and r["文件"].value == str(FUZHOU)
    )
    source = next(
        f
        for f in reports[0].findings
        if f.rule == "narrative.amount" and f.stated == Decimal(str(amount["所列值"].value))
    )
    stated, expected = amount["所列值"], amount["应为值"]
    assert stated.data_type == "n" and expected.data_type == "n"
    assert Decimal(str(stated.value)) == source.stated
    assert Decimal(str(expected.value)) == source.expected
    assert stated.number_format == "0.00"
    assert amount["页"].value == reports[0].doc.page_of(source.location.line)
    assert isinstance(amount["页"].value, int)
    assert amount["级别"].value == "错误"
    assert amount["问题"].value == source.message
    assert amount["建议"].value == source.suggestion
    assert amount["部门"].value == "福州市医疗保障局"
    assert amount["决定"].value == "已忽略：口径不同，已核实"
    assert amount["处理意见"].value is None  # left for the department
    assert all(r["决定"].value is None for r in rows if r["规则"].value != "narrative.amount")
    # errors before warnings before notes, within each disclosure
    order = {"错误": 0, "警告": 1, "提示": 2}
    levels = [order[r["级别"].value] for r in rows if r["文件"].value == str(FUZHOU)]
    assert levels == sorted(levels)


def test_number_format_keeps_every_printed_decimal():
    assert number_format(Decimal("7263.35")) == "0.00"
    assert number_format(Decimal("5")) == "0.00"
    assert number_format(Decimal("0.125")) == "0.000"


def test_document_text_is_never_a_formula_and_control_characters_go(tmp_path, reports):
    sneaky = with_findings(reports[1], finding(Severity.ERROR, '=HYPERLINK("x","点我")\x07'))
    out = tmp_path / "a.xlsx"
    write_report(out, [sneaky])
    cell = load_workbook(out)["问题清单"]["J2"]
    assert cell.value == '=HYPERLINK("x","点我")' and cell.data_type == "s"


# --- the CSV ------------------------------------------------------------------------------


def test_csv_opens_in_excel_with_chinese_intact(tmp_path, reports):
    out = tmp_path / "问题.csv"
    write_report(out, reports, ignore_narrative)
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    assert raw.count(b"\r\n") >= 1 + sum(len(r.findings) for r in reports)
    assert b"\n" not in raw.replace(b"\r\n", b"")  # CRLF only (no message here has a line break)
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == list(FINDING_HEADERS)
    assert len(rows) == 1 + sum(len(r.findings) for r in reports)
    first = dict(zip(FINDING_HEADERS, rows[1], strict=True))
    assert first["部门"] == "福州市医疗保障局" and first["级别"] == "错误"
    assert first["文件"] == str(FUZHOU) and first["页"].isdigit()
    amount = next(r for r in rows if r[7] == "narrative.amount")
    assert Decimal(amount[10]) == next(
        f.stated for f in reports[0].findings if f.rule == "narrative.amount"
    )
    assert amount[13] == "已忽略：口径不同，已核实"


def test_csv_quotes_commas_quotes_and_line_breaks(tmp_path, reports):
    message = '所列"合计"与各项之和不符，\n差额 1,234.50 万元'
    odd = with_findings(
        reports[1],
        Finding(
            "table.row-sum",
            Severity.ERROR,
            message,
            Location(table="预算03表", row="201 一般公共服务, 类", line=20),
            stated=Decimal("1E+3"),
            expected=Decimal("-12.5"),
        ),
        finding(Severity.WARNING, "=1+2"),
    )
    out = tmp_path / "a.csv"
    write_report(out, [odd])
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert len(rows) == 3
    row = dict(zip(FINDING_HEADERS, rows[1], strict=True))
    assert row["问题"] == message
    assert row["行"] == "201 一般公共服务, 类"
    assert (row["所列值"], row["应为值"]) == ("1000", "-12.5")  # plain digits, never 1E+3
    assert rows[2][9] == "'=1+2"  # text Excel would run as a formula is quoted


# --- status and statistics ----------------------------------------------------------------


def test_status_counts_decisions(reports):
    base = reports[1]
    error, warning = finding(Severity.ERROR), finding(Severity.WARNING, line=11)
    assert status(with_findings(base, error, warning)) == "有错误"
    assert status(with_findings(base, warning)) == "待核"
    assert status(with_findings(base, finding(Severity.INFO))) == "通过"

    def ignore_errors(_r: Report, f: Finding) -> tuple[str, str] | None:
        return ("忽略", "读错") if f.severity is Severity.ERROR else None

    def confirm_all(_r: Report, _f: Finding) -> tuple[str, str] | None:
        return ("确认", "已通知")

    assert status(with_findings(base, error, warning), ignore_errors) == "待核"
    assert status(with_findings(base, error), confirm_all) == "有错误"  # still to correct
    assert status(with_findings(base, warning), confirm_all) == "通过"


def test_statistics_counts_per_rule_and_severity(reports):
    text = render_statistics(reports)
    lines = text.splitlines()
    total = sum(len(r.findings) for r in reports)
    assert lines[0] == f"统计：2 份公开，{total} 条问题"
    assert lines[1].split() == ["规则", "错误", "警告", "提示", "合计"]
    by_rule = {line.split()[0]: [int(n) for n in line.split()[1:]] for line in lines[2:]}
    for rule in {f.rule for r in reports for f in r.findings}:
        want = [
            sum(1 for r in reports for f in r.findings if f.rule == rule and f.severity is s)
            for s in Severity
        ]
        assert by_rule[rule] == [*want, sum(want)], rule
    assert by_rule["合计"][-1] == total
    assert render_statistics([]).startswith("统计：0 份公开，0 条问题")


# --- the command line ---------------------------------------------------------------------


def test_audit_output_writes_the_workbook_and_statistics_follow_the_report(tmp_path):
    out = tmp_path / "审核.xlsx"
    code, stdout, stderr = run("audit", str(FUZHOU), "--output", str(out), "--statistics")
    assert code == 1  # errors found, as without --output
    assert load_workbook(out).sheetnames == ["汇总", "问题清单"]
    assert stdout.index("小结：") < stdout.index("统计：1 份公开")
    assert f"yusuan: {out}: " in stderr


@pytest.mark.parametrize(
    ("name", "starts"),
    [("问题.csv", "\ufeff部门,文件,页"), ("报告.html", "<!DOCTYPE html>"), ("REPORT.XLSX", "PK")],
)
def test_audit_output_by_extension(tmp_path, name, starts):
    out = tmp_path / name
    code, _, stderr = run("audit", str(FUZHOU), "--output", str(out))
    assert code == 1 and stderr.endswith("已写入 1 份公开的报告\n")
    assert out.read_bytes().decode("utf-8", "replace").startswith(starts)


def test_statistics_with_json_leave_stdout_one_document(tmp_path):
    code, stdout, stderr = run("audit", str(SEED), "--format", "json", "--statistics")
    assert code == 1
    assert json.loads(stdout)["document"]["year"] == 2023
    assert stderr.startswith("统计：1 份公开")


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("report.pdf", "报告只能写成 .xlsx、.csv、.html"),
        ("report", "不认识扩展名“（无）”"),
        ("没有的文件夹/report.xlsx", "不存在"),
    ],
)
def test_an_output_that_cannot_be_written_is_refused_in_one_line(tmp_path, name, why):
    out = tmp_path / name
    code, stdout, stderr = run("audit", str(SEED), "--output", str(out))
    assert code == 2 and stdout == ""  # refused before any audit
    assert stderr.count("\n") == 1 and stderr.startswith(f"yusuan: {out}: ") and why in stderr
    assert not out.exists()


def test_an_input_is_never_overwritten(tmp_path):
    given = tmp_path / "narrative.html"
    given.write_bytes(HTML_INPUT.read_bytes())
    for spelling in (str(given), str(tmp_path / "." / "narrative.html")):
        code, _, stderr = run("audit", str(given), "--output", spelling)
        assert code == 2 and "是输入文件之一" in stderr and stderr.count("\n") == 1
    assert given.read_bytes() == HTML_INPUT.read_bytes()


def test_an_existing_file_in_an_input_folder_is_not_overwritten(tmp_path):
    inside = tmp_path / "region" / "部门.xlsx"
    inside.parent.mkdir()
    inside.write_bytes(b"a department's workbook")
    assert check_output(inside, []) is None  # alone it could be a report
    code, _, stderr = run("audit", str(tmp_path / "region"), "--output", str(inside))
    assert code == 2 and "输入文件夹" in stderr
    assert inside.read_bytes() == b"a department's workbook"


def test_a_failed_write_leaves_the_earlier_report(tmp_path, reports, monkeypatch):
    out = tmp_path / "a.csv"
    out.write_text("earlier", "utf-8")

    def broken(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("yusuan.render.report.csvfile.write_csv", broken)
    with pytest.raises(Exception, match="报告写不进去"):
        write_report(out, reports)
    assert out.read_text("utf-8") == "earlier"
    assert [p.name for p in tmp_path.iterdir()] == ["a.csv"]  # no half-written file left


def test_readme_documents_the_options():
    readme = (Path(__file__).parent.parent / "README.md").read_text("utf-8")
    assert "--output FILE" in readme and "--statistics" in readme


def test_a_decision_record_of_the_store_is_taken_as_it_is(reports):
    from enum import StrEnum
    from typing import NamedTuple

    from yusuan.render.report.rows import finding_rows

    class Verdict(StrEnum):
        CONFIRM = "确认"
        IGNORE = "忽略"

    @dataclasses.dataclass(frozen=True)
    class Decision:
        verdict: Verdict
        reason: str
        who: str = "审核员"

    class Kept(NamedTuple):
        verdict: str
        reason: str
        at: str

    def store(_r: Report, f: Finding) -> object:
        if f.severity is Severity.ERROR:
            return Decision(Verdict.CONFIRM, "已通知部门")
        return Kept("忽略", "", "2026-12-01") if f.severity is Severity.WARNING else None

    rows = list(finding_rows(reports[:1], store))
    assert {r.decision for r in rows if r.severity is Severity.ERROR} == {"已确认：已通知部门"}
    assert {r.decision for r in rows if r.severity is Severity.WARNING} == {"已忽略"}
    assert {r.decision for r in rows if r.severity is Severity.INFO} == {""}
    assert status(reports[0], store) == "有错误"
