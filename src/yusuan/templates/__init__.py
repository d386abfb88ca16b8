"""Standard table templates, loaded from the TOML files in `data/`.

A template set is one family of disclosure (the 12-table provincial set, the central 8-table
set, a 决算 set …). Each table template says how to recognise the table (id, titles, header
words), how its rows are keyed (layout), its column paths and the identities its rows obey.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache
from importlib import resources
from typing import Any

from yusuan.identities import Identity, parse_identity
from yusuan.model import DocKind, Side


class Layout(StrEnum):
    PANELS = "panels"
    CODED = "coded"
    SINGLE = "single"
    PROJECTS = "projects"
    FORM = "form"


class CodeKind(StrEnum):
    FUNCTION = "function"
    ECONOMIC = "economic"
    UNIT = "unit"
    PROJECT = "project"


@dataclass(frozen=True, slots=True)
class CodeClass:
    """Rows whose code starts with one of `prefixes` put their money in `column`."""

    prefixes: tuple[str, ...]
    column: str


@dataclass(frozen=True, slots=True)
class Evidence:
    """Another table states this column's total: `of` column of `table`, over some rows."""

    column: str
    table: str
    of: str
    codes: tuple[str, ...] = ()  # sum the rows whose code starts with one of these
    category: str | None = None  # sum the project rows of this type


@dataclass(frozen=True, slots=True)
class PanelSpec:
    """One side of a two-panel table (收入 | 支出): its columns, identities and the words that
    put a lone label on it. `segments`: the side is printed as several lists side by side,
    each adding up to the side's totals on its own (功能分类 | 支出用途): their printed
    headings, left to right; none when the side is one list."""

    side: Side
    columns: tuple[str, ...]
    identities: tuple[Identity, ...] = ()
    rare: frozenset[str] = frozenset()
    words: tuple[str, ...] = ()
    segments: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Derived:
    """A standard table a family prints in another shape, read from the table that holds it
    (`source`). Either transposed: its one row's columns are the source's rows, each row's
    figure in column `value`, and `rows` maps a printed row label (without its enumeration:
    因公出国（境）支出) to a column of this table. Or one row of the source, picked by `row`
    (`year`: the row labelled with the disclosure's year, 2026年), with `columns` mapping the
    source's columns to this table's. Or (`row = "measure"`) the source's rows labelled with
    the `measures` (预算数, 决算数: one row per measure) folded into one: `columns` maps the
    source's columns to this table's items, each cell going to `<item>/<measure>`."""

    source: str
    value: str = ""
    rows: tuple[tuple[str, str], ...] = ()
    row: str | None = None
    columns: tuple[tuple[str, str], ...] = ()
    measures: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class TableTemplate:
    key: str
    id: str | None
    titles: tuple[str, ...]
    layout: Layout
    columns: tuple[str, ...] = ()
    header_words: tuple[str, ...] = ()
    code_kind: CodeKind | None = None
    paired_code: bool = False
    identities: tuple[Identity, ...] = ()
    rare: frozenset[str] = frozenset()
    optional: tuple[tuple[str, str], ...] = ()  # (column, header word that shows it)
    code_classes: tuple[CodeClass, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    categories: tuple[str, ...] = ()
    panels: tuple[PanelSpec, ...] = ()
    required: bool = True  # False: published by some units only (completeness does not ask)
    side_by_side: bool = False  # printed in two halves on each line (30101 … 30201 …)
    not_money: frozenset[str] = frozenset()  # columns that hold numbers but no money (行次)
    derived: Derived | None = None  # not printed as such: built from another table's rows
    # Another form of an earlier table of the same key (the same standard table, printed in
    # another layout or built from another table): read where its titles are, or its source.
    variant: bool = False
    # Columns the family does not print but the standard table has, each the sum of printed
    # ones (`基本支出/小计 = 基本支出/人员经费 + 基本支出/公用经费`): added to every row that
    # prints one of its parts.
    computed: tuple[Identity, ...] = ()

    def panel(self, side: Side) -> PanelSpec:
        for panel in self.panels:
            if panel.side is side:
                return panel
        return PanelSpec(side, self.columns, self.identities, self.rare)


@dataclass(frozen=True, slots=True)
class TemplateSet:
    name: str
    title: str
    doc_kind: DocKind
    id_pattern: re.Pattern[str]
    tables: tuple[TableTemplate, ...] = field(default_factory=tuple)

    def by_key(self, key: str) -> TableTemplate | None:
        """The table of this key (its first form, when it has variants)."""
        for table in self.tables:
            if table.key == key:
                return table
        return None

    def form_of(self, key: str, columns: tuple[str, ...]) -> TableTemplate | None:
        """The form of the table `key` that a table read with `columns` was read by: the
        first whose columns (with its computed ones) hold them all."""
        forms = [t for t in self.tables if t.key == key]
        for form in forms:
            known = {*form.columns, *(c for p in form.panels for c in p.columns)}
            known.update(i.left for i in form.computed)
            if known.issuperset(columns):
                return form
        return forms[0] if forms else None


class TemplateError(ValueError):
    """A template file is malformed; the message names the file and the table."""


def _table(raw: dict[str, Any], done: dict[str, TableTemplate], where: str) -> TableTemplate:
    base = done.get(raw["like"]) if "like" in raw else None
    if "like" in raw and base is None:
        raise TemplateError(f"{where}: `like = {raw['like']!r}` names no earlier table")

    def get(name: str, default: Any) -> Any:
        if name in raw:
            return raw[name]
        return getattr(base, name) if base is not None else default

    try:
        layout = Layout(raw["layout"])
        identities = raw.get("identities")
        panels = tuple(
            PanelSpec(
                side=side,
                columns=tuple(raw[f"{prefix}_columns"]),
                identities=tuple(parse_identity(t) for t in raw.get(f"{prefix}_identities", ())),
                rare=frozenset(raw.get(f"{prefix}_rare", ())),
                words=tuple(raw.get(f"{prefix}_words", ())),
                segments=tuple(raw.get(f"{prefix}_segments", ())),
            )
            for side, prefix in ((Side.INCOME, "income"), (Side.EXPENSE, "expense"))
            if f"{prefix}_columns" in raw
        )
        template = TableTemplate(
            key=raw["key"],
            id=raw.get("id"),
            titles=tuple(normalise_title(t) for t in raw["titles"]),
            layout=layout,
            columns=tuple(get("columns", ())),
            header_words=tuple(get("header_words", ())),
            code_kind=CodeKind(raw["code_kind"]) if "code_kind" in raw else None,
            paired_code=bool(get("paired_code", False)),
            identities=(
                tuple(parse_identity(t) for t in identities)
                if identities is not None
                else (base.identities if base else ())
            ),
            rare=frozenset(raw["rare"]) if "rare" in raw else (base.rare if base else frozenset()),
            optional=(
                tuple(raw["optional"].items())
                if "optional" in raw
                else (base.optional if base else ())
            ),
            code_classes=(
                tuple(CodeClass(tuple(c["prefixes"]), c["column"]) for c in raw["code_classes"])
                if "code_classes" in raw
                else (base.code_classes if base else ())
            ),
            evidence=(
                tuple(
                    Evidence(
                        column=e["column"],
                        table=e["table"],
                        of=e["of"],
                        codes=tuple(e.get("codes", ())),
                        category=e.get("category"),
                    )
                    for e in raw["evidence"]
                )
                if "evidence" in raw
                else (base.evidence if base else ())
            ),
            categories=tuple(raw.get("categories", ())),
            panels=panels,
            required=bool(raw.get("required", True)),
            side_by_side=bool(raw.get("side_by_side", False)),
            not_money=frozenset(raw.get("not_money", ())),
            computed=tuple(parse_identity(t) for t in raw.get("computed", ())),
            variant=bool(raw.get("variant", False)),
            derived=(
                Derived(
                    source=raw["derived"]["from"],
                    value=raw["derived"].get("value", ""),
                    rows=tuple(raw["derived"].get("rows", {}).items()),
                    row=raw["derived"].get("row"),
                    columns=tuple(raw["derived"].get("columns", {}).items()),
                    measures=tuple(raw["derived"].get("measures", ())),
                )
                if "derived" in raw
                else None
            ),
        )
    except (KeyError, ValueError, TypeError) as exc:
        raise TemplateError(f"{where}: {exc}") from exc
    for panel in template.panels:
        if len(panel.segments) == 1:
            raise TemplateError(f"{where}: a side printed as segments has at least two")
    for identity in template.identities:
        unknown = [c for c in identity.columns if c not in template.columns]
        if unknown:
            raise TemplateError(f"{where}: identity names unknown columns {unknown}")
    for identity in template.computed:
        unknown = [c for _, c in identity.terms if c not in template.columns]
        if unknown or identity.left in template.columns:
            raise TemplateError(
                f"{where}: a computed column must be new and sum printed ones: {identity}"
            )
    if template.derived is not None:
        source = done.get(template.derived.source)
        if source is None:
            raise TemplateError(
                f"{where}: derived from {template.derived.source!r}, no earlier table"
            )
        spec = template.derived
        if bool(spec.rows) == (spec.row is not None) or (spec.row is not None) != bool(
            spec.columns
        ):
            raise TemplateError(
                f"{where}: derived needs either `rows` (and `value`) or `row` and `columns`"
            )
        if spec.row not in (None, "year", "measure"):
            raise TemplateError(
                f'{where}: derived `row` must be "year" or "measure", not {spec.row!r}'
            )
        if (spec.row == "measure") != bool(spec.measures):
            raise TemplateError(f'{where}: derived `measures` go with `row = "measure"`')
        targets = [c for _, c in (*spec.rows, *spec.columns)]
        if spec.measures:
            targets = [f"{c}/{m}" for m in spec.measures for c in targets]
        unknown = [c for c in targets if c not in template.columns]
        if unknown:
            raise TemplateError(f"{where}: derived rows name unknown columns {unknown}")
        printed = {*source.columns, *(c for panel in source.panels for c in panel.columns)}
        missing = [c for c, _ in spec.columns if c not in printed]
        if missing:
            raise TemplateError(f"{where}: derived columns {missing} are not {source.key}'s")
    return template


def parse_template_set(text: str, where: str) -> TemplateSet:
    try:
        raw = tomllib.loads(text)
        head = raw["set"]
        done: dict[str, TableTemplate] = {}  # by key, the first form of each
        tables: list[TableTemplate] = []
        for i, table in enumerate(raw.get("table", ())):
            at = f"{where} table #{i + 1} ({table.get('key', '?')})"
            t = _table(table, done, at)
            if t.variant != (t.key in done):
                raise TemplateError(
                    f"{at}: a key declared again is a variant (`variant = true`), and only then"
                )
            done.setdefault(t.key, t)
            tables.append(t)
        return TemplateSet(
            name=head["name"],
            title=head["title"],
            doc_kind=DocKind(head["doc_kind"]),
            id_pattern=re.compile(head["id_pattern"]),
            tables=tuple(tables),
        )
    except (tomllib.TOMLDecodeError, KeyError, ValueError, re.error) as exc:
        if isinstance(exc, TemplateError):
            raise
        raise TemplateError(f"{where}: {exc}") from exc


@cache
def template_sets() -> tuple[TemplateSet, ...]:
    """Every bundled template set, in a stable order."""
    folder = resources.files("yusuan.templates") / "data"
    found = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".toml"):
            found.append(parse_template_set(entry.read_text("utf-8"), entry.name))
    return tuple(found)


_TITLE_NOISE = re.compile(r"[\s“”\"'‘’「」『』《》〈〉()（）\[\]【】·、:：]|\d{4}\s*年度?|年度")


def normalise_title(text: str) -> str:
    """A title reduced to the words that identify it: no year, quotes, brackets or spaces."""
    return _TITLE_NOISE.sub("", text.replace("(单位)", "").replace("（单位）", ""))


@dataclass(frozen=True, slots=True)
class HeaderLayout:
    """Columns a table's header words announce (`data/header/layouts.toml`): read before the
    family's own column order."""

    name: str
    words: tuple[str, ...]
    requires: tuple[str, ...]
    columns: tuple[str, ...]
    dropped: frozenset[str] = frozenset()


@cache
def header_layouts() -> tuple[HeaderLayout, ...]:
    raw = tomllib.loads(
        resources.files("yusuan.templates").joinpath("data/header/layouts.toml").read_text("utf-8")
    )
    out = []
    for item in raw.get("layout", []):
        layout = HeaderLayout(
            name=item["name"],
            words=tuple(item["words"]),
            requires=tuple(item["requires"]),
            columns=tuple(item["columns"]),
            dropped=frozenset(item.get("dropped", ())),
        )
        if not set(layout.requires) <= set(layout.columns) or not layout.dropped <= set(
            layout.columns
        ):
            raise TemplateError(f"header/layouts.toml: {layout.name}: columns must hold the rest")
        out.append(layout)
    return tuple(out)


def header_layout(template: TableTemplate, header: str) -> HeaderLayout | None:
    """The layout the table's header words announce, if its template has the columns it needs:
    the one with the most words printed, then the most of the template's columns."""
    if template.layout is not Layout.CODED:
        return None
    squashed = re.sub(r"\s+", "", header)
    fitting = [
        h
        for h in header_layouts()
        if all(w in squashed for w in h.words) and set(h.requires) <= set(template.columns)
    ]
    if not fitting:
        return None
    return max(fitting, key=lambda h: (len(h.words), len(h.requires)))
