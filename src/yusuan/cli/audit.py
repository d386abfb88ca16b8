"""`yusuan audit`: find every error a careful reviewer would."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from yusuan.cli.handon import check_handon, handon_options, write_handon
from yusuan.cli.options import as_one, read_all, rule_selection, split_ids
from yusuan.errors import YusuanError, internal_error


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=True))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "jsonl"]),
    default="text",
    show_default=True,
    help="text for reading; json: one object (an array for several files); jsonl: one per line.",
)
@rule_selection
@as_one
@click.option("--catalog", type=click.Path(file_okay=False), help="A directory of catalog CSVs.")
@click.option(
    "--unit-type",
    type=click.Choice(["机关", "事业"]),
    help="The budget unit's type, for the economic-code correspondence.",
)
@click.option(
    "--annotate",
    "annotate_out",
    type=click.Path(dir_okay=False),
    help="With one PDF: write a copy with each finding boxed on its page and a note beside it.",
)
@click.option(
    "--previous",
    multiple=True,
    type=click.Path(exists=True),
    help="Last year's disclosure of the same department, or the 预算 a 决算 executes (a file, "
    "repeatable, or a folder): this year's 上年 figures and 年初预算数 are checked against it.",
)
@click.option(
    "-v",
    "--verbose",
    is_flag=True,
    help="text: show the info notes (differences rounding explains …), every reading note and "
    "the checks skipped, with why.",
)
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False),
    help="A yusuan.toml; by default ./yusuan.toml or [tool.yusuan] in ./pyproject.toml.",
)
@handon_options
@click.option(
    "--baseline",
    "baseline_path",
    type=click.Path(dir_okay=False),
    help="审核基线（yusuan review export 写出）：其中已确认/已忽略的问题标为已处理，不计为新问题。"
    "默认读所审文件旁的 yusuan-baseline.toml。",
)
@click.option(
    "--db",
    "db_url",
    metavar="URL",
    help="库（yusuan import 所建）：未给 --previous 时从库中取同一部门上一年度（或同年预算）的公开"
    "对照，并用库中的审核结论标出已处理的问题。不给 --db 时不读任何库。",
)
def audit(
    files: tuple[str, ...],
    fmt: str,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    as_one: bool,
    catalog: str | None,
    unit_type: str | None,
    annotate_out: str | None,
    config_path: str | None,
    verbose: bool,
    output: str | None,
    statistics: bool,
    baseline_path: str | None = None,
    previous: tuple[str, ...] = (),
    db_url: str | None = None,
) -> None:
    """Audit each FILE and report what is wrong, where, and what the figure should be.

    The text report leads with each document's errors, then its warnings; info notes only
    with -v. Each finding is located as FILE.pdf:pPAGE (a PDF's page) or FILE:LINE (text).

    Exit status: 0 no errors; 1 errors found; 2 an input could not be used.
    """
    from yusuan.audit import Report
    from yusuan.audit import audit as run_audit
    from yusuan.audit.config import load_settings
    from yusuan.audit.rules import all_rules
    from yusuan.render.audit import AUDIT_RENDERERS, render_text

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
    if annotate_out and (len(files) != 1 or not Path(files[0]).is_file()):
        raise click.UsageError("--annotate takes exactly one PDF")
    if annotate_out and not Path(files[0]).read_bytes()[:5].startswith(b"%PDF"):
        raise click.UsageError(f"--annotate: {files[0]} is not a PDF")
    check_handon(output, files)  # before any work: a wrong name costs no audit
    from yusuan.review.baseline import Baselines

    try:  # decided findings (确认/忽略) are marked, not counted as new
        baselines = Baselines(baseline_path)
    except YusuanError as exc:
        click.echo(f"yusuan: {exc}", err=True)
        sys.exit(2)
    reports: list[Report] = []
    docs, failed = read_all(files, as_one)
    for doc in docs:
        try:
            report = run_audit(
                doc,
                select=chosen,
                ignore=skipped,
                catalog_dir=book,
                unit_type=unit_type or settings.unit_type,
            )
        except YusuanError as exc:
            click.echo(f"yusuan: {exc}", err=True)
            failed = True
            continue
        except Exception as exc:  # a bug: one line naming the file and the place, no traceback
            click.echo(f"yusuan: {internal_error(exc, doc.meta.path, 'auditing')}", err=True)
            failed = True
            continue
        reports.append(report)
    if previous and reports:  # checks across documents (yusuan.audit.across)
        from yusuan.audit.across.attach import with_previous

        reports, problems = with_previous(reports, previous, chosen, skipped, book)
        for problem in problems:
            click.echo(f"yusuan: {problem}", err=True)
        failed = failed or bool(problems)
    if db_url and reports:  # the store: last year's documents (no --previous) and decisions
        from yusuan.store import StoreError
        from yusuan.store.lookup import open_existing, with_store

        try:
            engine = open_existing(db_url)
            reports, notes = with_store(engine, reports, not previous, chosen, skipped, book)
            engine.dispose()
        except StoreError as exc:
            click.echo(f"yusuan: {exc}", err=True)
            sys.exit(2)
        for note in notes:  # a stored model that could not be read: said, the audit goes on
            click.echo(f"yusuan: {note}", err=True)
    try:  # after the checks across documents, so that theirs can be decided too
        reports = [baselines.apply(report) for report in reports]
    except YusuanError as exc:
        click.echo(f"yusuan: {exc}", err=True)
        sys.exit(2)
    if reports:
        render = AUDIT_RENDERERS[fmt]
        sys.stdout.write(render_text(reports, verbose) if fmt == "text" else render(reports))
        from yusuan.review import decision_for

        failed = write_handon(reports, output, statistics, fmt, decide=decision_for) or failed
    if annotate_out and reports:
        from yusuan.render.annotate import annotate_pdf

        try:
            placed, unplaced = annotate_pdf(Path(files[0]), reports[0], Path(annotate_out))
        except YusuanError as exc:  # the report is out; the copy could not be written
            click.echo(f"yusuan: {exc}", err=True)
            sys.exit(2)
        except Exception as exc:  # a bug: one line, no traceback
            click.echo(f"yusuan: {internal_error(exc, files[0], 'annotating')}", err=True)
            sys.exit(2)
        click.echo(
            f"yusuan: {annotate_out}: {placed} findings marked"
            + (f", {unplaced} without a page" if unplaced else ""),
            err=True,
        )
    if failed:
        sys.exit(2)
    if any(r.has_errors for r in reports):
        sys.exit(1)
