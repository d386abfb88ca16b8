"""`yusuan claims`: every figure of the narrative, what it was read as and how it compares."""

from __future__ import annotations

import json
import sys

import click

from yusuan.cli.options import as_one, read_all


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=True))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "jsonl"]),
    default="text",
    show_default=True,
    help="text for reading; jsonl: one JSON object per figure.",
)
@as_one
def claims(files: tuple[str, ...], fmt: str, as_one: bool) -> None:
    """Print each money, percent and count figure the narrative of each FILE states.

    Each figure is bound to the quantity, measure (本年预算, 上年执行, 增减额, 占比 …) and scope
    (全部资金, 财政拨款, 一般公共预算 …) its own clause names, and shown with the table figure it
    was held against and the verdict. Exit status 2 when a file could not be read.
    """
    from yusuan.audit.engine import Context
    from yusuan.audit.records import claim_records

    docs, failed = read_all(files, as_one)
    for doc in docs:
        records = claim_records(Context(doc))
        name = doc.meta.path or ""
        for r in records:
            if fmt == "jsonl":
                click.echo(json.dumps({"doc": name, **r.as_dict()}, ensure_ascii=False))
                continue
            where = f"p{r.page}" if r.page is not None else f"l{r.line}"
            against = f" | {r.against} = {r.table_value}" if r.against else ""
            click.echo(
                f"{where}\t{r.text}\t{r.quantity} · {r.measure} · {r.scope}"
                f"\t{r.verdict}{against}{' | ' + r.why if r.why else ''}"
            )
    if failed:
        sys.exit(2)
