"""Option bundles shared by commands."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from yusuan.batch import DEFAULT_INCLUDE, Result, discover
from yusuan.cli.help import bi

F = Callable[..., Any]


def split_ids(values: tuple[str, ...]) -> tuple[str, ...]:
    """`--select a,b --select c` → (a, b, c)."""
    return tuple(v.strip() for value in values for v in value.split(",") if v.strip())


def rule_selection(fn: F) -> F:
    fn = click.option(
        "--ignore",
        multiple=True,
        metavar="IDS",
        help=bi(
            "不检查的规则编号或前缀（逗号分隔或重复给出）。",
            "Rule ids or prefixes to leave out (comma-separated or repeated).",
        ),
    )(fn)
    return click.option(
        "--select",
        multiple=True,
        metavar="IDS",
        help=bi(
            "只检查这些规则编号或前缀，如 narrative 或 table.row-sum。",
            "Only these rule ids or prefixes, e.g. narrative or table.row-sum.",
        ),
    )(fn)


def as_one(fn: F) -> F:
    return click.option(
        "--as-one",
        is_flag=True,
        help=bi(
            "所有文件是同一份公开分开发布的几部分（情况说明和表格），合为一份读取。",
            "The FILES are one disclosure published in parts (narrative and tables): read "
            "them as one.",
        ),
    )(fn)


def documents(fn: F) -> F:
    """FILES may be folders: which files they offer, how the parts of one disclosure are
    found, and how many processes read them."""
    options = [
        click.option(
            "--include",
            multiple=True,
            metavar="GLOB",
            help=bi(
                f"文件夹中要读取的文件（可重复）；默认：{' '.join(DEFAULT_INCLUDE)}。",
                f"In folders, the files to read (repeatable); default: {' '.join(DEFAULT_INCLUDE)}.",
            ),
        ),
        click.option(
            "--exclude",
            multiple=True,
            metavar="GLOB",
            help=bi(
                "文件夹中不读取的文件（可重复），如 '*草稿*' 或 'old/*'。",
                "In folders, files to leave out (repeatable), e.g. '*草稿*' or 'old/*'.",
            ),
        ),
        click.option(
            "--pair/--no-pair",
            default=True,
            show_default=True,
            help=bi(
                "按内容把同一部门同一年度的情况说明文件和表格文件配对，作为一份公开。",
                "Pair a narrative file and a tables file of one department and year, found by "
                "content, as one disclosure.",
            ),
        ),
        click.option(
            "-j",
            "--jobs",
            type=click.IntRange(min=0),
            default=0,
            metavar="N",
            help=bi(
                "并行读取和审核的进程数：默认 0 为全部核心，1 为在本进程内。",
                "Processes to read and audit with (default 0: every core; 1: in this process).",
            ),
        ),
    ]
    for option in reversed(options):
        fn = option(fn)
    return fn


def files_of(
    paths: tuple[str, ...], include: tuple[str, ...], exclude: tuple[str, ...]
) -> list[str]:
    """The files FILES name (folders walked); one line and exit 2 when a folder offers none
    and nothing else is given."""
    import sys
    from pathlib import Path

    files = discover(paths, include, exclude)
    if not files:
        globs = " ".join(include or DEFAULT_INCLUDE)
        for folder in (p for p in paths if Path(p).is_dir()):
            click.echo(f"yusuan: {folder}: a directory without a file to read ({globs})", err=True)
        sys.exit(2)
    return files


def say_unpaired(result: Result, lang: str) -> None:
    """One line on stderr for a part of a disclosure left alone, naming why."""
    from yusuan.render.words import word

    note = result.unpaired
    if note is not None:
        text = word(lang, note.reason, others=("、" if lang == "zh" else ", ").join(note.others))
        click.echo(f"yusuan: {result.name}: {text}", err=True)


def read_all(files: tuple[str, ...], together: bool) -> tuple[list[Any], bool]:
    """Each file read (or all of them as one disclosure); errors reported one line each.
    Returns the disclosures and whether any file failed."""
    from yusuan.errors import YusuanError
    from yusuan.read import read_path
    from yusuan.read.combine import combine

    docs = []
    failed = False
    for path in files:
        try:
            docs.append(read_path(path))
        except YusuanError as exc:
            click.echo(f"yusuan: {exc}", err=True)
            failed = True
    if together and docs:
        docs = [combine(docs)]
    return docs, failed


def language(fn: F) -> F:
    return click.option(
        "--lang",
        type=click.Choice(["zh", "en"]),
        default="zh",
        show_default=True,
        envvar="YUSUAN_LANG",
        is_eager=True,  # known before --help, which it translates
        help=bi(
            "报告和帮助的语言：zh 中文，en 英文（问题说明保持规则原文）。",
            "The language of the report and the help: Chinese or English (headings, severity "
            "words, summaries; the findings' messages stay as the rules wrote them).",
        ),
    )(fn)
