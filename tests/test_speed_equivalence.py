"""The faster forms the audit uses (issue #10) find exactly what the plain ones they replace find."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from yusuan.audit import subjects
from yusuan.audit.binding import any_pattern, clause_of, last_pattern
from yusuan.audit.subjects import longest_of

# A small alphabet, so that phrases share prefixes and run into one another in the text.
_CHARS = st.sampled_from("收入支出总计预算合计.(")
# (unique, as the keys of a vocabulary are)
_PHRASES = st.lists(st.text(_CHARS, min_size=0, max_size=5), max_size=12, unique=True)


def _alternation(phrases: list[str]) -> re.Pattern[str]:
    """The plain form: every phrase, longest first, one alternation."""
    ordered = sorted(phrases, key=len, reverse=True)
    return re.compile("|".join(re.escape(p) for p in ordered) or "(?!)")


@settings(max_examples=400, deadline=None)
@given(_PHRASES, st.text(_CHARS, max_size=40))
def test_longest_of_matches_the_alternation(phrases: list[str], text: str) -> None:
    plain = [(m.start(), m.group(0)) for m in _alternation(phrases).finditer(text)]
    trie = [(m.start(), m.group(0)) for m in longest_of(phrases).finditer(text)]
    assert trie == plain


def test_longest_of_prefers_the_longest_phrase() -> None:
    pattern = longest_of(["收入", "收入总计", "支出"])
    assert [m.group(0) for m in pattern.finditer("收入总计和收入、支出")] == [
        "收入总计",
        "收入",
        "支出",
    ]
    assert longest_of([]).search("收入") is None


_WORDS = st.lists(st.text(st.sampled_from("增加减少上年"), min_size=1, max_size=3), max_size=6)


@settings(max_examples=400, deadline=None)
@given(_WORDS, st.text(st.sampled_from("增加减少上年。\n数"), max_size=30))
def test_measure_word_patterns_match_the_word_by_word_tests(words: list[str], text: str) -> None:
    assert (any_pattern(words).search(text) is not None) == any(w in text for w in words)
    found = last_pattern(words).match(text)
    last = -1 if found is None else found.start(1)
    assert last == max((text.rfind(w) for w in words), default=-1)


# the pattern of figures spread out by a layout (6 6 , 3 0 7 . 9 8), as first written
_SPREAD_FIGURE_PLAIN = re.compile(r"(?<![\d,.])[\d,.](?: [\d,.]){2,}(?![\d,.])")
_LAYOUT_TEXT = st.text(st.sampled_from('12,. 　\t收入“”"、a'), max_size=40)


def _folded_plain(text: str) -> tuple[str, list[int]]:
    """`subjects.folded` as first written: a test per character."""
    spread = {i for m in subjects._SPREAD.finditer(text) for i in range(m.start(), m.end())}
    spread |= {
        m.start() + k
        for m in _SPREAD_FIGURE_PLAIN.finditer(text)
        for k, ch in enumerate(m.group(0))
        if ch == " "
    }
    kept = [i for i, ch in enumerate(text) if ch not in '“”"' and i not in spread]
    return subjects.fold("".join(text[i] for i in kept)), kept


@settings(max_examples=400, deadline=None)
@given(_LAYOUT_TEXT)
def test_folded_keeps_what_the_plain_form_keeps(text: str) -> None:
    spans = [m.span() for m in subjects._SPREAD_FIGURE.finditer(text)]
    assert spans == [m.span() for m in _SPREAD_FIGURE_PLAIN.finditer(text)]
    assert subjects.folded(text) == _folded_plain(text)


def _clause_of_plain(sentence: str, at: int, floor: int = 0) -> str:
    """`binding.clause_of` as first written: every clause mark before the figure scanned."""
    opening = max((m.end() for m in re.finditer(r"[，,；;。：:]", sentence[:at])), default=0)
    clause = sentence[max(floor, opening) : at]
    if not re.search(r"[\u4e00-\u9fff]", clause):
        clause = sentence[opening:at]
    opened = max(clause.rfind("("), clause.rfind("（"))
    if opened >= 0 and ")" not in clause[opened:] and "）" not in clause[opened:]:
        inner = clause[opened + 1 :]
        if re.search(r"[\u4e00-\u9fff]{2}", inner):
            return inner
    return clause


@settings(max_examples=400, deadline=None)
@given(st.text(st.sampled_from("收入，,；;。：:(（)）1 "), max_size=30), st.data())
def test_clause_of_finds_the_clause_the_plain_form_finds(
    sentence: str, data: st.DataObject
) -> None:
    at = data.draw(st.integers(0, len(sentence)))
    floor = data.draw(st.integers(0, at))
    assert clause_of(sentence, at, floor) == _clause_of_plain(sentence, at, floor)
