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
