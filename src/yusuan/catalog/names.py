"""Comparing a name printed in a disclosure with a catalog name.

Disclosures print catalog names with full-width or half-width brackets, stray spaces from PDF
text extraction, a bracket cut off at a line end ("国防支出("), and with or without the
trailing 支出 of class names ("文化旅游体育与传媒"). None of that makes the name a different
one, so it is all dropped before comparing.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

_SUFFIX = "支出"


@lru_cache(maxsize=8192)  # a pure function called for every row against every class name
def normalize_name(name: str) -> str:
    """`name` reduced to what identifies it: NFKC width-folded, without spaces, punctuation,
    quotes, brackets or symbols, and without one trailing 支出."""
    folded = unicodedata.normalize("NFKC", name)
    # Unicode categories P* (punctuation, including quotes and brackets) and S* (symbols) never
    # distinguish two catalog names; dropping them by category catches every width and style.
    kept = "".join(
        ch for ch in folded if not ch.isspace() and unicodedata.category(ch)[0] not in "PS"
    )
    if kept.endswith(_SUFFIX) and len(kept) > len(_SUFFIX):
        kept = kept[: -len(_SUFFIX)]
    return kept


def names_match(printed: str, catalog_name: str) -> bool:
    """True when a printed name is the catalog name up to width, spacing, punctuation,
    quotes, brackets and a trailing 支出.

    An empty or punctuation-only printed name matches nothing: a blank cell says nothing
    about the code beside it.
    """
    left = normalize_name(printed)
    return bool(left) and left == normalize_name(catalog_name)
