"""What a narrative figure measures and whose money it counts, read from its own clause.

`政府性基金拨款支出预算0万元` is the 政府性基金's budget, not the department's 支出预算;
`基本支出增加人员经费1408.29万元` is a change, not the 人员经费; `上年预算执行数为11.67万元` is last
year's. A figure is bound by the words of its clause — from the clause's opening punctuation or
the previous figure, whichever is later — not by the nearest quantity name. The words are data
(`data/narrative.toml`); this module only applies them.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

# The measures of `yusuan claims` (see ../shared truth README): a figure's own measure is the
# document's current one, 本年预算 in a budget and 决算 in a final account.
CURRENT = frozenset({"本年预算", "决算"})
ALL_FUNDS = "全部资金"

_DELIMITERS = tuple("，,；;。：:")
_YEAR = re.compile(r"(20\d{2})\s*年")
_REACH = 28
_FUND_BUDGET = re.compile(r"(?:一般公共|政府性基金|国有资本经营)预算")
# a target (≥95%) or a figure run into another (增长8.8.85 85 %) before a figure
_NO_MEASURE = re.compile(r"[≥≧≤≦><]\s*$|\d\s*$")
_BUDGET_FIGURE = re.compile(r"预算(?:数|安排|为|是|\s*$)")
_SAME_AS = re.compile(
    r"(?:与|同|和)\s*(?:上年|去年|上一年|(?P<year>20\d{2})\s*年度?)[^，,；;。\d]{0,8}"
    r"(?:一致|持平|相同)\s*$"
)
# A figure right after a comparison with no word of change (比上年 1.43 万元，增加 0.68%): by how
# much the years differ, its direction said after it.
_BARE_COMPARISON = re.compile(
    r"(?:比|较)\s*(?:上年|去年|上一年|(?:20\d{2})\s*年度?)\s*(?:预算数?|同期)?\s*$"
)
_AND_FIGURE = re.compile(r"^\s*[及或和]\s*\d[\d,.]*\s*(?:万元|亿元|元)")
_ROW = re.compile(r"(?<![\d.,])\d[\d,.]*\s+\d[\d,.]*(?:\s|$)")


@dataclass(frozen=True, slots=True)
class Words:
    """The vocabulary of data/narrative.toml."""

    raw: dict[str, Any]

    def measure(self, name: str) -> tuple[str, ...]:
        return _measure_words(name)

    @property
    def scopes(self) -> tuple[tuple[str, str], ...]:
        return _scope_words()

    # (the sets and tuples built once: asked of every narrative figure)
    @property
    def fiscal(self) -> frozenset[str]:
        return _fiscal()

    @property
    def own_scope(self) -> tuple[str, ...]:
        return _own_scope()

    @property
    def natural(self) -> dict[str, str]:
        return dict(self.raw["natural"])

    @property
    def scoped(self) -> dict[str, dict[str, str]]:
        return {k: dict(v) for k, v in self.raw["scoped"].items()}

    @property
    def functional(self) -> dict[str, str]:
        return dict(self.raw["functional"])

    @property
    def either(self) -> dict[str, str]:
        return dict(self.raw["either"])

    @property
    def item_totals(self) -> frozenset[str]:
        return _item_totals()

    def unstated(self, final: bool) -> dict[str, str]:
        """The fund of a fiscal quantity no words name, in a 决算 (`final`) or a budget."""
        return dict(self.raw["unstated"]["final" if final else "budget"])

    @property
    def grant(self) -> dict[str, str]:
        return dict(self.raw["grant"])

    @property
    def report(self) -> dict[str, tuple[str, str]]:
        return {k: (v[0], v[1]) for k, v in self.raw["report"].items()}


@cache
def words() -> Words:
    text = resources.files("yusuan.audit").joinpath("data/narrative.toml").read_text("utf-8")
    return Words(tomllib.loads(text))


@cache
def _fiscal() -> frozenset[str]:
    return frozenset(words().raw["scope"]["fiscal"])


@cache
def _own_scope() -> tuple[str, ...]:
    return tuple(words().raw["scope"]["own"])


@cache
def _item_totals() -> frozenset[str]:
    return frozenset(words().raw["item_totals"]["keys"])


# (built once: every figure of every narrative asks for them)
@cache
def _measure_words(name: str) -> tuple[str, ...]:
    return tuple(words().raw["measure"][name])


@cache
def _threshold() -> re.Pattern[str]:
    return re.compile(r"\s*(?:" + "|".join(map(re.escape, _measure_words("threshold"))) + ")")


@cache
def _scope_words() -> tuple[tuple[str, str], ...]:
    return tuple((w, s) for w, s in words().raw["scope"]["words"])


_HAN = re.compile(r"[\u4e00-\u9fff]")
_HAN_TWO = re.compile(r"[\u4e00-\u9fff]{2}")


def clause_of(sentence: str, at: int, floor: int = 0) -> str:
    """The words of the clause a figure starting at `at` ends: from the last clause mark (，；。：)
    or `floor` (the end of the previous figure), whichever is later. A parenthesis opened in
    the clause with words of its own (（上年财政仅安排…140.2 万元）) is the clause."""
    # (the last mark before `at`, found from the end: a scan of all the sentence's marks for
    # each of its figures made a sentence of many figures cost their square)
    opening = max(sentence.rfind(mark, 0, at) for mark in _DELIMITERS) + 1
    clause = sentence[max(floor, opening) : at]
    if not _HAN.search(clause):
        clause = sentence[opening:at]  # 增加2.5万元（100%）: the percentage of its clause's words
    opened = max(clause.rfind("("), clause.rfind("（"))
    if opened >= 0 and ")" not in clause[opened:] and "）" not in clause[opened:]:
        inner = clause[opened + 1 :]
        if _HAN_TWO.search(inner):
            return inner
    return clause


# (Each list of measure words as one pattern, compiled once: every figure of every narrative
# asks several lists, and one search in C is cheaper than a test per word.)
def any_pattern(found: Sequence[str]) -> re.Pattern[str]:
    """A pattern found in a text wherever any of the words `found` is (never, for none)."""
    return re.compile("|".join(map(re.escape, found)) or "(?!)")


def last_pattern(found: Sequence[str]) -> re.Pattern[str]:
    """A pattern whose group 1, matched at a text's start, starts where the last of the words
    `found` does (max of their `rfind`): `.*` gives back one character at a time from the end,
    so the first place a word is found at is the last."""
    return re.compile("(?s:.*)(" + ("|".join(map(re.escape, found)) or "(?!)") + ")")


@cache
def _any_of(name: str) -> re.Pattern[str]:
    return any_pattern(_measure_words(name))


@cache
def _last_word(name: str) -> re.Pattern[str]:
    return last_pattern(_measure_words(name))


def _has(text: str, name: str) -> bool:
    """Whether `text` holds a word of the measure list `name`."""
    return _any_of(name).search(text) is not None


def _last_of(text: str, name: str) -> int:
    """Where the last word of the measure list `name` starts in `text`, -1 if none."""
    found = _last_word(name).match(text)
    return -1 if found is None else found.start(1)


def direction(clause: str) -> int:
    """+1 for a rise, -1 for a fall, the last such word of the clause deciding; 0 for neither."""
    clause = clause[-_REACH:]
    up, down = _last_of(clause, "up"), _last_of(clause, "down")
    if up < 0 and down < 0:
        return 0
    return 1 if up > down else -1


@cache
def _previous_words() -> tuple[re.Pattern[str], ...]:
    """The words of the year before, compiled once (they are patterns)."""
    return tuple(re.compile(word) for word in words().measure("previous"))


def _previous_year(text: str, year: int | None) -> bool:
    """Whether the clause speaks of the year before: 上年 / 去年 / the year before the
    document's, not in a comparison (比上年, 与2022年相比)."""
    w = words()
    compare = w.measure("comparison")
    spots = [m.start() for word in _previous_words() for m in word.finditer(text)]
    if year is not None:
        spots += [m.start() for m in _YEAR.finditer(text) if int(m.group(1)) == year - 1]
    for at in spots:
        before = text[max(0, at - 3) : at].strip()
        if not any(before.endswith(c) for c in compare):
            return True
    return False


def as_carried(clause: str, year: int | None) -> str:
    """`clause` with the year before the document's, written before 结转 (2025 年度结转 1,036.60
    万元 in a 2026 budget), read as 上年: money carried over into this year, no figure of last
    year's."""
    if year is None or "结转" not in clause:
        return clause
    after, before = _carried(year - 1)
    clause = after.sub("上年结转", clause)  # (含结转 2025 年采购经费 …)
    return before.sub("上年", clause)


@cache
def _carried(last: int) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The year `last` written after and before 结转, compiled once per year."""
    return re.compile(rf"结转\s*{last}\s*年度?"), re.compile(rf"{last}\s*年度?\s*(?=结转)")


def measure_of(clause: str, unit: str, year: int | None, final: bool) -> str:
    """The measure a figure of `unit` states, from its clause's words."""
    w = words()
    clause = as_carried(clause, year)
    # A clause of more words than a sentence's part has (a table's text read as one line) says
    # what its figure is only in its last words.
    text = clause[-_REACH:]
    if _NO_MEASURE.search(text) or _ROW.search(text):
        # a target (≥95%), a table's row read as text (7000 7000 10 100%), or a figure run
        # into another (增长8.8.85 85 %)
        return "其他"
    for carried in w.measure("carried"):
        text = text.replace(carried, "")
    changed = _has(text, "change") and not _has(text, "reaches")
    if unit == "%":
        if _has(text, "share"):
            return "占比"
        if _has(text, "completion"):
            return "完成率"
        return "增减率" if changed else "其他"
    if unit not in ("万元", "元", "亿元"):
        return "数量"
    if (
        changed
        or (_has(text, "than") and text.rstrip().endswith("数"))
        or _BARE_COMPARISON.search(text)
    ):
        return "增减额"  # (本年数小于上年预算数 403.75 万元: by how much)
    same = _SAME_AS.search(text)
    if same and (same.group("year") is None or year is None or int(same.group("year")) == year - 1):
        # 与2024年预算一致 0 万元: the year before's figure, which this year's equals
        return "上年执行" if _has(same.group(0), "executed") else "上年预算"
    if _previous_year(text, year):
        return "上年执行" if _has(text, "executed") else "上年预算"
    if final:
        plain = _FUND_BUDGET.sub("", text)  # 一般公共预算 names a fund, not a budget figure
        if _has(plain, "initial"):
            return "年初预算"
        if _has(plain, "adjusted"):
            return "调整预算"
        if _BUDGET_FIGURE.search(plain) and "决算" not in plain:
            return "年初预算"
        return "决算"
    return "本年预算"


def not_a_budget(sentence: str, clause: str, after: str) -> str | None:
    """Whether a figure is a threshold (单价 100 万元以上) or a stock (固定资产 4295.98 万元), no
    year's budget or spending: "threshold", "stock", or None. A purchase its clause names
    (本年度拟购置固定资产 7.56 万元) is this year's budget, though it adds to the stock."""
    # (100 万元及 100 万元以上: the first figure is the threshold's too)
    joined = _AND_FIGURE.match(after)
    if joined is not None:
        after = after[joined.end() :]
    if _threshold().match(after):
        return "threshold"
    if _has(sentence, "stock") and not _has(clause, "purchase"):
        return "stock"
    return None


def scope_of_kind(kind: str) -> str:
    """Whose a threshold's or a stock's figure is: no fund's money (see data/narrative.toml)."""
    return str(words().raw["scope"][kind])


@cache
def _any_scope_word() -> re.Pattern[str]:
    return any_pattern([word for word, _ in _scope_words()])


def scope_named(text: str) -> str | None:
    """The fund the words name (the more specific first), None when they name none."""
    if _any_scope_word().search(text) is None:
        return None  # most clauses name no fund: one search, not a test per word
    for word, scope in words().scopes:
        if word in text:
            return scope
    return None


def scope_of_title(title: str) -> str | None:
    return scope_named(title)


def shorthand(own: str | None, title: str) -> str | None:
    """The fund a clause's words name, read in its section: under a heading of one fund's
    财政拨款 (一般公共预算财政拨款支出决算情况说明), 财政拨款 alone is that fund's, written short."""
    titled = scope_named(title)
    if own == "财政拨款" and titled in words().raw["scope"]["parts"] and "财政拨款" in title:
        return titled
    return own


def own_scope(phrase: str) -> bool:
    """Whether the quantity named is a source of its own (事业收入): its figure is all funds'."""
    own = words().own_scope
    return phrase.startswith(own) or phrase.endswith(own)


def natural_scope(key: str) -> str:
    """The scope the tables state `key` for."""
    base = key.split("@", 1)[0]
    if base.startswith("econ:"):
        return "any"  # an economic class: no recipe reads it, whatever its fund
    if base.startswith("class:"):
        table = base.split(":")[1]
        for scope, name in words().functional.items():
            if name == table:
                return scope
        return ALL_FUNDS
    return words().natural.get(base, ALL_FUNDS)


def rescoped(key: str, scope: str, same: frozenset[frozenset[str]]) -> str | None:
    """`key` for the money of `scope`: itself when the tables state it for that scope (or one
    the document shows to be the same money), the key of that scope's part, else None."""
    natural = natural_scope(key)
    if natural in ("any", scope) or frozenset((natural, scope)) in same:
        return key
    scopes = [scope, *(s for pair in same if scope in pair for s in pair if s != scope)]
    base, _, variant = key.partition("@")
    suffix = "@" + variant if variant else ""
    if base.startswith("class:"):
        _, _, path = base.split(":", 2)
        for s in scopes:
            table = words().functional.get(s)
            if table is not None:
                return f"class:{table}:{path}{suffix}"
        return None
    options = words().scoped.get(base, {})
    for s in scopes:
        if s in options:
            return options[s] + suffix
    return None


def reported(key: str | None, scope: str) -> tuple[str, str]:
    """(quantity, scope) as `yusuan claims` prints them for a bound key."""
    if key is None:
        return "", scope
    base = key.split("@", 1)[0]
    if base.startswith("class:"):
        return "功能:" + base.split(":", 2)[2], scope
    if base.startswith("econ:"):
        return "经济:" + base.split(":", 1)[1], scope
    quantity, implied = words().report.get(base, (base, ""))
    return quantity, implied or scope
