"""`yusuan audit`: find every error a careful reviewer would.

The command runs in three steps, each its own function so that other options add to one
step without touching the others: `audit_settings` (what to check), `audit_documents` (read,
pair and audit every document, on all cores: a list of `Result`), and the rendering of those
results (the report on stdout, the annotated copies)."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import click

from yusuan.audit import Report
from yusuan.batch import AuditSettings, Result
from yusuan.cli.annotate import annotate_option, annotate_plan, write_annotated
from yusuan.cli.handon import check_handon, handon_options, write_handon
from yusuan.cli.help import Help, bi
from yusuan.cli.options import (
    as_one,
    documents,
    files_of,
    language,
    rule_selection,
    say_unpaired,
    split_ids,
)
from yusuan.errors import YusuanError

SEVERITIES = ("error", "warning", "info")

HELP_ZH = """审核每个 FILE：列出错误、位置和应为的数。

FILE 可以是文件夹：递归审核其中的文件（--include、--exclude）。同一份公开分开发布的情况说明文件和表格文件按内容配对，作为一份审核；默认使用全部 CPU 核心（--jobs）。文本报告每份先列错误，再列警告；提示只在 -v 时列出。每条问题的位置写作 文件.pdf:p页码 或 文件:行号。多份时最后是汇总。

退出码：0 无错误；1 有错误；2 有文件无法使用。
"""

HELP_EN = """Audit each FILE and report what is wrong, where, and what the figure should be.

FILE may be a folder: its files are audited, recursively (--include, --exclude). The
narrative file and the tables file of one disclosure are found by content and audited as
one; every core is used (--jobs). The text report leads with each document's errors, then
its warnings; info notes only with -v. Each finding is located as FILE.pdf:pPAGE (a PDF's
page) or FILE:LINE (text). Several documents end with a summary.

Exit status: 0 no errors; 1 errors found; 2 an input could not be used.
"""


@click.command(cls=Help, help=bi(HELP_ZH, HELP_EN))
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=True))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "jsonl"]),
    default="text",
    show_default=True,
    help=bi(
        "text 供阅读；json：一个对象（多份时为数组）；jsonl：每份一行。",
        "text for reading; json: one object (an array for several documents); jsonl: one per line.",
    ),
)
@rule_selection
@as_one
@documents
@click.option(
    "--catalog",
    type=click.Path(file_okay=False),
    help=bi("科目目录 CSV 所在的文件夹。", "A directory of catalog CSVs."),
)
@click.option(
    "--unit-type",
    type=click.Choice(["机关", "事业"]),
    help=bi(
        "预算单位类型，用于经济分类科目对照。",
        "The budget unit's type, for the economic-code correspondence.",
    ),
)
@annotate_option
@click.option(
    "--previous",
    multiple=True,
    type=click.Path(exists=True),
    help=bi(
        "同一部门上一年度的公开（或决算所执行的预算）：文件，可重复，或文件夹；本年的上年数、"
        "年初预算数与之核对。",
        "Last year's disclosure of the same department, or the 预算 a 决算 executes (a file, "
        "repeatable, or a folder): this year's 上年 figures and 年初预算数 are checked against it.",
    ),
)
@click.option(
    "--baseline",
    "baseline_path",
    type=click.Path(dir_okay=False),
    help=bi(
        "审核基线（yusuan review export 写出）：其中已确认/已忽略的问题标为已处理，不计为新问题。"
        "默认读所审文件旁的 yusuan-baseline.toml。",
        "A review baseline (written by yusuan review export): the findings it confirms or "
        "ignores are marked decided, not counted as new. By default a yusuan-baseline.toml "
        "beside the audited files.",
    ),
)
@handon_options
@language
@click.option(
    "--min-severity",
    type=click.Choice(SEVERITIES),
    help=bi(
        "只列出此级别及以上的问题（所有格式）；info 时不加 -v 也列出提示。",
        "List only findings of this severity or higher, in every format (text lists info only "
        "with -v or --min-severity info).",
    ),
)
@click.option(
    "-q",
    "--quiet",
    is_flag=True,
    help=bi(
        "只输出汇总：总计一行，每份一行。", "Summary only: the total and one line per document."
    ),
)
@click.option(
    "--exit-zero",
    is_flag=True,
    help=bi(
        "发现错误也以 0 退出（有文件无法使用时仍为 2）。",
        "Exit 0 even when errors are found (an input that cannot be used still exits 2).",
    ),
)
@click.option(
    "-v",
    "--verbose",
    is_flag=True,
    help=bi(
        "text：显示提示（可由四舍五入解释的差异等）、全部读取说明和跳过的检查及原因。",
        "text: show the info notes (differences rounding explains …), every reading note and "
        "the checks skipped, with why.",
    ),
)
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False),
    help=bi(
        "配置文件 yusuan.toml；默认为 ./yusuan.toml 或 ./pyproject.toml 的 [tool.yusuan]。",
        "A yusuan.toml; by default ./yusuan.toml or [tool.yusuan] in ./pyproject.toml.",
    ),
)
@click.option(
    "--db",
    "db_url",
    metavar="URL",
    help=bi(
        "库（yusuan import 所建）：未给 --previous 时从库中取同一部门上一年度（或同年预算）的公开"
        "对照，并用库中的审核结论标出已处理的问题。不给 --db 时不读任何库。",
        "A store (made by yusuan import): without --previous, the same department's disclosure "
        "of the year before (or the 预算 of the year) is taken from it, and its decisions mark "
        "decided findings. Without --db no store is read.",
    ),
)
def audit(
    files: tuple[str, ...],
    fmt: str,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    as_one: bool,
    include: tuple[str, ...],
    exclude: tuple[str, ...],
    pair: bool,
    jobs: int,
    catalog: str | None,
    unit_type: str | None,
    annotate_out: str | None,
    lang: str,
    min_severity: str | None,
    quiet: bool,
    exit_zero: bool,
    config_path: str | None,
    verbose: bool,
    previous: tuple[str, ...] = (),
    baseline_path: str | None = None,
    output: str | None = None,
    statistics: bool = False,
    db_url: str | None = None,
) -> None:
    """Audit each FILE (see HELP_EN)."""
    from yusuan.review.baseline import Baselines

    settings = audit_settings(select, ignore, catalog, unit_type, config_path)
    paths = files_of(files, include, exclude)
    plan = annotate_plan(annotate_out, files, paths) if annotate_out else {}
    check_handon(output, files)  # before any work: a wrong name costs no audit
    try:  # decided findings (确认/忽略) are marked, not counted as new
        baselines = Baselines(baseline_path)
    except YusuanError as exc:
        click.echo(f"yusuan: {exc}", err=True)
        sys.exit(2)
    results = audit_documents(paths, settings, jobs, paired=pair, together=as_one, lang=lang)
    audited = [r for r in results if r.report is not None]
    reports = [r.report for r in audited if r.report is not None]
    failed = [r.name for r in results if r.report is None]
    # What works on the reports as a whole keeps their order: the annotated copies below pair
    # them with their files by place. The checks across documents come first, so that their
    # findings can be decided too.
    unusable = False  # a --previous file that could not be used, or a report not written
    if previous and reports:
        from yusuan.audit.across.attach import with_previous

        reports, problems = with_previous(
            reports, previous, settings.select, settings.ignore, settings.catalog_dir
        )
        for problem in problems:
            click.echo(f"yusuan: {problem}", err=True)
        unusable = bool(problems)
    if db_url and reports:  # the store: last year's documents (no --previous) and decisions
        from yusuan.store import StoreError
        from yusuan.store.lookup import open_existing, with_store

        try:
            engine = open_existing(db_url)
            reports, notes = with_store(
                engine,
                reports,
                not previous,
                settings.select,
                settings.ignore,
                settings.catalog_dir,
            )
            engine.dispose()
        except StoreError as exc:
            click.echo(f"yusuan: {exc}", err=True)
            sys.exit(2)
        for note in notes:  # a stored model that could not be read: said, the audit goes on
            click.echo(f"yusuan: {note}", err=True)
    try:
        reports = [baselines.apply(report) for report in reports]
    except YusuanError as exc:
        click.echo(f"yusuan: {exc}", err=True)
        sys.exit(2)
    if min_severity:
        reports = [at_least(r, min_severity) for r in reports]
    shown_info = verbose or min_severity == "info"
    if reports or (quiet and failed):
        sys.stdout.write(render(reports, fmt, shown_info, verbose, lang, quiet, failed))
    if reports:
        from yusuan.review import decision_for

        unusable = write_handon(reports, output, statistics, fmt, decide=decision_for) or unusable
    if plan:
        files_reports = [(r.paths, report) for r, report in zip(audited, reports, strict=True)]
        written = write_annotated(files_reports, plan, lang)
    if failed or unusable or (plan and not written):
        sys.exit(2)
    if any(r.has_errors for r in reports) and not exit_zero:
        sys.exit(1)


def audit_settings(
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    catalog: str | None,
    unit_type: str | None,
    config_path: str | None,
) -> AuditSettings:
    """The command line's choices over yusuan.toml's, each checked: an unknown rule or a
    catalog folder that is not there is a usage error, not a silent default."""
    from yusuan.audit.config import load_settings
    from yusuan.audit.rules import all_rules

    try:
        settings = load_settings(Path(config_path) if config_path else None)
    except YusuanError as exc:
        raise click.UsageError(str(exc)) from exc
    chosen = split_ids(select) or settings.select
    skipped = split_ids(ignore) or settings.ignore
    known = [r.id for r in all_rules()]
    for pattern in (*chosen, *skipped):
        if not any(rid == pattern or rid.startswith(pattern.rstrip(".") + ".") for rid in known):
            raise click.UsageError(f"no rule matches {pattern!r}; see `yusuan rules`")
    book = catalog or settings.catalog
    if book and not Path(book).is_dir():
        # a catalog that is not there would silently leave the bundled one in force
        raise click.UsageError(f"--catalog: {book} is not a directory of catalog CSVs")
    return AuditSettings(chosen, skipped, book, unit_type or settings.unit_type)


def audit_documents(
    paths: list[str],
    settings: AuditSettings,
    jobs: int | None,
    *,
    paired: bool = True,
    together: bool = False,
    lang: str = "zh",
) -> list[Result]:
    """Every document read, paired and audited (in parallel, a progress bar on a terminal's
    stderr); what could not be read or audited, and what could not be paired, said on stderr
    in one line each. One Result per disclosure, in the order given."""
    from yusuan.batch import run_documents

    results = run_documents(
        paths, settings, jobs or None, paired=paired, together=together, progress=sys.stderr
    )
    for result in results:
        if result.error:
            click.echo(f"yusuan: {result.error}", err=True)
        say_unpaired(result, lang)
    return results


def at_least(report: Report, severity: str) -> Report:
    """The report with the findings below `severity` left out (their counts too)."""
    from yusuan.audit.finding import Severity

    kept = {Severity(s) for s in SEVERITIES[: SEVERITIES.index(severity) + 1]}
    return replace(
        report,
        findings=tuple(f for f in report.findings if f.severity in kept),
        decisions={f: d for f, d in report.decisions.items() if f.severity in kept},
    )


def render(
    reports: list[Report],
    fmt: str,
    info: bool,
    verbose: bool,
    lang: str,
    quiet: bool,
    failed: list[str],
) -> str:
    """The report on stdout: text (Chinese or English; `quiet`: the summary alone), json or
    jsonl."""
    from yusuan.render.audit import AUDIT_RENDERERS, render_text

    if fmt == "text":
        return render_text(reports, verbose, lang=lang, quiet=quiet, failed=failed, info=info)
    return AUDIT_RENDERERS[fmt](reports)
