"""Rows of a table printed as panels side by side (收入 | 支出, and a 支出 side printed as
several lists: 功能分类 | 支出用途): each printed label with its figures goes to its side and
list, and a side printed without indentation is nested as its figures add up.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from decimal import Decimal

from yusuan.model import RowKind, Side
from yusuan.read.rows import TOTAL_NAME, TOTAL_WORDS, Line, RawRow, half_quantum, lead
from yusuan.read.tokens import Kind, Tok, enumeration_value, join_cjk, split_enumeration
from yusuan.structure import enumeration_level
from yusuan.templates import PanelSpec, TableTemplate


@dataclass(slots=True)
class _Segment:
    label: list[str]
    values: list[Tok]
    indent: int = 0  # full-width spaces before the label


def _segments(toks: list[Tok]) -> list[_Segment]:
    """Split a two-panel line into label+amounts segments."""
    segs: list[_Segment] = []
    label: list[str] = []
    values: list[Tok] = []
    indent = 0
    for tok in toks:
        if tok.kind is Kind.TEXT:
            if values or (label and _starts_new_label(label[-1], tok.text)):
                segs.append(_Segment(label, values, indent))
                label, values = [], []
            if not label:
                indent = tok.indent
            label.append(tok.text)
        else:
            values.append(tok)
    if label or values:
        segs.append(_Segment(label, values, indent))
    return segs


def _starts_new_label(previous: str, text: str) -> bool:
    if split_enumeration(previous + text)[1] == text.strip() and previous.strip():
        return False  # `1. 一般公共预算资金`: a bare number belongs to the label after it
    if split_enumeration(text)[0] is not None:
        return True
    if previous.endswith(("：", ":")):
        return False
    # Letter-spaced words (本 年 收 入) are one label; two words of several characters are two.
    return len(previous) > 1 and len(text) > 1


_PANEL_HEADER = frozenset(
    ("收入", "支出", "项目", "预算", "预算数", "金额", "行次", "栏次", "决算数", "本年预算", "科目")
)


# What starting another printed row on the same line costs in `PanelBuilder._place_rows`: as
# much as a label's 收入 or 支出 says for its side.
_NEW_ROW = 8


# A header word alone on a line is taken for the header from this length on.
_HEADING_WORD = 4


@dataclass(frozen=True, slots=True)
class _List:
    """One list of a panel table as printed left to right: a side, or one of the side's
    segments (功能分类 | 支出用途), and how many value columns it prints."""

    side: Side
    segment: int | None
    width: int


class PanelBuilder:
    """Side-by-side panels (收入 | 支出, or 收入 | 支出功能 | 部门经济 | 政府经济) flattened
    into one line per printed row: each label and its amounts go to the list they were
    printed in."""

    def __init__(self, template: TableTemplate) -> None:
        self.t = template
        self.income = template.panel(Side.INCOME)
        self.expense = template.panel(Side.EXPENSE)
        self.lists = [
            _List(panel.side, k if panel.segments else None, len(panel.columns))
            for panel in (self.income, self.expense)
            for k in range(max(1, len(panel.segments)))
        ]
        self.rows: list[RawRow] = []
        self.last_number: dict[tuple[Side, int | None, int], int] = {}
        self.last = self.lists[0]
        self.closed: set[Side] = set()  # sides whose lists ended in a total printed across them
        # the words of this table's header: its header words, the names of its lists
        self.heading = frozenset(
            (*template.header_words, *self.income.segments, *self.expense.segments, "项目名称")
        )
        self.notes: list[str] = []
        self.tied = False  # whether the last line's labels fit several placements as well
        self.guessed: list[RawRow] = []  # rows whose list was a tie's leftmost placement
        # figures past a total's width, for the other side's totals printed below without any
        self.overflow: list[tuple[Side, list[Tok]]] = []

    def _side_by_words(self, label: str, panel: PanelSpec) -> bool:
        return any(w in label for w in panel.words)

    def _fit(self, seg: _Segment, at: int, alone: bool) -> int:
        """How well a label and its amounts fit the list `at`; the weights rank the evidence:
        too many amounts for it, then 收入 or 支出 in the label, its number continuing the
        list's, the side's words, and last the blanks printed for the empty lists to its right
        or (a label alone on its line) the list of the row before."""
        where = self.lists[at]
        # A blank after the figures is the other panels' empty cell, not one more figure.
        values = list(seg.values)
        while values and values[-1].kind is Kind.BLANK:
            values.pop()
        number, name = split_enumeration(join_cjk(" ".join(seg.label)))
        score = -16 if len(values) > where.width else 0
        has_in, has_ex = "收入" in name, "支出" in name
        if has_in != has_ex:
            score += 8 if has_in == (where.side is Side.INCOME) else -8
        value = enumeration_value(number)
        if value is not None:
            level = enumeration_level(number)
            if self.last_number.get((where.side, where.segment, level), 0) == value - 1:
                score += 4
        if self._side_by_words(name, self.income if where.side is Side.INCOME else self.expense):
            score += 2
        blanks = len(seg.values) - where.width
        if blanks > 0 and blanks == sum(r.width for r in self.lists[at + 1 :]):
            score += 1
        if alone and where.side is self.last.side and self.last.segment in (None, where.segment):
            score += 1
        return score

    def _place(self, segs: list[_Segment]) -> list[_List]:
        """The list each segment of one line was printed in, left to right: as many segments
        as lists fill them in order; fewer go where they fit best (the leftmost such placement
        on a tie, which `tied` reports when the side is printed as several lists)."""
        lists = self.lists
        if len(segs) >= len(lists) and all(seg.values for seg in segs[:-1]):
            return self._place_rows(segs)
        if len(segs) >= len(lists):
            # one segment per list; any more (a label broken off its amounts) are the last's
            return [lists[min(k, len(lists) - 1)] for k in range(len(segs))]
        alone = len(segs) == 1
        scored = [
            (sum(self._fit(seg, at, alone) for seg, at in zip(segs, chosen, strict=True)), chosen)
            for chosen in itertools.combinations(range(len(lists)), len(segs))
        ]
        top = max(score for score, _ in scored)
        best = next(chosen for score, chosen in scored if score == top)
        # a side printed as several lists: a label its words do not place is a guess, said
        self.tied = len(lists) > 2 and sum(1 for score, _ in scored if score == top) > 1
        return [lists[at] for at in best]

    def _place_rows(self, segs: list[_Segment]) -> list[_List]:
        """More labels with amounts than lists on one line: printed rows whose line breaks the
        text layer lost (长春: `一、财政拨款收入 1682.76 … 一、一般公共服务支出 1378.41 … 一般公共
        预算拨款收入 1682.76 … 二、社会保障和就业支出 178.42 …`). Each segment goes to a list
        right of the one before it, or starts the next printed row; the placement that fits
        best is taken, each printed row after the first costing as much as a label's 收入 or
        支出 (so that rows are only broken where the labels say so); `tied` says whether
        another placement fits as well."""
        n = len(self.lists)
        fits = [[self._fit(seg, at, False) for at in range(n)] for seg in segs]
        best = [fits[0][:]]
        ways = [[1] * n]  # how many placements reach each best score
        back: list[list[int]] = [[-1] * n]
        for k in range(1, len(segs)):
            scores, counts, froms = [], [], []
            for at in range(n):
                options = [(best[-1][i], i) for i in range(at)]
                options += [(best[-1][i] - _NEW_ROW, i) for i in range(at, n)]
                score, origin = max(options, key=lambda o: o[0])
                scores.append(score + fits[k][at])
                counts.append(sum(ways[-1][i] for value, i in options if value == score))
                froms.append(origin)
            best.append(scores)
            ways.append(counts)
            back.append(froms)
        at = max(range(n), key=lambda i: best[-1][i])
        self.tied = sum(ways[-1][i] for i in range(n) if best[-1][i] == best[-1][at]) > 1
        placed = [at]
        for k in range(len(segs) - 1, 0, -1):
            at = back[k][at]
            placed.append(at)
        return [self.lists[i] for i in reversed(placed)]

    def _shared_label(self, seg: _Segment) -> list[_Segment]:
        """A 决算 line whose 支出 half has a 行次 but no label of its own (`一般公共预算财政拨款 25
        0.00 52 - - -`: the sub-items of 年初/年末结转和结余 share the printed label): when both
        panels open with a column of row numbers and the figures run past the 收入 panel into
        the 支出 one, the second 行次 starts the 支出 half, under the same label."""
        width = len(self.income.columns)
        values = seg.values
        if (
            not seg.label
            or "支出" in "".join(seg.label)
            or self.income.columns[:1] != self.expense.columns[:1]
            or self.income.columns[0] not in self.t.not_money
            or not width < len(values) <= width + len(self.expense.columns)
            or not (values[0].text.isdigit() and values[width].text.isdigit())
        ):
            return [seg]
        return [_Segment(seg.label, values[:width]), _Segment(list(seg.label), values[width:])]

    def feed(self, line: Line) -> None:
        segs = _segments(line.toks)
        if not segs:
            return
        words = [word for seg in segs for word in seg.label]
        if all(not seg.values for seg in segs) and (
            (len(words) > 1 and all(w in _PANEL_HEADER or w in self.heading for w in words))
            or (len(words) == 1 and len(words[0]) >= _HEADING_WORD and words[0] in self.heading)
        ):
            # `收入 支出` / `项目 预算 项目 预算`: the header repeated on a continued page, or
            # its cells drawn after the figures (`项目名称 金额` / `支出用途`) in a text layer
            # (a short word alone may be a label's broken-off tail: 债务还本 / 支出)
            if len(words) == 1:
                # one header word alone may also be a row's label whose figures went to the
                # next line (一般公共预算): said, so that a missing row can be traced
                self.notes.append(f"line {line.no}: {words[0]} alone is read as a header word")
            return
        if (
            len(segs) == 1
            and not segs[0].values
            and self.rows
            and split_enumeration(segs[0].label[0])[0] is None
            and len("".join(segs[0].label)) <= 3
            and not TOTAL_WORDS.match("".join(segs[0].label))
        ):
            # The tail of a label broken over two lines: （三十四）抗疫特别国债安排的支 / 出.
            # Its amounts may sit on the first line: a short unnumbered label with no amounts
            # is never a row of its own.
            self.rows[-1].name.extend(segs[0].label)
            self.rows[-1].touch(line)
            return
        if len(segs) == 1:
            segs = self._shared_label(segs[0])
        self.tied = False
        places = self._place(segs)
        if self.tied:
            self.notes.append(
                f"line {line.no}: its labels fit more than one placement in the lists; the "
                "leftmost was taken"
            )
        for seg, where in zip(segs, places, strict=True):
            if not seg.label:
                target = next((r for r in reversed(self.rows) if not r.values), None)
                if target is not None:
                    target.values.extend(seg.values)
                    target.touch(line)
                continue
            number, name = split_enumeration(join_cjk(" ".join(seg.label)))
            kind = RowKind.TOTAL if TOTAL_NAME.search(name) else RowKind.LABEL
            segment = where.segment
            if (
                segment is not None
                and number is None
                and sum(1 for other in places if other.side is where.side) == 1
                and (kind is RowKind.TOTAL or where.side in self.closed)
            ):
                # 当年支出小计, 结转下年资金, 支出合计 printed once across the side's lists
                segment = None
                self.closed.add(where.side)
            row = RawRow(kind, line.no, line.no, name=[name.rstrip(":：")], side=where.side)
            row.number = number
            row.segment = segment
            row.values = list(seg.values)
            row.indent = seg.indent or None
            self._share_totals(row, where.width, line)
            self.rows.append(row)
            if self.tied and segment is not None:
                self.guessed.append(row)
            self.last = _List(where.side, segment, where.width)
            value = enumeration_value(number)
            if value is not None:
                level = enumeration_level(number)
                self.last_number[(where.side, segment, level)] = value
                for deeper in range(level + 1, 6):
                    self.last_number.pop((where.side, segment, deeper), None)

    def _share_totals(self, row: RawRow, width: int, line: Line) -> None:
        """Totals printed on one line across both panels whose 支出 labels the text layer put
        below (`当年收入小计 20,849.45 20,849.45` … `当年支出小计` … `支出合计`): the figures past a
        total's width are kept, in order, for the other side's next totals printed without
        figures."""
        if row.kind is not RowKind.TOTAL:
            return
        figures = [t for t in row.values if t.kind is Kind.NUM]
        if len(figures) == len(row.values) and len(figures) > width and len(self.lists) > 1:
            row.values = figures[:width]
            self.overflow.append((row.side, figures[width:]))
            return
        if not row.values and self.overflow and self.overflow[0][0] is not row.side:
            _, row.values = self.overflow.pop(0)
            self.notes.append(
                f"line {line.no}: {row.joined_name()} printed without figures takes those "
                "printed past the width of the other side's total on its line"
            )

    def finish(self) -> list[RawRow]:
        segmented = self.income.segments or self.expense.segments
        for panel in (self.income, self.expense):
            if panel.segments and (note := _lists_unsure(self.rows, self.guessed, panel.side)):
                self.notes.append(note)
        if not any(row.indent for row in self.rows) and not segmented:
            for side in (Side.INCOME, Side.EXPENSE):
                rows = [r for r in self.rows if r.side is side]
                width = len(self.income.columns if side is Side.INCOME else self.expense.columns)
                self.notes.extend(_nest_by_figures(rows, width, side))
        return self.rows


# The note that says a segmented side's lists were guessed and do not add up: the table's
# reading is unsure (audit/reliability.py reads it), not the document wrong.
LISTS_GUESSED = "rows with figures were placed in the side's lists by a guess"


def _lists_unsure(rows: list[RawRow], guessed: list[RawRow], side: Side) -> str | None:
    """A note when a side printed as several lists (功能分类 | 支出用途) had a row with figures
    placed in one of them by a guess (its labels fit several lists as well) and the lists as
    placed do not each add up to the total printed across them (当年支出小计): a text layer
    that ran the lists' lines together leaves which list a figure belongs to unknown, and the
    figures say the guess was wrong somewhere. None when no guess carries figures or the sums
    hold."""
    if not any(row.values and row.side is side for row in guessed):
        return None
    total = next(
        (
            value
            for row in rows
            if row.side is side
            and row.kind is RowKind.TOTAL
            and row.segment is None
            and (value := lead(row)) is not None
        ),
        None,
    )
    if total is None:
        return None
    lists = sorted({r.segment for r in rows if r.side is side and r.segment is not None})
    for segment in lists:
        members = [r for r in rows if r.side is side and r.segment == segment]
        # the list's outermost rows: its shallowest numbering (一、), or all when unnumbered
        level = min((enumeration_level(r.number) for r in members if r.number), default=0)
        top = [r for r in members if enumeration_level(r.number) == level and not r.part_of]
        values = [v for r in top if (v := lead(r)) is not None]
        if abs(sum(values, Decimal(0)) - total) > half_quantum([*values, total]) * (
            len(values) + 1
        ):
            return (
                f"{side}方 {LISTS_GUESSED} (their labels fit several lists as well) and the "
                "lists as placed do not each add up to the total printed across them"
            )
    return None


# How deep rows printed without indentation may nest: 类, 款, 项.
_MAX_DEPTH = 2
_NESTINGS_CAP = 2
# How many partial nestings the search may try: a run of rows the figures nest in one way is
# settled in hundreds; text garbled or interleaved can make the search exponential (minutes).
_NESTING_STEPS = 20_000


def _nest_by_figures(rows: list[RawRow], width: int, side: Side) -> list[str]:
    """Indent a panel side's rows when the text printed no indentation (a text layer drops
    it) and the figures say how they nest: a run of rows closed by a total, each unnumbered
    row under the one above it or beside it, such that every row with rows under it is their
    sum and the total is the sum of the outermost rows (一般公共服务支出 5356.01 / 财政事务
    5356.01 / 行政运行 3685.65 …); a row without figures stands beside the row above it. Only
    a nesting that is the one way every sum holds is taken;
    when several are, the rows stay unnested and a note says so. A run where a row prints
    fewer figures than the side has columns (its blanks gone) is left alone."""
    notes: list[str] = []
    run: list[RawRow] = []
    for row in rows:
        if row.kind is not RowKind.TOTAL:
            if not row.part_of:
                run.append(row)
            continue
        total = lead(row) if len(row.values) == width else None
        members, run = run, []
        if (
            total is None
            or len(members) < 2
            or any(enumeration_level(r.number) > 1 for r in members)
            or any(r.values and len(r.values) != width for r in members)
            or not any(r.number is None for r in members)
        ):
            continue
        found = _nestings(members, total)
        if found is None:
            notes.append(
                f"{side}方 rows before {row.joined_name()} are printed without indentation and "
                "too many nestings of them had to be tried: they are left unnested"
            )
        elif len(found) == 1 and any(found[0]):
            for member, depth in zip(members, found[0], strict=True):
                if member.number is None and depth:
                    member.indent = depth
        elif len(found) > 1:
            notes.append(
                f"{side}方 rows before {row.joined_name()} are printed without indentation and "
                "several nestings of them make every sum hold: they are left unnested"
            )
    return notes


def _nestings(rows: list[RawRow], total: Decimal) -> list[tuple[int, ...]] | None:
    """The depths of `rows` (numbered rows at the outermost) under which every row with rows
    under it is their sum and `total` is the sum of the outermost rows; at most two. None when
    the search took more than `_NESTING_STEPS` steps without settling it."""
    values = [lead(r) or Decimal(0) for r in rows]
    half = half_quantum([*values, total])
    found: list[tuple[int, ...]] = []
    depths: list[int] = []
    steps = [0]

    def close(stack: list[list[Decimal]], keep: int) -> bool:
        """Close the open rows deeper than `keep`; whether each adds up."""
        while len(stack) > keep:
            value, summed, count = stack.pop()
            if count and abs(value - summed) > half * (count + 1):
                return False
        return True

    def visit(i: int, stack: list[list[Decimal]], top: Decimal) -> None:
        steps[0] += 1
        if len(found) >= _NESTINGS_CAP or steps[0] > _NESTING_STEPS:
            return
        if i == len(rows):
            if close([list(e) for e in stack], 0) and abs(top - total) <= half * (len(rows) + 1):
                found.append(tuple(depths))
            return
        highest = 0 if rows[i].number is not None or not stack else len(stack)
        options = range(0, min(highest, _MAX_DEPTH) + 1)
        if not values[i] and depths and highest:
            options = range(depths[-1], depths[-1] + 1)  # a blank row adds nothing: beside
        for depth in options:
            opened = [list(e) for e in stack]
            if not close(opened, depth):
                continue
            if depth:
                parent = opened[depth - 1]
                parent[1] += values[i]
                parent[2] += 1
                if values[i] > 0 and parent[1] - parent[0] > half * (parent[2] + 1):
                    continue  # the rows under it already pass it
            opened.append([values[i], Decimal(0), Decimal(0)])
            depths.append(depth)
            visit(i + 1, opened, top + (values[i] if depth == 0 else 0))
            depths.pop()

    visit(0, [], Decimal(0))
    return None if steps[0] > _NESTING_STEPS else found
