"""The patterns of budget prose the narrative's claims are read by: how figures are printed,
the words of a change, a share, a reason or a comparison, and the quantities a sentence's whole
and parts are (see `yusuan.audit.claims`)."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

CARRIED = ("上年结转", "年初结转", "上年结余")
# (万 alone before a bracket or a mark: 国内公务接待支出 0.39 万（含外宾接待支出 0.00 万元）;
# a zero with no unit, 为 before it and a mark after: 政府性基金拨款支出预算为0；— nothing in any
# unit, an amount when a money quantity is named before it; a figure of two decimals ending
# its sentence: 增长 13.95。 — a rate of change whose % was left off, when a word of change is
# right before it)
NUMBER = re.compile(
    r"(?<![\d.])(-?\d[\d,]*(?:\.\d+)?)\s*(万元|亿元|元|万(?=\s*[(（，,。；;、]|$)|%|个|辆|人次|项|次|台|套"
    r"|(?<=为0)(?=[，,。；;]|$)|(?<=\.\d\d)(?=[。；;]))"
)
UP = ("增加", "增长", "上升", "提高", "多")
DOWN = ("减少", "下降", "降低", "减", "少", "压减", "缩减")
CHANGE_WORD = re.compile(r"(增加|增长|上升|提高|减少|下降|降低|压减|缩减)(了)?\s*$")
SHARE_WORD = re.compile(r"占[^，。；,;%]{0,20}?$")
FLAT = re.compile(r"持平|无变动|没有变化|无变化|保持不变")
YEAR = re.compile(r"(?:与|比|较|同)\s*(20\d{2})\s*年")
# (a 。 right before a figure and its unit is a stray mark inside a list, not a sentence's end:
# …取暖费23.37万元，维修（护）费。12.61万元等。)
SENTENCE = re.compile(r"[^。；;]+(?:。(?=\s*\d[\d,.]*\s*(?:万元|亿元|元|%))[^。；;]+)*[。；;]?")
CLAUSE_STOP = re.compile(r"[，,；;：:]")  # where a sentence's opening clause ends
# Wholes made of economic classes: the names listed after their 其中 are those classes
# (公务接待费 under 机关运行经费 is the class 30217, not the 三公经费's part).
ECON_WHOLES = frozenset({"机关运行经费", "公用经费"})
# A heading's enumeration (2. / （三） / 三、).
ENUMERATED_HEAD = re.compile(r"\s*(?:[(（]?[一二三四五六七八九十\d]{1,3}[)）.、．])")
# A sentence giving the reasons for the change the sentence before stated; a clause giving
# them within the sentence.
REASON_WITHIN = re.compile(r"(?:主要原因|原因是|主要是)[^。；;]*$")
REASON = re.compile(r"\s*(?:主要原因|原因是|主要是|其原因)")
# A 合计 and the 总计 it is when its parts include money carried over (in or out).
WHOLE_OF = {
    "本年收入合计": ("收入总计", ("上年结转", "年初结转")),
    "本年支出合计": ("支出总计", ("年末结转",)),
}
# A fund's appropriation named alone right before a figure (一般公共预算拨款 37,891.58 万元).
GRANT = re.compile(
    r"(?P<fund>一般公共|政府性基金|国有资本经营)预算(?:财政)?拨款\s*(?:为|是|增加|减少|增长|下降)?\s*$"
)
# A sentence that compares the year with the last without naming what (本年比上年减少 161.96
# 万元): the sentence before's subject, on whatever basis it compares (按与上年统计口径一致相比，
# 本年比上年…: last year's figure adjusted, the change still that quantity's).
CONTINUES = re.compile(
    r"\s*(?:按[^，,。；;]{0,16}(?:相比|比较)\s*[，,]\s*)?"
    r"(?:本年|今年|当年)\s*(?:比|较|与|同)\s*(?:上年|去年|上一年|20\d{2}\s*年)"
)
# Balances carried in or out: of neither side (收入 / 支出) of the year's money.
BALANCES = frozenset({"上年结转结余", "年末结转结余"})
SIDES = {"收入总计": "收入", "本年收入合计": "收入", "支出总计": "支出", "本年支出合计": "支出"}
# The parts a whole of either side is stated as (after them the whole is still the subject).
PARTS = frozenset(
    {
        "基本支出",
        "项目支出",
        "人员经费",
        "公用经费",
        "财政拨款收入",
        "一般公共预算收入",
        "政府性基金预算收入",
        "国有资本经营预算收入",
        "事业收入",
        "其他收入",
        "上年结转结余",
        "年末结转结余",
        "财政拨款支出",
        "一般公共预算支出",
        "政府性基金预算支出",
    }
)
# The 其中 opening a sentence that lists the parts of the sentence before's whole, or a
# comparison that opens it (与上年相比，财政拨款收、支总计各增加 …): the words after them lead.
PREAMBLE = re.compile(
    r"^\s*(?:其中|(?:与|同|和)\s*(?:上年|去年|上一年|20\d{2}\s*年度?)\s*(?:相比|比较))"
    r"\s*[:：,，]\s*"
)
CLOSED_COMPARISON = re.compile(r"\s*\)\s*(?:比|较|与|同)\s*(?:上年|去年|20\d{2})")
COMPARISON_OPENING = re.compile(r"\s*(?:比|较|与|同)\s*(?:上年|去年|20\d{2})")
# A performance indicator's row (指标1：全年项目经费支出 240万元 229.19万元): its figures are a
# target and its attainment, not the department's amount of the quantity it names.
INDICATOR = re.compile(r"指标\s*\d{1,2}\s*[:：][^。；;，,]*$")
# An amount said, right after it, to be all of a whole (共涉及资金 940.15 万元，占一般公共预算项目支出
# 总额的 100%): that whole's amount.
ALL_OF = re.compile(
    r"\s*[，,]?\s*占(?P<base>[^，。；,;%\d]{1,24}?)(?:的比例为|的)?\s*100(?:\.0+)?\s*%"
)
# A rate of completion written around the budget's figure (完成预算 0 万元的 0%): its clause,
# cut at the figure before, is only 的.
COMPLETED_OF = re.compile(r"完成[^，。；,;%]{0,6}预算\s*[\d,.]+\s*(?:万元|元|亿元)的\s*$")
SHARE_BASE = re.compile(r"占(?P<base>[^，。；,;%\d]{1,20}?)的?\s*$")


# Words right before a 决算's figure that make it the budget (年初预算为 2.85 万元, 全年预算数
# 10.00 万元), not the 决算数 (支出决算为 0.39 万元).
BUDGET_WORDING = re.compile(r"(?:年初|全年|调整后?)?预算(?:数|安排)?\s*(?:为|是)?\s*$")


def figure_value(text: str) -> Decimal | None:
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None


def direction_before(before: str) -> int:
    match = CHANGE_WORD.search(before)
    if not match:
        return 0
    word = match.group(1)
    return 1 if word in UP else -1


def unclosed(sentence: str) -> int | None:
    """Where the parenthesis a sentence opens and does not close starts, if it does."""
    at = sentence.rfind("(")
    return at if at >= 0 and ")" not in sentence[at:] else None


# A sentence about 基本支出 or 项目支出 that goes on to list classes (其中：…): their parts.
PART_OF = re.compile(r"(?:基本支出|项目支出)[^。；;]*其中")
# The rest of a list of what a figure is made of (…、提租补贴等 3397.18 万元).
LISTED = re.compile(r"\s*(?:、[^，,；;。\d]{1,12})*等")
# A sentence that introduces what follows (财政拨款支出主要内容如下：).
INTRODUCES = re.compile(r"如下\s*$")
# A figure's clause is about a 款 or 项 when it carries one of these marks.
LEVEL_MARK = re.compile(r"\((?:类|款|项)\)")
# An economic class marked with its own level (工资福利支出（类）2,097.51 万元, 基本工资（款）支出
# 737.94 万元): the class named, not a functional 款 missing its 类.
ECON_MARKED = re.compile(r"\s*\((?:类|款)\)\s*(?:支出)?\s*$")
