"""catalog.code-unknown: codes the classification catalog of the document's year lacks.

The bundled catalog is partial: a code is certainly not in the book only where the catalog
lists every code of its level, and only for the book of the document's own year. Everything
else the catalog cannot confirm is gathered into one warning per document, so that a reviewer
reads one line about the catalog, not one per row.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from yusuan.audit.compare import Verdict, agree, fmt, sum_slack
from yusuan.audit.engine import Context, rule
from yusuan.audit.finding import Check, Confidence, Location, Severity
from yusuan.audit.rules.codes import (
    FUNCTIONAL_TABLES,
    ZERO,
    CodeCell,
    book_words,
    cite_catalog,
    cite_entry,
    code_cells,
    load,
    name_of,
    retired_code,
    year_of,
)
from yusuan.catalog import LEVEL_NAMES, Catalog, Part, names_match, normalize_name
from yusuan.catalog.entries import describe_lengths, first_digit, fits_part, level_of, parent_of
from yusuan.model import Row, RowKind


@rule("catalog.code-unknown", Severity.ERROR)
def code_unknown(ctx: Context) -> Iterator[Check]:
    """A code that the year's classification catalog does not have.

    Checks the functional codes (类/款/项 by length) of 03, 05 and 09 and both economic codes
    (部门 and 政府) of 06 and 07 against the catalog of the document's fiscal year (the
    pre-2018 economic codes for 2017 and before). A code of the wrong shape is an error, except
    a 7-digit economic sub-item printed under its 5-digit 款 whose sub-items add up to it (a
    local subdivision, as Chongqing prints: no finding; a warning when they do not add up).
    Where the catalog lists every code of that part at that level (`complete_levels` in its
    catalog.toml), an absent code is not in the official book: an error, unless the book is
    another year's standing in and the row carries no money (a newer template's empty row of a
    code the older book lacks), which joins the summary below. A code missing from a level the
    bundled copy lists only in part is no finding of its own: one warning per document lists
    them all (a fuller catalog can be supplied with `--catalog DIR`). A retired code on the
    list of former names is left to catalog.obsolete. A functional line whose class digits
    are misprinted (7 11 02 printed under its 款 210 11) is an error: the 款 above and the
    catalog's 项 of it show the code it should have.
    """
    catalog = yield from load(ctx)
    if catalog is None:
        return
    year = year_of(ctx, catalog)
    cells = list(code_cells(ctx))
    if not cells:
        yield ctx.skip("no coded rows in 03/05/09 or 06/07")
        return
    unlisted: list[CodeCell] = []
    for cell in cells:
        if catalog.get(cell.part, cell.code) is not None:
            yield ctx.ok()
            continue
        retired = retired_code(cell.code)
        if retired is not None and (retired.open_question or retired.gone_by(year)):
            yield ctx.skip("a retired code: catalog.obsolete reports it")
            continue
        if not fits_part(cell.code, cell.part):
            yield sub_item(ctx, catalog, cell) or malformed(ctx, catalog, cell)
            continue
        stand_in = catalog.book_year(cell.part) != year
        if catalog.is_known_absent(cell.code) and not (stand_in and not has_money(cell.row)):
            yield absent(ctx, catalog, year, cell)
            continue
        unlisted.append(cell)
        yield ctx.ok()
    if unlisted:
        yield summary(ctx, catalog, year, unlisted)
    yield from misprinted_classes(ctx, catalog)


# A coded line the reader could not attach to a row: class, 款 and 项 digits printed apart.
_LOST_LINE = re.compile(r"(\d{1,3})\s+(\d{2})\s+(\d{2})\s+(\S+)")
_UNREAD = "line not attached to any row: "


def misprinted_classes(ctx: Context, catalog: Catalog) -> Iterator[Check]:
    """A functional line whose class is misprinted (7 11 02 under 210 11, "7" for 210): the
    reader leaves it unattached, since no code fits; its 款 row printed just above and the
    catalog's 项 of that 款 show which code it is, so the document contradicts itself."""
    for diagnostic in ctx.doc.diagnostics:
        if diagnostic.code != "parse.unread-line" or diagnostic.span is None:
            continue
        if diagnostic.table not in FUNCTIONAL_TABLES:
            continue
        table = ctx.doc.table(diagnostic.table)
        found = _LOST_LINE.match(diagnostic.message.removeprefix(_UNREAD).strip())
        if table is None or found is None:
            continue
        printed, kuan, item, name = found.groups()
        if len(printed) == 3 and printed.startswith("2"):
            continue  # a well-formed code the reader did not place: not a misprint
        line = diagnostic.span.line
        above = [
            r
            for r in table.rows
            if r.kind is RowKind.CODE and r.code and len(r.code) == 5 and r.span.line < line
        ]
        parent = max(above, key=lambda r: r.span.line, default=None)
        if parent is None or parent.code is None or parent.code[3:] != kuan:
            continue
        code = parent.code + item
        entry = catalog.function(code)
        if entry is None or not names_match(name, entry.name):
            continue  # the catalog cannot confirm which 项 it is
        yield ctx.fail(
            f"{name_of(table)}“{printed} {kuan} {item} {name}”的类级编码印为 {printed}，但其上一行"
            f"的款 {parent.code}“{parent.name}”属 {parent.code[:3]} 类，目录中“{entry.name}”的编码为"
            f" {code}：类级编码有误。",
            Location(
                path=diagnostic.span.path or ctx.doc.meta.path,
                table=name_of(table),
                row=f"{printed} {kuan} {item} {name}",
                line=line,
                end_line=diagnostic.span.end_line,
            ),
            stated=Decimal(printed),
            expected=Decimal(parent.code[:3]),
            evidence=[cite_entry(entry), cite_catalog(catalog), ("所属款行", parent.label)],
            suggestion=f"将类级编码改为 {parent.code[:3]}（{code}）。",
            confidence=Confidence.HIGH if entry.verified else Confidence.MEDIUM,
            severity=None if entry.verified else Severity.WARNING,
        )


def has_money(row: Row) -> bool:
    """True when any figure of the row is not zero."""
    return any(cell.value != ZERO for cell in row.cells)


def sub_item(ctx: Context, catalog: Catalog, cell: CodeCell) -> Check | None:
    """A local sub-item (3010201 under 30102) judged by its 款: None when the code is no
    such sub-item (no 款 row printed for it), else ok or a warning that the sub-items do not
    add up to the 款."""
    code = cell.code
    if cell.part is not Part.ECON_DEPT or cell.column is not None or not is_sub_item_code(code):
        return None
    parent_code = code[:5]
    rows = [r for r in cell.table.rows if r.kind is RowKind.CODE]
    parent = next((r for r in rows if r.code == parent_code), None)
    if parent is None or catalog.econ_dept(parent_code) is None:
        return None
    siblings = [
        r for r in rows if r.code and is_sub_item_code(r.code) and r.code[:5] == parent_code
    ]
    if cell.row is not siblings[0]:
        return ctx.ok()  # the family is judged once, at its first sub-item
    off = [
        (column, parent.value(column), sum((r.value(column) for r in siblings), ZERO))
        for column in cell.table.columns
        if parent.get(column) is not None
    ]
    slack = sum_slack(len(siblings) + 1)
    wrong = [(c, p, s) for c, p, s in off if agree(p, s, slack) is Verdict.DIFFERENT]
    if not wrong:
        return ctx.ok()
    column, stated, total = wrong[0]
    return ctx.fail(
        f"{name_of(cell.table)}在 {parent_code}“{parent.name}”下列有地方细化科目"
        f"（{'、'.join(r.code or '' for r in siblings)}），其“{column}”合计 {fmt(total)}"
        f"与 {parent_code} 的 {fmt(stated)} 不符。",
        ctx.at_table(cell.table, parent, column),
        stated=stated,
        expected=total,
        evidence=[("细化科目", "7 位编码 = 所属 5 位款级编码 + 2 位地方细目")],
        severity=Severity.WARNING,
        confidence=Confidence.MEDIUM,
    )


def is_sub_item_code(code: str) -> bool:
    """A 7-digit department economic code: a 款 and two digits of a local sub-item."""
    return len(code) == 7 and code.isascii() and code.isdigit() and code[0] == "3"


def malformed(ctx: Context, catalog: Catalog, cell: CodeCell) -> Check:
    part = cell.part
    evidence: list[tuple[str, object]] = [cite_catalog(catalog)]
    return ctx.fail(
        f"{name_of(cell.table)}中的{part.label}科目编码 {cell.shown} 不是有效编码：{part.label}编码为"
        f" {describe_lengths(part)} 位数字、以 {first_digit(part)} 开头。",
        ctx.at_table(cell.table, cell.row, cell.column),
        evidence=evidence,
    )


def absent(ctx: Context, catalog: Catalog, year: int, cell: CodeCell) -> Check:
    """An error: the code is absent from a level the catalog lists in full."""
    part, code = cell.part, cell.code
    evidence: list[tuple[str, object]] = [cite_catalog(catalog)]
    known = catalog.chain(code)
    if known:
        evidence.append(cite_entry(known[-1]))
    missing = next(
        code[:n]
        for n in range(3, len(code) + 1, 2)
        if catalog.get(part, code[:n]) is None and catalog.is_complete(part, level_of(code[:n]))
    )
    at = LEVEL_NAMES[level_of(missing)]
    book = catalog.book_year(part)
    books = book_words(catalog, part, year)
    reason = (
        f"目录在{at}级完整，{books}中没有这一{at}"
        if missing == code
        else f"其所属{at} {missing} 不在{books}中（目录在{at}级完整）"
    )
    evidence.append((f"{part.label}{at}级目录", "完整"))
    return ctx.fail(
        f"{name_of(cell.table)}中的{part.label}科目 {cell.shown}不存在：{reason}。",
        ctx.at_table(cell.table, cell.row, cell.column),
        evidence=evidence,
        suggestion=same_name_hint(catalog, cell),
        confidence=Confidence.HIGH if book == year else Confidence.MEDIUM,
    )


def summary(ctx: Context, catalog: Catalog, year: int, cells: list[CodeCell]) -> Check:
    """One warning for every code the bundled catalog does not list (a partial level, or an
    empty row of a code a book of another year lacks): what the catalog cannot confirm."""
    by_part: dict[Part, list[str]] = {}
    for cell in cells:
        codes = by_part.setdefault(cell.part, [])
        if cell.code not in codes:
            codes.append(cell.code)
    listed = "；".join(f"{part.label} {'、'.join(codes)}" for part, codes in by_part.items())
    count = sum(len(codes) for codes in by_part.values())
    first = cells[0]
    evidence: list[tuple[str, object]] = [cite_catalog(catalog), ("未收录的编码", listed)]
    return ctx.fail(
        f"有 {count} 个科目编码不在所附分类目录中（{listed}）。所附目录只收录了部分科目"
        f"{'或为其他年度目录' if catalog.standing_in() else ''}，无法确认这些编码是否存在于"
        f"{year}年科目，未作为错误报告。",
        ctx.at_table(first.table, first.row, first.column),
        evidence=evidence,
        suggestion="如有完整的科目表，可用 --catalog 目录补充后复核。",
        severity=Severity.WARNING,
        confidence=Confidence.LOW,
    )


def same_name_hint(catalog: Catalog, cell: CodeCell) -> str | None:
    """Codes of the same level whose name is the printed one, siblings first."""
    if not normalize_name(cell.name):
        return None
    level, parent = level_of(cell.code), parent_of(cell.code)
    found = [
        e
        for e in catalog.entries(cell.part)
        if e.level == level and e.code != cell.code and names_match(cell.name, e.name)
    ]
    found.sort(key=lambda e: (e.parent != parent, e.code))
    if not found:
        return None
    codes = "、".join(e.code for e in found[:3])
    return f"目录中名为“{cell.name}”的{LEVEL_NAMES[level]}级科目编码为 {codes}，请核对编码。"
