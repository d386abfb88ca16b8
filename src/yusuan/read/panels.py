"""Rows of a table printed as panels side by side (收入 | 支出, and a 支出 side printed as
several lists: 功能分类 | 支出用途): each printed label with its figures goes to its side and
list, and a side printed without indentation is nested as its figures add up.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from yusuan.model import RowKind, Side
from yusuan.read.panel_sums import lists_unsure, nest_by_figures
from yusuan.read.rows import TOTAL_NAME, TOTAL_WORDS, Line, RawRow
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


# What `_fit` reads of a segment whatever the list: how many figures it has (a blank after
# them is the other panels' empty cell, not one more figure), its label's number and name.
_Facts = tuple[int, str | None, str]


def _facts(seg: _Segment) -> _Facts:
    values = list(seg.values)
    while values and values[-1].kind is Kind.BLANK:
        values.pop()
    number, name = split_enumeration(join_cjk(" ".join(seg.label)))
    return len(values), number, name


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

    def _fit(self, seg: _Segment, facts: _Facts, at: int, alone: bool) -> int:
        """How well a label and its amounts fit the list `at`; the weights rank the evidence:
        too many amounts for it, then 收入 or 支出 in the label, its number continuing the
        list's, the side's words, and last the blanks printed for the empty lists to its right
        or (a label alone on its line) the list of the row before. `facts`: `_facts(seg)`,
        worked out once for all the lists."""
        where = self.lists[at]
        figures, number, name = facts
        score = -16 if figures > where.width else 0
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
        # each segment's fit to each list, worked out once for all the combinations
        fits = [
            [self._fit(seg, facts, at, alone) for at in range(len(lists))]
            for seg, facts in ((seg, _facts(seg)) for seg in segs)
        ]
        scored = [
            (sum(fits[k][at] for k, at in enumerate(chosen)), chosen)
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
        fits = [
            [self._fit(seg, facts, at, False) for at in range(n)]
            for seg, facts in ((seg, _facts(seg)) for seg in segs)
        ]
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
            if panel.segments and (note := lists_unsure(self.rows, self.guessed, panel.side)):
                self.notes.append(note)
        if not any(row.indent for row in self.rows) and not segmented:
            for side in (Side.INCOME, Side.EXPENSE):
                rows = [r for r in self.rows if r.side is side]
                width = len(self.income.columns if side is Side.INCOME else self.expense.columns)
                self.notes.extend(nest_by_figures(rows, width, side))
        return self.rows
