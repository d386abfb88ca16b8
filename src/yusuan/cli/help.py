"""Help in the reader's language: Chinese, or English after `--lang en` (or with
YUSUAN_LANG=en in the environment).

Each help text is written as `bi(chinese, english)`: the Chinese is what click is given, the
English is kept beside it, and a `Help` command swaps them in when it prints its help in
English. `--lang` is eager so that `yusuan audit --lang en --help` knows the language before
the help is printed."""

from __future__ import annotations

import os
from typing import Any

import click

ENGLISH: dict[str, str] = {}


def bi(chinese: str, english: str) -> str:
    """`chinese`, remembering `english` for it."""
    ENGLISH[" ".join(chinese.split())] = english
    return chinese


def _english(text: str | None) -> str | None:
    return ENGLISH.get(" ".join(text.split()), text) if text else text


def wants_english(ctx: click.Context) -> bool:
    return ctx.params.get("lang") == "en" or os.environ.get("YUSUAN_LANG") == "en"


class Help(click.Command):
    """A command whose help (its own and its options') is printed in English on request."""

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        if not wants_english(ctx):
            super().format_help(ctx, formatter)
            return
        saved: list[tuple[Any, str | None]] = [(self, self.help)]
        saved += [(p, p.help) for p in self.params if isinstance(p, click.Option)]
        try:
            for owner, text in saved:
                owner.help = _english(text)
            super().format_help(ctx, formatter)
        finally:
            for owner, text in saved:
                owner.help = text
