"""`yusuan templates`: the template families the reader knows, and their tables."""

from __future__ import annotations

import json

import click


@click.command("templates")
@click.argument("name", required=False)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
def templates(name: str | None, fmt: str) -> None:
    """List the template families (or one family's tables with their columns).

    The families of published disclosures the reader knows; `yusuan template` (singular)
    writes the blank input workbook instead."""
    from yusuan.templates import template_sets

    sets = [t for t in template_sets() if name is None or t.name == name]
    if name is not None and not sets:
        known = ", ".join(t.name for t in template_sets())
        raise click.UsageError(f"no template family {name!r}; known: {known}")
    if fmt == "json":
        data = [
            {
                "name": t.name,
                "title": t.title,
                "kind": t.doc_kind.value,
                "tables": [
                    {
                        "key": table.key,
                        "id": table.id,
                        "titles": list(table.titles),
                        "layout": table.layout.value,
                        "columns": list(table.columns)
                        or [c for p in table.panels for c in p.columns],
                    }
                    for table in t.tables
                ],
            }
            for t in sets
        ]
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    for tset in sets:
        click.echo(
            f"{tset.name:<18} {tset.doc_kind.value}  {tset.title}  ({len(tset.tables)} tables)"
        )
        if name is None:
            continue
        for table in tset.tables:
            # a derived table prints no title of its own: say what it is built from
            title = table.titles[0] if table.titles else ""
            if table.derived is not None:
                title = f"{title} (built from {table.derived.source})".strip()
            click.echo(f"  {table.id or '':<10} {table.key:<22} {title}  [{table.layout.value}]")
            for column in table.columns or [c for p in table.panels for c in p.columns]:
                click.echo(f"      {column}")
