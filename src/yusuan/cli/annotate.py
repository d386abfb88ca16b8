"""`yusuan audit --annotate`: where each annotated copy goes, checked before the run.

One PDF given as a file: OUT is the copy's file name (or an existing folder to put it in).
Several documents, or a folder: OUT is a folder, and each PDF gets a copy of the same name
in it (a second file of the same name gets -2, -3 …). A copy never replaces its input: the
same path, or the same file by another path (a link), is refused before anything is read.
A missing output folder is created, with its parents: the reviewer asked for the copies
there, and a folder they misspelt shows up as new rather than as a lost run.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import click

from yusuan.audit import Report
from yusuan.cli.help import bi
from yusuan.errors import YusuanError, internal_error

F = Callable[..., Any]


def annotate_option(fn: F) -> F:
    return click.option(
        "--annotate",
        "annotate_out",
        type=click.Path(),
        metavar="OUT",
        help=bi(
            "写出 PDF 的标注副本：问题在页上框出，说明印在加宽的页边（可打印）。一个 PDF 时 OUT 为"
            "副本文件，多份时为文件夹（不存在则新建）。不会覆盖输入文件。",
            "Write a copy of each PDF with each finding boxed and its note printed in a margin "
            "added to the page: OUT is the copy for one PDF, a folder for several (created when "
            "missing). Never overwrites an input.",
        ),
    )(fn)


def _refuse(path: str, why: str) -> None:
    click.echo(f"yusuan: {path}: {why}", err=True)
    sys.exit(2)


def _is_pdf(path: str) -> bool:
    try:
        with open(path, "rb") as stream:
            return stream.read(5).startswith(b"%PDF")
    except OSError:
        return False


def _same(a: Path, b: Path) -> bool:
    if a.resolve() == b.resolve():
        return True
    try:
        return a.exists() and b.exists() and a.samefile(b)
    except OSError:
        return False


def annotate_plan(out: str, given: Sequence[str], paths: Sequence[str]) -> dict[str, Path]:
    """Each PDF to annotate and the copy to write; refuses (one line, exit 2) what is no PDF,
    an OUT that is a file where a folder is needed, and a copy that would be its input."""
    pdfs = [p for p in paths if _is_pdf(p)]
    target = Path(out)
    single = len(given) == 1 and not Path(given[0]).is_dir()
    plan: dict[str, Path] = {}
    if single:
        if not pdfs:
            _refuse(given[0], "--annotate: not a PDF")
        folder = target.is_dir() or out.endswith(("/", "\\"))
        plan[pdfs[0]] = target / Path(pdfs[0]).name if folder else target
    else:
        if target.exists() and not target.is_dir():
            _refuse(out, "--annotate: with several documents, OUT must be a folder, not a file")
        if not pdfs:
            _refuse(out, "--annotate: none of the documents is a PDF")
        taken: set[str] = set()
        for pdf in pdfs:
            name, n = Path(pdf).name, 1
            while name.lower() in taken:
                n += 1
                name = f"{Path(pdf).stem}-{n}{Path(pdf).suffix}"
            taken.add(name.lower())
            plan[pdf] = target / name
    for pdf, copy in plan.items():
        if _same(copy, Path(pdf)):
            _refuse(
                str(copy),
                f"--annotate would overwrite its input {pdf}: give another file or folder",
            )
    return plan


def write_annotated(
    reports: Sequence[tuple[Sequence[str], Report]], plan: dict[str, Path], lang: str
) -> bool:
    """Each planned copy written with its disclosure's findings in that file (a disclosure's
    files with its report; a paired disclosure's two PDFs each get theirs); one line each on
    stderr. False if any failed."""
    from yusuan.render.annotate import annotate_pdf
    from yusuan.render.words import word

    ok = True
    for paths, report in reports:
        for path in paths:
            copy = plan.get(path)
            if copy is None:
                continue
            try:
                copy.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                click.echo(
                    f"yusuan: {copy.parent}: cannot create the folder ({exc.strerror})", err=True
                )
                ok = False
                continue
            try:
                placed, unplaced = annotate_pdf(
                    Path(path),
                    report,
                    copy,
                    lang=lang,
                    first=path == paths[0],
                    name=path,  # as the findings name the file
                )
            except YusuanError as exc:  # the report is out; the copy could not be written
                click.echo(f"yusuan: {exc}", err=True)
                ok = False
                continue
            except Exception as exc:  # a bug: one line, no traceback
                click.echo(f"yusuan: {internal_error(exc, path, 'annotating')}", err=True)
                ok = False
                continue
            more = word(lang, "unplaced", n=unplaced) if unplaced else ""
            click.echo(
                "yusuan: " + word(lang, "annotated", out=copy, placed=placed, unplaced=more),
                err=True,
            )
    return ok
