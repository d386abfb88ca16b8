"""`yusuan parse`: read disclosures and print their model."""

from __future__ import annotations

import sys

import click

from yusuan.errors import YusuanError
from yusuan.model import Disclosure


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
def parse(files: tuple[str, ...], fmt: str) -> None:
    """Read each FILE (text extracted from a PDF, or a PDF) and print what was read.

    A file that cannot be read gets one line on stderr; the others are still printed.
    Exit status 2 when any file failed.
    """
    from yusuan.read import read_path
    from yusuan.render import RENDERERS

    docs: list[Disclosure] = []
    failed = False
    for path in files:
        try:
            docs.append(read_path(path))
        except YusuanError as exc:
            click.echo(f"yusuan: {exc}", err=True)
            failed = True
    if docs:
        sys.stdout.write(RENDERERS[fmt](docs))
    if failed:
        sys.exit(2)
