"""`yusuan template`: the blank input workbook, its validations, and that it is written the same
way every time and never over a file without --force."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
from click.testing import CliRunner

from workbook_fill import blank
from yusuan.cli import cli
from yusuan.compile.budget import Source, Use
from yusuan.compile.workbook_layout import SHEETS


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def validations(ws) -> list[tuple[str, str, str, str | None]]:
    """(type, ranges, formula1, operator) of each data validation of a sheet."""
    return [
        (dv.type, str(dv.sqref), dv.formula1, dv.operator)
        for dv in ws.data_validations.dataValidation
    ]


def test_cli_writes_the_sheets_and_refuses_to_overwrite(tmp_path: Path):
    out = tmp_path / "budget.xlsx"
    code, stdout, _ = run("template", "-o", str(out), "--year", "2026")
    assert code == 0 and "2026年预算录入表" in stdout
    plain = tmp_path / "plain"
    plain.write_bytes(b"")  # a file as any program creates it: same permissions
    assert out.stat().st_mode == plain.stat().st_mode
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == [*SHEETS, "代码表"]
    assert wb["代码表"].sheet_state == "hidden"
    before = out.read_bytes()
    code, _, stderr = run("template", "-o", str(out), "--year", "2027", "--kind", "决算")
    assert code == 2 and stderr.startswith(f"yusuan: {out}: 文件已存在")
    assert out.read_bytes() == before  # nothing lost
    code, _, _ = run("template", "-o", str(out), "--year", "2027", "--kind", "决算", "--force")
    assert code == 0
    info = openpyxl.load_workbook(out)["部门信息"]
    assert (info["B4"].value, info["B5"].value) == (2027, "决算")


def test_the_help_tells_it_from_templates():
    code, stdout, _ = run("template", "--help")
    assert code == 0 and "yusuan templates" in stdout and "--force" in stdout


def test_written_template_is_deterministic(tmp_path: Path):
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    blank(first)
    blank(second)
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as archive:
        core = archive.read("docProps/core.xml").decode()
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    assert "2000-01-01T00:00:00Z" in core


def test_drop_downs_and_validation_sit_on_the_right_ranges(tmp_path: Path):
    wb = blank(tmp_path / "t.xlsx")
    lines = validations(wb["预算明细"])
    assert ("list", "E2:E2001", '"' + ",".join(s.value for s in Source) + '"', None) in lines
    assert ("list", "F2:F2001", '"' + ",".join(u.value for u in Use) + '"', None) in lines
    assert ("list", "H2:H2001", '"是,否"', None) in lines
    assert ("decimal", "J2:J2001", "0", "greaterThanOrEqual") in lines
    codes = {rng: formula for kind, rng, formula, _ in lines if formula.startswith("'代码表'")}
    assert set(codes) == {"B2:B2001", "C2:C2001", "D2:D2001"}
    # each code list points at the hidden sheet's column that holds that catalog
    sheet = wb["代码表"]
    for rng, column in (("B2:B2001", "A"), ("C2:C2001", "C"), ("D2:D2001", "E")):
        assert codes[rng].startswith(f"'代码表'!${column}$2:${column}$")
        last = int(codes[rng].rsplit("$", 1)[1])
        listed = [sheet[f"{column}{r}"].value for r in range(2, last + 1)]
        assert (
            all(isinstance(c, str) for c in listed) and sheet[f"{column}{last + 1}"].value is None
        )
    assert "2010301" in [sheet[f"A{r}"].value for r in range(2, sheet.max_row + 1)]
    strict = {str(dv.sqref): dv.errorStyle for dv in wb["预算明细"].data_validations.dataValidation}
    assert strict["E2:E2001"] == "stop" and strict["B2:B2001"] == "warning"  # catalog incomplete
    projects = validations(wb["项目"])
    assert ("list", "D2:D2001", '"其他运转类,特定目标类"', None) in projects
    assert ("decimal", "L2:L2001", "0", "greaterThanOrEqual") in projects
    info = validations(wb["部门信息"])
    assert ("list", "B5", '"预算,决算"', None) in info
    assert ("list", "B6", '"万元,元"', None) in info
    assert any(rng == "B7" and "shanghai-budget" in formula for _, rng, formula, _ in info)
    assert ("whole", "E2:E2001", "0", "greaterThanOrEqual") in info
    assert ("whole", "B2", "0", "greaterThanOrEqual") in validations(wb["三公"])


def test_headers_frozen_and_code_columns_typed_as_text(tmp_path: Path):
    wb = blank(tmp_path / "t.xlsx")
    for name in SHEETS[1:]:
        assert wb[name].freeze_panes == "A2", name
    lines = wb["预算明细"]
    assert lines["B2"].number_format == "@" and lines["J2"].number_format == "#,##0.00"
    assert lines.column_dimensions["B"].width >= 14
    assert lines["A2"].value is None  # no sample row to be read by mistake
