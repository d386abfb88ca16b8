"""The records of a classification catalog (政府收支分类科目) and the rules of its codes.

Codes are strings: their digits are positional (201 类 → 20101 款 → 2010101 项) and a code
is never arithmetic. Each record carries the status and source of the row it came from, so a
check built on an unverified row can say so instead of calling a disclosure wrong.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum


class Part(StrEnum):
    """One of the three code lists; the value is the file name without `.csv`."""

    FUNCTION = "function"
    ECON_DEPT = "econ_dept"
    ECON_GOV = "econ_gov"

    @property
    def label(self) -> str:
        """The Chinese name of the list, as printed in disclosures."""
        return _LABELS[self]

    @property
    def filename(self) -> str:
        return f"{self.value}.csv"


_LABELS = {
    Part.FUNCTION: "支出功能分类",
    Part.ECON_DEPT: "部门预算支出经济分类",
    Part.ECON_GOV: "政府预算支出经济分类",
}

MAPPING_FILENAME = "econ_mapping.csv"

# The code lengths of each level: 类 3 digits, 款 5, 项 7 (economic codes stop at 款).
_LENGTHS: dict[Part, tuple[int, ...]] = {
    Part.FUNCTION: (3, 5, 7),
    Part.ECON_DEPT: (3, 5),
    Part.ECON_GOV: (3, 5),
}
# The first digit tells the lists apart (2xx 功能, 3xx 部门经济, 5xx 政府经济); a catalog file
# holding another list's codes is a mix-up, not an extension.
_FIRST_DIGIT = {Part.FUNCTION: "2", Part.ECON_DEPT: "3", Part.ECON_GOV: "5"}

LEVEL_NAMES = {1: "类", 2: "款", 3: "项"}

_DIGITS = re.compile(r"[0-9]+")


class Status(StrEnum):
    """How far a row is confirmed (see the bundled SOURCES.md)."""

    VERIFIED = "verified"  # code and name seen together in a public source
    VERIFIED_2024 = "verified-2024"  # seen in the 2024 book, not checked against 2023
    UNVERIFIED = "unverified"  # general knowledge; must not ground a certain finding
    USER = "user"  # from a user's catalog directory that has no status column


_CONFIRMED = frozenset({Status.VERIFIED, Status.USER})


class UnitType(StrEnum):
    """The kind of unit a department→government economic mapping applies to."""

    ORGAN = "机关"  # 行政单位、参公单位
    INSTITUTION = "事业单位"
    ANY = "通用"  # the same for every unit type

    @classmethod
    def parse(cls, text: str) -> UnitType | None:
        """The unit type a mapping note names, or None if it names none.

        Accepts the bundled notes (`机关（行政单位、参公单位）`, `事业单位`, `通用（不分单位类型）`)
        and the enum names (`organ`, `institution`, `any`) a user may find easier to type.
        """
        note = text.strip()
        if not note:
            return None
        by_name = {member.name.lower(): member for member in cls}
        if note.lower() in by_name:
            return by_name[note.lower()]
        for member in cls:
            if note.startswith(member.value):
                return member
        return None


@dataclass(frozen=True, slots=True)
class Entry:
    """One code of one part of the catalog, with the status and source of its row.

    `origin` says which catalog directory the row came from ("bundled 2023" or a user
    directory's path), so a finding built on it can cite it.
    """

    code: str
    name: str
    level: int
    parent: str | None
    status: Status
    source: str
    part: Part
    origin: str = ""

    @property
    def level_name(self) -> str:
        return LEVEL_NAMES[self.level]

    @property
    def sources(self) -> tuple[str, ...]:
        """The source tags (`B`, `G1`, `P2`, a URL …) of the row, split."""
        return tuple(tag.strip() for tag in self.source.split(";") if tag.strip())

    @property
    def verified(self) -> bool:
        """True when a source confirms the row for the book its directory stands for.

        `verified-2024` rows in the 2023 directory are not: the code may be new in 2024. Rows
        from a user directory without a status column count as confirmed (the user's book).
        """
        return self.status in _CONFIRMED


@dataclass(frozen=True, slots=True)
class MappingEntry:
    """One row of the 对照表: department economic code → government economic code."""

    dept_code: str
    gov_code: str
    unit_type: UnitType
    status: Status
    source: str
    origin: str = ""

    @property
    def verified(self) -> bool:
        """As `Entry.verified`."""
        return self.status in _CONFIRMED


def is_code(text: str) -> bool:
    """True when `text` is made of ASCII digits only (full-width digits are not codes)."""
    return _DIGITS.fullmatch(text) is not None


def fits_part(code: str, part: Part) -> bool:
    """True when `code` has a length and a first digit that the part's codes have."""
    return is_code(code) and len(code) in _LENGTHS[part] and code[0] == _FIRST_DIGIT[part]


def part_of_code(code: str) -> Part | None:
    """The part a code belongs to, guessed from its first digit and length; None if none."""
    for part in Part:
        if fits_part(code, part):
            return part
    return None


def level_of(code: str) -> int:
    """The level of a code of valid length: 3 digits → 1 (类), 5 → 2 (款), 7 → 3 (项)."""
    return (len(code) - 1) // 2


def parent_of(code: str) -> str | None:
    """The code one level up (the code without its last two digits); None for a 类."""
    return code[:-2] if len(code) > 3 else None


def describe_lengths(part: Part) -> str:
    """The lengths a part's codes may have, for messages: "3, 5 or 7"."""
    lengths = [str(n) for n in _LENGTHS[part]]
    return ", ".join(lengths[:-1]) + " or " + lengths[-1]


def first_digit(part: Part) -> str:
    return _FIRST_DIGIT[part]


def max_level(part: Part) -> int:
    return len(_LENGTHS[part])
