"""`yusuan rules`: every audit rule with its id, default severity and documentation."""

from __future__ import annotations

import json

import click


@click.command("rules")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.option("--verbose", "-v", is_flag=True, help="Print each rule's whole documentation.")
def rules(fmt: str, verbose: bool) -> None:
    """List the audit rules (use their ids or prefixes with --select / --ignore)."""
    from yusuan.audit.rules import all_rules

    found = all_rules()
    if fmt == "json":
        data = [{"id": r.id, "severity": r.severity.value, "doc": r.doc.strip()} for r in found]
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    width = max(len(r.id) for r in found)
    for r in found:
        click.echo(f"{r.id:<{width}}  {r.severity.value:<7}  {r.summary}")
        if verbose:
            for line in r.doc.strip().splitlines()[1:]:
                click.echo(f"{'':<{width}}  {'':<7}  {line.strip()}")
