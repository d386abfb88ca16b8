"""Tokens of a flattened table line: amounts, codes, blanks and text."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from enum import Enum
from typing import NamedTuple

CJK = "\u3400-\u9fff\uf900-\ufaff"
_AMOUNT = re.compile(r"^[-−–]?(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+|\d+)$")
# An amount with a decimal point standing anywhere in a line (codes and years have none).
AMOUNT_IN_TEXT = re.compile(r"(?<![\d.])\d[\d,]*\.\d+(?![\d.])")
_BLANK = re.compile(r"^[-—–－―]+$")
# A sentence's punctuation: a line holding it is prose, never a table's cell.
PROSE = re.compile(r"[。，；]")
_ENUM = re.compile(
    r"^\s*(?:[一二三四五六七八九十百]+[、.．]|[（(][一二三四五六七八九十百]+[）)]|\d{1,2}[、．]"
    r"|\d{1,2}\.(?!\d)|[（(]\d{1,2}[）)]|[①-⑳])\s*"
)
_SPACES = re.compile(r"[\s\u3000]+")
_CJK_WIDE = f"{CJK}（）“”：、"
# A gap with a CJK character on either side is a line break inside a cell (第2 / 批设备购置),
# never a space the name had: Chinese names have none.
_CJK_GAP = re.compile(
    rf"(?<=[{_CJK_WIDE}])\s+(?=[{_CJK_WIDE}0-9A-Za-z])|(?<=[0-9A-Za-z])\s+(?=[{_CJK_WIDE}])"
)


class Kind(Enum):
    NUM = "num"
    BLANK = "blank"  # a printed placeholder for an empty cell (- or —)
    TEXT = "text"


class Tok(NamedTuple):  # a tuple: a line makes many, and a frozen dataclass is slower to build
    kind: Kind
    text: str
    value: Decimal | None = None
    # Full-width spaces printed just before the token: the indentation that places a name
    # under the one above it (`　　科技成果转化与扩散` is a 项 under its 款) where no code does.
    indent: int = 0


def parse_amount(text: str) -> Decimal | None:
    """`2,468.10` → Decimal('2468.10'); `-12.5` → Decimal('-12.5'); anything else → None."""
    text = text.strip()
    # most pieces are words: one look at the first character (a sign or a \d digit) settles them
    if not text or not (text[0].isdecimal() or text[0] in "-−–") or not _AMOUNT.match(text):
        return None
    try:
        return Decimal(text.replace(",", "").replace("−", "-").replace("–", "-"))
    except InvalidOperation:
        return None


# `合 计` letter-spaced; `[2014001]行政运行` a code in brackets glued to its name;
# `39,238.43一、本年支出` an amount glued to the next cell's label.
_SPACED_TOTAL = re.compile(r"(?<!\S)([合总小])\s+计(?!\S)")
_BRACKETED_CODE = re.compile(r"^[\[【［](\d{3,})[\]】］](\S+)$")
_GLUED_AMOUNT = re.compile(rf"^(-?\d[\d,]*\.\d+)([{CJK}（(].*)$")


_WORD = re.compile(r"[^\s\u3000]+")
_YEAR = re.compile(r"^(?:19|20)\d\d$")


def _pieces(line: str) -> list[tuple[str, int]]:
    """The words of a line, each with the full-width spaces that indent it."""
    text = line.rstrip()
    if "计" in text:
        text = _SPACED_TOTAL.sub(r"\1计", text)
    if "\u3000" in text:
        words, end = [], 0
        for match in _WORD.finditer(text):
            gap = text[end : match.start()]
            indent = gap.count("\u3000")
            if end and len(gap) == indent:
                indent = 0  # between cells, full-width spaces alone are the separator
            words.append((match.group(), indent))
            end = match.end()
    else:
        words = [(word, 0) for word in text.split()]
    out: list[tuple[str, int]] = []
    for piece, indent in words:
        first = piece[0]
        glued = None
        if first in "[【［":
            glued = _BRACKETED_CODE.match(piece)
        elif (first.isdigit() or first == "-") and not piece[-1].isdigit():
            glued = _GLUED_AMOUNT.match(piece)
        if glued:
            head, tail = glued.groups()
            out.extend(((head, indent), (tail, 0)))
        elif out and first == "年" and _YEAR.match(out[-1][0]):
            # `2025 年`: a year in a label (the row of 2025年), spaced off by the extraction,
            # is no figure
            out[-1] = (out[-1][0] + piece, out[-1][1])
        else:
            out.append((piece, indent))
    return out


def tokenize(line: str) -> list[Tok]:
    out: list[Tok] = []
    for piece, indent in _pieces(line):
        value = parse_amount(piece)
        if value is not None:
            out.append(Tok(Kind.NUM, piece, value))
        elif piece[0] in "-—–－―" and _BLANK.match(piece):
            out.append(Tok(Kind.BLANK, piece))
        else:
            out.append(Tok(Kind.TEXT, piece, indent=indent))
    return out


def squash(text: str) -> str:
    """Remove every space: the form used to match header words broken across lines."""
    return _SPACES.sub("", text)


def join_cjk(text: str) -> str:
    """Close the spaces PDF extraction puts beside CJK characters (本 年 收 入 → 本年收入)."""
    return _CJK_GAP.sub("", text.strip())


def split_enumeration(name: str) -> tuple[str | None, str]:
    """`（一）一般公共服务` → ('（一）', '一般公共服务')."""
    match = _ENUM.match(name)
    if not match:
        return None, name.strip()
    return match.group(0).strip(), name[match.end() :].strip()


_CN_DIGITS = {
    "零": 0,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}


def chinese_number(text: str) -> int | None:
    """`二十三` → 23; `十一` → 11; arabic digits pass through; else None."""
    text = text.strip()
    if text.isdigit():
        return int(text)
    if not text or any(ch not in _CN_DIGITS and ch not in "十百" for ch in text):
        return None
    total, current = 0, 0
    for ch in text:
        if ch == "百":
            total += (current or 1) * 100
            current = 0
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = _CN_DIGITS[ch]
    return total + current


def enumeration_value(number: str | None) -> int | None:
    if not number:
        return None
    return chinese_number(re.sub(r"[、.．（）()\s]", "", number))
