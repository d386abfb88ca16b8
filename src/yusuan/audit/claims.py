"""Claims the narrative (情况说明) makes in words: amounts, shares and year-over-year changes.

`三公经费预算为42.5 万元` is an amount of 三公经费; `基本支出 512.40 万元，占 40.12%` an amount
and a share of the sentence's whole; `比2022 年减少 2.81 万元，减少 2.63%` a change and its
percentage. Each claim names the quantity it refers to, so it can be held against the tables.
Sentences broken across lines were joined by the reader; full- and half-width forms are folded.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from yusuan.audit.quantities import budget_variant, class_key
from yusuan.model import Disclosure, DocKind, Section

_WIDTH = str.maketrans("０１２３４５６７８９．，％：；（）", "0123456789.,%:;()")


class ClaimKind(StrEnum):
    AMOUNT = "amount"
    SHARE = "share"
    CHANGE = "change"  # an amount of change
    CHANGE_PERCENT = "change-percent"
    FLAT = "flat"  # 持平 / 无变动
    COUNT = "count"  # 个, 辆, 人次 …


@dataclass(frozen=True, slots=True)
class Claim:
    kind: ClaimKind
    subject: str | None  # quantity key (see VOCABULARY), None when no known quantity is named
    phrase: str  # the words that named it, as written
    value: Decimal
    unit: str  # 万元 元 % 个 辆 人次 项 …
    section: Section
    offset: int  # in section.text
    sentence: str
    direction: int = 0  # +1 增加, -1 减少, 0 neither
    base: str | None = None  # for a share: the quantity it is a share of
    base_phrase: str | None = None
    compared_year: int | None = None  # 与2022年相比 …

    @property
    def line(self) -> int:
        return self.section.line_at(self.offset)

    @property
    def decimals(self) -> int:
        exp = self.value.as_tuple().exponent
        return -exp if isinstance(exp, int) and exp < 0 else 0


# phrase → quantity key. Matched longest first; classes of the functional catalog are added
# by `_vocabulary` with keys `class:<table>:<code>`.
VOCABULARY: dict[str, str] = {
    "收入总计": "收入总计",
    "支出总计": "支出总计",
    "收支总计": "收入总计",
    "收入支出总计": "收入总计",
    "财政拨款收入支出总计": "财政拨款收支总计",
    "财政拨款收支总计": "财政拨款收支总计",
    "财政拨款收入总计": "财政拨款收支总计",
    "财政拨款支出总计": "财政拨款收支总计",
    "收支总预算": "收入总计",
    "收入合计": "本年收入合计",
    "收入预算": "本年收入合计",
    "支出合计": "本年支出合计",
    "支出预算": "本年支出合计",
    "一般公共预算收入": "一般公共预算收入",
    "一般公共预算拨款收入": "一般公共预算收入",
    "一般公共预算收支预算": "财政拨款支出",
    "一般公共预算收支": "财政拨款支出",
    "财政拨款收支": "财政拨款支出",
    "财政拨款收入": "财政拨款收入",
    "财政拨款支出": "财政拨款支出",
    "一般公共预算支出": "一般公共预算支出",
    "一般公共预算财政拨款支出": "一般公共预算支出",  # a 决算's name for 表5's total
    "一般公共预算财政拨款收入": "一般公共预算收入",
    # A fund's own part of 财政拨款, not the whole the last words name.
    "政府性基金预算财政拨款收入": "政府性基金预算收入",
    "政府性基金预算财政拨款支出": "政府性基金预算支出",
    "国有资本经营预算财政拨款收入": "国有资本经营预算收入",
    "国有资本经营预算财政拨款支出": "国有资本经营预算支出",
    "一般公共预算财政拨款基本支出": "一般公共预算基本支出",
    "一般公共预算财政拨款项目支出": "一般公共预算项目支出",
    "一般公共预算当年拨款": "一般公共预算支出",  # Zhejiang's name for what 表5 spends
    "一般公共预算基本支出": "一般公共预算基本支出",
    "一般公共预算项目支出": "一般公共预算项目支出",
    "基本支出": "基本支出",
    "项目支出": "项目支出",
    "人员经费": "人员经费",
    "公用经费": "公用经费",
    "日常公用经费": "公用经费",
    "三公经费": "三公经费",
    "三公经费财政拨款支出": "三公经费",  # a 决算's “三公”经费财政拨款支出决算
    "三公经费支出": "三公经费",
    "因公出国(境)费": "因公出国（境）费",
    "因公出国费": "因公出国（境）费",
    "公务接待费": "公务接待费",
    "公务用车购置及运行费": "公务用车购置及运行费",
    "公务用车购置及运行维护费": "公务用车购置及运行费",
    "公务用车购置费": "公务用车购置费",
    "公务用车运行维护费": "公务用车运行费",
    "公务用车运行费": "公务用车运行费",
    "机关运行经费": "机关运行经费",
    "政府采购支出预算总额": "政府采购",
    "政府采购预算": "政府采购",
    "政府采购支出总额": "政府采购",
    "政府采购货物": "政府采购货物",
    "政府采购工程": "政府采购工程",
    "政府采购服务": "政府采购服务",
    "授予中小企业合同金额": "政府采购中小企业",
    "政府性基金预算支出": "政府性基金预算支出",
    "政府性基金预算拨款": "政府性基金预算支出",
    "国有资本经营预算支出": "国有资本经营预算支出",
    "纳入预算绩效管理的支出总额": "绩效管理支出",
    "团组": "出国团组",
    "人次": "出国人次",
    "车辆": "车辆",
    "项目": "项目数",
}

_NUMBER = re.compile(r"(?<![\d.])(-?\d[\d,]*(?:\.\d+)?)\s*(万元|亿元|元|%|个|辆|人次|项|次|台|套)")
_UP = ("增加", "增长", "上升", "提高", "多")
_DOWN = ("减少", "下降", "降低", "减", "少", "压减", "缩减")
_CHANGE_WORD = re.compile(r"(增加|增长|上升|提高|减少|下降|降低|压减|缩减)(了)?\s*$")
_SHARE_WORD = re.compile(r"占[^，。；,;%]{0,20}?$")
_FLAT = re.compile(r"持平|无变动|没有变化|无变化|保持不变")
_YEAR = re.compile(r"(?:与|比|较|同)\s*(20\d{2})\s*年")
_SENTENCE = re.compile(r"[^。；;]+[。；;]?")
_COMPARISON_OPENING = re.compile(r"\s*(?:比|较|与|同)\s*(?:上年|去年|20\d{2})")
_SHARE_BASE = re.compile(r"占(?P<base>[^，。；,;%\d]{1,20}?)的?\s*$")


# Words right before a 决算's figure that make it the budget (年初预算为 2.85 万元, 全年预算数
# 10.00 万元), not the 决算数 (支出决算为 0.39 万元).
_BUDGET_WORDING = re.compile(r"(?:年初|全年|调整后?)?预算(?:数|安排)?\s*(?:为|是)?\s*$")


# After a list of quantities: the figure is each one's (收入总计、支出总计均为 …).
_BOTH = re.compile(r"\s*均")


def _fold(text: str) -> str:
    return text.translate(_WIDTH).replace("“", "").replace("”", "").replace('"', "")


COUNT_KEYS = frozenset({"出国团组", "出国人次", "车辆", "项目数"})
# Words that name a quantity only when nothing more specific stands right before them
# (“三公”经费支出预算 is 三公经费, not 支出预算).
GENERIC = frozenset({"支出预算", "收入预算", "项目", "人次"})
# A source of funds named right before a generic word narrows it to that source's part.
_FUND_QUALIFIER = re.compile(r"(?:资金|基金)\s*$")
# Words that make the quantity named after them a portion of it (绩效评价涉及一般公共预算支出 …).
_PORTION = re.compile(r"涉及\s*$")
_FILLER = re.compile(
    r"[\d\s,.%:;()、，。：；“”\"'一二三四五六七八九十]|其中|共计|合计|共|计|约|达|为|是|的|年|度|"
    r"万元|元|支出决算数?|决算数?|预算数?|完成|全年|年初|调整后|本年|上年执行数|上年|去年|本单位|我单位|本部门|我部门|安排|主要|包括|用于|其他|"
    r"相比|比|较|与|同|及|以上|以下|增加|减少|增长|下降|降低|上升|持平"
)


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """Phrase → quantity key, and one pattern each for money and count phrases (longest
    first, so that at each place the longest phrase wins)."""

    words: dict[str, str]
    money: re.Pattern[str]
    counts: re.Pattern[str]

    @classmethod
    def of(cls, words: dict[str, str]) -> Vocabulary:
        def pattern(keep: bool) -> re.Pattern[str]:
            phrases = sorted((p for p, k in words.items() if (k in COUNT_KEYS) == keep), key=len)
            return re.compile("|".join(re.escape(p) for p in reversed(phrases)) or "(?!)")

        return cls(words, pattern(False), pattern(True))


def _vocabulary(doc: Disclosure, table: str) -> Vocabulary:
    words = dict(VOCABULARY)
    try:
        from yusuan.catalog import load_catalog

        classes = load_catalog(doc.meta.year).function_classes()
    except Exception:  # the catalog is optional here: without it classes are not linked
        classes = ()
    for entry in classes:
        key = class_key(table, entry.code)
        name = _fold(entry.name)
        words.setdefault(name, key)
        if name.endswith("支出") and len(name) >= 5:
            words.setdefault(name[:-2], key)
    return Vocabulary.of(words)


def _last_subject(
    text: str, vocab: Vocabulary, counts: bool = False
) -> tuple[str, str, int] | None:
    """The quantity phrase that ends last in `text`: money quantities, or counts if asked."""
    pattern = vocab.counts if counts else vocab.money
    hits = [(m.end(), m.start(), m.group(0)) for m in pattern.finditer(text)]
    if not hits:
        return None
    end, start, phrase = hits[-1]
    if _BOTH.match(text, end):
        # 财政拨款收入总计、支出总计均为 N: the list's first item carries the qualifier.
        index = len(hits) - 1
        while index and text[hits[index - 1][0] : hits[index][1]].strip() == "、":
            index -= 1
        end, start, phrase = hits[index]
    if phrase in GENERIC:
        specific = [h for h in hits if h[2] not in GENERIC and start - 2 <= h[0] <= start + 1]
        if specific:
            end, start, phrase = specific[-1]
        elif _FUND_QUALIFIER.search(text[:start]):
            return None  # 其他资金收入预算 is one source's part, not the 收入预算
    if _PORTION.search(text[:start]):
        return None  # 涉及一般公共预算支出 0 万元: the part of it an evaluation covered
    return phrase, vocab.words[phrase], end


# A 款 or 项 named after its 类: `一般公共服务支出（类）财政事务（款）行政运行（项）` (folded to half-width
# brackets). A name may hold a bracketed word of its own (政府办公厅（室）及相关机构事务).
_LEVEL_NAME = r"(?:[^()\d\s,.;:/、，。；：]|\((?![类款项]\))[^()\d]{1,6}\))+?"
_CLASS_MARK = re.compile(r"\(类\)")
_CHAIN = re.compile(
    rf"\(类\)\s*(?:支出)?\s*(?:(?P<kuan>{_LEVEL_NAME})\s*\(款\))?"
    rf"\s*(?:(?P<xiang>{_LEVEL_NAME})\s*\(项\))?"
)


def _named_chain(window: str, vocab: Vocabulary) -> tuple[str, str | None, int] | None:
    """The 款 or 项 the text right before a figure names under its 类, the most specific
    level named: (phrase, quantity key, end). The key is None when the figure is about
    something the chain's text goes on to name (`…（项）主要用于 X 支出 652.00 万元`); None when
    no 款 or 项 is named after a known 类."""
    marks = list(_CLASS_MARK.finditer(window))
    if not marks:
        return None
    mark = marks[-1]
    chain = _CHAIN.match(window, mark.start())
    if chain is None or not (chain.group("kuan") or chain.group("xiang")):
        return None
    head = window[: mark.start()].rstrip()
    found = _last_subject(head, vocab)
    if found is None or found[2] != len(head) or not found[1].startswith("class:"):
        return None
    phrase = window[len(head) - len(found[0]) : chain.end()]
    rest = _FILLER.sub("", window[chain.end() :]).replace("支出", "")
    if len(rest) >= 2:
        return phrase, None, chain.end()
    _, table, code = found[1].split(":")
    names = (chain.group("kuan") or "", chain.group("xiang") or "")
    return phrase, class_key(table, code, names), chain.end()


def _names_something_else(window: str) -> bool:
    """Whether the clause right before a figure names a quantity we do not know, so the
    figure is not about the sentence's subject (`支出总额 840.80 万元`)."""
    clause = re.split(r"[，,]", window)[-1]
    return len(_FILLER.sub("", clause)) >= 2


def _overlaps(text: str, phrase: str) -> bool:
    """Whether two names share three characters in a row (政府采购支出合同总额, 政府采购支出
    总额), more than a word all names share (支出, 预算)."""
    return any(phrase[i : i + 3] in text for i in range(len(phrase) - 2))


def _value(text: str) -> Decimal | None:
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None


def _direction(before: str) -> int:
    match = _CHANGE_WORD.search(before)
    if not match:
        return 0
    word = match.group(1)
    return 1 if word in _UP else -1


def extract_claims(doc: Disclosure) -> list[Claim]:
    claims: list[Claim] = []
    vocabularies: dict[str, Vocabulary] = {}
    for section in doc.sections:
        if not section.part and not section.title:
            continue
        # A section about 一般公共预算 names classes of that table; others of the 支出总表.
        table = "gpb_expenditure" if "一般公共预算" in section.title else "expenditure"
        if table not in vocabularies:
            vocabularies[table] = _vocabulary(doc, table)
        final = doc.meta.kind is DocKind.FINAL
        claims.extend(_section_claims(section, vocabularies[table], final))
    return claims


def _section_claims(section: Section, vocab: Vocabulary, final: bool = False) -> Iterator[Claim]:
    """The claims of one section; in a 决算 (`final`), an amount worded as the budget
    (年初预算为 …) names the quantity's 预算数."""
    text = _fold(section.text)
    whole: tuple[str, str] | None = None  # the section's 其中 parent: the base of its shares
    headline: tuple[str, str] | None = None  # the first amount the section states
    subject: tuple[str, str] | None = None  # the quantity the sentence is talking about
    for sent in _SENTENCE.finditer(text):
        sentence = sent.group(0)
        start = sent.start()
        year_match = _YEAR.search(sentence)
        year = int(year_match.group(1)) if year_match else None
        if not _COMPARISON_OPENING.match(sentence):
            subject = None  # `比上年…` goes on about the sentence before's subject
        part: tuple[str, str] | None = None  # the last amount the sentence has named
        cut = 0  # subjects are looked for between the previous figure and this one
        for number in _NUMBER.finditer(sentence):
            value = _value(number.group(1))
            if value is None:
                continue
            unit = number.group(2)
            before = sentence[: number.start()]
            window = before[cut:]
            cut = number.end()
            direction = _direction(before[-8:])
            if unit == "%":
                share = _SHARE_WORD.search(before[-22:])
                if share:
                    kind = ClaimKind.SHARE
                elif direction:
                    kind = ClaimKind.CHANGE_PERCENT
                else:
                    continue
            elif unit in ("万元", "亿元", "元"):
                kind = ClaimKind.CHANGE if direction else ClaimKind.AMOUNT
                if unit == "亿元":
                    value, unit = value * 10000, "万元"
            else:
                kind = ClaimKind.COUNT
            found = _last_subject(window, vocab, counts=kind is ClaimKind.COUNT)
            chain = None if kind is ClaimKind.COUNT else _named_chain(window, vocab)
            if chain is not None:
                phrase, key, end = chain
                found = None if key is None else (phrase, key, end)
            if found is not None:
                named: tuple[str, str] | None = (found[0], found[1])
            elif kind is ClaimKind.COUNT:
                named = None
            elif _names_something_else(window):
                named = subject = None  # the sentence moved on to a quantity we do not know
            else:
                named = subject
            base: tuple[str, str] | None = None
            if kind is ClaimKind.SHARE:
                named_base = _SHARE_BASE.search(before[-22:])
                written = named_base.group("base").replace("\n", "").strip() if named_base else ""
                hit = _last_subject(written, vocab) if written else None
                if hit is not None:
                    base = (hit[0], hit[1])
                    # 占…的 names the whole; the part is the sentence's subject, or the amount
                    # just stated (授予中小企业合同金额 24,498.01 万元，占政府采购支出合同总额的 9%)
                    named = subject or part
                else:
                    named = named or part
                    base = whole if whole and whole != named else headline
                    if base == named:
                        base = None
                    if base and len(written) > 1 and not _overlaps(written, base[0]):
                        base = None  # 占全部报销工作的比例: a whole the section has not named
            if kind is not ClaimKind.COUNT and named is not None:
                subject = named
            if kind is ClaimKind.AMOUNT:
                part = named
            if kind is ClaimKind.AMOUNT and named is not None:
                if headline is None and chain is None:
                    headline = named  # a 款 or 项 is no whole the section's shares are of
                if "其中" in sentence[number.end() : number.end() + 5]:
                    whole = named
                # The shares of a 决算 are of its 决算数, whatever budget it states first.
                if final and _BUDGET_WORDING.search(window):
                    named = (named[0], budget_variant(named[1]))
            yield Claim(
                kind=kind,
                subject=named[1] if named else None,
                phrase=named[0] if named else "",
                value=value,
                unit=unit,
                section=section,
                offset=start + number.start(),
                sentence=sentence,
                direction=direction,
                base=base[1] if base else None,
                base_phrase=base[0] if base else None,
                compared_year=year,
            )
        flat = _FLAT.search(sentence)
        if flat:
            found = _last_subject(sentence[: flat.start()], vocab)
            if found:
                yield Claim(
                    kind=ClaimKind.FLAT,
                    subject=found[1],
                    phrase=found[0],
                    value=Decimal(0),
                    unit="",
                    section=section,
                    offset=start + flat.start(),
                    sentence=sentence,
                    compared_year=year,
                )
