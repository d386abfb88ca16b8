"""The catalog of one fiscal year: bundled year directories layered, then a user directory.

`data/<year>/` holds the catalog of the book first used for that fiscal year. A later year's
directory need only hold what changed: the catalog of fiscal year Y layers every bundled
directory that serves Y, oldest first, each overriding the rows of earlier ones by code. A
directory serves from its year (or its catalog.toml's `applies_from`) until its
`applies_until`: the pre-2018 economic classification (`data/2017/`) ends with 2017, when the
2018 reform replaced it. When no directory serves a year, the nearest stands in; a list the
serving directories lack comes from the nearest directory that has it. `Catalog.books` and
`standing_in()` say which book each list comes from, so a finding can say which year stood in.
A user directory goes on top.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from yusuan.catalog.csvfile import Problem
from yusuan.catalog.entries import (
    Entry,
    MappingEntry,
    Part,
    UnitType,
    part_of_code,
)
from yusuan.catalog.files import Layer, cross_check, read_layer
from yusuan.catalog.names import names_match
from yusuan.errors import YusuanError

# How many problems a load error quotes; `yusuan catalog check` lists them all.
_QUOTED_PROBLEMS = 10


class CatalogError(YusuanError):
    """A catalog directory cannot be used; `problems` lists why."""

    def __init__(self, message: str, problems: Sequence[Problem] = (), path: str | None = None):
        self.problems = tuple(problems)
        lines = [message, *(str(problem) for problem in self.problems[:_QUOTED_PROBLEMS])]
        if len(self.problems) > _QUOTED_PROBLEMS:
            lines.append(f"… and {len(self.problems) - _QUOTED_PROBLEMS} more")
        super().__init__("\n".join(lines), path=path)


@dataclass(frozen=True, eq=False, slots=True)
class Catalog:
    """The classification catalog of one fiscal year. Build it with `load_catalog`.

    `provenance` names where the rows come from ("bundled 2023", plus a user directory's path
    when one is layered on top); each row's own `origin` says which of these it came from.
    """

    year: int
    provenance: str
    origins: tuple[str, ...]
    by_part: Mapping[Part, Mapping[str, Entry]] = field(repr=False)
    mappings_by_dept: Mapping[str, tuple[MappingEntry, ...]] = field(repr=False)
    complete_levels: Mapping[Part, frozenset[int]] = field(repr=False)
    # The year of the book each list comes from: the fiscal year's own, or another standing in.
    books: Mapping[Part, int] = field(repr=False)
    _children: Mapping[tuple[Part, str], tuple[Entry, ...]] = field(repr=False)

    names_match = staticmethod(names_match)

    def get(self, part: Part, code: str) -> Entry | None:
        """The entry of `code` in `part`, or None when this catalog does not list it."""
        return self.by_part.get(part, {}).get(code.strip())

    def function(self, code: str) -> Entry | None:
        """A 支出功能分类 code's entry."""
        return self.get(Part.FUNCTION, code)

    def econ_dept(self, code: str) -> Entry | None:
        """A 部门预算支出经济分类 code's entry."""
        return self.get(Part.ECON_DEPT, code)

    def econ_gov(self, code: str) -> Entry | None:
        """A 政府预算支出经济分类 code's entry."""
        return self.get(Part.ECON_GOV, code)

    def lookup(self, code: str) -> Entry | None:
        """The entry of a code of any part, the part guessed from the code (2… of 3/5/7 digits
        functional, 3… of 3/5 department economic, 5… of 3/5 government economic)."""
        part = part_of_code(code.strip())
        return None if part is None else self.get(part, code)

    def entries(self, part: Part) -> tuple[Entry, ...]:
        """Every entry of a part, by code."""
        rows = self.by_part.get(part, {})
        return tuple(rows[code] for code in sorted(rows))

    def function_classes(self) -> tuple[Entry, ...]:
        """The 类 (level 1) of the functional classification, by code."""
        return _classes(self, Part.FUNCTION)

    def children(self, code: str) -> tuple[Entry, ...]:
        """The listed entries one level below `code`, by code (empty for unknown codes)."""
        code = code.strip()
        part = part_of_code(code)
        return () if part is None else self._children.get((part, code), ())

    def code_named(self, part: Part, name: str, parent: str | None = None) -> str | None:
        """The code one level below `parent` (a 类 when None) that the catalog names `name`,
        when exactly one listed code is: how a table printing names without codes is coded."""
        candidates = _classes(self, part) if parent is None else self.children(parent)
        found = [entry.code for entry in candidates if names_match(name, entry.name)]
        return found[0] if len(found) == 1 else None

    def chain(self, code: str) -> tuple[Entry, ...]:
        """The listed entries from the 类 down to `code` itself (a missing level is skipped)."""
        code = code.strip()
        part = part_of_code(code)
        if part is None:
            return ()
        prefixes = [code[:length] for length in range(3, len(code) + 1, 2)]
        found = (self.get(part, prefix) for prefix in prefixes)
        return tuple(entry for entry in found if entry is not None)

    def gov_codes_for(
        self, dept_code: str, unit_type: UnitType | None = None
    ) -> tuple[MappingEntry, ...]:
        """The government economic codes a department economic code maps to.

        With `unit_type` None, every listed mapping of the code (for all unit types); with
        ORGAN or INSTITUTION, the mappings that apply to that kind of unit (its own and the
        通用 ones); with ANY, only the 通用 mappings, those that hold whatever the unit.
        """
        rows = self.mappings_by_dept.get(dept_code.strip(), ())
        if unit_type is None:
            return rows
        return tuple(row for row in rows if row.unit_type in (unit_type, UnitType.ANY))

    def mappings(self) -> tuple[MappingEntry, ...]:
        """Every mapping row, by department code."""
        return tuple(
            row for dept in sorted(self.mappings_by_dept) for row in self.mappings_by_dept[dept]
        )

    def is_known_absent(self, code: str) -> bool:
        """True when `code` is certainly not in the official book: it is not listed, and the
        catalog is complete at its level or at the level of an ancestor that is not listed
        either (2340101 when every 类 is listed and 234 is not), or it is no code at all.
        False for a listed code and for a code the partial copy simply lacks."""
        code = code.strip()
        part = part_of_code(code)
        if part is None:
            return True
        for length in range(3, len(code) + 1, 2):
            prefix = code[:length]
            if self.get(part, prefix) is None and self.is_complete(part, (length - 1) // 2):
                return True
        return False

    def book_year(self, part: Part) -> int:
        """The year of the book `part`'s list comes from (the fiscal year when none has it)."""
        return self.books.get(part, self.year)

    def older_book(self, part: Part) -> bool:
        """True when `part`'s list is from a book older than the fiscal year: a code it lacks
        may have been added since."""
        return self.book_year(part) < self.year

    def standing_in(self) -> str:
        """Which books stand in for the fiscal year's own, in words ("" when none does)."""
        by_year: dict[int, list[str]] = {}
        for part in Part:
            if part in self.books and self.books[part] != self.year:
                by_year.setdefault(self.books[part], []).append(part.label)
        return "；".join(
            f"{'、'.join(labels)}以{book}年目录代{self.year}年" for book, labels in by_year.items()
        )

    def is_complete(self, part: Part, level: int) -> bool:
        """True when the catalog lists every code of `part` at `level`, so that a code absent
        from it is absent from the official book, not only from this copy."""
        return level in self.complete_levels.get(part, frozenset())


@lru_cache(maxsize=16)  # bounded: a catalog built apart (load_catalog_from) is not kept forever
def _classes(catalog: Catalog, part: Part) -> tuple[Entry, ...]:
    """The level-1 entries of a part (a catalog is immutable, so they are kept)."""
    return tuple(entry for entry in catalog.entries(part) if entry.level == 1)


def bundled_root() -> Traversable:
    """The folder of the bundled year directories."""
    return resources.files("yusuan.catalog") / "data"


def available_years(root: Traversable | None = None) -> tuple[int, ...]:
    """The years of the bundled catalog directories, oldest first."""
    folder = bundled_root() if root is None else root
    return tuple(
        sorted(
            int(item.name)
            for item in folder.iterdir()
            if item.is_dir() and item.name.isascii() and item.name.isdigit()
        )
    )


def load_catalog(year: int | None = None, extra: Path | None = None) -> Catalog:
    """The catalog of fiscal year `year` (the newest when None), with the rows of the user
    directory `extra` overriding bundled rows of the same code and adding new ones.

    Loaded once per (year, directory) and cached; raises `CatalogError` when `extra` is not a
    directory or has problems (`check_catalog_dir` lists them).
    """
    return _load_cached(year, None if extra is None else extra.resolve())


@cache
def _load_cached(year: int | None, extra: Path | None) -> Catalog:
    return load_catalog_from(bundled_root(), year, extra)


def load_catalog_from(
    root: Traversable, year: int | None = None, extra: Path | None = None
) -> Catalog:
    """As `load_catalog`, from the year directories under `root`, without caching (for tests
    and for catalogs kept outside the package)."""
    years = available_years(root)
    if not years:
        raise CatalogError(f"no catalog year directories in {root}")
    read: dict[int, Layer] = {}

    def layer_of(layer_year: int) -> Layer:
        if layer_year not in read:
            origin = f"bundled {layer_year}"
            layer, problems = read_layer(root / str(layer_year), origin, origin)
            if problems:
                raise CatalogError(f"the {origin} catalog is broken", problems)
            read[layer_year] = layer
        return read[layer_year]

    fiscal = years[-1] if year is None else year
    chosen = [y for y in years if _serves(layer_of(y), y, fiscal)]
    if not chosen:
        # No book serves the year: the nearest one stands in (the oldest for earlier years).
        chosen = [min(years, key=lambda y: (abs(y - fiscal), y))]
    layers = [layer_of(y) for y in chosen]
    books: dict[Part | None, int] = {}
    for layer_year, layer in zip(chosen, layers, strict=True):
        for part in (*Part, None):
            if layer.holds(part):
                books[part] = layer_year
    # A list the serving books lack (the 2017 directory has no 功能分类 of its own) comes from
    # the nearest directory that has it, later ones first at equal distance.
    borrowed: list[Layer] = []
    for part in (*Part, None):
        if part in books:
            continue
        donors = [y for y in years if y not in chosen and layer_of(y).holds(part)]
        if donors:
            donor = min(donors, key=lambda y: (abs(y - fiscal), -y))
            borrowed.append(layer_of(donor).only(part))
            books[part] = donor
    bundled = "bundled " + "+".join(str(y) for y in chosen)
    lent = sorted({books[p] for p in books if books[p] not in chosen})
    if lent:
        bundled += "; " + "; ".join(
            f"{'、'.join(_label(p) for p in books if books[p] == y)} from bundled {y}" for y in lent
        )
    base = _merge([*borrowed, *layers], fiscal, bundled, books)
    if extra is None:
        return base
    if not extra.is_dir():
        raise CatalogError("not a catalog directory", path=str(extra))
    origin = str(extra)
    layer, problems = read_layer(extra, origin, origin)
    problems += cross_check(layer, lambda part, code: base.get(part, code) is not None, origin)
    if problems:
        problems.sort(key=lambda problem: (problem.file, problem.line))
        raise CatalogError(
            f"{len(problems)} problem(s) in the catalog directory {origin}; "
            f"`yusuan catalog check {origin}` lists them all:",
            problems,
        )
    # The user's directory is their book: the parts it holds are the fiscal year's own.
    mine = {**books, **{p: fiscal for p in (*Part, None) if layer.holds(p)}}
    return _merge([*borrowed, *layers, layer], base.year, f"{bundled}; {origin}", mine)


def _serves(layer: Layer, layer_year: int, fiscal: int) -> bool:
    """True when the directory named `layer_year` holds a book in force in `fiscal`."""
    start = layer.applies_from if layer.applies_from is not None else layer_year
    return start <= fiscal and (layer.applies_until is None or fiscal <= layer.applies_until)


def _label(part: Part | None) -> str:
    return "对照表" if part is None else part.label


def _merge(
    layers: Sequence[Layer], year: int, provenance: str, books: Mapping[Part | None, int]
) -> Catalog:
    by_part: dict[Part, dict[str, Entry]] = {part: {} for part in Part}
    # A layer's mapping rows for one (department code, unit type) replace the earlier layers'
    # rows for it: a correction must be able to drop a wrong target, not only add one.
    mappings: dict[tuple[str, UnitType], list[MappingEntry]] = {}
    complete: dict[Part, frozenset[int]] = {}
    for layer in layers:
        for part, rows in layer.entries.items():
            for _, entry in rows:
                by_part[part][entry.code] = entry
        fresh: dict[tuple[str, UnitType], list[MappingEntry]] = {}
        for _, row in layer.mappings:
            fresh.setdefault((row.dept_code, row.unit_type), []).append(row)
        mappings.update(fresh)
        complete.update(layer.complete)
    children: dict[tuple[Part, str], list[Entry]] = {}
    for part, codes in by_part.items():
        for code in sorted(codes):
            entry = codes[code]
            if entry.parent is not None:
                children.setdefault((part, entry.parent), []).append(entry)
    by_dept: dict[str, list[MappingEntry]] = {}
    for (dept, _), targets in mappings.items():
        by_dept.setdefault(dept, []).extend(targets)
    return Catalog(
        year=year,
        provenance=provenance,
        origins=tuple(layer.origin for layer in layers),
        by_part=by_part,
        mappings_by_dept={dept: tuple(rows) for dept, rows in by_dept.items()},
        complete_levels=complete,
        books={part: books[part] for part in Part if part in books},
        _children={key: tuple(rows) for key, rows in children.items()},
    )
