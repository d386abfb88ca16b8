"""`yusuan parse`: read disclosures and print their model."""

from __future__ import annotations

import sys

import click

from yusuan.cli.help import Help, bi
from yusuan.cli.options import as_one, documents, files_of, language, say_unpaired

HELP_ZH = """读取每个 FILE（文件，或文件夹：递归读取其中的文件）并输出读到的内容。

同一份公开分开发布的情况说明文件和表格文件按内容配对，合为一份读取。

无法读取的文件在 stderr 上一行说明，其余照常输出。有文件失败时退出码为 2。
"""

HELP_EN = """Read each FILE (a file, or a folder: its files, recursively) and print what was
read. The narrative file and the tables file of one disclosure are found by content and read
as one.

A file that cannot be read gets one line on stderr; the others are still printed. Exit
status 2 when any file failed.
"""


@click.command(cls=Help, help=bi(HELP_ZH, HELP_EN))
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=True))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "csv", "table"]),
    default="table",
    show_default=True,
    help=bi(
        "json：读到的模型；csv：长格式，每格一行；table：供阅读。",
        "json: the model; csv: the long format, one line per cell; table: for reading.",
    ),
)
@as_one
@documents
@language
def parse(
    files: tuple[str, ...],
    fmt: str,
    as_one: bool,
    include: tuple[str, ...],
    exclude: tuple[str, ...],
    pair: bool,
    jobs: int,
    lang: str,
) -> None:
    """Read each FILE and print what was read (see HELP_EN)."""
    from yusuan.batch import read_documents
    from yusuan.render import RENDERERS

    paths = files_of(files, include, exclude)
    results = read_documents(paths, jobs, paired=pair, together=as_one, progress=sys.stderr)
    for result in results:
        if result.error:
            click.echo(f"yusuan: {result.error}", err=True)
        say_unpaired(result, lang)
    docs = [r.doc for r in results if r.doc is not None]
    if docs:
        sys.stdout.write(RENDERERS[fmt](docs))
    if any(r.error for r in results):
        sys.exit(2)
