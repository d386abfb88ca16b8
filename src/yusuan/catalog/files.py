"""Reading one catalog directory (the four CSV files and an optional catalog.toml).

Reading never raises on bad content: every defect becomes a `Problem` naming the file and
line, and the rows that could be read are kept, so `yusuan catalog check` can list every
problem at once. Whether problems are fatal is the caller's decision.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from importlib.resources.abc import Traversable
from typing import Any

from yusuan.catalog.csvfile import Problem, read_table
from yusuan.catalog.entries import (
    LEVEL_NAMES,
    MAPPING_FILENAME,
    Entry,
    MappingEntry,
    Part,
    Status,
    UnitType,
    describe_lengths,
    first_digit,
    fits_part,
    is_code,
    level_of,
    max_level,
    parent_of,
)

TOML_FILENAME = "catalog.toml"
ENTRY_COLUMNS = ("code", "name", "level", "parent", "status", "source")
MAPPING_COLUMNS = ("dept_code", "gov_code", "note", "status", "source")
# `level` and `parent` follow from the code, and a user copying the official book may have
# only codes and names; status and source default. So only these are required.
# Each group lists alternative names of one required column.
_REQUIRED_ENTRY = (("code",), ("name",))
# The unit type column is `note` in the bundled file; `unit_type` is accepted as a clearer name.
_UNIT_COLUMNS = ("note", "unit_type")
_REQUIRED_MAPPING = (("dept_code",), ("gov_code",), _UNIT_COLUMNS)


@dataclass(frozen=True, slots=True)
class Layer:
    """What one directory says: its rows in file order (with their line numbers), and which
    parts it claims complete at which levels."""

    origin: str
    entries: Mapping[Part, tuple[tuple[int, Entry], ...]]
    mappings: tuple[tuple[int, MappingEntry], ...]
    complete: Mapping[Part, frozenset[int]] = field(default_factory=dict)
    files: tuple[str, ...] = ()
    # The fiscal years the directory's book serves (catalog.toml `applies_from`,
    # `applies_until`); None: from the directory's own year, and until a later one replaces it.
    applies_from: int | None = None
    applies_until: int | None = None

    def holds(self, part: Part | None) -> bool:
        """True when the directory has the file of `part` (None: the 对照表), even empty: an
        empty file says the book has no such list (no 政府经济分类 before 2018)."""
        name = MAPPING_FILENAME if part is None else part.filename
        return name in self.files

    def only(self, part: Part | None) -> Layer:
        """The directory reduced to one part (None: the 对照表), to stand in for a book that
        lacks it."""
        return Layer(
            self.origin,
            {} if part is None else {part: self.entries.get(part, ())},
            self.mappings if part is None else (),
            {} if part is None else {p: v for p, v in self.complete.items() if p is part},
            (MAPPING_FILENAME if part is None else part.filename,),
        )


def read_layer(folder: Traversable, origin: str, where: str) -> tuple[Layer, list[Problem]]:
    """Read a catalog directory. `origin` is stamped on every row; `where` prefixes the file
    names in problems (the directory as the user named it)."""
    problems: list[Problem] = []
    entries: dict[Part, tuple[tuple[int, Entry], ...]] = {}
    mappings: tuple[tuple[int, MappingEntry], ...] = ()
    files: list[str] = []
    known = {part.filename for part in Part} | {MAPPING_FILENAME}
    children = sorted(folder.iterdir(), key=lambda item: item.name)
    for item in children:
        if item.name.lower().endswith(".csv") and item.name not in known:
            # A misspelt file name would otherwise be ignored without a word.
            expected = ", ".join(sorted(known))
            problems.append(Problem(_join(where, item.name), 0, f"not a catalog file ({expected})"))
    for part in Part:
        item = folder / part.filename
        if item.is_file():
            files.append(part.filename)
            rows = _read_entries(item, part, origin, _join(where, part.filename), problems)
            entries[part] = tuple(rows)
    item = folder / MAPPING_FILENAME
    if item.is_file():
        files.append(MAPPING_FILENAME)
        where_map = _join(where, MAPPING_FILENAME)
        mappings = tuple(_read_mappings(item, origin, where_map, problems))
    complete: dict[Part, frozenset[int]] = {}
    span: tuple[int | None, int | None] = (None, None)
    item = folder / TOML_FILENAME
    if item.is_file():
        files.append(TOML_FILENAME)
        complete, span = _read_toml(item, _join(where, TOML_FILENAME), problems)
    if not files:
        names = ", ".join([*(part.filename for part in Part), MAPPING_FILENAME])
        problems.append(Problem(where, 0, f"no catalog files (expected any of {names})"))
    layer = Layer(origin, entries, mappings, complete, tuple(files), *span)
    return layer, problems


def _join(where: str, name: str) -> str:
    return f"{where.rstrip('/')}/{name}" if where else name


def _status(row: Mapping[str, str], line: int, where: str, problems: list[Problem]) -> Status:
    if "status" not in row:
        return Status.USER
    text = row["status"]
    try:
        return Status(text)
    except ValueError:
        known = ", ".join(status.value for status in Status)
        problems.append(Problem(where, line, f"unknown status {text!r} (known: {known})"))
        # Treated as the weakest status, so a mistyped status never strengthens a finding.
        return Status.UNVERIFIED


def _read_entries(
    item: Traversable, part: Part, origin: str, where: str, problems: list[Problem]
) -> Iterator[tuple[int, Entry]]:
    seen: dict[str, int] = {}
    for line, row in read_table(item, where, _REQUIRED_ENTRY, problems):
        code = row["code"]
        if not is_code(code):
            problems.append(Problem(where, line, f"code {code!r} is not all digits"))
            continue
        if not fits_part(code, part):
            message = (
                f"code {code} does not fit {part.label}: codes there have "
                f"{describe_lengths(part)} digits and start with {first_digit(part)}"
            )
            problems.append(Problem(where, line, message))
            continue
        if code in seen:
            problems.append(
                Problem(where, line, f"duplicate code {code} (first on line {seen[code]})")
            )
            continue
        seen[code] = line
        level = level_of(code)
        _check_level(row, code, level, part, line, where, problems)
        parent = _check_parent(row, code, line, where, problems)
        if not row["name"]:
            problems.append(Problem(where, line, f"code {code} has no name"))
        status = _status(row, line, where, problems)
        entry = Entry(code, row["name"], level, parent, status, row.get("source", ""), part, origin)
        yield line, entry


def _check_level(
    row: Mapping[str, str],
    code: str,
    level: int,
    part: Part,
    line: int,
    where: str,
    problems: list[Problem],
) -> None:
    if "level" not in row:
        return
    text = row["level"]
    if text != str(level):
        message = (
            f"level {text!r} does not fit the {len(code)}-digit code {code} "
            f"(level {level}, {LEVEL_NAMES[level]}; {part.label} has {max_level(part)} levels)"
        )
        problems.append(Problem(where, line, message))


def _check_parent(
    row: Mapping[str, str], code: str, line: int, where: str, problems: list[Problem]
) -> str | None:
    """The parent code (always the one the code implies); a different stated one → problem."""
    expected = parent_of(code)
    if "parent" not in row:
        return expected
    stated = row["parent"]
    if expected is None:
        if stated:
            problems.append(Problem(where, line, f"class code {code} has parent {stated}"))
    elif not stated:
        problems.append(Problem(where, line, f"code {code} has no parent (expected {expected})"))
    elif not code.startswith(stated):
        message = f"parent {stated} is not a prefix of code {code} (expected {expected})"
        problems.append(Problem(where, line, message))
    elif stated != expected:
        message = f"parent {stated} of code {code} skips a level (expected {expected})"
        problems.append(Problem(where, line, message))
    return expected


def _read_mappings(
    item: Traversable, origin: str, where: str, problems: list[Problem]
) -> Iterator[tuple[int, MappingEntry]]:
    seen: dict[tuple[str, str, UnitType], int] = {}
    rows = read_table(item, where, _REQUIRED_MAPPING, problems)
    for line, row in rows:
        unit_column = next(name for name in _UNIT_COLUMNS if name in row)
        dept, gov = row["dept_code"], row["gov_code"]
        bad = False
        for code, part in ((dept, Part.ECON_DEPT), (gov, Part.ECON_GOV)):
            if not fits_part(code, part):
                message = (
                    f"{code!r} is not a {part.label} code ({describe_lengths(part)} digits "
                    f"starting with {first_digit(part)})"
                )
                problems.append(Problem(where, line, message))
                bad = True
        unit = UnitType.parse(row[unit_column])
        if unit is None:
            kinds = " / ".join(member.value for member in UnitType)
            message = f"{unit_column} {row[unit_column]!r} names no unit type ({kinds})"
            problems.append(Problem(where, line, message))
            bad = True
        if bad or unit is None:
            continue
        key = (dept, gov, unit)
        if key in seen:
            message = (
                f"duplicate mapping {dept} → {gov} for {unit.value} (first on line {seen[key]})"
            )
            problems.append(Problem(where, line, message))
            continue
        seen[key] = line
        status = _status(row, line, where, problems)
        yield line, MappingEntry(dept, gov, unit, status, row.get("source", ""), origin)


def _read_toml(
    item: Traversable, where: str, problems: list[Problem]
) -> tuple[dict[Part, frozenset[int]], tuple[int | None, int | None]]:
    """The complete levels per part, and the (applies_from, applies_until) years."""
    try:
        raw: dict[str, Any] = tomllib.loads(item.read_bytes().decode("utf-8-sig"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        problems.append(Problem(where, 0, f"unreadable TOML: {exc}"))
        return {}, (None, None)
    span = (
        _year(raw, "applies_from", where, problems),
        _year(raw, "applies_until", where, problems),
    )
    complete: dict[Part, frozenset[int]] = {}
    tables = {part.value for part in Part} | {MAPPING_FILENAME.removesuffix(".csv")}
    for key, value in raw.items():
        if not isinstance(value, dict):
            continue  # top-level notes (book) and years (applies_from/until) are read apart
        if key not in tables:
            problems.append(Problem(where, 0, f"unknown table [{key}] (known: {sorted(tables)})"))
            continue
        if key not in {part.value for part in Part} or "complete_levels" not in value:
            continue
        part = Part(key)
        levels = value["complete_levels"]
        valid = range(1, max_level(part) + 1)
        if not isinstance(levels, list) or not all(
            isinstance(level, int) and level in valid for level in levels
        ):
            message = f"[{key}] complete_levels must be a list of levels {list(valid)}"
            problems.append(Problem(where, 0, message))
            continue
        complete[part] = frozenset(levels)
    return complete, span


def _year(raw: Mapping[str, Any], key: str, where: str, problems: list[Problem]) -> int | None:
    value = raw.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1990 <= value <= 2100:
        problems.append(Problem(where, 0, f"{key} must be a year, not {value!r}"))
        return None
    return value


def cross_check(layer: Layer, known: Callable[[Part, str], bool], where: str) -> list[Problem]:
    """Problems of references that leave a row: a parent or a mapped code that is neither in
    the layer itself nor `known` (to the catalog the layer extends)."""
    problems: list[Problem] = []
    own = {part: {entry.code for _, entry in rows} for part, rows in layer.entries.items()}

    def exists(part: Part, code: str) -> bool:
        return code in own.get(part, set()) or known(part, code)

    for part, rows in layer.entries.items():
        file = _join(where, part.filename)
        for line, entry in rows:
            if entry.parent is not None and not exists(part, entry.parent):
                message = (
                    f"parent {entry.parent} of code {entry.code} is neither in this "
                    "directory nor in the bundled catalog"
                )
                problems.append(Problem(file, line, message))
    file = _join(where, MAPPING_FILENAME)
    for line, mapping in layer.mappings:
        for code, part in ((mapping.dept_code, Part.ECON_DEPT), (mapping.gov_code, Part.ECON_GOV)):
            if not exists(part, code):
                message = (
                    f"{part.label} code {code} is neither in {part.filename} here "
                    "nor in the bundled catalog"
                )
                problems.append(Problem(file, line, message))
    return problems
