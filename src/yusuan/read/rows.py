"""Rebuilding table rows from flattened lines, one builder per row layout.

In text extracted from a PDF a row's cells come one after another, often over several
lines: a code, a name broken in two, a second code, then the amounts. A builder groups the
lines of one row and joins broken names (panels side by side: `panels`). It does not decide
columns: that is `placement`'s job.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field, replace
from decimal import Decimal

from yusuan.catalog import Part, load_catalog, names_match
from yusuan.model import RowKind, Side
from yusuan.read.tokens import PROSE, Kind, Tok, join_cjk, tokenize
from yusuan.templates import CodeKind, TableTemplate


@dataclass(slots=True)
class Line:
    no: int  # 1-based line number in the source
    text: str
    toks: list[Tok]


@dataclass(slots=True)
class RawRow:
    kind: RowKind
    first: int
    last: int
    code: str | None = None
    name: list[str] = field(default_factory=list)
    gov_code: str | None = None
    gov_name: list[str] = field(default_factory=list)
    category: str | None = None
    owner: str | None = None
    values: list[Tok] = field(default_factory=list)
    text: list[str] = field(default_factory=list)
    side: Side = Side.NONE
    number: str | None = None
    # How deep a row printed by its name is placed (Row.indent); None: placed by its code or
    # its number.
    indent: int | None = None
    segment: int | None = None  # which of its side's lists printed side by side (Row.segment)

    def joined_name(self) -> str:
        return join_cjk(" ".join(self.name))

    @property
    def has_values(self) -> bool:
        return bool(self.values)

    @property
    def part_of(self) -> bool:
        return self.joined_name().startswith("其中")

    def touch(self, line: Line) -> None:
        self.last = max(self.last, line.no)


@dataclass(slots=True)
class Context:
    """What earlier tables and the narrative tell the row builders."""

    department: str | None = None
    unit_codes: set[str] = field(default_factory=set)
    unit_names: list[str] = field(default_factory=list)
    # each line's tokens, by its text: a line is looked at by several tables' regions (and
    # twice by one, a probe then the row), and its tokens are never changed
    tokens: dict[str, list[Tok]] = field(default_factory=dict, repr=False)

    def tokenize(self, text: str) -> list[Tok]:
        found = self.tokens.get(text)
        if found is None:
            found = self.tokens[text] = tokenize(text)
        return found


# How long a line of words may be to be part of a row's name (a sentence is longer).
_NAME_PART = 30

TOTAL_WORDS = re.compile(r"^(合\s*计|总\s*计|小\s*计)[:：]?$")
TOTAL_NAME = re.compile(r"(合计|总计|小计)[:：]?$")


def is_code_token(tok: Tok) -> bool:
    return tok.kind is Kind.NUM and tok.text.isdigit()


def _inside_name(toks: list[Tok], i: int, row: RawRow) -> bool:
    """A whole number between two words of a row's name, before any of its figures."""
    tok = toks[i]
    return (
        tok.kind is Kind.NUM
        and tok.text.isdigit()
        and not row.values
        and bool(row.name)
        and 0 < i < len(toks) - 1
        and toks[i - 1].kind is Kind.TEXT
        and toks[i + 1].kind is Kind.TEXT
    )


def opens_with_sub_code(toks: list[Tok], kind: CodeKind | None) -> bool:
    """Whether a line of a functional or economic table opens with a 款 or 项 printed by its
    own two digits and its name (`05 机关事业单位基本养老保险缴费支出 …`)."""
    return (
        kind in (CodeKind.FUNCTION, CodeKind.ECONOMIC)
        and len(toks) > 1
        and toks[0].kind is Kind.NUM
        and len(toks[0].text) == 2
        and toks[0].text.isdigit()
        and toks[1].kind is Kind.TEXT
    )


def _catalog_names(code: str, name: str) -> bool:
    """Whether the bundled catalog names `code` as printed (`name`)."""
    entry = load_catalog().lookup(code)
    return entry is not None and names_match(name, entry.name)


def _is_year(tok: Tok) -> bool:
    return tok.kind is Kind.NUM and len(tok.text) == 4 and tok.text[:2] in ("19", "20")


def take_code(toks: list[Tok], i: int) -> tuple[str, int] | None:
    """A code at toks[i]: `20103 01`, `201 03 01`, `30101`, `101001` … → (code, next index)."""
    if i >= len(toks) or not is_code_token(toks[i]):
        return None
    head = toks[i].text
    if len(head) < 3:
        return None
    after = toks[i + 1].text if i + 1 < len(toks) else ""
    if _is_year(toks[i]) and (
        after.startswith("年") or (i + 1 < len(toks) and toks[i + 1].kind is Kind.TEXT)
    ):
        # `2026 年政府采购项目`, `2026 信访专项经费`: a year opening a title or a project's
        # name (no catalog has four-digit codes)
        return None
    j = i + 1
    if len(head) in (3, 5):
        while j < len(toks) and len(head) < 7 and is_code_token(toks[j]):
            part = toks[j].text
            named = j + 1 < len(toks) and toks[j + 1].kind is Kind.TEXT
            if len(part) == 1 and named:
                part = "0" + part  # `301 2 津贴补贴`: a 款 printed without its leading zero
            elif len(part) != 2:
                break
            head += part
            j += 1
    return head, j


def _code_fits(code: str, kind: CodeKind | None) -> bool:
    n = len(code)
    if kind is CodeKind.FUNCTION:
        return n in (3, 5, 7) or 3 <= n <= 9
    if kind is CodeKind.ECONOMIC:
        return n in (3, 5, 7)  # 3010201: a province's own subdivision of 30102
    if kind is CodeKind.PROJECT:
        return n >= 3
    return 3 <= n <= 12


def _is_unit_code(code: str, kind: CodeKind | None, ctx: Context) -> bool:
    if kind is CodeKind.UNIT:
        return True
    if code in ctx.unit_codes:
        return True
    if kind is CodeKind.PROJECT:
        return len(code) < 10
    if kind is CodeKind.FUNCTION:
        return not (code.startswith("2") and len(code) in (3, 5, 7))
    return False


def _resembles(name: str, other: str | None) -> bool:
    if not name or not other:
        return False
    return name in other or other in name or name[:6] == other[:6]


@dataclass(frozen=True, slots=True)
class _Named:
    printed: int  # full-width spaces before the name
    code: str | None  # the catalog's code for the name, if it lists one
    depth: int  # 0 for a row under no other


class CodedBuilder:
    """Rows keyed by a code (+ name), optionally a second (government economic) code."""

    def __init__(self, template: TableTemplate, ctx: Context, ncols: int) -> None:
        self.t = template
        self.ctx = ctx
        self.ncols = ncols
        self.rows: list[RawRow] = []
        self.stray: list[Line] = []
        self.printed_codes = False  # whether any row of the table printed its code
        self.indented = False  # whether any name of the table is indented
        self.path: list[_Named] = []  # the rows above keyed by name, each a level deeper
        self.pending: list[Line] = []  # words that may begin a name broken over lines

    @property
    def cur(self) -> RawRow | None:
        return self.rows[-1] if self.rows else None

    def _add(self, row: RawRow, toks: list[Tok]) -> None:
        i = 0
        while i < len(toks):
            tok = toks[i]
            if tok.kind is Kind.TEXT and row.values and self.t.code_kind is CodeKind.PROJECT:
                # a project's 绩效目标 printed in the cells after its figures (a 72 among them)
                row.text.append(" ".join(t.text for t in toks[i:]))
                return
            if tok.kind is Kind.TEXT:
                (row.gov_name if row.gov_code else row.name).append(tok.text)
                i += 1
                continue
            if (
                self.t.paired_code
                and row.code
                and not row.gov_code
                and not row.values
                and row.name
                and (found := take_code(toks, i)) is not None
                and found[0][0] in "56"
            ):
                row.gov_code, i = found
                continue
            if _inside_name(toks, i, row):
                # an integer between two words of the name, before any figure, is part of
                # it: 泉州市 12345 政务服务便民热线中心
                (row.gov_name if row.gov_code else row.name).append(tok.text)
                i += 1
                continue
            row.values.append(tok)
            i += 1

    def _new(self, kind: RowKind, line: Line, code: str | None = None) -> RawRow:
        row = RawRow(kind, line.no, line.no, code=code)
        self.rows.append(row)
        return row

    def feed(self, line: Line) -> None:
        if self.t.side_by_side:
            for part in _halves(line, self.t.code_kind):
                self._feed(part)
        else:
            for part in _glued_rows(line, self.t.code_kind):
                self._feed(part)

    def _feed(self, line: Line) -> None:
        toks = line.toks
        cur = self.cur
        whole = self._whole_code(toks)
        if whole is not None:
            toks = [Tok(Kind.NUM, whole, toks[0].value), *toks[1:]]
            line = replace(line, toks=toks)
        lead = take_code(toks, 0)
        # A unit's code (101001, known from the income table) starts a row in any coded
        # table, even one keyed by economic codes whose length it does not have.
        if lead is not None and (
            _code_fits(lead[0], self.t.code_kind) or lead[0] in self.ctx.unit_codes
        ):
            code, nxt = lead
            pairing = (
                self.t.paired_code
                and cur is not None
                and cur.code is not None
                and cur.gov_code is None
                and not cur.values
                and code[0] in "56"
            )
            if pairing and cur is not None:
                cur.gov_code = code
                cur.touch(line)
                self._add(cur, toks[nxt:])
                return
            row = self._new(RowKind.CODE, line, code)
            self.printed_codes = True
            self._add(row, toks[nxt:])
            return
        first = toks[0]
        if (
            first.kind is Kind.TEXT
            and TOTAL_WORDS.match(first.text)
            and len(toks) > 1
            and all(t.kind is Kind.TEXT for t in toks)
        ):
            # `合计 一般公共预算 政府性基金预算 …`: a header line repeated on a continued page
            self.stray.append(line)
            return
        if (
            first.kind is Kind.TEXT
            and TOTAL_WORDS.match(first.text)
            and (cur is None or cur.values or cur.kind is not RowKind.TOTAL)
        ):
            row = self._new(RowKind.TOTAL, line)
            row.name.append(first.text.rstrip(":："))
            self._add(row, toks[1:])
            return
        only_numbers = all(t.kind is not Kind.TEXT for t in toks)
        if cur is None:
            # The first row, unlabelled or named by the department, is the table's total.
            named_total = not only_numbers and all(t.kind is not Kind.TEXT for t in toks[1:])
            kind = RowKind.TOTAL if only_numbers or named_total else RowKind.LABEL
            row = self._new(kind, line)
            if only_numbers:
                row.name.append("合计")
            self._add(row, toks)
            return
        if not cur.values:
            cur.touch(line)
            self._add(cur, toks)
            return
        if self.t.code_kind is CodeKind.PROJECT and cur.kind is RowKind.CODE:
            cur.text.append(line.text.strip())
            cur.touch(line)
            return
        if self.pending and self._name_ends(line, toks):
            return
        if only_numbers and len(cur.values) + len(toks) <= self.ncols:
            cur.values.extend(toks)
            cur.touch(line)
            return
        if self._named_row(line, toks) or self._indented_row(line, toks):
            return
        if self._name_begins(line, toks) or self._name_part(line, toks):
            return
        self.stray.append(line)

    def _name_part(self, line: Line, toks: list[Tok]) -> bool:
        """Words alone, no sentence, in a table whose rows are named without codes: perhaps the
        start of a name broken over lines (深圳: `机关事业单位基本养老保险缴` / `费` / `175.00 …`),
        kept until the line that brings its figures says whether it is one."""
        if (
            self.t.code_kind not in (CodeKind.FUNCTION, CodeKind.ECONOMIC)
            or self.printed_codes
            or any(t.kind is not Kind.TEXT for t in toks)
            or PROSE.search(line.text)
            or len(line.text.strip()) > _NAME_PART
        ):
            return False
        self.pending.append(line)
        return True

    def _name_ends(self, line: Line, toks: list[Tok]) -> bool:
        """The line after words kept by `_name_part`: more of the name, or its figures. The
        lines make one row when the catalog names the joined words under the rows above; else
        the kept words are no row, and are left unread with the figures that follow them."""
        if self._name_part(line, toks):
            return True
        pending, self.pending = self.pending, []
        joined = [t for kept in pending for t in kept.toks] + toks
        text = " ".join(t.text for t in joined)
        if self._indented_row(Line(line.no, text, joined), joined, by_catalog=True):
            self.rows[-1].first = pending[0].no
            return True
        self.stray.extend(pending)
        if all(t.kind is not Kind.TEXT for t in toks):
            self.stray.append(line)  # the figures of those words: no more the row above's
            return True
        return False

    def _name_begins(self, line: Line, toks: list[Tok]) -> bool:
        """The first line of a project's name broken over lines, its figures on a later one
        (珠海: `　　珠澳跨境工业区专用口` / `岸日常工作经费 560.33 …`): in a project table, words
        alone, indented as its projects' names are, start the next project; the lines up to its
        figures are the rest of its name. Words not indented may as well be the row's own text
        (its 绩效目标, printed after its figures): they are left unread, and said so."""
        if self.t.code_kind is not CodeKind.PROJECT or toks[0].indent == 0:
            return False
        if any(t.kind is not Kind.TEXT for t in toks):
            return False
        row = self._new(RowKind.PROJECT, line)
        row.name.extend(t.text for t in toks)
        return True

    def _indented_row(self, line: Line, toks: list[Tok], by_catalog: bool = False) -> bool:
        """A functional or economic row printed by its name alone (杭州: `科学技术支出 28.00` /
        `　技术研究与开发 28.00` / `　　科技成果转化与扩散 28.00`). Its code is the catalog's
        for that name under a code above it, when the catalog lists one (every 类, every
        economic 款); else it has none, and the indentation places it under the nearest row
        printed less indented. Without either, the line is no row; `by_catalog`, without the
        catalog's code."""
        kind = self.t.code_kind
        if kind not in (CodeKind.FUNCTION, CodeKind.ECONOMIC) or self.printed_codes:
            return False
        at = next((i for i, t in enumerate(toks) if t.kind is not Kind.TEXT), len(toks))
        if at == 0 or at == len(toks) or any(t.kind is Kind.TEXT for t in toks[at:]):
            return False
        name = join_cjk(" ".join(t.text for t in toks[:at]))
        printed = toks[0].indent
        placed = self._place(name, printed, kind)
        if placed is None and by_catalog:
            return False
        self.indented = self.indented or printed > 0
        if placed is None and not (self.indented and _has_amounts(toks[at:])):
            return False
        if placed is None:
            while self.path and self.path[-1].printed >= printed:
                self.path.pop()
            code, depth = None, self.path[-1].depth + 1 if self.path else 0
        else:
            code, depth = placed
        self.path.append(_Named(printed, code, depth))
        row = self._new(RowKind.CODE, line, code)
        row.name.append(name)
        row.values = list(toks[at:])
        row.indent = depth
        return True

    def _place(self, name: str, printed: int, kind: CodeKind) -> tuple[str, int] | None:
        """The catalog's code for a name under the codes above it (the deepest first, then
        the 类), with the row's depth; the path is cut back to its parent."""
        catalog = load_catalog()
        part = Part.FUNCTION if kind is CodeKind.FUNCTION else Part.ECON_DEPT
        for k in [*range(len(self.path) - 1, -1, -1), -1]:
            above = self.path[k].code if k >= 0 else None
            if k >= 0 and above is None:
                continue
            code = catalog.code_named(part, name, above)
            if code is not None:
                del self.path[k + 1 :]
                return code, self.path[k].depth + 1 if k >= 0 else 0
        return None

    def _named_row(self, line: Line, toks: list[Tok]) -> bool:
        """A row keyed by its name, without a code: a unit (广州市信访局 3,944.08 …, named as
        the department or a unit of the income table), or in a project table a project
        (信访工作专项经费 100.00 … and its 绩效目标 printed after its figures)."""
        at = next((i for i, t in enumerate(toks) if t.kind is not Kind.TEXT), len(toks))
        end = next((i for i in range(at, len(toks)) if toks[i].kind is Kind.TEXT), len(toks))
        values = toks[at:end]
        if at == 0 or sum(1 for t in values if t.kind is Kind.NUM and "." in t.text) < 2:
            return False
        name = join_cjk(" ".join(t.text for t in toks[:at]))
        units = {*self.ctx.unit_names, self.ctx.department}
        if (
            name in units
            or name.replace("（本级）", "").replace("(本级)", "") in units
            or self.t.code_kind is CodeKind.UNIT
        ):
            # (in a table of units, any row keyed by a name is a unit: 珠海市贸易服务中心 …)
            kind = RowKind.UNIT
            self.path = []
        elif self.t.code_kind is CodeKind.PROJECT:
            kind = RowKind.PROJECT
        else:
            return False
        row = self._new(kind, line)
        row.name.append(name)
        row.values = list(values)
        if end < len(toks):
            row.text.append(" ".join(t.text for t in toks[end:]))
        return True

    def _whole_code(self, toks: list[Tok]) -> str | None:
        """The whole code of a row that prints only its own two digits under its parent's
        (208 社会保障和就业支出 / 05 行政事业单位养老支出 / 05 机关事业单位基本养老保险缴费
        支出): the parent's code and these digits. After a 项 the two digits are a sibling 项
        or a new 款 of the same 类; the catalog's names decide, and a sibling when they do not."""
        kind = self.t.code_kind
        if not opens_with_sub_code(toks, kind):
            return None
        previous = next(
            (r.code for r in reversed(self.rows) if r.kind is RowKind.CODE and r.code), None
        )
        if previous is None or not previous.isdigit():
            return None
        digits, deepest = toks[0].text, 7 if kind is CodeKind.FUNCTION else 5
        if len(previous) < deepest:
            return previous + digits
        sibling, uncle = previous[:-2] + digits, previous[:-4] + digits
        if kind is CodeKind.FUNCTION and _catalog_names(uncle, toks[1].text):
            return uncle if not _catalog_names(sibling, toks[1].text) else sibling
        return sibling

    def finish(self) -> list[RawRow]:
        self.stray.extend(self.pending)
        self.pending = []
        kind = self.t.code_kind
        for row in self.rows:
            if row.kind is not RowKind.CODE or row.code is None:
                continue
            if _is_unit_code(row.code, kind, self.ctx) or (
                kind is CodeKind.FUNCTION
                and len(row.code) == 3
                and _resembles(row.joined_name(), self.ctx.department)
            ):
                row.kind = RowKind.UNIT
            elif kind is CodeKind.PROJECT:
                row.kind = RowKind.PROJECT
        return self.rows


def _has_amounts(toks: list[Tok]) -> bool:
    """Whether figures are amounts or blanks, not a header's column numbers (** 1 2 3)."""
    if any(t.kind is Kind.BLANK or "." in t.text for t in toks):
        return True
    return [t.value for t in toks] != list(range(1, len(toks) + 1))


def _halves(line: Line, kind: CodeKind | None) -> list[Line]:
    """A line of a table printed in halves side by side (`30101 基本工资 537.64 30201 办公费
    84.62`): a code or a label after amounts starts the next half's row."""
    parts: list[list[Tok]] = [[]]
    for i, tok in enumerate(line.toks):
        seen_values = any(t.kind is not Kind.TEXT for t in parts[-1])
        starts = tok.kind is Kind.TEXT or (
            (found := take_code(line.toks, i)) is not None and _code_fits(found[0], kind)
        )
        if parts[-1] and seen_values and starts:
            parts.append([])
        parts[-1].append(tok)
    return [Line(line.no, " ".join(t.text for t in p), p) for p in parts if p]


def _catalog_shaped(code: str, name: str, kind: CodeKind | None) -> bool:
    """A functional code (2xx, 2xxxx, 2xxxxxx) or an economic one (3xx, 5xx …) the catalog
    allows with this name: the catalog's name for a code it lists, or any name for a code it
    lacks under a class it lists (its copy of 款 and 项 is partial). A whole-元 figure and the
    tail of a wrapped name (1200 250 保险缴费支出, 400 302 含绩效工资) are no such row."""
    if len(code) not in (3, 5, 7):
        return False
    if not (code[0] == "2" if kind is CodeKind.FUNCTION else code[0] in "35"):
        return False
    catalog = load_catalog()
    entry = catalog.lookup(code)
    if entry is not None:
        return names_match(name, entry.name)
    return len(code) > 3 and catalog.lookup(code[:3]) is not None


def _glued_rows(line: Line, kind: CodeKind | None) -> list[Line]:
    """A line holding several rows of a coded table, their line breaks lost in the text layer
    (`201 38 02 一般行政管理事务 135,200 135,200 0 204 公共安全支出 1,633,000 …`): after a row's
    figures, a functional or economic code followed by a name (in a table of such codes), or a
    total's word followed by figures (`… 1,488,000.00 合计 371,514,655.00 …`), starts the next
    row. A figure is never so followed (an amount's cell is the row's last)."""
    toks = line.toks
    if len(toks) < 4:
        return [line]
    codes = kind in (CodeKind.FUNCTION, CodeKind.ECONOMIC)
    starts = [0]
    seen_values = False
    lead = take_code(toks, 0)
    i = lead[1] if lead is not None else 0
    while i < len(toks):
        tok = toks[i]
        if tok.kind is Kind.TEXT:
            if (
                seen_values
                and TOTAL_WORDS.match(tok.text)
                and i + 1 < len(toks)
                and toks[i + 1].kind is not Kind.TEXT
            ):
                starts.append(i)
                seen_values = False
            i += 1
            continue
        found = take_code(toks, i) if seen_values and codes else None
        if (
            found is not None
            and found[1] < len(toks)
            and toks[found[1]].kind is Kind.TEXT
            and _catalog_shaped(found[0], toks[found[1]].text, kind)
        ):
            starts.append(i)
            seen_values = False
            i = found[1]
            continue
        seen_values = True
        i += 1
    if len(starts) == 1:
        return [line]
    bounds = [*starts, len(toks)]
    parts = [toks[a:b] for a, b in itertools.pairwise(bounds)]
    if _page_mark(parts[0]):
        parts = parts[1:]  # `— 10 — 20702 文物 …`: the page's number run into its first row
    return [Line(line.no, " ".join(t.text for t in p), p) for p in parts]


def _page_mark(toks: list[Tok]) -> bool:
    """`— 10 —`: a page number between dashes, as tokens."""
    return (
        len(toks) == 3
        and toks[0].kind is Kind.BLANK
        and toks[2].kind is Kind.BLANK
        and toks[1].text.isdigit()
        and len(toks[1].text) <= 4
    )


class ProjectBuilder(CodedBuilder):
    """Project tables: a type (其他运转类 …), the project name and its unit, then amounts."""

    def feed(self, line: Line) -> None:
        toks = line.toks
        if len(toks) > 1 and _is_year(toks[0]) and toks[1].kind is Kind.TEXT:
            # `2026 信访专项经费`: the year opens the project's name
            toks = [Tok(Kind.TEXT, toks[0].text + toks[1].text), *toks[2:]]
            line = replace(line, toks=toks)
        if (
            len(toks) > 2
            and toks[0].kind is Kind.TEXT
            and toks[1].kind is Kind.TEXT
            and toks[1].text in self.t.categories
            and not toks[0].text.startswith(tuple(self.t.categories))
        ):
            # the project's name before its type: 审计业务经费 其他运转类 31.00
            toks = [Tok(Kind.TEXT, toks[1].text + toks[0].text), *toks[2:]]
            line = replace(line, toks=toks)
        first = toks[0]
        if first.kind is Kind.TEXT:
            for category in self.t.categories:
                if first.text.startswith(category):
                    row = self._new(RowKind.PROJECT, line)
                    row.category = category
                    rest = first.text[len(category) :]
                    if rest:
                        row.name.append(rest)
                    self._add(row, toks[1:])
                    return
        cur = self.cur
        if (
            cur is not None
            and cur.values
            and not TOTAL_WORDS.match(first.text)
            and take_code(toks, 0) is None
            and first.kind is Kind.TEXT
        ):
            row = self._new(RowKind.PROJECT, line)
            self._add(row, toks)
            return
        super().feed(line)

    def finish(self) -> list[RawRow]:
        rows = super().finish()
        # The department (部门名称：…) owns projects too, also when no income table named it.
        named = (*self.ctx.unit_names, self.ctx.department)
        owners = sorted({n for n in named if n}, key=len, reverse=True)
        # The department's row above its units, its name printed again for its own unit
        # (合计 6838.41 / 湖州市财政局 6838.41 / 湖州市财政局 4467.55 / …中心 724.30 …): the first
        # row after the total, as much as the total, named again below, is a group of them.
        names = [r.joined_name() for r in rows]
        first = next((k for k, r in enumerate(rows) if r.kind is not RowKind.TOTAL), None)
        total = next((r for r in rows if r.kind is RowKind.TOTAL), None)
        if first is not None and total is not None and total.values:
            row = rows[first]
            if (
                row.kind is RowKind.PROJECT
                and row.category is None
                and names[first] in names[first + 1 :]
                and row.values[:1]
                and row.values[0].text == total.values[0].text
            ):
                row.kind = RowKind.UNIT
        for row in rows:
            if row.kind is RowKind.CODE:
                row.kind = RowKind.UNIT
            if row.kind is not RowKind.PROJECT:
                continue
            joined = row.joined_name()
            for owner in owners:
                if joined.endswith(owner) and len(joined) > len(owner):
                    row.owner = owner
                    row.name = [joined[: -len(owner)]]
                    break
                # the unit's cell before the project's: 杭州市气象局 气象业务建设
                if len(row.name) > 1 and row.name[0] == owner:  # (a row may have no name)
                    row.owner = owner
                    row.name = row.name[1:]
                    break
        _first_level_projects(rows)
        return rows


def _first_level_projects(rows: list[RawRow]) -> None:
    """A project without a unit over projects with one, as much as they add up to, is their
    一级项目 (长春: 综合管理 474.56 / 2026信访专项经费 长春市信访局 30.00 / …): it and they are
    placed by level, so that the table's total counts it once. The figures decide: a project
    that does not add up over the ones after it stays one of them."""
    figures = [lead(r) for r in rows]
    for k, row in enumerate(rows):
        top = figures[k]
        if row.kind is not RowKind.PROJECT or row.owner is not None or not top:
            continue
        below: list[int] = []
        for j in range(k + 1, len(rows)):
            if rows[j].kind is not RowKind.PROJECT or rows[j].owner is None or not figures[j]:
                break
            below.append(j)
        if not below:
            continue
        parts = [figures[j] or Decimal(0) for j in below]
        if abs(sum(parts, Decimal(0)) - top) <= half_quantum([top, *parts]) * len(below):
            row.indent = 0
            for j in below:
                rows[j].indent = 1


def half_quantum(values: list[Decimal]) -> Decimal:
    """Half the unit the figures are printed to (0.005 for 万元 to the cent, 0.5 for whole 元):
    how far each may be off from its exact value."""
    exponents = [v.as_tuple().exponent for v in values if v]
    places = max((e for e in exponents if isinstance(e, int)), default=-2)
    return Decimal(5).scaleb(places - 1)


def lead(row: RawRow) -> Decimal | None:
    """A row's first figure (its 合计)."""
    first = next((t for t in row.values if t.kind is Kind.NUM), None)
    return first.value if first is not None else None


class SingleBuilder:
    """One unlabelled row of amounts, perhaps over several lines (the 三公 table)."""

    def __init__(self) -> None:
        self.row: RawRow | None = None

    def feed(self, line: Line) -> None:
        values = [t for t in line.toks if t.kind is not Kind.TEXT]
        if not values:
            return
        if self.row is None:
            self.row = RawRow(RowKind.VALUES, line.no, line.no)
        self.row.values.extend(values)
        self.row.touch(line)

    def finish(self) -> list[RawRow]:
        return [self.row] if self.row else []


_GROUP_HEADING = re.compile(r"(?:[（(](?:万元|元|亿元)[）)]|情况)$")
_FORM_LABEL = re.compile(r"(?:[（(]?\d+[）)、.．]|[一二三四五六七八九十]+、)")


class FormBuilder:
    """A form: `label amount` lines become rows; indicator lines after 一级指标 become text."""

    def __init__(self) -> None:
        self.rows: list[RawRow] = []
        self.indicators: RawRow | None = None

    def feed(self, line: Line) -> None:
        toks = line.toks
        if self.indicators is not None:
            self.indicators.text.append(line.text.strip())
            self.indicators.touch(line)
            return
        if "一级指标" in line.text.replace(" ", ""):
            self.indicators = RawRow(RowKind.LABEL, line.no, line.no, name=["绩效指标"])
            return
        # `label amount`, or `label amount text` where a grid's row prints the label's text
        # (a project's 绩效目标) in the cell after its amount.
        at = next((i for i, t in enumerate(toks) if t.kind is not Kind.TEXT), len(toks))
        tail = toks[at + 1 :]
        with_text = bool(tail) and tail[0].kind is Kind.TEXT and len(tail[0].text) >= 8
        if 1 <= at < len(toks) and toks[at].kind is Kind.NUM and (not tail or with_text):
            words = [t.text for t in toks[:at]]
            if len(words) > 1 and _GROUP_HEADING.search(words[0]):
                # a group's heading beside its rows (专项资金情况（万元）), merged down over
                # them and so printed on each (预算情况 | 部门预算总额（万元） | 1,200.00)
                words = words[1:]
            label = join_cjk(" ".join(words))
            pieces = [p for p in _FORM_LABEL.split(label) if p.strip()]
            name = pieces[-1].strip().strip("：:") if pieces else label
            row = RawRow(RowKind.LABEL, line.no, line.no, name=[name])
            row.values = [toks[at]]
            if tail:
                row.text.append(" ".join(t.text for t in tail))
            self.rows.append(row)
        else:
            row = RawRow(RowKind.LABEL, line.no, line.no, name=["text"])
            row.text.append(line.text.strip())
            if self.rows and self.rows[-1].name == ["text"]:
                self.rows[-1].text.append(line.text.strip())
                self.rows[-1].touch(line)
            else:
                self.rows.append(row)

    def finish(self) -> list[RawRow]:
        rows = [r for r in self.rows if r.values]
        text = [t for r in self.rows if not r.values for t in r.text]
        if text:
            first = next(r for r in self.rows if not r.values)
            rows.insert(0, RawRow(RowKind.LABEL, first.first, first.last, name=["说明"], text=text))
        if self.indicators is not None:
            rows.append(self.indicators)
        return rows
