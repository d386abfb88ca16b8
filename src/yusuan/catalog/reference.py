"""Reference lists beside the catalogs: former names, codes that describe the same money, and
local conventions.

`data/conventions.csv` lists template families' own ways of classifying a code (浙江 counts
30399 in 公用经费), so a rule can tell a local convention from a mistake.
`data/former_names.csv` lists class names and codes that were renamed or retired (210
医疗卫生与计划生育支出 → 卫生健康支出 in 2019), so a check can tell an outdated name from a
wrong one. `data/function_economic.csv` lists the functional codes whose money an economic
code must also show (2080505 ↔ 30108). All are data with a status and a source per row, as
the catalogs are (see `data/REFERENCE.md`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib.resources.abc import Traversable

from yusuan.catalog.csvfile import Problem, read_table
from yusuan.catalog.entries import Status, is_code
from yusuan.catalog.load import CatalogError, bundled_root
from yusuan.catalog.names import names_match

FORMER_NAMES = "former_names.csv"
FUNCTION_ECONOMIC = "function_economic.csv"
CONVENTIONS = "conventions.csv"
_STATUSES = {Status.VERIFIED.value, Status.UNVERIFIED.value}


@dataclass(frozen=True, slots=True)
class FormerName:
    """A name (or code) the book once had: `old_name` of `code` until `changed_in`."""

    code: str
    old_name: str
    new_code: str | None  # None: retired without a successor
    new_name: str | None
    changed_in: int | None  # the first year without it; None: an open question
    status: Status
    source: str
    note: str = ""

    @property
    def verified(self) -> bool:
        return self.status is Status.VERIFIED

    @property
    def open_question(self) -> bool:
        return self.changed_in is None

    @property
    def retired(self) -> bool:
        """True when the code itself left the book (retired, or replaced by another code)."""
        return self.new_code != self.code

    def gone_by(self, year: int) -> bool:
        """True when the book of `year` no longer has the old name (or code)."""
        return self.changed_in is not None and year >= self.changed_in

    def describe(self) -> str:
        """The row in words, for a finding's evidence."""
        if self.open_question:
            change = "是否仍在科目中尚无定论"
        elif self.retired and self.new_code is None:
            change = f"{self.changed_in}年起取消"
        elif self.retired:
            change = f"{self.changed_in}年起调整为 {self.new_code} {self.new_name}"
        else:
            change = f"{self.changed_in}年起改称“{self.new_name}”"
        note = f"；{self.note}" if self.note else ""
        return (
            f"{self.code}“{self.old_name}”{change}（{self.status.value}，来源 {self.source}{note}）"
        )


@dataclass(frozen=True, slots=True)
class MoneyPair:
    """Functional codes and economic codes that classify the same money two ways."""

    name: str
    functional: tuple[str, ...]
    economic: tuple[str, ...]
    functional_alternatives: tuple[str, ...]
    economic_alternatives: tuple[str, ...]
    status: Status
    source: str
    note: str = ""
    # The fiscal years the pair holds in (the 2018 reform renumbered 住房公积金 30311 → 30113).
    from_year: int | None = None
    until_year: int | None = None
    # True when a document may print no class of the functional codes at all, booking the
    # money under the department's own function (a regional convention, not an error).
    class_may_be_absent: bool = False

    @property
    def verified(self) -> bool:
        return self.status is Status.VERIFIED

    def holds_in(self, year: int | None) -> bool:
        """True when the pair applies to fiscal `year` (any year when None)."""
        if year is None:
            return True
        return (self.from_year is None or year >= self.from_year) and (
            self.until_year is None or year <= self.until_year
        )


@cache
def former_names() -> tuple[FormerName, ...]:
    """Every row of the bundled `former_names.csv`, in file order."""
    problems: list[Problem] = []
    rows = tuple(_former_rows(bundled_root() / FORMER_NAMES, problems))
    _raise(FORMER_NAMES, problems)
    return rows


@cache
def money_pairs() -> tuple[MoneyPair, ...]:
    """Every row of the bundled `function_economic.csv`, in file order."""
    problems: list[Problem] = []
    rows = tuple(_pair_rows(bundled_root() / FUNCTION_ECONOMIC, problems))
    _raise(FUNCTION_ECONOMIC, problems)
    return rows


@dataclass(frozen=True, slots=True)
class Convention:
    """A template family's own way of classifying a code, which a national rule would call
    wrong: 浙江 counts 30399 in 公用经费 (its 基本支出 is split by 支出用途)."""

    template: str
    rule: str
    code: str
    column: str
    status: Status
    source: str
    note: str = ""


@cache
def conventions() -> tuple[Convention, ...]:
    """Every row of the bundled `conventions.csv`, in file order."""
    problems: list[Problem] = []
    required = tuple((c,) for c in ("template", "rule", "code", "column", "status"))
    rows: list[Convention] = []
    for line, cells in read_table(bundled_root() / CONVENTIONS, CONVENTIONS, required, problems):
        if not is_code(cells["code"]) or cells["status"] not in _STATUSES:
            problems.append(Problem(CONVENTIONS, line, "bad code or status"))
            continue
        rows.append(
            Convention(
                template=cells["template"],
                rule=cells["rule"],
                code=cells["code"],
                column=cells["column"],
                status=Status(cells["status"]),
                source=cells.get("source", ""),
                note=cells.get("note", ""),
            )
        )
    _raise(CONVENTIONS, problems)
    return tuple(rows)


def conventions_for(template: str | None, rule: str) -> tuple[Convention, ...]:
    """The conventions of one template family for one rule."""
    return tuple(c for c in conventions() if c.template == template and c.rule == rule)


def former_names_of(code: str) -> tuple[FormerName, ...]:
    """The former names of one code, oldest change first."""
    rows = [row for row in former_names() if row.code == code]
    return tuple(sorted(rows, key=lambda row: row.changed_in or 10_000))


def retired_row(code: str) -> FormerName | None:
    """The row that retired `code` or the nearest of its ancestors (a 项 of a retired 类 goes
    with it), or None."""
    for length in range(len(code), 2, -2):
        found = [row for row in former_names_of(code[:length]) if row.retired]
        if found:
            return found[-1]
    return None


def former_match(code: str | None, printed: str) -> FormerName | None:
    """The former-name row whose old name is the printed name (of `code`, or of any code when
    `code` is None); the latest change when several match."""
    found = [
        row
        for row in former_names()
        if (code is None or row.code == code) and names_match(printed, row.old_name)
    ]
    return max(found, key=lambda row: row.changed_in or 0) if found else None


def name_in_year(row: FormerName, year: int) -> str | None:
    """The name `row`'s code had in `year`, following renames after `row` (None when the code
    was retired or the chain runs out); `row.old_name` itself when it was still in force."""
    if not row.gone_by(year):
        return row.old_name
    current = row
    seen = {id(row)}
    while current.new_name is not None and not current.retired:
        later = next(
            (
                other
                for other in former_names_of(current.code)
                if id(other) not in seen and names_match(other.old_name, current.new_name)
            ),
            None,
        )
        if later is None or not later.gone_by(year):
            return current.new_name
        seen.add(id(later))
        current = later
    return None if current.retired else current.new_name


def _raise(name: str, problems: list[Problem]) -> None:
    if problems:
        raise CatalogError(f"the bundled {name} is broken", problems)


def _former_rows(item: Traversable, problems: list[Problem]) -> Iterator[FormerName]:
    required = tuple((c,) for c in ("code", "old_name", "changed_in", "status"))
    for line, cells in read_table(item, FORMER_NAMES, required, problems):
        code, year = cells["code"], cells["changed_in"]
        new_code = cells.get("new_code") or None
        status = cells["status"]
        if not is_code(code) or (new_code is not None and not is_code(new_code)):
            problems.append(Problem(FORMER_NAMES, line, f"bad code {code!r} / {new_code!r}"))
            continue
        if year and not year.isdigit():
            problems.append(Problem(FORMER_NAMES, line, f"bad year {year!r}"))
            continue
        if status not in _STATUSES:
            problems.append(Problem(FORMER_NAMES, line, f"unknown status {status!r}"))
            continue
        yield FormerName(
            code=code,
            old_name=cells["old_name"],
            new_code=new_code,
            new_name=cells.get("new_name") or None,
            changed_in=int(year) if year else None,
            status=Status(status),
            source=cells.get("source", ""),
            note=cells.get("note", ""),
        )


def _codes(text: str) -> tuple[str, ...]:
    return tuple(text.split())


def _pair_rows(item: Traversable, problems: list[Problem]) -> Iterator[MoneyPair]:
    required = tuple((c,) for c in ("name", "functional", "economic", "status"))
    for line, cells in read_table(item, FUNCTION_ECONOMIC, required, problems):
        codes = {
            key: _codes(cells.get(key, ""))
            for key in (
                "functional",
                "economic",
                "functional_alternatives",
                "economic_alternatives",
            )
        }
        if not codes["functional"] or not codes["economic"]:
            problems.append(Problem(FUNCTION_ECONOMIC, line, "a pair needs codes on both sides"))
            continue
        if not all(is_code(code) for group in codes.values() for code in group):
            problems.append(Problem(FUNCTION_ECONOMIC, line, "codes must be digits"))
            continue
        if cells["status"] not in _STATUSES:
            problems.append(Problem(FUNCTION_ECONOMIC, line, f"unknown status {cells['status']!r}"))
            continue
        years = [cells.get("from_year", ""), cells.get("until_year", "")]
        if not all(text.isdigit() for text in years if text):
            problems.append(Problem(FUNCTION_ECONOMIC, line, f"bad years {years!r}"))
            continue
        yield MoneyPair(
            name=cells["name"],
            functional=codes["functional"],
            economic=codes["economic"],
            functional_alternatives=codes["functional_alternatives"],
            economic_alternatives=codes["economic_alternatives"],
            status=Status(cells["status"]),
            source=cells.get("source", ""),
            note=cells.get("note", ""),
            from_year=int(years[0]) if years[0] else None,
            until_year=int(years[1]) if years[1] else None,
            class_may_be_absent=cells.get("class_may_be_absent", "") == "yes",
        )
