"""Which quantity the words before a narrative figure name: the vocabulary of quantity names,
the 类/款/项 a sentence names under a class, and the text folded so that a layout's spacing
and full-width forms do not hide them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from yusuan.audit import binding
from yusuan.audit.quantities import class_key
from yusuan.model import Disclosure

_WIDTH = tuple(zip("０１２３４５６７８９．，％：；（）", "0123456789.,%:;()", strict=True))


def _narrowed(text: str) -> str:
    """Full-width digits and marks as ASCII. (A few `str.replace` calls: `str.translate` maps a
    Chinese text character by character through a dict, some fifteen times slower.)"""
    for wide, narrow in _WIDTH:
        if wide in text:
            text = text.replace(wide, narrow)
    return text


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
    # 收、支 written with a mark between (收入、支出预算总计 28849.38 万元).
    "收、支总预算": "收入总计",
    "收、支预算总计": "收入总计",
    "收、支总计": "收入总计",
    "收入、支出预算总计": "收入总计",
    "收入、支出总计": "收入总计",
    "收支预算总计": "收入总计",
    "总收入": "收入总计",
    "预算收入": "本年收入合计",
    "收入预算合计": "本年收入合计",
    "本年收入": "本年收入合计",
    # 本年 says which of a 合计's two readings it is (支出合计 alone may be 支出总计).
    "本年收入合计": "本年收入合计",
    "本年收入预算合计": "本年收入合计",
    "本年支出": "本年支出合计",
    "本年支出合计": "本年支出合计",
    "本年支出预算合计": "本年支出合计",
    # a 决算's performance self-evaluation of the whole department's spending (部门整体支出自评
    # 得分 99.5，全年预算数 …，执行数 …): the year's spending
    "部门整体支出": "本年支出合计",
    "收支预算": "收入总计",
    "总支出": "支出总计",
    "事业收入": "事业收入",
    "其他收入": "其他收入",
    "事业单位经营收入": "事业单位经营收入",
    "上级补助收入": "上级补助收入",
    "附属单位上缴收入": "附属单位上缴收入",
    "上年结转结余": "上年结转结余",
    "年末结转结余": "年末结转结余",
    "年末结转和结余": "年末结转结余",
    "一般公共预算拨款收入": "一般公共预算收入",
    "政府性基金预算拨款收入": "政府性基金预算收入",
    "收入合计": "本年收入合计",
    "收入预算": "本年收入合计",
    "支出合计": "本年支出合计",
    "支出预算": "本年支出合计",
    "预算支出": "本年支出合计",
    "一般公共预算收入": "一般公共预算收入",
    "一般公共预算收支预算": "财政拨款支出",
    "一般公共预算收支": "财政拨款支出",
    "财政拨款收支": "财政拨款支出",
    "财政拨款收入": "财政拨款收入",
    "财政拨款支出": "财政拨款支出",
    "财政拨款预算支出": "财政拨款支出",
    "一般公共预算支出": "一般公共预算支出",
    "一般公共预算财政拨款支出": "一般公共预算支出",  # a 决算's name for 表5's total
    "一般公共预算财政拨款收入": "一般公共预算收入",
    # A fund's own part of 财政拨款, not the whole the last words name.
    "政府性基金预算财政拨款收入": "政府性基金预算收入",
    "政府性基金预算财政拨款支出": "政府性基金预算支出",
    "国有资本经营预算财政拨款收入": "国有资本经营预算收入",
    "国有资本经营预算拨款收入": "国有资本经营预算收入",
    "国有资本经营预算财政拨款支出": "国有资本经营预算支出",
    "一般公共预算财政拨款基本支出": "一般公共预算基本支出",
    "一般公共预算财政拨款项目支出": "一般公共预算项目支出",
    "一般公共预算当年拨款": "一般公共预算支出",  # Zhejiang's name for what 表5 spends
    "一般公共预算拨款支出": "一般公共预算支出",
    # its 支出预算 may be the 总计 (narrative.toml's either), of the fund its words name
    "一般公共预算拨款支出预算": "本年支出合计",
    "一般公共预算基本支出": "一般公共预算基本支出",
    "一般公共预算项目支出": "一般公共预算项目支出",
    "基本支出": "基本支出",
    "项目支出": "项目支出",
    "项目经费支出": "项目支出",
    "人员经费": "人员经费",
    # a part of 人员经费, no table's quantity (包括在职人员经费 2,422.61 万元)
    "在职人员经费": "在职人员经费",
    "离退休人员经费": "离退休人员经费",
    "公用经费": "公用经费",
    "日常公用经费": "公用经费",
    "人员支出": "人员经费",
    "日常公用支出": "公用经费",
    "三公经费": "三公经费",
    "三公经费财政拨款支出": "三公经费",  # a 决算's “三公”经费财政拨款支出决算
    "三公经费支出": "三公经费",
    "因公出国(境)费": "因公出国（境）费",
    "因公出国费": "因公出国（境）费",
    "公务接待费": "公务接待费",
    "公务用车购置及运行费": "公务用车购置及运行费",
    "公务用车购置及运行维护费": "公务用车购置及运行费",
    "公务用车购置和运行费": "公务用车购置及运行费",
    "公务用车购置和运行维护费": "公务用车购置及运行费",
    "公务用车购置费": "公务用车购置费",
    # (the 三公 part, not the capital class 公务用车购置 of the economic catalog)
    "公务用车购置支出": "公务用车购置费",
    # 公务车 for 公务用车 (（二）公务车购置及运行费0万元)
    "公务车购置及运行费": "公务用车购置及运行费",
    "公务车购置及运行维护费": "公务用车购置及运行费",
    "公务车购置费": "公务用车购置费",
    "公务车运行维护费": "公务用车运行费",
    "公务车运行费": "公务用车运行费",
    "公务用车运行维护费": "公务用车运行费",
    "公务用车运行费": "公务用车运行费",
    "机关运行经费": "机关运行经费",
    "政府采购支出预算总额": "政府采购",
    "政府采购预算": "政府采购",
    "政府采购支出总额": "政府采购",
    "政府采购货物": "政府采购货物",
    "政府采购工程": "政府采购工程",
    "政府采购服务": "政府采购服务",
    # 政府采购支出预算总额 …，其中：拟采购货物支出 0 万元
    "拟采购货物": "政府采购货物",
    "拟采购工程": "政府采购工程",
    "拟采购服务": "政府采购服务",
    "授予中小企业合同金额": "政府采购中小企业",
    # 由中小企业供应商中标或成交的，采购金额 246.47 万元: what was awarded to them
    "中小企业供应商": "政府采购中小企业",
    # 其中一般公共预算拨款政府采购 504.98 万元: a fund's procurement
    "拨款政府采购": "政府采购",
    "政府性基金预算支出": "政府性基金预算支出",
    "政府性基金支出": "政府性基金预算支出",
    "政府性基金预算拨款": "政府性基金预算支出",
    "国有资本经营预算支出": "国有资本经营预算支出",
    "纳入预算绩效管理的支出总额": "绩效管理支出",
    "团组": "出国团组",
    "人次": "出国人次",
    "车辆": "车辆",
    "项目": "项目数",
}


# After a list of quantities: the figure is each one's (收入总计、支出总计均为 …).
_BOTH = re.compile(r"\s*均")


def fold(text: str) -> str:
    return _narrowed(text).replace("“", "").replace("”", "").replace('"', "")


# Characters a layout spreads out (一 般 公 共 预 算 收 入): spaces between two Chinese
# characters, or a character and an enumeration comma (收、 支预算总计), say nothing.
_SPREAD = re.compile(r"(?<=[\u4e00-\u9fff、])[ \t\u3000]+(?=[\u4e00-\u9fff、])")
_DROPPED = frozenset('“”"')
# Figures spread out the same way (6 6 , 3 0 7 . 9 8 万元): a run of three or more single
# digits or marks, one space apart.
# (The lookbehind after the first digit, not before it: a pattern that opens with a character
# class is only tried where one stands, one that opens with a lookbehind at every character.)
_SPREAD_FIGURE = re.compile(r"[\d,.](?<![\d,.][\d,.])(?: [\d,.]){2,}(?![\d,.])")
_DROPPED_MARK = re.compile('[“”"]')


def folded(text: str) -> tuple[str, list[int]]:
    """`text` folded (`_fold`, spread-out characters joined), and for each character of the
    result its offset in `text`, so that a figure's line is still found."""
    spread = {i for m in _SPREAD.finditer(text) for i in range(m.start(), m.end())}
    spread |= {
        m.start() + k
        for m in _SPREAD_FIGURE.finditer(text)
        for k, ch in enumerate(m.group(0))
        if ch == " "
    }
    if not spread and not any(ch in text for ch in _DROPPED):
        # the common case, nothing to drop: the text itself, each offset its own
        return _narrowed(text), list(range(len(text)))
    spread.update(m.start() for m in _DROPPED_MARK.finditer(text))
    # The runs of characters between those dropped, each kept whole (a slice and a range, not
    # a test per character).
    kept: list[int] = []
    pieces: list[str] = []
    at = 0
    for dropped in sorted(spread):
        kept.extend(range(at, dropped))
        pieces.append(text[at:dropped])
        at = dropped + 1
    kept.extend(range(at, len(text)))
    pieces.append(text[at:])
    return _narrowed("".join(pieces)), kept


COUNT_KEYS = frozenset({"出国团组", "出国人次", "车辆", "项目数"})
# Words that name a quantity only when nothing more specific stands right before them
# (“三公”经费支出预算 is 三公经费, not 支出预算).
GENERIC = frozenset({"支出预算", "预算支出", "收入预算", "项目", "人次"})
# A source of funds named right before a generic word narrows it to that source's part.
_FUND_QUALIFIER = re.compile(r"(?:资金|基金)\s*$")
# Words that make the quantity named after them a portion of it (绩效评价涉及一般公共预算支出 …).
_PORTION = re.compile(r"涉及\s*$")
# Projects counted in the clause before what they cover (共 7 个项目纳入绩效目标管理，涉及 …).
# (the window may open right after the count: its 个 read with the figure)
# A sentence opening with a department's name and its 预算 before its first figure.
_DEPARTMENT_BUDGET = re.compile(
    r"^\s*[\u4e00-\u9fff]{2,24}?(?:局|委员会|委|院|厅|办公室|办|中心)\s*(?:\d{4}\s*年度?)?\s*"
    r"(?:部门)?预算\s*(?:为|是|共计|合计|总计|总额)?\s*$"
)
PROJECTS_COVERED = ("项目", "项目支出")
_PROJECTS_COUNTED = re.compile(r"(?:\d\s*个|^\s*个?)\s*项目[^；;。]*$")
FILLER = re.compile(
    r"[\d\s,.%:;()、，。：；“”\"'一二三四五六七八九十]|其中|共计|合计|共|计|约|达|为|是|的|年|度|"
    r"万元|元|支出决算数?|决算数?|预算数?|执行数|完成|全年|年初|调整后|本年|上年执行数|上年|去年|本单位|我单位|本部门|我部门|安排|主要|包括|用于|其他|"
    r"因此|所以|相比|比|较|与|同|及|以上|以下|增加|减少|增长|下降|降低|上升|持平|增幅|降幅|减幅|涨幅|增长率|下降率|变化|变动"
)


_Trie = dict[str, "_Trie"]


def longest_of(phrases: Iterable[str]) -> re.Pattern[str]:
    """A pattern matching, at each place, the longest of `phrases` that starts there (what
    their alternation, longest first, matches), written as a trie: `收入(?:总计|预算(?:合计)?)`.
    The plain alternation tries every phrase at every place a phrase may start, and the
    narrative's every figure searches its words (issue #10: the audit's time)."""
    trie: _Trie = {}
    for phrase in phrases:
        node = trie
        for ch in phrase:
            node = node.setdefault(ch, {})
        node[""] = {}  # a phrase ends here

    def written(node: _Trie) -> str:
        # Two branches never match at one place (each opens with its own character), so
        # trying them before the phrase that ends here finds the longest.
        branches = [re.escape(ch) + written(child) for ch, child in node.items() if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return re.compile(written(trie) or "(?!)")  # (no phrase, or only an empty one: none)


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """Phrase → quantity key, and one pattern each for money and count phrases (longest
    first, so that at each place the longest phrase wins)."""

    words: dict[str, str]
    money: re.Pattern[str]
    counts: re.Pattern[str]
    # 款 name → the key of its 类 in the vocabulary's table (names no two 类 share)
    kuan: dict[str, str] = field(default_factory=dict)
    # every economic class's names → its key, those another quantity's name shadows in
    # `words` too (公务接待费 is 三公经费's part, and the class 30217 in a list of 公用经费)
    econ: dict[str, str] = field(default_factory=dict)
    econ_names: re.Pattern[str] = re.compile("(?!)")
    # the class names that are also the start of a longer one (卫生健康 of 卫生健康支出): only
    # these can run on into another word (see `_inside_a_name`), worked out once, not per hit
    runs_on: frozenset[str] = frozenset()

    @classmethod
    def of(
        cls,
        words: dict[str, str],
        kuan: dict[str, str] | None = None,
        econ: dict[str, str] | None = None,
    ) -> Vocabulary:
        def pattern(keep: bool) -> re.Pattern[str]:
            return longest_of(p for p, k in words.items() if (k in COUNT_KEYS) == keep)

        econ = econ or {}
        runs_on = frozenset(
            p for p, k in words.items() if k.startswith("class:") and words.get(p + "支出") == k
        )
        return cls(
            words,
            pattern(False),
            pattern(True),
            kuan or {},
            econ,
            longest_of(econ),
            runs_on,
        )

    def last_econ(self, text: str) -> tuple[str, str, int] | None:
        """The economic class named last in `text` by any of its names (物业费 too)."""
        hits = list(self.econ_names.finditer(text))
        if not hits:
            return None
        return hits[-1].group(0), self.econ[hits[-1].group(0)], hits[-1].end()


def vocabulary_for(doc: Disclosure, table: str) -> Vocabulary:
    """The phrases a narrative names quantities by: the fixed ones, and the classes of the
    document's year's catalog (keyed to `table`)."""
    return _vocabulary(doc.meta.year, table)


@lru_cache(maxsize=32)
def _vocabulary(year: int | None, table: str) -> Vocabulary:
    # the same for every document of a year: built once (its patterns take milliseconds)
    words = dict(VOCABULARY)
    # 公务用车 printed 公务车 or, a slip the eye reads past, 公务车用车 (公务车用车运行费 0 万元)
    for phrase, key in VOCABULARY.items():
        if phrase.startswith("公务用车"):
            for variant in ("公务车", "公务车用车"):
                words.setdefault(variant + phrase[len("公务用车") :], key)
    try:
        from yusuan.catalog import load_catalog
        from yusuan.catalog.entries import Part

        catalog = load_catalog(year)
        classes = catalog.function_classes()
        economic = catalog.entries(Part.ECON_DEPT)
        children = {entry.code: catalog.children(entry.code) for entry in classes}
    except Exception:  # the catalog is optional here: without it classes are not linked
        classes = economic = ()
        children = {}
    econ: dict[str, str] = {}
    for entry in economic:
        # 工资福利支出 911.21 万元, 委托业务费 478.2 万元: an economic class, named as such so
        # that it is no other quantity's figure (no table recipe reads it: never checked)
        if len(entry.code) in (3, 5) and len(entry.name) >= 3:
            for name in _econ_names(fold(entry.name), len(entry.code) == 3):
                words.setdefault(name, f"econ:{entry.code}")
                econ.setdefault(name, f"econ:{entry.code}")
            if entry.name.endswith("管理费") and len(entry.name) > 4:
                # 物业费 for 物业管理费 (only in a list of economic classes: see `econ`)
                econ.setdefault(fold(entry.name)[:-3] + "费", f"econ:{entry.code}")
    kuan: dict[str, str] = {}
    shared: set[str] = set()
    for entry in classes:
        for child in children[entry.code]:
            name = fold(child.name)
            if name in kuan and kuan[name] != entry.code:
                shared.add(name)
            kuan[name] = entry.code
    for entry in classes:
        key = class_key(table, entry.code)
        name = fold(entry.name)
        words.setdefault(name, key)
        # (not 国有资本经营预算 for 国有资本经营预算支出: the name of a fund, not of a class)
        if name.endswith("支出") and len(name) >= 5 and not name[:-2].endswith("预算"):
            words.setdefault(name[:-2], key)
    lei = {name: class_key(table, code) for name, code in kuan.items() if name not in shared}
    return Vocabulary.of(words, lei, econ)


def _econ_names(name: str, whole_class: bool) -> list[str]:
    """An economic class's name and the ways narratives write it: without 的 (对个人和家庭补助),
    a class with 支出 after it (对个人和家庭补助支出), 费用 as 费 (其他交通费)."""
    names = [name, name.replace("的", "")] if "的" in name else [name]
    if whole_class and not name.endswith("支出"):
        names += [n + "支出" for n in names]
    if name.endswith("费用"):
        names.append(name[:-1])
    return [n for n in names if len(n) >= 3]


def _inside_a_name(text: str, end: int, phrase: str, vocab: Vocabulary) -> bool:
    """Whether a class named without its 支出 runs on into a longer name (卫生健康委员会 is a
    department, not 卫生健康支出)."""
    if phrase not in vocab.runs_on:
        return False
    return end < len(text) and "\u4e00" <= text[end] <= "\u9fff" and text[end] not in "类方等"


_HAN_LAST = re.compile(r"[\u4e00-\u9fff]$")


def _owned(head: str, *also: str) -> bool:
    """Whether the words before a name make it something's own (专项预算支出): a Chinese
    character other than a lead-in (年, 部门, 其中 …, or `also`) stands right before it."""
    head = head.rstrip()
    if not head or not _HAN_LAST.search(head):
        return False
    return not any(head.endswith(w) for w in (*binding.words().measure("lead"), *also))


def last_subject(text: str, vocab: Vocabulary, counts: bool = False) -> tuple[str, str, int] | None:
    """The quantity phrase that ends last in `text`: money quantities, or counts if asked."""
    pattern = vocab.counts if counts else vocab.money
    runs_on = vocab.runs_on  # (asked first: few phrases can run on, and a call per hit costs)
    hits = [
        (m.end(), m.start(), m.group(0))
        for m in pattern.finditer(text)
        if m.group(0) not in runs_on or not _inside_a_name(text, m.end(), m.group(0), vocab)
    ]
    covered = text.rfind("涉及")
    if (
        not counts
        and covered >= 0
        and (not hits or (hits[-1][0] <= covered and vocab.words[hits[-1][2]] != "项目支出"))
    ):
        # 部门整体支出纳入绩效目标管理，涉及财政性资金 N: the money a management or an
        # evaluation covers, no quantity of the tables; but the money of projects (项目支出均
        # 实行了绩效目标管理，涉及…; 共 7 个项目纳入…，涉及…资金合计 N) is what they spend
        counted = _PROJECTS_COUNTED.search(text[:covered])
        return (*PROJECTS_COVERED, covered) if counted else None
    if not hits:
        if not counts and _DEPARTMENT_BUDGET.match(text):
            # 深圳市信访局预算 4,684.30 万元，包括…: the department's whole budget
            return text.strip(), "支出总计", len(text)
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
        elif phrase == "预算支出" and _owned(text[:start]):
            return None  # 信访专项预算支出: one item's, not the department's
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


def named_chain(window: str, vocab: Vocabulary) -> tuple[str, str | None, int] | None:
    """The 款 or 项 the text right before a figure names under its 类, the most specific
    level named: (phrase, quantity key, end). The key is None when the figure is about
    something the chain's text goes on to name (`…（项）主要用于 X 支出 652.00 万元`); None when
    no 款 or 项 is named after a known 类."""
    dashed = _dashed_chain(window, vocab)
    if dashed is not None:
        return dashed
    if "(类)" not in window:
        return None  # no 类 named (the marks' pattern, asked once)
    marks = list(_CLASS_MARK.finditer(window))
    if not marks:
        return None
    mark = marks[-1]
    chain = _CHAIN.match(window, mark.start())
    if chain is None or not (chain.group("kuan") or chain.group("xiang")):
        return None
    head = window[: mark.start()].rstrip()
    found = last_subject(head, vocab)
    if found is None or found[2] != len(head) or not found[1].startswith("class:"):
        return None
    phrase = window[len(head) - len(found[0]) : chain.end()]
    rest = FILLER.sub("", window[chain.end() :]).replace("支出", "")
    if len(rest) >= 2:
        return phrase, None, chain.end()
    _, table, code = found[1].split(":")
    names = (chain.group("kuan") or "", chain.group("xiang") or "")
    return phrase, class_key(table, code, names), chain.end()


# A 款 or 项 named on its own, its 类 named before (a heading `（一）一般公共服务支出（类）`, then
# `1.政协事务（款）行政运行（项）支出 3,233.03 万元` or `检察（款）：…支出合计 16,444.36 万元`).
# (a name alone may hold a list: 公诉、审判、侦查、执行等检察监督支出（项）)
_LISTED_NAME = r"(?:[^()\d\s,.;:/，。；：]|\((?![类款项]\))[^()\d]{1,6}\))+?"
_LEVEL = re.compile(rf"(?P<name>{_LISTED_NAME})\s*\((?P<level>款|项)\)")
_ENUMERATED = re.compile(r"^\s*(?:[(（]?[一二三四五六七八九十\d]{1,3}[)）.、．]\s*)+")


def _level_marked(window: str) -> bool:
    """Whether `window` holds a 款 or 项 mark: `_LEVEL` cannot match without one, and its lazy
    name makes it slow to find that out."""
    return "(款)" in window or "(项)" in window


def class_named(text: str, vocab: Vocabulary) -> str | None:
    """The key of the last 类 `text` names with its mark (一般公共服务支出（类）)."""
    if "(类)" not in text:
        return None  # (most sentences: no mark to look for)
    marks = list(_CLASS_MARK.finditer(text))
    for mark in reversed(marks):
        head = text[: mark.start()].rstrip()
        found = last_subject(head, vocab)
        if found is not None and found[2] == len(head) and found[1].startswith("class:"):
            return found[1]
    return None


def level_chain(
    window: str, under: str | None, kuan: str | None
) -> tuple[str, str | None, int, str | None] | None:
    """A 款 and/or 项 named without its 类 right before a figure, under the 类 `under` (and the
    款 `kuan` when only a 项 is named): (phrase, key, end, the 款 named). The key is None when
    the words after the names go on to something else; None when no such name, or no 类."""
    if under is None or not _level_marked(window) or _CLASS_MARK.search(window):
        return None
    levels = list(_LEVEL.finditer(window))
    if not levels:
        return None
    last = levels[-1]
    xiang = last.group("name") if last.group("level") == "项" else ""
    named_kuan = last.group("name") if last.group("level") == "款" else None
    if (
        xiang
        and len(levels) > 1
        and levels[-2].group("level") == "款"
        and window[levels[-2].end() : last.start()].strip() == ""
    ):
        named_kuan = levels[-2].group("name")
    first = levels[-2] if named_kuan and xiang and len(levels) > 1 else last
    clean = lambda n: _ENUMERATED.sub("", n).strip(" :：")  # noqa: E731
    rest = FILLER.sub("", window[last.end() :]).replace("支出", "")
    phrase = window[first.start() : last.end()].strip()
    if len(rest) >= 2:
        return phrase, None, last.end(), named_kuan
    _, table, code = under.split(":")[:3]
    kuan_name = clean(named_kuan) if named_kuan else (kuan or "")
    names = (kuan_name, clean(xiang)) if xiang else (kuan_name,)
    if not any(names):
        return None
    return phrase, class_key(table, code.split("/")[0], names), last.end(), named_kuan


def joined_chain(window: str, vocab: Vocabulary) -> tuple[str, str, int] | None:
    """A 项 named after its 款's name with no mark between (1. 人大事务行政运行（项）支出
    10528.33 万元) right before a figure: keyed under the 款's 类. None unless the name opens
    with a 款 the catalog knows and the words after it go on to the figure."""
    if "(项)" not in window:
        return None  # (no match without it: the pattern is slow to find that out)
    levels = list(_LEVEL.finditer(window))
    if not levels or levels[-1].group("level") != "项":
        return None
    last = levels[-1]
    if len(FILLER.sub("", window[last.end() :]).replace("支出", "")) >= 2:
        return None
    name = _ENUMERATED.sub("", last.group("name")).strip(" :：")
    for cut in range(len(name) - 2, 1, -1):  # the longest 款 name first
        lei = vocab.kuan.get(name[:cut])
        if lei is not None:
            _, table, code = lei.split(":")
            return name, class_key(table, code, (name[:cut], name[cut:])), last.end()
    return None


# `一般公共服务支出-政府办公厅（室）及相关机构事务-行政运行”科目` (类-款-项 with hyphens), and
# `2080505- 机关事业单位基本养老保险缴费支出` (a code before the name).
_DASH = r"\s*[-－—–]\s*"
_DASHED = re.compile(
    rf"(?P<lei>[^\s\d,.;:、，。；：()\-－—–]+?){_DASH}(?P<kuan>{_LEVEL_NAME}){_DASH}"
    rf"(?P<xiang>{_LEVEL_NAME})\s*(?:科目)?\s*(?:支出)?\s*(?:为|是)?\s*$"
)
_CODED = re.compile(
    r"^[\s(（]*(?:[一二三四五六七八九十\d]{1,3}[)）.、．]\s*)?"
    r"(?P<code>2\d{2}(?:\d{2}){1,2})\s*[-－—–]\s*[\u4e00-\u9fff][^\d]{1,40}?\s*$"
)


_CLAUSE_MARK = re.compile(r"[，,；;。：:]")
_DASHES = ("-", "－", "—", "–")


def _dashed_chain(window: str, vocab: Vocabulary) -> tuple[str, str | None, int] | None:
    """A 项 named as 类-款-项 with hyphens, or by its functional code, right before a figure."""
    if not any(dash in window for dash in _DASHES):
        return None  # (nor in its last clause: no need to split the text)
    clause = _CLAUSE_MARK.split(window)[-1]
    if not any(dash in clause for dash in _DASHES):
        return None  # both patterns need a dash
    found = _DASHED.search(clause)
    if found is not None:
        lei = found.group("lei").strip()
        hit = vocab.words.get(lei)
        if hit is None or not hit.startswith("class:"):
            return None
        _, table, code = hit.split(":")
        names = (found.group("kuan").strip(), found.group("xiang").strip())
        return found.group(0).strip(), class_key(table, code, names), len(window)
    coded = _CODED.search(clause)
    if coded is not None:
        # A 款 or 项 code at the head of its item, under a 类 the catalog knows.
        code = coded.group("code")
        known = [k for k in vocab.words.values() if k.startswith("class:") and k.endswith(code[:3])]
        if known:
            table = known[0].split(":")[1]
            return coded.group(0).strip(), class_key(table, code), len(window)
    return None


def names_something_else(window: str) -> bool:
    """Whether the clause right before a figure names a quantity we do not know, so the
    figure is not about the sentence's subject (`支出总额 512.30 万元`)."""
    clause = re.split(r"[，,]", window)[-1]
    return len(FILLER.sub("", clause)) >= 2


def bare_side(window: str) -> str | None:
    """收入 or 支出 when the clause right before a figure names nothing but that side
    (…，收入决算 509,220.66 万元，支出决算 568,051.63 万元; 收入比 2025 年增加 …); 预算 when it
    compares the budget as a whole with last year's."""
    clause = re.split(r"[，,；;：:]", window)[-1]
    core = FILLER.sub("", clause.replace("支出决算", "支出"))
    if not core and "预算" in clause and re.search(r"比|较", clause):
        return "预算"  # 2026年预算比2025年预算增加 50.32 万元: the budget as a whole
    return core if core in ("收入", "支出") else None


def overlaps(text: str, phrase: str) -> bool:
    """Whether two names share three characters in a row (政府采购支出合同总额, 政府采购支出
    总额), more than a word all names share (支出, 预算)."""
    return any(phrase[i : i + 3] in text for i in range(len(phrase) - 2))


# Quantity names a project's own name may end in (采供血人员经费项目, 安检服务项目支出).
_PROJECT_ENDINGS = frozenset({"项目支出", "人员经费", "公用经费"})


def named_project(window: str, phrase: str, end: int, key: str = "") -> bool:
    """Whether `项目支出`, or an economic class's name (租赁费), is the end of a project's own
    name (大厅保安和安检服务项目支出 328.69 万元, 增加江苏法院云平台租赁费 400 万元), not the
    department's 项目支出 or the class: a word other than a lead-in or a change stands right
    before it."""
    if phrase not in _PROJECT_ENDINGS and not key.startswith("econ:"):
        return False
    return _owned(window[: end - len(phrase)], "支出", *binding.words().measure("change"))
