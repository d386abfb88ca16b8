"""The input workbook as a spreadsheet program leaves it: filled, saved by LibreOffice Calc
(which computes formulas and rewrites every part of the file), and read back."""

from __future__ import annotations

import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from workbook_fill import blank, small_budget
from yusuan.compile.workbook import WorkbookError, read_workbook

needs_libreoffice = pytest.mark.skipif(
    shutil.which("libreoffice") is None,
    reason="libreoffice is not on PATH (Debian: libreoffice-calc-nogui; `make test` installs it)",
)


def through_libreoffice(source: Path, root: Path) -> Path:
    folder = root / "out"
    subprocess.run(
        [
            "libreoffice",
            f"-env:UserInstallation=file://{root}/profile",  # no clash with a running one
            "--headless",
            "--convert-to",
            "xlsx:Calc MS Excel 2007 XML",
            "--outdir",
            str(folder),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return folder / source.name


@pytest.mark.libreoffice
@needs_libreoffice
def test_a_workbook_saved_by_calc_reads_the_same_and_keeps_its_drop_downs(tmp_path: Path):
    wb = blank(tmp_path / "blank.xlsx")
    small_budget(wb)
    ws = wb["预算明细"]
    ws["J2"] = "=100+20.5"  # a formula: its computed value is read
    ws["J3"] = "=1234.56*1"
    wb.save(tmp_path / "filled.xlsx")
    saved = through_libreoffice(tmp_path / "filled.xlsx", tmp_path)
    budget = read_workbook(saved)
    assert [line.amount for line in budget.lines] == [
        Decimal("120.5"),
        Decimal("1234.56"),
        Decimal("0.1"),
        Decimal(88),
    ]
    assert budget.lines[0].function == "2010301" and budget.units[0].code == "309001"
    kinds = {
        dv.type for dv in openpyxl.load_workbook(saved)["预算明细"].data_validations.dataValidation
    }
    assert {"list", "decimal"} <= kinds


@pytest.mark.libreoffice
@needs_libreoffice
def test_an_unrounded_formula_result_is_refused_not_rounded(tmp_path: Path):
    wb = blank(tmp_path / "blank.xlsx")
    small_budget(wb)
    wb["预算明细"]["J2"] = "=100/3"
    wb.save(tmp_path / "filled.xlsx")
    saved = through_libreoffice(tmp_path / "filled.xlsx", tmp_path)
    with pytest.raises(WorkbookError) as caught:
        read_workbook(saved)
    (problem,) = caught.value.problems  # 33.3333333333333: as many digits as Calc stores
    assert problem.startswith("预算明细!J2：“金额”：金额33.33333")
    assert problem.endswith("超过两位小数（请勿用公式算出未取整的数）")
