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
_STAFF_LEAD = re.compile(r"^(?:其中|截止|截至|共有|现有|目前|实有|包括|分别是|共|有|，|：)+")
_STAFF_WORDS = ("编", "人员", "干部", "职工", "工勤", "聘", "在职", "退休", "员额", "在岗")
_UNIT_COUNT = re.compile(r"(?:内设|下设|设有|设)\s*(\d{1,3}|[一二三四五六七八九十]+)\s*个")
_INTERNAL = re.compile(rf"^\s*([{CJK}]{{2,14}}(?:科|室|处|股|中心|部|队|所|站|办))\s*[：:]")
_YEAR = re.compile(r"(20\d{2})\s*年")


def _is_heading(number: str | None, title: str) -> bool:
    if number is None or _SENTENCE_PUNCT.search(title) or "：" in title or ":" in title:
        return False
    limit = 40 if number.endswith("、") else 20
    return 0 < len(title) <= limit


def read_sections(lines: Sequence[str], skip: set[int], path: str | None) -> tuple[Section, ...]:
    """Sections of the narrative: every line not inside a table, under its part and heading."""
    sections: list[Section] = []
    part = ""
    number = ""
    title = ""
    level = 0
    buffer: list[str] = []
    first = last = 0

    def flush() -> None:
        text = "".join(buffer).strip()
        if text or title:
            sections.append(
                Section(
                    part, number, title, text, Span(path, first + 1, max(first, last) + 1), level
                )
            )

    for i, raw in enumerate(lines):
        if i in skip:
            continue
        line = raw.strip()
        if not line:
            continue
        part_match = _PART.match(line)
        if part_match:
            flush()
            part = part_match.group(1)
            number, title, level = "", part_match.group(2).strip(), 0
            buffer, first, last = [], i, i
            continue
        enum, rest = split_enumeration(line)
        if _is_heading(enum, rest):
            flush()
            number = enum or ""
            title = rest
            level = 1 if number.endswith("、") else 2
            buffer, first, last = [], i, i
            continue
        if not buffer and not title and not number:
            first = i
        buffer.append(line)
        last = i
    flush()
    return tuple(sections)


def read_profile(sections: Sequence[Section], lines: Sequence[str]) -> Profile:
    """Duties, internal units and staff counts as the 概况 states them."""
    duties: list[str] = []
    staff: list[StaffCount] = []
    count: int | None = None
    first_part = sections[0].part if sections else ""
    for section in sections:
        if section.part != first_part and section.part:
            break
        if "职责" in section.title or "职能" in section.title:
            duties.extend(_items(section.text))
        if any(w in section.title for w in ("机构", "人员", "编制")) or "人" in section.text:
            for match in _STAFF.finditer(section.text):
                label = _STAFF_LEAD.sub("", match.group(1)).strip("（）()，")
                if any(w in label for w in _STAFF_WORDS):
                    staff.append(StaffCount(label, int(match.group(2)), section.span))
            found = _UNIT_COUNT.search(section.text)
            if found and count is None:
                value = found.group(1)
                count = int(value) if value.isdigit() else chinese_number(value)
    units = internal_units_from_lines(lines, sections)
    return Profile(tuple(duties), tuple(units), count, tuple(staff))


def _items(text: str) -> list[str]:
    parts = re.split(r"(?=[（(][一二三四五六七八九十]+[）)])", text)
    return [p.strip() for p in parts if p.strip()]


def internal_units_from_lines(lines: Sequence[str], sections: Sequence[Section]) -> list[str]:
    """Internal units listed one per paragraph as `秘书科：…` in the 机构 section."""
    found: list[str] = []
    for section in sections:
        if "机构" not in section.title:
            continue
        for i in range(section.span.line - 1, min(section.span.end_line, len(lines))):
            m = _INTERNAL.match(lines[i])
            if m and m.group(1) not in found:
                found.append(m.group(1))
    return found


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
