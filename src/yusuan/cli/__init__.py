"""The `yusuan` command. Each sub-command lives in its own module; this one only wires them."""

from __future__ import annotations

import click

from yusuan import __version__
from yusuan.cli.audit import audit
from yusuan.cli.catalog import catalog
from yusuan.cli.claims import claims
from yusuan.cli.compile import compile_
from yusuan.cli.parse import parse
from yusuan.cli.review import review
from yusuan.cli.rules import rules
from yusuan.cli.serve import serve
from yusuan.cli.store import import_
from yusuan.cli.template import template
from yusuan.cli.templates import templates


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="yusuan")
def cli() -> None:
    """Read, audit and compile Chinese budget disclosures (部门预算/决算公开)."""


cli.add_command(parse)
cli.add_command(audit)
cli.add_command(rules)
cli.add_command(templates)
cli.add_command(template)
cli.add_command(catalog)
cli.add_command(claims)
cli.add_command(import_)
cli.add_command(review)
cli.add_command(serve)
cli.add_command(compile_)


def main() -> None:
    cli(prog_name="yusuan")
