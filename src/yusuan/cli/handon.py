"""`yusuan audit --output FILE` and `--statistics`: the reports a reviewer hands on.

Kept apart from the audit command so that it adds one decorator and two calls there: the
options, the check of the output before any work (so a wrong name costs no audit), and the
writing after the report is out.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from yusuan.cli.options import F
from yusuan.errors import YusuanError, internal_error

if TYPE_CHECKING:
    from yusuan.audit import Report
    from yusuan.render.report import Decide


def handon_options(fn: F) -> F:
    fn = click.option(
        "--statistics",
        is_flag=True,
        help="After the report, count the findings per rule and severity (统计). With json or "
        "jsonl on stderr, so that stdout stays one document.",
    )(fn)
    return click.option(
        "--output",
        "output",
        type=click.Path(dir_okay=False),
        metavar="FILE",
        help="Also write the report to FILE, by its extension: .xlsx (汇总 and 问题清单 sheets), "
        ".csv (问题清单, UTF-8 with BOM for Excel) or .html (one page, each finding beside a "
        "crop of its PDF page). Never an input file; its folder must exist.",
    )(fn)


def check_handon(output: str | None, inputs: Sequence[str]) -> None:
    """Refuse in one line (exit 2) an output no report can be written to: another extension,
    a missing folder, one of the inputs — or an existing file inside an input folder, which
    may be one of the disclosures found there."""
    if output is None:
        return
    from yusuan.render.report import check_output

    out = Path(output)
    try:
        check_output(out, [p for p in inputs if not Path(p).is_dir()])
        if out.exists():
            target = out.resolve()
            for folder in (Path(p).resolve() for p in inputs if Path(p).is_dir()):
                if target.is_relative_to(folder):
                    raise YusuanError(
                        f"已存在于输入文件夹 {folder} 中，可能是输入文件之一，不覆盖", output
                    )
    except YusuanError as exc:
        click.echo(f"yusuan: {exc}", err=True)
        sys.exit(2)


def write_handon(
    reports: Sequence[Report],
    output: str | None,
    statistics: bool,
    fmt: str,
    decide: Decide | None = None,
) -> bool:
    """Print the statistics and write the output file; True when the file could not be
    written (said in one line: the report on stdout is out all the same)."""
    if statistics:
        from yusuan.render.report.statistics import render_statistics

        text = render_statistics(reports)
        if fmt == "text":
            sys.stdout.write("\n" + text)
        else:
            sys.stderr.write(text)
    if output is None:
        return False
    from yusuan.render.report import write_report

    try:
        write_report(Path(output), reports, decide)
    except YusuanError as exc:
        click.echo(f"yusuan: {exc}", err=True)
        return True
    except Exception as exc:  # a bug: one line naming the file, no traceback
        click.echo(f"yusuan: {internal_error(exc, output, 'writing the report')}", err=True)
        return True
    click.echo(f"yusuan: {output}: 已写入 {len(reports)} 份公开的报告", err=True)
    return False
