"""The typed, immutable model of one disclosure (部门预算/决算公开).

Every record is a frozen dataclass; money is `Decimal` in the unit its table states; every
record carries the `Span` it was read from. Change a record with `dataclasses.replace`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum


class DocKind(StrEnum):
    BUDGET = "预算"
    FINAL = "决算"


class MoneyUnit(StrEnum):
    WAN = "万元"
    YUAN = "元"

    @property
    def in_yuan(self) -> Decimal:
        return Decimal(10000) if self is MoneyUnit.WAN else Decimal(1)


class Side(StrEnum):
    """The panel of a two-panel table (收入 | 支出); NONE for ordinary tables."""

    NONE = ""
    INCOME = "收入"
    EXPENSE = "支出"


class RowKind(StrEnum):
    TOTAL = "total"  # 合计 / 总计 rows
    UNIT = "unit"  # a department or unit code row (101, 101001)
    CODE = "code"  # a classification code row (functional or economic)
    PROJECT = "project"  # a project row of a project table
    LABEL = "label"  # a labelled row of a panel or form (一、一般公共预算)
    VALUES = "values"  # an unlabelled single row (the 三公 table)


class Placement(StrEnum):
    """How the reader decided which columns a row's values belong to.

    Flattened text loses blank cells, so `1.00 1.00` in a nine-column table could sit in
    several columns. The reader records what decided it, strongest first.
    """

    EXACT = "exact"  # one placement only (every column filled, or one candidate)
    ROW = "row-identities"  # the row's own identities leave one placement
    COLUMNS = "column-totals"  # the column totals against the 合计 row decide
    CROSS = "cross-table"  # figures of another table decide
    CODE = "code-class"  # the economic class of the row's code decides (301/303 → 人员经费)
    PRIOR = "prior"  # undecided by any identity: the template's most likely placement
    UNSATISFIED = "unsatisfied"  # no placement satisfies the identities: best effort


UNDECIDED = frozenset({Placement.PRIOR, Placement.UNSATISFIED})

# A place on a PDF page: left, bottom, right, top, in PDF user space (points, y up).
Box = tuple[float, float, float, float]


@dataclass(frozen=True, slots=True)
class Span:
    """Where something was read: 1-based inclusive line range, optional page."""

    path: str | None
    line: int
    end_line: int
    page: int | None = None

    def to(self, other: Span) -> Span:
        return Span(
            self.path, min(self.line, other.line), max(self.end_line, other.end_line), self.page
        )


@dataclass(frozen=True, slots=True)
class Cell:
    column: str  # the standard column path, e.g. 基本支出/人员经费/工资福利支出
    value: Decimal


@dataclass(frozen=True, slots=True)
class Row:
    name: str
    span: Span
    kind: RowKind = RowKind.LABEL
    code: str | None = None
    side: Side = Side.NONE
    cells: tuple[Cell, ...] = ()
    number: str | None = None  # the enumeration prefix as printed: 一、 （二） 1.
    # Which of its side's lists printed side by side (0, 1 …: 功能分类 | 支出用途) the row is
    # in; None when the side is one list, or for a row printed across all of them (当年支出小计).
    segment: int | None = None
    gov_code: str | None = None  # 政府预算支出经济分类 code paired with a department code
    gov_name: str | None = None
    category: str | None = None  # project type (其他运转类 / 特定目标类)
    owner: str | None = None  # 项目单位 of a project row
    text: tuple[str, ...] = ()  # free text cells (indicator lines of a performance table)
    placement: Placement = Placement.EXACT
    alternatives: int = 1  # how many placements satisfied every identity that applied
    # How deep a row printed by its name is placed under the rows above it (0 outermost), from
    # its indentation, the catalog's level for its name or how its figures add up; None for a
    # row placed by its code or its number. A panel row keeps its printed indentation.
    indent: int | None = None

    def get(self, column: str) -> Decimal | None:
        for cell in self.cells:
            if cell.column == column:
                return cell.value
        return None

    def value(self, column: str) -> Decimal:
        """The cell's value, a blank cell counting as zero."""
        got = self.get(column)
        return Decimal(0) if got is None else got

    @property
    def label(self) -> str:
        return f"{self.code} {self.name}" if self.code else self.name

    @property
    def has_values(self) -> bool:
        return bool(self.cells)

    @property
    def part_of(self) -> bool:
        """A `其中` row: a part of the row above it, never added into a total."""
        return self.name.startswith("其中")


@dataclass(frozen=True, slots=True)
class Table:
    key: str  # the standard table this is (template's key, e.g. expenditure)
    title: str
    span: Span
    columns: tuple[str, ...]
    rows: tuple[Row, ...] = ()
    id: str | None = None  # the id as printed, e.g. 预算03表
    unit: MoneyUnit = MoneyUnit.WAN
    template: str | None = None  # template set name
    recognised_by: str = ""  # why this standard table was chosen
    notes: tuple[str, ...] = ()
    sides: tuple[Side, ...] = (Side.NONE,)

    def rows_on(self, side: Side) -> Iterator[Row]:
        return (r for r in self.rows if r.side is side)

    def total_row(self, side: Side = Side.NONE) -> Row | None:
        for row in self.rows:
            if row.side is side and row.kind is RowKind.TOTAL:
                return row
        return None

    @property
    def is_empty(self) -> bool:
        """No figure other than zero: the table states no money (and the narrative must say so)."""
        return not any(cell.value for row in self.rows for cell in row.cells)


@dataclass(frozen=True, slots=True)
class Section:
    part: str  # 第一部分 … or "" before any part heading
    number: str  # 一 / （一） / "" for a part's own lead text
    title: str
    text: str
    span: Span
    level: int = 1
    line_offsets: tuple[tuple[int, int], ...] = ()  # (offset in text, source line) per line

    def line_at(self, offset: int) -> int:
        """The source line of a character offset of `text`."""
        line = self.span.line
        for start, number in self.line_offsets:
            if start > offset:
                break
            line = number
        return line


@dataclass(frozen=True, slots=True)
class StaffCount:
    label: str  # as stated: 在编人员, 聘用人员, 行政人员在编在岗人员 …
    count: int
    span: Span
    scope: str | None = None  # the internal unit it is stated for (秘书科); None: the department


@dataclass(frozen=True, slots=True)
class Profile:
    duties: tuple[str, ...] = ()
    internal_units: tuple[str, ...] = ()
    internal_unit_count: int | None = None  # as stated (内设7个科室)
    staff: tuple[StaffCount, ...] = ()


@dataclass(frozen=True, slots=True)
class Meta:
    path: str | None = None
    department: str | None = None
    department_code: str | None = None
    unit_codes: tuple[str, ...] = ()
    year: int | None = None
    kind: DocKind | None = None
    unit: MoneyUnit = MoneyUnit.WAN
    template: str | None = None
    encoding: str | None = None


class Level(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """Something the reader wants a user to know: a guess it made, a line it could not use."""

    code: str  # stable, dotted: parse.ambiguous, parse.unread-line …
    message: str
    span: Span | None = None
    table: str | None = None
    level: Level = Level.INFO


@dataclass(frozen=True, slots=True)
class Disclosure:
    meta: Meta
    profile: Profile = field(default_factory=Profile)
    sections: tuple[Section, ...] = ()
    tables: tuple[Table, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()
    # The source text's lines, for quoting a place; not part of the model's JSON.
    source: tuple[str, ...] = field(default=(), repr=False, metadata={"json": False})
    # For a PDF: the page of each source line.
    line_pages: tuple[int, ...] = field(default=(), repr=False, metadata={"json": False})
    # For a PDF read from its layout: the box of each source line on its page (left, bottom,
    # right, top in PDF user space; a table's row, or a line of text), None where unknown.
    line_boxes: tuple[Box | None, ...] = field(default=(), repr=False, metadata={"json": False})
    # For a workbook: the sheet and the sheet's row (as Excel numbers it) of each source line,
    # None for a line no row gave.
    line_sheets: tuple[tuple[str, int] | None, ...] = field(
        default=(), repr=False, metadata={"json": False}
    )

    def pages_of(self, path: str | None = None) -> tuple[int, ...]:
        """The PDF page of each source line of the file `path` (a further file of --as-one,
        else the first): empty when that file is no PDF."""
        if path is not None and any(p == path for p, _ in self.sources):
            return next((ps for p, ps in self.source_pages if p == path), ())
        return self.line_pages

    def page_of(self, line: int | None, path: str | None = None) -> int | None:
        pages = self.pages_of(path)
        if line is None or not 0 < line <= len(pages):
            return None
        return pages[line - 1]

    def sheet_of(self, line: int | None) -> tuple[str, int] | None:
        """The sheet and row of a line of the first file, for a workbook."""
        if line is None or not 0 < line <= len(self.line_sheets):
            return None
        return self.line_sheets[line - 1]

    def box_of(self, line: int | None) -> Box | None:
        if line is None or not 0 < line <= len(self.line_boxes):
            return None
        return self.line_boxes[line - 1]

    # A disclosure read from several files (--as-one): each further file's lines.
    sources: tuple[tuple[str, tuple[str, ...]], ...] = field(
        default=(), repr=False, metadata={"json": False}
    )
    # … and the page of each of their lines, for those that are PDFs.
    source_pages: tuple[tuple[str, tuple[int, ...]], ...] = field(
        default=(), repr=False, metadata={"json": False}
    )

    @property
    def all_lines(self) -> tuple[str, ...]:
        """The lines of every file the disclosure was read from, the first file's first."""
        return (*self.source, *(line for _, more in self.sources for line in more))

    def source_line(self, line: int | None, path: str | None = None) -> str | None:
        lines = self.source
        if path is not None and path != self.meta.path:
            lines = next((ls for p, ls in self.sources if p == path), self.source)
        if line is None or not 0 < line <= len(lines):
            return None
        return lines[line - 1].strip() or None

    def table(self, key: str) -> Table | None:
        for table in self.tables:
            if table.key == key:
                return table
        return None
