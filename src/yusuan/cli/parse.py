"""`yusuan parse`: read disclosures and print their model."""

from __future__ import annotations

import sys

import click

from yusuan.cli.options import as_one, read_all


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=True))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "csv", "table"]),
    default="table",
    show_default=True,
    help="json: the model; csv: the long format, one line per cell; table: for reading.",
)
@as_one
def parse(files: tuple[str, ...], fmt: str, as_one: bool) -> None:
    """Read each FILE (text extracted from a PDF, or a PDF) and print what was read.

    A file that cannot be read gets one line on stderr; the others are still printed.
    Exit status 2 when any file failed.
    """
    from yusuan.render import RENDERERS

    docs, failed = read_all(files, as_one)
    if docs:
        sys.stdout.write(RENDERERS[fmt](docs))
    if failed:
        sys.exit(2)
