"""Finding tables in flattened text, recognising their template, and placing their values."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from typing import NamedTuple

from yusuan.identities import Identity, quantum_of
from yusuan.model import Cell, MoneyUnit, Placement, Row, RowKind, Side, Span, Table
from yusuan.read.panels import PanelBuilder
from yusuan.read.placement import Budget, Found, Target, solve
from yusuan.read.rowplace import Memo, RowPlacer, Slot, compile_checks, to_units
from yusuan.read.rows import (
    TOTAL_WORDS,
    CodedBuilder,
    Context,
    FormBuilder,
    Line,
    ProjectBuilder,
    RawRow,
    SingleBuilder,
    _code_fits,
    opens_with_sub_code,
    take_code,
)
from yusuan.read.tokens import (
    AMOUNT_IN_TEXT,
    PROSE,
    Kind,
    Tok,
    chinese_number,
    join_cjk,
    split_enumeration,
    squash,
)
from yusuan.structure import leaves, panel_groups, tree_groups
from yusuan.templates import (
    Evidence,
    HeaderLayout,
    Layout,
    TableTemplate,
    TemplateSet,
    header_layout,
    normalise_title,
    template_sets,
)

PART_HEADING = re.compile(r"^\s*第[一二三四五六七八九十]+部分")
_UNIT = re.compile(r"(?:金额)?单位\s*[:：]\s*(万元|元)")
_NOTE = re.compile(r"^\s*(?:注|备注|说明|填报说明)\s*\d?\s*[:：]")
_PAGE = re.compile(r"^\s*(?:[-—–]\s*\d{1,4}\s*[-—–]|第\s*\d+\s*页.*|\d{1,4}\s*/\s*\d{1,4})\s*$")
_LONE_INT = re.compile(r"^\s*\d{1,3}\s*$")
_DEPT = re.compile(
    r"(?:(?:部门|单位)(?:（单位）|\(单位\))?名称|编制部门|编制单位|预算主管部门|预算单位|部门)"
    r"\s*[:：]\s*([^\s:：]+)"
)


@dataclass(frozen=True, slots=True)
class Region:
    template: TableTemplate
    printed_id: str | None
    title: str
    start: int  # index of the first line (id or title)
    title_end: int  # index of the last title line
    end: int  # exclusive
    reason: str
    # (first, last) line of each later page's repeated id and title: the table goes on there
    resumes: tuple[tuple[int, int], ...] = ()
    # (first, last) line of each title printed after the table's figures (a text layer in
    # drawing order): the lines after it are head, not rows, up to the next row
    trailers: tuple[tuple[int, int], ...] = ()


def _id_number(pattern: re.Pattern[str], text: str) -> int | None:
    """The table number a printed id carries: 公开 03 表 → 3; 公开表十二 → 12."""
    match = pattern.search(text)
    return chinese_number(match.group(1)) if match else None


# A line that is only a table's printed id, in any family's form: 表9, 附表 3-1, 公开 01 表,
# 预算表 8, 部门预算公开表十二. Printed just before a title, it starts that table (and ends
# the one before), even in a family whose ids are not declared.
_ANY_ID = re.compile(
    r"^(?:附|预算|公开|部门预算公开)?表\s*[0-9一二三四五六七八九十]+(?:\s*[-－—]\s*\d+)?[:：]?$"
    r"|^公开\s*\d+\s*表[:：]?$"
)


_TITLE_PREFIX = re.compile(
    r"^(?:表\s*\d+[.:：、．]?|[（(]?[一二三四五六七八九十]+[）)、.．]|\d+[.．、]|公开\s*\d+\s*表[:：]?)"
)


def title_key(text: str) -> str | None:
    """A line reduced to what could identify it as a table title, or None when it cannot be
    one. A title may carry a number (表1. 一、 （二）), a year and the department's name."""
    if "表" not in text:  # every table title names itself a 表
        return None
    stripped = text.strip()
    if len(stripped) > 60 or any(p in stripped for p in "。；，"):
        return None
    if "《" in stripped and len(_TITLE_PREFIX.sub("", stripped.split("《", 1)[0])) > 2:
        return None  # a title quoted in a sentence (…应与《某局收支预算总表》) is none
    norm = normalise_title(_TITLE_PREFIX.sub("", stripped))
    # 财政拨款支出表（功能科目）: a title may end in a bracketed qualifier.
    if not norm.endswith("表") and not stripped.endswith(("）", ")")):
        return None
    return norm


@dataclass(frozen=True, slots=True)
class TextIndex:
    """What every template set's search needs from the text, computed once per document."""

    lines: Sequence[str]
    stripped: tuple[str, ...]
    titles: dict[int, str]  # line → title key, for lines that could be a table title
    short: tuple[int, ...]  # lines short enough to be a printed table id
    breaks: tuple[int, ...]  # lines where the narrative resumes: a table region ends there
    title_ends: dict[int, int] = field(default_factory=dict)  # a title broken over two lines

    @classmethod
    def of(cls, lines: Sequence[str]) -> TextIndex:
        stripped = tuple(line.strip() for line in lines)
        n = len(stripped)
        titles = {}
        title_ends = {}
        for i, line in enumerate(stripped):
            key = title_key(line)
            if key:
                titles[i] = key
                continue
            # `…会议费、培训费支出预` / `算表`: a title whose end went to the next line (a row of
            # figures, or a label, before a whole title printed under it is no title's beginning).
            if line and "表" not in line and len(line) <= 50:
                # the next line with words, within two
                j = i + 1 if i + 1 < n and stripped[i + 1] else None
                if j is None and i + 2 < n and stripped[i + 2]:
                    j = i + 2
                if (
                    j is not None
                    and len(stripped[j]) <= 6
                    and stripped[j].endswith("表")  # (the cheap tests first: few lines pass)
                    and not PROSE.search(line)
                    and not AMOUNT_IN_TEXT.search(line)
                    and title_key(stripped[j]) not in _whole_titles()
                ):
                    key = title_key(line + stripped[j])
                    if key:
                        titles[i] = key
                        title_ends[i] = j
        # a printed id is short and names itself a 表 (预算03表, 公开 01 表, 表1)
        short = tuple(i for i, t in enumerate(stripped) if t and len(t) <= 14 and "表" in t)
        n = len(lines)
        breaks = tuple(
            j
            for j in range(n)
            # (a stripped line: a part heading starts with 第)
            if (stripped[j].startswith("第") and PART_HEADING.match(stripped[j]))
            or _narrative_resumes(stripped, j, n)
        )
        return cls(lines, stripped, titles, short, breaks, title_ends)

    def next_break(self, after: int, before: int) -> int | None:
        at = bisect.bisect_right(self.breaks, after)
        if at < len(self.breaks) and self.breaks[at] < before:
            return self.breaks[at]
        return None


@cache
def _whole_titles() -> frozenset[str]:
    """Every family's titles: a short line that is one whole is no broken title's end."""
    return frozenset(title for tset in template_sets() for t in tset.tables for title in t.titles)


class _Titles(NamedTuple):
    """A family's titles: by text; their lengths, longest first; all of them longest first;
    and the (negated) lengths of both, for a bisection to the first short enough."""

    exact: dict[str, tuple[TableTemplate, str]]
    lengths: tuple[int, ...]
    pairs: tuple[tuple[str, TableTemplate], ...]
    lengths_neg: tuple[int, ...]
    pairs_neg: tuple[int, ...]


@cache
def _title_index(name: str) -> _Titles:
    """A family's titles, indexed once (see `_Titles`)."""
    tset = next(t for t in template_sets() if t.name == name)
    exact: dict[str, tuple[TableTemplate, str]] = {}
    pairs = []
    for template in tset.tables:
        for title in template.titles:
            exact.setdefault(title, (template, title))
            pairs.append((title, template))
    pairs.sort(key=lambda p: -len(p[0]))
    lengths = tuple(sorted({len(t) for t in exact}, reverse=True))
    return _Titles(
        exact,
        lengths,
        tuple(pairs),
        tuple(-n for n in lengths),
        tuple(-len(title) for title, _ in pairs),
    )


def _match_title(norm: str | None, tset: TemplateSet) -> tuple[TableTemplate, str] | None:
    """The template whose title this (title-keyed) line is: the longest title that ends the
    line (a department's name may stand before it) or stands in it with little around it."""
    if not norm:
        return None
    index = _title_index(tset.name)
    exact = index.exact
    n = len(norm)
    best: tuple[TableTemplate, str] | None = None
    # titles longer than the line can neither end it nor stand in it: start past them
    for length in index.lengths[bisect.bisect_left(index.lengths_neg, -n) :]:
        if (hit := exact.get(norm[-length:])) is not None:
            best = hit
            break
    floor = len(best[1]) if best else 0
    for k in range(bisect.bisect_left(index.pairs_neg, -n), len(index.pairs)):
        title, template = index.pairs[k]  # longest first
        if len(title) <= floor or n > len(title) + 8:
            break  # and so is every title after it
        if title in norm:
            return template, title
    return best


class _Anchor(NamedTuple):
    """Where a table was found: its first line, its title's last, its template, the id it
    printed, its title, why, and the lines of a title printed after its figures."""

    start: int
    title_end: int
    template: TableTemplate
    printed: str | None
    title: str
    why: str
    trailer: tuple[int, int] | None


def find_regions(
    lines: Sequence[str], tset: TemplateSet, index: TextIndex | None = None
) -> list[Region]:
    """The tables of `tset` found in the text, in order, with the lines each spans."""
    index = TextIndex.of(lines) if index is None else index
    stripped = index.stripped
    ids = {_id_number(tset.id_pattern, t.id): t for t in tset.tables if t.id is not None}
    id_lines = {}
    for i in index.short:
        number = _id_number(tset.id_pattern, stripped[i])
        if number is not None and number in ids:
            id_lines[i] = number
    # other printed ids (表一 in a family numbered 公开01表): a table's start too, when its title
    # is printed after its figures
    other_ids = {i for i in index.short if i not in id_lines and _ANY_ID.match(stripped[i])}
    marks = sorted(set(id_lines) | other_ids)
    anchors: list[_Anchor] = []
    n = len(lines)
    candidates = sorted(set(id_lines) | set(index.titles) | other_ids)
    skip_to = -1
    trailing: set[int] = set()  # title lines taken as a title printed below its figures
    below_seen = False
    titles_above: bool | None = None
    for i in candidates:
        if i < skip_to or i in trailing:
            continue
        text = stripped[i]
        number = id_lines.get(i)
        if number is not None or i in other_ids:
            following = [j for j in range(i + 1, min(i + 8, n)) if stripped[j]][:3]
            for j in following:
                found = _match_title(index.titles.get(j), tset)
                if found and number is None:
                    break  # another family's id before this title: the title's anchor says so
                if found and number is not None:
                    template, _ = found
                    title = stripped[j]
                    why = f"id {text} and title “{title}”"
                    if template is not ids[number]:
                        why = f"title “{title}” (the printed id {text} names another table)"
                    anchors.append(_Anchor(i, j, template, text, title, why, None))
                    skip_to = j + 1
                    break
            else:
                if titles_above is None:
                    # The first id with no title under it tells how the document prints them:
                    # its title just above it (title, id), or after the figures.
                    above = next((j for j in range(i - 1, max(i - 3, -1), -1) if stripped[j]), None)
                    titles_above = (
                        above is not None
                        and _match_title(index.titles.get(above), tset) is not None
                    )
                below = None
                if not titles_above:
                    below = _title_below(i, marks, index, tset, ids.get(number), below_seen)
                if below is not None:
                    template, top, bottom = below
                    title = stripped[top] + (stripped[bottom] if bottom != top else "")
                    why = f"id {text} and title “{title}” printed after its figures"
                    anchors.append(_Anchor(i, i, template, text, title, why, (top, bottom)))
                    trailing.update(range(top, bottom + 1))
                    below_seen = True
                elif number is not None:
                    template = ids[number]
                    anchors.append(
                        _Anchor(i, i, template, text, text, f"id {text} (no title found)", None)
                    )
            continue
        found = _match_title(index.titles.get(i), tset)
        if found:
            template, _ = found
            end = index.title_ends.get(i, i)
            if end != i:
                text = text + stripped[end]
                skip_to = end + 1
            start, printed = i, None
            before = next((j for j in range(i - 1, max(i - 3, -1), -1) if stripped[j]), None)
            if before is not None and _ANY_ID.match(stripped[before]):
                start, printed = before, stripped[before]
            anchors.append(_Anchor(start, end, template, printed, text, f"title “{text}”", None))
    listed = _listed(anchors, index)
    heads = _heads_above(anchors, index, listed)
    if heads is not anchors:  # (the same anchors list the same entries: not worked out again)
        anchors, listed = heads, _listed(heads, index)
    regions: list[Region] = []
    for k, (start, title_end, template, printed, title, why, trailer) in enumerate(anchors):
        end = _anchor_end(anchors, k, index)
        body = [ln for ln in stripped[title_end + 1 : end] if ln]
        if len(body) < 2 or k in listed:
            # a table-of-contents entry (followed by more of them: 五、财政拨款支出预算表 /
            # 第三部分 …情况说明) or a title quoted in the text
            continue
        trailers = (trailer,) if trailer is not None else ()
        last = regions[-1] if regions else None
        if last is not None and last.template is template and last.end == start:
            # The same table's id and title again right where it left off: it goes on from
            # the previous page, its header printed anew.
            resumes = (*last.resumes, (start, title_end))
            regions[-1] = Region(
                last.template,
                last.printed_id,
                last.title,
                last.start,
                last.title_end,
                end,
                last.reason,
                resumes,
                (*last.trailers, *trailers),
            )
            continue
        regions.append(Region(template, printed, title, start, title_end, end, why, (), trailers))
    return regions


def _title_below(
    at: int,
    marks: Sequence[int],
    index: TextIndex,
    tset: TemplateSet,
    named: TableTemplate | None,
    seen: bool,
) -> tuple[TableTemplate, int, int] | None:
    """The title of the table whose printed id stands at line `at` with no title under it,
    when the text layer printed the title after the table's figures (in the order the page
    was drawn: id, header, figures, title, more header): the first title of `tset` before the
    next printed id. It is taken when the id names that table, when no figure follows it
    before the next id (it closes its table), or when the document printed an earlier title
    so; else it may as well be the next table's, printed without an id, and is left to be
    that one's anchor. Returns the template and the title's first and last line."""
    stripped = index.stripped
    k = bisect.bisect_right(marks, at)
    limit = marks[k] if k < len(marks) else len(stripped)
    stop = index.next_break(at, limit)
    if stop is not None:
        limit = stop
    for j in range(at + 1, limit):
        found = _match_title(index.titles.get(j), tset) if j in index.titles else None
        if found is None:
            continue
        template = found[0]
        last = index.title_ends.get(j, j)
        closes = not any(AMOUNT_IN_TEXT.search(line) for line in stripped[last + 1 : limit])
        if template is named or closes or seen:
            return template, j, last
        return None
    return None


# A figure as a table prints it: with decimals or thousands separators (codes have neither).
_FIGURE = re.compile(r"(?<![\d.,])(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+)(?![\d.,])")


def _unit_above(at: int, floor: int, stripped: Sequence[str], figures: bool = False) -> int | None:
    """The money-unit line (单位：元) that opens the lines printed just above line `at`, no
    higher than `floor` and below any prose; None when there is none, or (unless `figures`
    are known to come so) no figure after it."""
    for j in range(at - 1, floor - 1, -1):
        line = stripped[j]
        if _UNIT.search(line):
            return j if figures else None
        if PROSE.search(line) and not _FIGURE.search(line):
            return None
        figures = figures or _FIGURE.search(line) is not None
    return None


def _anchor_end(anchors: list[_Anchor], k: int, index: TextIndex) -> int:
    """Where the table of anchor `k` ends: at the next anchor, or where the narrative resumes
    (unless the table's rows go on after it: see `_rows_go_on`)."""
    end = anchors[k + 1].start if k + 1 < len(anchors) else len(index.stripped)
    title_end = anchors[k].title_end
    stop = index.next_break(title_end, end)
    while stop is not None and _rows_go_on(index.stripped, title_end, stop, end, index):
        stop = index.next_break(stop, end)
    return end if stop is None else stop


def _figures(line: str) -> int:
    """How many figures a line prints as a table row does: apart, with decimals or commas. A
    figure followed by its unit (`10.00 万 元`, letter-spaced prose) is an amount a sentence
    quotes: a cell never repeats the table's unit."""
    words = line.split()
    return sum(
        1
        for k, word in enumerate(words)
        if _FIGURE.fullmatch(word)
        and not (k + 1 < len(words) and words[k + 1].startswith(("万", "元", "亿")))
    )


def _rows_go_on(stripped: Sequence[str], start: int, stop: int, end: int, index: TextIndex) -> bool:
    """Whether a numbered line followed by prose at `stop` is text inside the table (a cell's
    `1.建设践行…` in a project's 绩效目标), not the narrative resuming: before the next break a
    row follows that prints as many figures as the table's last row before it. A part heading
    always ends the table."""
    if PART_HEADING.match(stripped[stop]):
        return False
    last = next((_figures(ln) for ln in reversed(stripped[start:stop]) if _figures(ln)), 0)
    if last < 2:
        return False
    limit = index.next_break(stop, end) or end
    return any(_figures(line) == last for line in stripped[stop + 1 : limit])


def _listed(anchors: list[_Anchor], index: TextIndex) -> set[int]:
    """The anchors that are entries of a contents list: lines under them are other titles
    (see `_contents`), or they close a run of titles of different tables, one right under the
    other (the list's last entry, though the first table's figures follow it; a heading and
    the title of the same table are two lines, not a list, and a table named again after the
    list is the table)."""
    listed: set[int] = set()
    run: list[TableTemplate] = []  # titles of other tables, one right under the other, to here
    for k, anchor in enumerate(anchors):
        stacked = k and not any(index.stripped[anchors[k - 1].title_end + 1 : anchor.start])
        if not stacked or anchor.template in run:
            run = []  # (a list names each table once: a table's title again ends it)
        run.append(anchor.template)
        end = _anchor_end(anchors, k, index)
        body = [ln for ln in index.stripped[anchor.title_end + 1 : end] if ln]
        if _contents(body) or len(run) >= _LIST_RUN:
            listed.add(k)
    return listed


# How many titles, one right under the other, make a contents list.
_LIST_RUN = 3


def _heads_above(
    anchors: list[_Anchor], index: TextIndex, listed: set[int] | None = None
) -> list[_Anchor]:
    """The anchors, each table starting at the money unit above its figures when the document
    prints its titles after them without printed ids (the text layer of a page drawn as unit,
    header, figures, title, more header: 上海's 单位预算 tables). The first table decides:
    figures opened by a unit line between the narrative and its title. A table whose page
    shows no unit line above its figures starts at its title, as in any document. `listed`:
    `_listed(anchors, index)`, when the caller has it. Returns `anchors` itself when no
    anchor moves."""
    stripped = index.stripped
    listed = _listed(anchors, index) if listed is None else listed
    tables = [k for k in range(len(anchors)) if k not in listed]
    if not tables or anchors[tables[0]].printed is not None or anchors[tables[0]].trailer:
        return anchors
    first = anchors[tables[0]].start
    before = bisect.bisect_right(index.breaks, first)  # the breaks at or before the title
    floor = index.breaks[before - 1] if before else 0
    unit = _unit_above(first, floor, stripped)
    if unit is None:
        return anchors
    above = next((j for j in range(unit - 1, -1, -1) if stripped[j]), None)
    if above is not None and (above in index.titles or _ANY_ID.match(stripped[above])):
        return anchors  # a title above the figures: the tables start there, as usual
    out: list[_Anchor] = []
    floor = 0
    for anchor in anchors:
        start, title_end, template, printed, title, why, trailer = anchor
        if printed is None and trailer is None:
            # (an empty table's page, 合计 alone, has a unit line too)
            unit = _unit_above(start, floor, stripped, figures=True)
            if unit is not None:
                why = f"{why} printed after its figures"
                anchor = _Anchor(unit, unit - 1, template, None, title, why, (start, title_end))
        out.append(anchor)
        floor = (anchor.trailer[1] if anchor.trailer is not None else anchor.title_end) + 1
    return out


# A line of a contents list: another table's title, or a part heading.
_CONTENTS_ENTRY = re.compile(r"表\s*(?:[（(][^）)]*[）)])?\s*\d*$|^第[一二三四五六七八九十]+部分")


def _contents(body: Sequence[str]) -> bool:
    """Whether the lines under a title are a contents list: no figure, and most of them
    other titles or part headings (a title wrapped over two lines counts once)."""
    if any(AMOUNT_IN_TEXT.search(line) for line in body):
        return False
    return 2 * sum(1 for line in body if _CONTENTS_ENTRY.search(line)) >= len(body)


_ENUM_START = set("一二三四五六七八九十（(0123456789①②③④⑤⑥⑦⑧⑨⑩")


def _narrative_resumes(lines: Sequence[str], j: int, end: int) -> bool:
    """A numbered heading without figures, followed within three lines by prose: the
    narrative goes on here (after the last table, or after a contents page)."""
    text = lines[j].strip()
    if not text or text[0] not in _ENUM_START:  # most lines: no numbered heading at all
        return False
    number, rest = split_enumeration(text)
    if number is None or not rest or len(rest) > 40 or AMOUNT_IN_TEXT.search(text):
        return False
    if PROSE.search(rest) or "表" in rest[-2:]:
        return False
    following: list[str] = []
    for k in range(j + 1, end):
        line = lines[k].strip()
        if line:
            following.append(line)
            if len(following) == 3:
                break
    return any(
        len(ln) >= 15
        and PROSE.search(ln)
        and (not AMOUNT_IN_TEXT.search(ln) or _STATES.search(ln))
        and not _NOTE.match(ln)
        for ln in following
    )


# A sentence stating a figure in money (预算数为0.95万元，与2024年预算持平。): prose however many
# figures it holds — a table's cell prints its figure alone.
_STATES = re.compile(r"\d\s*万?元\s*[，。；]")


@dataclass(slots=True)
class Block:
    """The rows of one side of a table (or of the whole table), placed together."""

    side: Side
    columns: tuple[str, ...]
    identities: tuple[Identity, ...]
    rare: frozenset[str]
    rows: list[int] = field(default_factory=list)  # indexes into Draft.rows
    slots: list[Slot] = field(default_factory=list)
    groups: list[tuple[int, list[int]]] = field(default_factory=list)  # in slot indexes
    found: Found | None = None  # the column-total search, kept for the evidence pass


@dataclass(slots=True)
class Draft:
    region: Region
    unit: MoneyUnit
    header: str
    rows: list[RawRow]
    blocks: list[Block]
    quantum: Decimal
    stray: list[Line] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    columns: tuple[str, ...] = ()
    read_notes: list[str] = field(default_factory=list)  # what building the rows left open
    searches: dict[tuple[object, ...], Found] | None = None  # per document: same rows, same search
    budget: Budget | None = None  # the search nodes left to this reading of the document
    announced: HeaderLayout | None = None  # the columns its header words said, if any
    # each row's block and place in it, for `chosen` (made for the blocks it was made from)
    _where: tuple[list[Block], dict[int, tuple[Block, int]]] | None = None

    @property
    def template(self) -> TableTemplate:
        return self.region.template

    def chosen(self, index: int) -> dict[str, Decimal]:
        """The placed values of row `index` (only non-blank cells)."""
        if self._where is None or self._where[0] is not self.blocks:
            where: dict[int, tuple[Block, int]] = {}
            for block in self.blocks:
                for k, row in enumerate(block.rows):
                    where.setdefault(row, (block, k))  # the first block holding it, as before
            self._where = (self.blocks, where)
        found = self._where[1].get(index)
        return placed(*found) if found is not None else {}


def placed(block: Block, k: int) -> dict[str, Decimal]:
    """The placed values of the block's k-th row (only non-blank cells)."""
    slot = block.slots[k]
    cand = slot.candidates[slot.choice]
    out: dict[str, Decimal] = {}
    for pos, token in zip(cand.positions, slot.tokens, strict=False):
        if token is not None:
            out[block.columns[pos]] = token
    return out


def _is_data_line(line: Line, template: TableTemplate) -> bool:
    toks = line.toks
    if not toks:
        return False
    has_num = any(t.kind is Kind.NUM and not t.text.isdigit() for t in toks)
    only_values = all(t.kind is not Kind.TEXT for t in toks)
    layout = template.layout
    if layout is Layout.FORM:
        return True
    if layout is Layout.SINGLE:
        return only_values and any(t.kind is Kind.NUM for t in toks)
    if layout is Layout.PANELS:
        return has_num or split_enumeration(line.text)[0] is not None
    lead = take_code(toks, 0)
    if lead is not None and _code_fits(lead[0], template.code_kind):
        return True
    if opens_with_sub_code(toks, template.code_kind) and has_num:
        return True  # `02 事业单位医疗 22.75 …`: a 款 or 项 printed by its own two digits
    if toks[0].kind is Kind.TEXT and TOTAL_WORDS.match(toks[0].text):
        # after 合计 a whole number is a figure too (a table in 元 without decimals)
        return any(t.kind is Kind.NUM for t in toks[1:])
    if layout is Layout.PROJECTS and any(toks[0].text.startswith(c) for c in template.categories):
        return True
    if toks[0].kind is Kind.TEXT and all(t.kind is not Kind.TEXT for t in toks[1:]):
        # `深圳市信访局 4,684.30 3,072.01 …`: a row named by its unit, without a code
        amounts = sum(1 for t in toks[1:] if t.kind is Kind.NUM and "." in t.text)
        return amounts >= 2
    return only_values and has_num


def _total_inside(line: Line) -> int | None:
    """The index of a 合计/总计 token that figures follow, when it is not the line's first."""
    toks = line.toks
    for i, tok in enumerate(toks[1:], start=1):
        if tok.kind is Kind.TEXT and TOTAL_WORDS.match(tok.text):
            rest = toks[i + 1 :]
            if rest and all(t.kind is not Kind.TEXT for t in rest):
                return i
    return None


def _drop_page_numbers(data: list[Line]) -> list[Line]:
    """A lone small integer is a page number unless a name follows it (then it is a code)."""
    kept = []
    for k, line in enumerate(data):
        if _LONE_INT.match(line.text):
            following = data[k + 1] if k + 1 < len(data) else None
            named = following is not None and all(t.kind is Kind.TEXT for t in following.toks)
            if not named:
                continue
        kept.append(line)
    return kept


def _columns_for(template: TableTemplate, header: str) -> tuple[str, ...]:
    """The template's columns less the optional ones whose header word is not printed."""
    missing = {col for col, word in template.optional if word not in header}
    if len(missing) == len(template.optional) and missing:
        return template.columns  # no header read at all: assume the full layout
    return tuple(c for c in template.columns if c not in missing)


_PERCENT = re.compile(r"^[-+]?\d[\d,]*(?:\.\d+)?[%％]$")


def _percent_as_figure(line: Line) -> Line:
    """The line with a printed percentage (增减% 12.50%) as a figure, so that it keeps its
    column and the money beside it keeps theirs (the column is dropped afterwards)."""
    toks = [
        Tok(Kind.NUM, t.text, Decimal(t.text[:-1].replace(",", "")), t.indent)
        if t.kind is Kind.TEXT and _PERCENT.match(t.text)
        else t
        for t in line.toks
    ]
    return Line(line.no, line.text, toks)


def _without_trailing_percent(line: Line) -> Line:
    """The line without the percentages printed after its last figure (a 增减% column the
    template has no place for): they are no money, and no part of the row's name."""
    toks = list(line.toks)
    cut = len(toks)
    while cut > 1 and toks[cut - 1].kind is Kind.TEXT and _PERCENT.match(toks[cut - 1].text):
        cut -= 1
    if cut == len(toks) or toks[cut - 1].kind is not Kind.NUM:
        return line
    return Line(line.no, line.text, toks[:cut])


def draft_table(
    region: Region,
    all_lines: Sequence[str],
    ctx: Context,
    path: str | None,
    memo: Memo | None = None,
    searches: dict[tuple[object, ...], Found] | None = None,
    budget: Budget | None = None,
) -> Draft:
    template = region.template
    unit = MoneyUnit.WAN
    header_lines: list[str] = []
    data: list[Line] = []
    started = False
    note_seen = False
    resumes = dict(region.resumes)
    trailers = dict(region.trailers)
    skip_to = -1
    resuming = False
    trailing = False
    for index in range(region.title_end + 1, region.end):
        if index in resumes:
            # A later page's repeated id and title: its head lines and header are not rows.
            skip_to, resuming, note_seen, trailing = resumes[index], True, False, False
        if index in trailers:
            # The title printed after the figures: what follows it is head (header cells,
            # the money unit) up to the next row, on the table's next page.
            skip_to, trailing = trailers[index], True
        if index <= skip_to:
            continue
        text = all_lines[index]
        if not text.strip() or note_seen:
            continue
        if trailing:
            probe = Line(index + 1, text, ctx.tokenize(text))
            if _UNIT.search(text) or _DEPT.search(text) or not _is_data_line(probe, template):
                if (unit_match := _UNIT.search(text)) is not None:
                    unit = MoneyUnit(unit_match.group(1))
                header_lines.append(text)
                continue
            trailing = False  # the table goes on after its title (its next page)
        if resuming:
            probe = Line(index + 1, text, ctx.tokenize(text))
            if _UNIT.search(text) or _DEPT.search(text) or not _is_data_line(probe, template):
                continue
            resuming = False
        # both need a colon (单位：万元, 部门名称：…): most lines, rows of figures, have none
        colon = ":" in text or "：" in text
        unit_match = _UNIT.search(text) if colon else None
        dept_match = _DEPT.search(text) if colon else None
        if not started and (unit_match or dept_match):
            if unit_match:
                unit = MoneyUnit(unit_match.group(1))
            if dept_match and not ctx.department:
                ctx.department = dept_match.group(1)
            continue
        if _NOTE.match(text):
            note_seen = True
            continue
        if _PAGE.match(text):
            continue
        line = Line(index + 1, text, ctx.tokenize(text))
        if not started:
            if _is_data_line(line, template):
                started = True
            else:
                glued = _total_inside(line)
                if glued is not None:
                    # `类 款 项 合计 2,946.25 …`: the header's last line and the 合计 row in one.
                    header_lines.append(" ".join(t.text for t in line.toks[:glued]))
                    line = Line(line.no, text, line.toks[glued:])
                    started = True
        if started:
            data.append(line)
        else:
            header_lines.append(text)
    header = squash("".join(header_lines))
    values = [t.value for ln in data for t in ln.toks if t.value is not None and "." in t.text]
    quantum = quantum_of(values) if values else Decimal("0.01")
    if quantum < 1:
        data = _drop_page_numbers(data)
    columns = _columns_for(template, header)
    announced = header_layout(template, header)
    if announced is not None:
        # the table's own header words say its columns: they win over the family's order
        columns = announced.columns
        if announced.dropped:
            data = [_percent_as_figure(line) for line in data]
    elif template.layout is Layout.CODED:
        data = [_without_trailing_percent(line) for line in data]
    rows, stray, read_notes = _build_rows(template, data, ctx, len(columns))
    draft = Draft(region, unit, header, rows, [], quantum, stray, columns=columns)
    if announced is not None:
        draft.announced = announced
    draft.read_notes = read_notes
    draft.searches = searches
    draft.budget = budget
    draft.blocks = _blocks(draft, columns, memo)
    return draft


def _build_rows(
    template: TableTemplate, data: list[Line], ctx: Context, ncols: int
) -> tuple[list[RawRow], list[Line], list[str]]:
    """The rows of the table, the lines no row took, and notes on what the rows left open."""
    layout = template.layout
    if layout is Layout.PANELS:
        panels = PanelBuilder(template)
        for line in data:
            panels.feed(line)
        return panels.finish(), [], panels.notes
    if layout is Layout.SINGLE:
        single = SingleBuilder()
        for line in data:
            single.feed(line)
        return single.finish(), [], []
    if layout is Layout.FORM:
        form = FormBuilder()
        for line in data:
            form.feed(line)
        return form.finish(), [], []
    coded = (
        ProjectBuilder(template, ctx, ncols)
        if layout is Layout.PROJECTS
        else CodedBuilder(template, ctx, ncols)
    )
    for line in data:
        coded.feed(line)
    return coded.finish(), coded.stray, []


def _blocks(
    draft: Draft,
    columns: tuple[str, ...],
    memo: Memo | None,
) -> list[Block]:
    template = draft.template
    rows = draft.rows
    if template.layout is Layout.PANELS:
        sides = [template.panel(Side.INCOME), template.panel(Side.EXPENSE)]
        blocks = [Block(p.side, p.columns, p.identities, p.rare) for p in sides]
    elif template.layout is Layout.FORM:
        blocks = [Block(Side.NONE, ("金额",), (), frozenset())]
    else:
        blocks = [Block(Side.NONE, columns, template.identities, template.rare)]
    classes = [(c.prefixes, c.column) for c in template.code_classes]
    for block in blocks:
        block.rows = [i for i, r in enumerate(rows) if r.side is block.side]
        local = {row_index: k for k, row_index in enumerate(block.rows)}
        placer = RowPlacer(
            block.columns,
            block.identities,
            draft.quantum,
            block.rare,
            classes,
            memo,
            template.not_money,
            draft.budget,
        )
        for i in block.rows:
            tokens = [t.value for t in rows[i].values]
            slot = Slot(tokens, code=rows[i].code)
            placer.fill(slot)
            if slot.cut:
                # shuffled or run-together text: too many ways to place the figures to try all
                draft.read_notes.append(
                    f"{rows[i].joined_name() or f'line {rows[i].first}'}: its {len(tokens)} "
                    f"figures fit too many placements in {len(block.columns)} columns to try "
                    f"them all; it was placed among the first {len(slot.candidates)} found"
                )
            block.slots.append(slot)
        if template.layout is Layout.PANELS:
            groups = panel_groups(rows, block.rows)
        elif template.layout in (Layout.CODED, Layout.PROJECTS):
            groups = tree_groups(rows, block.rows)
        else:
            groups = []
        block.groups = [(local[p], [local[c] for c in cs]) for p, cs in groups]
    return blocks


def _evidence_value(ev: Evidence, source: Draft, unit: MoneyUnit) -> tuple[Decimal, int] | None:
    """What `source` says the column total is, converted to `unit`, with how many figures."""
    rows = source.rows
    picked: list[int]
    if ev.codes:
        matching = [r for r in rows if r.code and r.code.startswith(ev.codes)]
        kept = {id(r) for r in leaves(matching)}
        picked = [i for i, r in enumerate(rows) if id(r) in kept]
    elif ev.category:
        picked = [
            i for i, r in enumerate(rows) if r.kind is RowKind.PROJECT and r.category == ev.category
        ]
    else:
        total = next((i for i, r in enumerate(rows) if r.kind is RowKind.TOTAL), None)
        if total is None:
            if any(r.values for r in rows):
                return None
            picked = []
        else:
            picked = [total]
    if not any(r.values for r in rows) and rows:
        picked = []
    amount = sum((source.chosen(i).get(ev.of, Decimal(0)) for i in picked), Decimal(0))
    amount = amount * source.unit.in_yuan / unit.in_yuan
    return amount, max(len(picked), 1)


def _targets(draft: Draft, block: Block, others: dict[str, Draft]) -> list[Target]:
    rows = draft.rows
    anchor = next((k for k, i in enumerate(block.rows) if rows[i].kind is RowKind.TOTAL), None)
    if anchor is None:
        children = {c for _, cs in block.groups for c in cs}
        roots = [p for p, _ in block.groups if p not in children]
        if len(roots) == 1:
            anchor = roots[0]
        elif len(block.rows) == 1:
            anchor = 0
    if anchor is None:
        return []
    targets = []
    for ev in draft.template.evidence:
        source = others.get(ev.table)
        if source is None or ev.column not in block.columns:
            continue
        found = _evidence_value(ev, source, draft.unit)
        if found is None:
            continue
        amount, count = found
        targets.append(
            Target(
                anchor,
                block.columns.index(ev.column),
                to_units(amount, draft.quantum),
                tol=int(Decimal(count + 1) * source.quantum / draft.quantum) // 2,
            )
        )
    return targets


def solve_draft(draft: Draft, others: dict[str, Draft] | None = None) -> None:
    """Place every row's values; with `others`, use their figures as evidence."""
    draft.notes = list(draft.read_notes)
    for block in draft.blocks:
        targets = _targets(draft, block, others) if others else []
        tols = [(len(children) + 1) // 2 for _, children in block.groups]
        not_money = draft.template.not_money
        key = None
        if block.found is None and draft.searches is not None:
            key = (
                tuple(tuple((c.vector, c.cost) for c in slot.candidates) for slot in block.slots),
                tuple((p, tuple(cs)) for p, cs in block.groups),
                tuple(tols),
            )
            block.found = draft.searches.get(key)
        notes, block.found = solve(
            block.slots,
            block.groups,
            tols,
            block.columns,
            targets,
            block.found,
            not_money,
            draft.budget,
        )
        if key is not None and draft.searches is not None:
            draft.searches[key] = block.found
        side = f"{block.side}方" if block.side is not Side.NONE else ""
        draft.notes.extend(side + note for note in notes)


def identity_score(draft: Draft) -> tuple[int, int]:
    """How many of the draft's row identities and column totals hold, and how many fail, as
    placed. A template that does not fit the table breaks most of them."""
    held = failed = 0
    for block in draft.blocks:
        checks = compile_checks(block.identities, block.columns)
        vectors = [slot.candidates[slot.choice].vector for slot in block.slots]
        for slot, vec in zip(block.slots, vectors, strict=True):
            if len(slot.tokens) < 2:
                continue
            for check in checks:
                if check.holds(vec):
                    held += 1
                else:
                    failed += 1
        for parent, children in block.groups:
            for i, column in enumerate(block.columns):
                if column in draft.template.not_money:
                    continue
                total = sum(vectors[c][i] for c in children)
                if not vectors[parent][i] and not total:
                    continue
                if 2 * abs(vectors[parent][i] - total) <= len(children) + 1:
                    held += 1
                else:
                    failed += 1
    return held, failed


def needs_evidence(draft: Draft) -> bool:
    return bool(draft.template.evidence) and any(
        slot.placement in (Placement.PRIOR, Placement.UNSATISFIED)
        for block in draft.blocks
        for slot in block.slots
    )


def _computed(template: TableTemplate, values: dict[str, Decimal]) -> tuple[Cell, ...]:
    """The row's cells of the columns the template computes from printed ones."""
    return tuple(
        Cell(identity.left, identity.expected(values))
        for identity in template.computed
        if any(c in values for _, c in identity.terms)
    )


def _spelled(printed: str | None, template: TableTemplate) -> str | None:
    """A printed id as its template spells it when they differ only in spaces (预算 01 表: a
    word processor sets digits apart from Chinese, and its text layer keeps the gaps)."""
    if printed is None or template.id is None:
        return printed
    return template.id if "".join(printed.split()) == "".join(template.id.split()) else printed


def assemble(draft: Draft, path: str | None, set_name: str) -> Table:
    region = draft.region
    dropped = draft.announced.dropped if draft.announced else frozenset()
    out_rows: list[Row] = []
    for block in draft.blocks:
        for k, i in enumerate(block.rows):
            raw = draft.rows[i]
            slot = block.slots[k]
            values = placed(block, k)  # draft.chosen(i), without looking the row up again
            cells = tuple(
                Cell(c, values[c]) for c in block.columns if c in values and c not in dropped
            )
            cells += _computed(draft.template, values)
            # (most rows have no government code's name: nothing to join)
            gov_name = (join_cjk(" ".join(raw.gov_name)) or None) if raw.gov_name else None
            name = raw.joined_name()
            number = raw.number
            if number is None:
                number, name = split_enumeration(name)
            out_rows.append(
                Row(
                    name=name,
                    span=Span(path, raw.first, raw.last),
                    kind=raw.kind,
                    code=raw.code,
                    side=raw.side,
                    cells=cells,
                    number=number,
                    segment=raw.segment,
                    gov_code=raw.gov_code,
                    gov_name=gov_name,
                    category=raw.category,
                    owner=raw.owner,
                    text=tuple(raw.text),
                    placement=slot.placement,
                    alternatives=slot.alternatives,
                    indent=raw.indent,
                )
            )
    out_rows.sort(key=lambda r: r.span.line)
    sides = tuple(b.side for b in draft.blocks)
    columns = tuple(dict.fromkeys(c for b in draft.blocks for c in b.columns if c not in dropped))
    columns += tuple(i.left for i in draft.template.computed)
    reason = region.reason
    if draft.announced is not None:
        reason += f"; columns by its header words: {draft.announced.name}"
    return Table(
        key=draft.template.key,
        title=region.title,
        span=Span(path, region.start + 1, region.end),
        columns=columns,
        rows=tuple(out_rows),
        id=_spelled(region.printed_id, draft.template),
        unit=draft.unit,
        template=set_name,
        recognised_by=reason,
        notes=tuple(draft.notes),
        sides=sides,
    )
