"""Option bundles shared by commands."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

F = Callable[..., Any]


def split_ids(values: tuple[str, ...]) -> tuple[str, ...]:
    """`--select a,b --select c` → (a, b, c)."""
    return tuple(v.strip() for value in values for v in value.split(",") if v.strip())


def rule_selection(fn: F) -> F:
    fn = click.option(
        "--ignore",
        multiple=True,
        metavar="IDS",
        help="Rule ids or prefixes to leave out (comma-separated or repeated).",
    )(fn)
    return click.option(
        "--select",
        multiple=True,
        metavar="IDS",
        help="Only these rule ids or prefixes, e.g. narrative or table.row-sum.",
    )(fn)


def as_one(fn: F) -> F:
    return click.option(
        "--as-one",
        is_flag=True,
        help="The FILES are one disclosure published in parts (narrative and tables): read them as one.",
    )(fn)


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
