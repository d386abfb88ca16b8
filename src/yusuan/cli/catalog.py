"""`yusuan catalog`: look up classification codes and check a user's catalog directory."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import click

from yusuan.catalog import (
    LEVEL_NAMES,
    Catalog,
    CatalogError,
    Entry,
    Part,
    Status,
    check_catalog_dir,
    load_catalog,
    part_of_code,
)
from yusuan.catalog.entries import MAPPING_FILENAME, max_level
from yusuan.catalog.files import TOML_FILENAME

_YEAR = click.option(
    "--year",
    type=click.IntRange(1900, 2999),
    default=None,
    help="Fiscal year whose catalog to use (default: the newest bundled).",
)


@click.group()
def catalog() -> None:
    """Classification catalogs (政府收支分类科目): look up codes, check a catalog directory."""


@catalog.command()
@click.argument("code")
@_YEAR
@click.option(
    "--catalog",
    "extra",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=None,
    help="A catalog directory (the bundled CSV shape) whose rows override the bundled ones.",
)
def show(code: str, year: int | None, extra: Path | None) -> None:
    """Print what the catalog says about CODE, with its status, source and provenance."""
    code = code.strip()
    try:
        book = load_catalog(year, extra)
    except CatalogError as exc:
        raise click.ClickException(str(exc)) from exc
    part = part_of_code(code)
    if part is None:
        raise click.ClickException(
            f"{code!r} is not a classification code: functional codes are 2… with 3, 5 or 7 "
            "digits, economic codes 3… (部门) or 5… (政府) with 3 or 5 digits"
        )
    entry = book.get(part, code)
    if entry is None:
        raise click.ClickException(_unknown(book, part, code))
    for line in _describe(book, entry):
        click.echo(line)


def _unknown(book: Catalog, part: Part, code: str) -> str:
    level = (len(code) - 1) // 2
    message = f"code {code} is not in the catalog ({book.provenance})"
    if book.is_known_absent(code):
        # Name the level that settles it: the shortest unlisted prefix at a complete level.
        for length in range(3, len(code) + 1, 2):
            prefix, at = code[:length], (length - 1) // 2
            if book.get(part, prefix) is None and book.is_complete(part, at):
                listed = f"it lists every {LEVEL_NAMES[at]} of {part.label}"
                what = code if prefix == code else f"its {LEVEL_NAMES[at]} {prefix}"
                return f"{message}; {listed} and {what} is not one, so {code} is not valid"
    # The bundled copy is partial: absence from it is not evidence that a code is wrong.
    where = f"{LEVEL_NAMES[level]} of {part.label}"
    return f"{message}; its {where} are incomplete, so {code} may still be a valid code"


def _describe(book: Catalog, entry: Entry) -> list[str]:
    ancestors = book.chain(entry.code)[:-1]
    chain = " > ".join(f"{item.code} {item.name}" for item in ancestors) or "-"
    children = book.children(entry.code)
    count = str(len(children))
    if entry.level < max_level(entry.part) and not book.is_complete(entry.part, entry.level + 1):
        count += f" listed (the catalog's {LEVEL_NAMES[entry.level + 1]} here are incomplete)"
    lines = [
        f"code:       {entry.code}",
        f"name:       {entry.name}",
        f"part:       {entry.part.label} ({entry.part.value})",
        f"level:      {entry.level} ({entry.level_name})",
        f"parents:    {chain}",
        f"status:     {entry.status.value}",
        f"source:     {entry.source or '-'}",
        f"provenance: {entry.origin or book.provenance}",
        f"children:   {count}",
    ]
    if book.book_year(entry.part) != book.year:
        # No bundled book of the asked year has this list: say which year's stands in.
        stand_in = f"{book.book_year(entry.part)} (standing in for {book.year})"
        lines.insert(-1, f"book:       {stand_in}")
    if entry.status is Status.UNVERIFIED:
        lines.append("note:       unverified: from general knowledge, not confirmed by a source")
    elif entry.status is Status.VERIFIED_2024:
        lines.append("note:       seen in the 2024 book, not checked against 2023")
    if entry.part is Part.ECON_DEPT:
        lines.extend(_mappings(book, entry.code))
    return lines


def _mappings(book: Catalog, code: str) -> list[str]:
    rows = book.gov_codes_for(code)
    if not rows:
        return ["government mappings: none listed"]
    lines = ["government mappings:"]
    for row in rows:
        target = book.econ_gov(row.gov_code)
        name = target.name if target is not None else "?"
        unit = _pad(row.unit_type.value, 10)
        lines.append(f"  {unit}{row.gov_code} {name} ({row.status.value}, {row.source or '-'})")
    return lines


def _pad(text: str, width: int) -> str:
    """`text` padded with spaces to `width` terminal columns (a CJK character takes two)."""
    used = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    return text + " " * max(width - used, 1)


@catalog.command()
@click.argument("path", type=click.Path(exists=True, file_okay=False, path_type=Path))
@_YEAR
@click.pass_context
def check(ctx: click.Context, path: Path, year: int | None) -> None:
    """Check the catalog directory PATH; exit 1 when it has problems.

    Parents and mapped codes may also be in the bundled catalog of --year.
    """
    problems = check_catalog_dir(path, year)
    for problem in problems:
        click.echo(str(problem))
    names = [*(part.filename for part in Part), MAPPING_FILENAME, TOML_FILENAME]
    present = [name for name in names if (path / name).is_file()]
    checked = ", ".join(present) or "no catalog files"
    if problems:
        files = len({problem.file for problem in problems})
        click.echo(f"{len(problems)} problem(s) in {files} file(s) of {path} (checked {checked})")
        ctx.exit(1)
    click.echo(f"{path}: no problems (checked {checked})")
