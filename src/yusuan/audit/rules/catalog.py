"""Codes and names against the classification catalog (政府收支分类科目) of the document's year.

The bundled catalog is partial and partly unverified, so a finding built on an unverified row
is a warning at most, and an absent code is an error only where the catalog lists every code
of that part at that level. Former names (renamed or retired classes) are package data.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from yusuan.audit.engine import Context, rule
from yusuan.audit.finding import Check, Confidence, Severity
from yusuan.audit.rules.codes import (
    PANEL_TABLES,
    ZERO,
    CodeCell,
    book_words,
    caveat,
    cite_catalog,
    cite_entry,
    class_rows,
    code_cells,
    former_class,
    former_of,
    load,
    name_of,
    retired_code,
    year_of,
)
from yusuan.catalog import LEVEL_NAMES, Catalog, Entry, Part, names_match, normalize_name
from yusuan.catalog.entries import level_of
from yusuan.catalog.reference import FormerName, name_in_year
from yusuan.model import Row, Table

# How alike (difflib ratio) a panel line must be to a class name to be taken for a misprint
# of it when the panel does not number its classes.
NEAR = 0.75

# -- catalog.name-mismatch --------------------------------------------------------------------


@rule("catalog.name-mismatch", Severity.ERROR)
def name_mismatch(ctx: Context) -> Iterator[Check]:
    """A code and the name printed beside it disagree with the catalog.

    Every code of 03/05/09 and 06/07 (both economic codes) whose catalog name differs from the
    printed one, tolerant of width, punctuation, spacing and a trailing 支出. An error against
    a verified catalog row; a warning against an unverified or verified-2024 row (the message
    says which) and where the printed name is only a shortened form (a part of the catalog
    name, or the catalog name with one character left out: 基本养老保险费 for
    基本养老保险缴费). Names are those of the document's year (30311 was 住房公积金 before
    2018). The class names printed without codes in the expense panels of 01 and 04 must each
    be a 类 of the year's functional classification: one that is none is a warning, unless it
    is a former name (catalog.obsolete reports those).
    """
    catalog = yield from load(ctx)
    if catalog is None:
        return
    year = year_of(ctx, catalog)
    for cell in code_cells(ctx):
        entry = catalog.get(cell.part, cell.code)
        if entry is None:
            yield ctx.skip("code not in the catalog: catalog.code-unknown reports it")
            continue
        if not normalize_name(cell.name):
            yield ctx.skip("no name printed beside the code")
            continue
        if names_match(cell.name, entry.name):
            yield ctx.ok()
            continue
        former = former_of(cell.code, cell.name)
        if former is not None and former.gone_by(year):
            yield ctx.skip("an outdated name: catalog.obsolete reports it")
            continue
        if former is not None:
            yield ctx.ok()  # the name was still in force in the document's year
            continue
        yield misnamed(ctx, catalog, year, cell, entry)
    yield from panel_names(ctx, catalog, year)


def misnamed(ctx: Context, catalog: Catalog, year: int, cell: CodeCell, entry: Entry) -> Check:
    printed, wanted = normalize_name(cell.name), normalize_name(entry.name)
    where = ctx.at_table(cell.table, cell.row, cell.column)
    evidence = [cite_entry(entry), cite_catalog(catalog)]
    if printed.startswith(wanted):
        # The catalog name and more: flattened text joins the names of side-by-side tables.
        return ctx.fail(
            f"{name_of(cell.table)}“{cell.code} {cell.name}”以目录名称“{entry.name}”开头，"
            "多出的文字可能来自相邻单元格（读取所致），请核对原表。",
            where,
            evidence=evidence,
            severity=Severity.INFO,
            confidence=Confidence.LOW,
        )
    shortened = printed in wanted or wanted in printed or one_dropped(printed, wanted)
    others = [
        e.code
        for e in sorted(
            catalog.entries(cell.part), key=lambda e: (e.parent != entry.parent, e.code)
        )
        if e.code != cell.code and e.level == entry.level and names_match(cell.name, e.name)
    ]
    suggestion = f"按目录改为“{entry.name}”"
    if others:
        suggestion += f"；或编码有误：名为“{cell.name}”的科目是 {'、'.join(others[:3])}"
    confidence = Confidence.HIGH if entry.verified else Confidence.LOW
    if entry.verified and shortened:
        confidence = Confidence.MEDIUM
    return ctx.fail(
        f"{name_of(cell.table)}“{cell.code} {cell.name}”：{cell.part.label}科目 {cell.code} "
        f"在{book_words(catalog, cell.part, year)}中名为“{entry.name}”，与表中名称不符"
        f"{'（表中名称似为简写或截断）' if shortened else ''}{caveat(entry)}。",
        where,
        evidence=evidence,
        suggestion=suggestion + "。",
        severity=None if entry.verified and not shortened else Severity.WARNING,
        confidence=confidence,
    )


def one_dropped(printed: str, wanted: str) -> bool:
    """True when `printed` is `wanted` with one character left out (基本养老保险费 for
    基本养老保险缴费): an abbreviation that names the same item, not another name."""
    if len(printed) != len(wanted) - 1:
        return False
    cut = next(
        (i for i, (a, b) in enumerate(zip(printed, wanted, strict=False)) if a != b), len(printed)
    )
    return printed[cut:] == wanted[cut + 1 :]


def _class_names(classes: Sequence[Entry]) -> frozenset[str]:
    """The classes' names as `names_match` compares them."""
    return frozenset(normalize_name(e.name) for e in classes)


def _is_class_name(printed: str, names: frozenset[str]) -> bool:
    """`any(names_match(printed, e.name) for e in classes)`, by one lookup."""
    folded = normalize_name(printed)
    return bool(folded) and folded in names


def panel_names(ctx: Context, catalog: Catalog, year: int) -> Iterator[Check]:
    classes = catalog.function_classes()
    names = _class_names(classes)
    complete = "完整" if catalog.is_complete(Part.FUNCTION, 1) else "不完整"
    for key in PANEL_TABLES:
        table = ctx.doc.table(key)
        if table is None:
            continue
        for row in class_rows(table, classes):
            if _is_class_name(row.name, names):
                yield ctx.ok()
                continue
            former = former_class(row.name)
            if former is not None:
                if former.open_question or former.gone_by(year):
                    yield ctx.skip("a former class name: catalog.obsolete reports it")
                else:
                    yield ctx.ok()
                continue
            near, reordered = closest_class(row.name, classes)
            if not row.number and (near is None or not (reordered or near_enough(row, near))):
                # Unnumbered panels list 款 and 项 lines among the classes: only a name that
                # is nearly a class name is taken for a misprinted one.
                yield ctx.skip("an unnumbered panel line that is no class: maybe a 款 or 项")
                continue
            hint = ""
            evidence: list[tuple[str, object]] = [
                cite_catalog(catalog),
                ("功能分类类级目录", complete),
            ]
            if near is not None:
                how = "，字相同而次序不同" if reordered else ""
                hint = f"，似应为 {near.code}“{near.name}”{how}"
                evidence.append(cite_entry(near))
            yield ctx.fail(
                f"{name_of(table)}支出栏的“{row.number or ''}{row.name}”不是{year}年支出功能分类"
                f"的类级科目名称{hint}。",
                ctx.at_table(table, row),
                evidence=evidence,
                suggestion=f"改为“{near.name}”。" if near is not None else None,
                severity=Severity.WARNING,
                confidence=Confidence.MEDIUM,
            )


def near_enough(row: Row, entry: Entry) -> bool:
    ratio = difflib.SequenceMatcher(None, normalize_name(row.name), normalize_name(entry.name))
    return ratio.ratio() >= NEAR


def closest_class(name: str, classes: tuple[Entry, ...]) -> tuple[Entry | None, bool]:
    """The class whose name is nearest to `name`, and whether it has the same characters."""
    key = normalize_name(name)
    best: Entry | None = None
    score = 0.0
    for entry in classes:
        other = normalize_name(entry.name)
        if sorted(key) == sorted(other):
            return entry, True
        ratio = difflib.SequenceMatcher(None, key, other).ratio()
        if ratio > score:
            best, score = entry, ratio
    return (best, False) if score >= 0.6 else (None, False)


# -- catalog.obsolete -------------------------------------------------------------------------


@rule("catalog.obsolete", Severity.ERROR)
def obsolete(ctx: Context) -> Iterator[Check]:
    """A class, name or code that no longer exists in the document's year.

    The renamed and retired names are package data (`former_names.csv`: code, old name, new
    name, the year it changed, status, source): 医疗卫生与计划生育支出 (210) has been 卫生健康
    支出 since 2019, 文化体育与传媒 文化旅游体育与传媒, 20805 行政事业单位离退休 行政事业单位
    养老支出 … Checked: the class rows of the 01/04 expense panels and every code and name of
    03/05/09 and 06/07. An error when the row carries money and the year's catalog confirms
    the current name (a verified row); a warning for an outdated template row without money
    or when it rests on unverified rows; `info` where whether a class still exists is an open
    question.
    """
    catalog = yield from load(ctx)
    if catalog is None:
        return
    year = year_of(ctx, catalog)
    classes = catalog.function_classes()
    names = _class_names(classes)
    for key in PANEL_TABLES:
        table = ctx.doc.table(key)
        if table is None:
            continue
        rows = class_rows(table, classes)
        for row in rows:
            former = former_class(row.name)
            if former is None or _is_class_name(row.name, names):
                yield ctx.ok()
                continue
            yield outdated(ctx, catalog, year, Found(table, row, Part.FUNCTION, row.name), former)
    for cell in code_cells(ctx):
        entry = catalog.get(cell.part, cell.code)
        retired = retired_code(cell.code)
        named = former_of(cell.code, cell.name) if normalize_name(cell.name) else None
        found = Found(cell.table, cell.row, cell.part, cell.name, cell.column, cell.code)
        if entry is None and retired is not None:
            yield outdated(ctx, catalog, year, found, retired)
        elif named is not None and not (entry is not None and names_match(cell.name, entry.name)):
            yield outdated(ctx, catalog, year, found, named)
        else:
            yield ctx.ok()


@dataclass(frozen=True, slots=True)
class Found:
    """Where a former name was printed."""

    table: Table
    row: Row
    part: Part
    printed: str
    column: str | None = None
    code: str | None = None  # None: a class name printed without a code (01/04)


def outdated(ctx: Context, catalog: Catalog, year: int, at: Found, former: FormerName) -> Check:
    where = ctx.at_table(at.table, at.row, at.column)
    label = f"{at.code} {at.printed}" if at.code else f"{at.row.number or ''}{at.printed}"
    what = f"{at.part.label}{LEVEL_NAMES[level_of(former.code)]}级科目 {former.code}"
    evidence: list[tuple[str, object]] = [("改名记录", former.describe()), cite_catalog(catalog)]
    if former.open_question:
        if catalog.get(at.part, former.code) is not None:
            return ctx.ok()  # a catalog (the user's) lists it: it exists
        return ctx.fail(
            f"{name_of(at.table)}列示的“{label}”（{what}）不在所附{year}年目录中；"
            "该科目是否仍然存在尚无定论，请核实。",
            where,
            evidence=evidence,
            severity=Severity.INFO,
            confidence=Confidence.LOW,
        )
    if not former.gone_by(year):
        return ctx.ok()
    now = name_in_year(former, year)
    entry = catalog.get(at.part, former.new_code) if former.new_code else None
    if entry is not None:
        evidence.append(cite_entry(entry))
    if former.retired:
        certain = catalog.is_known_absent(former.code)
        successor = f"，调整为 {former.new_code}“{former.new_name}”" if former.new_code else ""
        change = f"{what}“{former.old_name}”自{former.changed_in}年起已取消{successor}"
        current = entry.name if entry is not None else former.new_name
    else:
        # The catalog confirms the current name only when the renames lead to it.
        lands = entry is not None and (now is None or names_match(now, entry.name))
        certain = lands and entry is not None and entry.verified
        current = entry.name if lands and entry is not None else now
        change = f"“{at.printed}”是{what} 的旧名称，{year}年应为“{current}”"
    money = any(cell.value != ZERO for cell in at.row.cells)
    tail = f"；该行列有金额，应按{year}年科目归类。" if money else "；该行无金额，系沿用旧表样。"
    if not certain:
        tail += "（所据目录行或改名记录未核实）"
    suggestion = f"改为“{current}”。" if current else "删除该行或改用现行科目。"
    sibling = next(
        (
            r
            for r in at.table.rows
            if at.code is None  # a panel that also lists the current class
            and r is not at.row
            and r.side is at.row.side
            and current
            and names_match(r.name, current)
        ),
        None,
    )
    if sibling is not None:
        suggestion = f"删除该行：本表已列示“{sibling.number or ''}{sibling.name}”。"
    return ctx.fail(
        f"{name_of(at.table)}列示的“{label}”：{change}{tail}",
        where,
        evidence=evidence,
        suggestion=suggestion,
        severity=None if certain and money else Severity.WARNING,
        confidence=Confidence.HIGH if certain else Confidence.LOW,
    )
