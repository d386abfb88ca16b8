"""The narrative of a disclosure: parts, numbered sections, and the department profile."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from yusuan.model import DocKind, Profile, Section, Span, StaffCount
from yusuan.read.tokens import CJK, chinese_number, split_enumeration

_PART = re.compile(r"^\s*(第[一二三四五六七八九十]+部分)\s*(.*)$")
_SENTENCE_PUNCT = re.compile(r"[，。；,;]")
_STAFF = re.compile(
    rf"([{CJK}（）()]{{2,16}}?)\s*(?:共有|共计|合计|共|为|有)?\s*(\d{{1,6}})\s*(?:人|名)(?!民|员|次|数)"
)
# What every _STAFF match ends with: a text without it has no staff count, and _STAFF, which
# tries up to 16 characters before each digit, is slow on long text.
_STAFF_TAIL = re.compile(r"\d\s*(?:人|名)(?!民|员|次|数)")
_STAFF_CUT = re.compile(r"共有|现有|实有|目前有|其中|截至|截止|包括|分别是|[，,：:；;（(]")
_STAFF_WORDS = ("编", "人员", "干部", "职工", "工勤", "聘", "在职", "退休", "员额", "在岗")
_UNIT_COUNT = re.compile(r"(?:内设|下设|设有|设)\s*(\d{1,3}|[一二三四五六七八九十]+)\s*个")
_INTERNAL = re.compile(rf"^\s*([{CJK}]{{2,14}}(?:科|室|处|股|中心|部|队|所|站|办))\s*[：:]")
_YEAR = re.compile(r"(20\d{2})\s*年")
# A heading's pointer to the tables it explains — （详见表 1-3）, （见附表5）, or its opening
# （详 when the line wraps inside it — says nothing of the heading's length.
_TABLE_REFERENCE = re.compile(r"[（(]\s*(?:详|参见|见)[^（）()]*(?:[）)]\s*)?$")
# The rest of a parenthesis a wrapped heading left open: `见表 7）` after `…说明（详`.
_CLOSING = re.compile(r"^([^（）()，。；,;：:]{0,12}[）)])\s*(.*)$")
_LEVEL_TAIL = re.compile(r"^\s*[（(](?:类|款|项)[）)]")
_CHINESE_FIRST = re.compile(r"^[一二三四五六七八九十]+、$")
_TITLE_WORD = re.compile(r"(?:说明|情况|概况)$")
_SHORT_TITLE = 20
_LONG_TITLE = 40
# The tail of a heading that wrapped: a few words, no figure, no punctuation; the whole title
# may then be as long as a 一、 heading's.
_TAIL = 10
_TAIL_BREAK = re.compile(r"[\d，。；,;：:、]")


def _is_heading(number: str | None, title: str) -> bool:
    if number is None or _SENTENCE_PUNCT.search(title) or "：" in title or ":" in title:
        return False
    core = _TABLE_REFERENCE.sub("", title)
    # A numbered item is a heading when short; one that names itself a 说明 may be as long as
    # a 一、 heading (`（二）关于某某局 2026 年收入预算情况说明`).
    limit = _LONG_TITLE if number.endswith("、") or _TITLE_WORD.search(core) else _SHORT_TITLE
    return 0 < len(core) <= limit


def _left_open(title: str) -> bool:
    return title.count("（") + title.count("(") > title.count("）") + title.count(")")


def _ends_heading(number: str | None, title: str, following: str | None) -> bool:
    """Whether `following` is the rest of a heading too long for one line (`（五）关于…2026
    年一般公共预算当年拨` / `款情况说明`): a short line of words alone, after a numbered
    line that would be a heading but for its length, the two reading as one title."""
    if number is None or following is None or _is_heading(number, title):
        return False
    if len(following) > _TAIL or _TAIL_BREAK.search(following) or _PART.match(following):
        return False
    if split_enumeration(following)[0] is not None:
        return False
    whole = title + following
    if _SENTENCE_PUNCT.search(whole) or "：" in whole or ":" in whole:
        return False
    return len(_TABLE_REFERENCE.sub("", whole)) <= _LONG_TITLE


# A page's number printed alone on its line (4, - 4 -, 第4页): a text layer keeps it between the
# lines of a paragraph that runs on to the next page, where joined it would become part of a
# figure (增长 / 4 / 17.31% read as 增长417.31%).
_PAGE_NUMBER = re.compile(r"^(?:[-—–－]\s*)?\d{1,3}(?:\s*[-—–－])?$|^第\s*\d{1,3}\s*页$")


def read_sections(lines: Sequence[str], skip: set[int], path: str | None) -> tuple[Section, ...]:
    """Sections of the narrative: every line not inside a table, under its part and heading."""
    sections: list[Section] = []
    part = ""
    number = ""
    title = ""
    level = 0
    buffer: list[str] = []
    first = last = 0

    offsets: list[tuple[int, int]] = []
    length = 0  # of the text in buffer

    def flush() -> None:
        text = "".join(buffer).strip()
        if text or title:
            span = Span(path, first + 1, max(first, last) + 1)
            sections.append(Section(part, number, title, text, span, level, tuple(offsets)))

    kept = [
        (i, raw.strip())
        for i, raw in enumerate(lines)
        if i not in skip and raw.strip() and not _PAGE_NUMBER.match(raw.strip())
    ]
    tail_of = -1  # the line already read as the rest of the heading before it
    for k, (i, line) in enumerate(kept):
        if i == tail_of:
            continue
        part_match = _PART.match(line)
        if part_match:
            flush()
            part = part_match.group(1)
            number, title, level = "", part_match.group(2).strip(), 0
            buffer, first, last, offsets, length = [], i, i, [], 0
            continue
        enum, rest = split_enumeration(line)
        following = kept[k + 1] if k + 1 < len(kept) else None
        wrapped = following is not None and _ends_heading(enum, rest, following[1])
        # An item paragraph whose 项's name wraps (`5、社会保障和就业支出（类）…行政单位离退休` /
        # `（项）。主要用于…`) is text, not a heading.
        item = following is not None and _LEVEL_TAIL.match(following[1]) is not None
        if not item and (wrapped or _is_heading(enum, rest)):
            flush()
            number = enum or ""
            title = rest
            # 一、 opens a part's section; 1、 or （一） one under it
            level = 1 if _CHINESE_FIRST.match(number) else 2
            buffer, first, last, offsets, length = [], i, i, [], 0
            if wrapped and following is not None:
                tail_of, last = following[0], following[0]
                title += following[1]
            continue
        closing = _CLOSING.match(line) if not buffer and _left_open(title) else None
        if closing:
            title += closing.group(1)
            last = i
            line = closing.group(2)
            if not line:
                continue
        if not buffer and not title and not number:
            first = i
        offsets.append((length, i + 1))
        buffer.append(line)
        length += len(line)
        last = i
    flush()
    return tuple(sections)


def _joined(lines: Sequence[str], span: Span) -> tuple[str, list[tuple[int, int, str]]]:
    """The section's lines joined, with (offset, line number, line text) of each line."""
    parts: list[str] = []
    starts: list[tuple[int, int, str]] = []
    offset = 0
    for no in range(span.line, min(span.end_line, len(lines)) + 1):
        text = lines[no - 1].strip()
        if not text:
            continue
        starts.append((offset, no, text))
        parts.append(text)
        offset += len(text)
    return "".join(parts), starts


def read_profile(sections: Sequence[Section], lines: Sequence[str]) -> Profile:
    """Duties, internal units and staff counts as the 概况 states them."""
    duties: list[str] = []
    units: list[str] = []
    staff: list[StaffCount] = []
    count: int | None = None
    # The 概况 is the first part: a cover's title or a lead text before any part heading (part
    # "") is read with it, never taken for the first part itself.
    first_part = next((s.part for s in sections if s.part), "")
    for section in sections:
        if section.part != first_part and section.part:
            break
        if "职责" in section.title or "职能" in section.title:
            duties.extend(_items(section.text))
        text, starts = _joined(lines, section.span)
        markers = []  # (offset, internal unit) where a paragraph about one unit begins
        for offset, _, line in starts:
            m = _INTERNAL.match(line)
            if m and "机构" in section.title:
                markers.append((offset, m.group(1)))
                if m.group(1) not in units:
                    units.append(m.group(1))
        for match in _STAFF.finditer(text) if _STAFF_TAIL.search(text) else ():
            label = _STAFF_CUT.split(match.group(1))[-1].strip("（）() ")
            if not any(w in label for w in _STAFF_WORDS):
                continue
            at = match.start(2)
            line_no = max((no for off, no, _ in starts if off <= at), default=section.span.line)
            scope = max(((off, name) for off, name in markers if off <= at), default=(0, None))[1]
            span = Span(section.span.path, line_no, line_no)
            staff.append(StaffCount(label, int(match.group(2)), span, scope))
        found = _UNIT_COUNT.search(text)
        if found and count is None:
            value = found.group(1)
            count = int(value) if value.isdigit() else chinese_number(value)
    return Profile(tuple(duties), tuple(units), count, tuple(staff))


def _items(text: str) -> list[str]:
    parts = re.split(r"(?=[（(][一二三四五六七八九十]+[）)])", text)
    return [p.strip() for p in parts if p.strip()]


def guess_year(titles: Sequence[str], text_lines: Sequence[str]) -> int | None:
    """The fiscal year from table titles first, then headings; never from an amount."""
    votes: Counter[int] = Counter()
    for title in titles:
        for m in _YEAR.finditer(title):
            votes[int(m.group(1))] += 3
    for line in text_lines:
        if ("预算" in line or "决算" in line) and len(line.strip()) <= 40:
            for m in _YEAR.finditer(line):
                votes[int(m.group(1))] += 1
    return votes.most_common(1)[0][0] if votes else None


def guess_kind(titles: Sequence[str], text_lines: Sequence[str]) -> DocKind | None:
    votes: Counter[DocKind] = Counter()
    for line in (*titles, *text_lines[:400]):
        if "决算" in line:
            votes[DocKind.FINAL] += 1
        if "预算" in line:
            votes[DocKind.BUDGET] += 1
    if not votes:
        return None
    if votes[DocKind.FINAL] and votes[DocKind.FINAL] * 3 >= votes[DocKind.BUDGET]:
        return DocKind.FINAL
    return votes.most_common(1)[0][0]
