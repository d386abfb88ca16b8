"""`yusuan compile`: budget data in, the whole disclosure out (tables and 情况说明)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from yusuan.cli.help import Help, bi
from yusuan.cli.options import language

HELP_ZH = """由预算数据 INPUT（.yaml、.yml 或 .json，格式见 examples/README.md；或 .xlsx：
yusuan template 的录入工作簿、上海市区级部门/单位预算工作簿）生成整套公开：
全部表格和情况说明，每个数都由预算行算出。上海市的工作簿默认生成上海的 9 张表和说明
（shanghai-budget），工作簿没有写明的内容在说明中直说，并逐项给出“警告：输入未写明…”。

先检查输入（未知科目编码、负数金额、没有资金来源的行、未列出的单位或项目、人员/公用与经济分类
不符、“三公”数量与金额矛盾……），所有问题一次列出，每条注明位置；有问题时不写任何文件，退出码 1。
再把生成的公开读回并审核，审核有错误时同样不写。

--check 只检查和审核，不写文件。输出文件为 DIR/INPUT名.格式。
"""

HELP_EN = """Compile the whole disclosure (every table and the 情况说明) from the budget data
in INPUT (.yaml, .yml or .json, the schema is in examples/README.md; or .xlsx: the workbook of
`yusuan template`, or a filled Shanghai 部门/单位预算 workbook).

The input is checked first; every problem is printed at once with its place, and nothing is
written (exit status 1). The compiled disclosure is then read back and audited; nothing is
written when the audit finds an error either.

--check checks and audits without writing. Files are written as DIR/INPUT-NAME.FORMAT.
"""


@click.command("compile", cls=Help, help=bi(HELP_ZH, HELP_EN))
@click.argument("input_path", metavar="INPUT", type=click.Path(dir_okay=False))
@click.option(
    "-o",
    "--output",
    "out",
    type=click.Path(file_okay=False),
    help=bi("输出文件夹（不用 --check 时必填）。", "Output folder (required unless --check)."),
)
@click.option(
    "--formats",
    default=None,
    metavar="LIST",
    help=bi(
        "逗号分隔的输出格式：txt、csv、xlsx、docx、pdf、html；默认为现有的全部格式。",
        "Comma-separated formats: txt, csv, xlsx, docx, pdf, html; default: all of them.",
    ),
)
@click.option(
    "--template",
    default=None,
    metavar="NAME",
    help=bi(
        "表样：prov12（预算12表）、national-final（决算）或 shanghai-budget（上海部门预算9表）；默认取输入中的 template（上海市的预算工作簿默认为 shanghai-budget）。",
        "Template: prov12 (budget), national-final (决算) or shanghai-budget (Shanghai's 9 tables); default: the input's (shanghai-budget for a Shanghai workbook).",
    ),
)
@click.option(
    "--check",
    "check_only",
    is_flag=True,
    help=bi("只检查输入并审核生成的公开，不写文件。", "Check and audit only; write nothing."),
)
@language
def compile_(
    input_path: str,
    out: str | None,
    formats: str | None,
    template: str | None,
    check_only: bool,
    lang: str,
) -> None:
    """Compile the disclosure of INPUT (see HELP_EN)."""
    from yusuan.compile.load import BudgetError
    from yusuan.compile.run import FORMATS, build, read_input, write

    english = lang == "en"
    if not check_only and not out:
        raise click.UsageError(
            "缺少 -o DIR（或用 --check 只检查）" if not english else "missing -o DIR"
        )
    wanted = [f.strip() for f in (formats or "").split(",") if f.strip()]
    unknown = [f for f in wanted if f not in FORMATS]
    if unknown:
        raise click.UsageError(f"不认识的格式：{'、'.join(unknown)}（可选：{'、'.join(FORMATS)}）")
    chosen = wanted or list(FORMATS)
    try:
        compiled = build(read_input(input_path), template, input_path)
    except BudgetError as exc:
        for problem in exc.problems:
            click.echo(f"yusuan: {input_path}: {problem}", err=True)
        click.echo(f"yusuan: {input_path}: 共 {len(exc.problems)} 处问题，未写任何文件", err=True)
        sys.exit(1)
    except Exception as exc:  # a bug in yusuan: one line naming it, never a traceback
        from yusuan.errors import internal_error

        click.echo(f"yusuan: {internal_error(exc, input_path, 'compiling')}", err=True)
        sys.exit(2)
    if compiled.errors:
        for message in compiled.errors:
            click.echo(f"yusuan: {input_path}: 审核错误：{message}", err=True)
        click.echo(
            f"yusuan: {input_path}: 生成的公开审核有 {len(compiled.errors)} 个错误，未写任何文件",
            err=True,
        )
        sys.exit(1)
    doc = compiled.disclosure
    summary = (
        f"{doc.meta.department} {doc.meta.year}年{doc.meta.kind.value if doc.meta.kind else ''}："
        f"{len(doc.tables)} 张表，{len(doc.sections)} 节说明；审核 0 个错误，{len(compiled.warnings)} 个警告"
    )
    for message in compiled.warnings:
        click.echo(f"yusuan: {input_path}: 审核警告：{message}", err=True)
    for gap in compiled.unstated:
        click.echo(f"yusuan: {input_path}: 警告：输入未写明{gap}", err=True)
    if check_only:
        click.echo(f"{input_path}: {summary}（--check：未写文件）")
        return
    assert out is not None
    for path in write(compiled, Path(out), chosen, Path(input_path).stem):
        click.echo(f"写入 {path}")
    click.echo(summary)
