"""The faster forms the audit uses (issue #10) find exactly what the plain ones they replace find."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

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
