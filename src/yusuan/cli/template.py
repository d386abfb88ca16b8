"""`yusuan template`: write the blank input workbook a unit fills for `yusuan compile`."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import NoReturn

import click

from yusuan.cli.help import Help, bi

HELP_ZH = """写出一份空白的预算录入工作簿（XLSX），供单位财务人员填写后由 yusuan compile 生成公开文件。

含填表说明、部门信息、单位、预算明细、项目、上年数、说明、三公、其他事项、决算各表；资金来源、支出类型、
项目类型等为下拉选择，科目编码按所选年度的分类科目目录校验，金额须为非负数。
已有同名文件时不覆盖，除非加 --force。

注意：本命令（template，单数）写录入表；yusuan templates（复数）列出审核时识别的公开表模板族。
"""

HELP_EN = """Write a blank input workbook (XLSX) for a unit's finance staff to fill in; yusuan
compile turns it into the disclosure.

Sheets: instructions, department, units, budget lines, projects, prior-year figures, reasons,
三公 counts, other matters; drop-downs for sources of money, uses and project types, codes
validated against the catalog of the year, amounts non-negative. An existing file is not
overwritten without --force.

Not to be confused with `yusuan templates` (plural), which lists the template families of
published disclosures the reader knows.
"""


def _fail(message: str) -> NoReturn:
    """One line on stderr, `yusuan: FILE: why`, and exit status 2: nothing was written."""
    click.echo(f"yusuan: {message}", err=True)
    raise SystemExit(2)


@click.command("template", cls=Help, help=bi(HELP_ZH, HELP_EN))
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help=bi("写出的 XLSX 文件。", "The XLSX file to write."),
)
@click.option(
    "--year",
    type=click.IntRange(2000, 2100),
    default=None,
    help=bi(
        "预算年度（默认：明年，即正在编制的年度）；决定科目编码下拉列表所用的目录。",
        "Fiscal year (default: next year, the one being prepared); picks the catalog of codes.",
    ),
)
@click.option(
    "--kind",
    type=click.Choice(["预算", "决算"]),
    default="预算",
    show_default=True,
    help=bi("预算或决算。", "Budget (预算) or final accounts (决算)."),
)
@click.option("--force", is_flag=True, help=bi("覆盖已有文件。", "Overwrite an existing file."))
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", is_eager=True, hidden=True)
def template(output: Path, year: int | None, kind: str, force: bool, lang: str) -> None:
    """Write the blank input workbook (see HELP_EN)."""
    from yusuan.compile.workbook_write import build_template, deterministic_bytes
    from yusuan.files import write_atomic
    from yusuan.model import DocKind

    if output.exists() and not force:
        _fail(f"{output}: 文件已存在，未覆盖（加 --force 覆盖）")
    if output.suffix.lower() != ".xlsx":
        _fail(f"{output}: 录入表须为 .xlsx 文件")
    fiscal = year if year is not None else date.today().year + 1
    data = deterministic_bytes(build_template(fiscal, DocKind(kind)))
    try:
        write_atomic(output, data)
    except OSError as exc:
        _fail(f"{output}: 无法写入（{exc.strerror or exc}）")
    click.echo(f"{output}: 已写出{fiscal}年{kind}录入表")
