"""Claims the narrative (情况说明) makes in words: amounts, shares and year-over-year changes.

`三公经费预算为42.5 万元` is an amount of 三公经费; `基本支出 512.40 万元，占 40.12%` an amount
and a share of the sentence's whole; `比2022 年减少 2.81 万元，减少 2.63%` a change and its
percentage. Each claim names the quantity it refers to, so it can be held against the tables.
Sentences broken across lines were joined by the reader; full- and half-width forms are folded.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from yusuan.audit import binding
from yusuan.audit.prose import (
    ALL_OF,
    BALANCES,
    BUDGET_WORDING,
    CARRIED,
    CHANGE_WORD,
    CLAUSE_STOP,
    CLOSED_COMPARISON,
    COMPARISON_OPENING,
    COMPLETED_OF,
    CONTINUES,
    ECON_MARKED,
    ECON_WHOLES,
    ENUMERATED_HEAD,
    FLAT,
    GRANT,
    INDICATOR,
    INTRODUCES,
    LEVEL_MARK,
    LISTED,
    NUMBER,
    PART_OF,
    PARTS,
    PREAMBLE,
    REASON,
    REASON_WITHIN,
    SENTENCE,
    SHARE_BASE,
    SHARE_WORD,
    SIDES,
    WHOLE_OF,
    YEAR,
    direction_before,
    figure_value,
    unclosed,
)
from yusuan.audit.quantities import budget_variant
from yusuan.audit.subjects import (
    FILLER,
    PROJECTS_COVERED,
    Vocabulary,
    bare_side,
    class_named,
    folded,
    joined_chain,
    last_subject,
    level_chain,
    named_chain,
    named_project,
    names_something_else,
    overlaps,
    vocabulary_for,
)
from yusuan.audit.subjects import (
    fold as _fold,
)
from yusuan.model import Disclosure, DocKind, Section


class ClaimKind(StrEnum):
    AMOUNT = "amount"
    SHARE = "share"
    CHANGE = "change"  # an amount of change
    CHANGE_PERCENT = "change-percent"
    FLAT = "flat"  # 持平 / 无变动
    COUNT = "count"  # 个, 辆, 人次 …
    COMPLETION = "completion"  # 完成年初预算的 97.97%


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
    # What the figure measures (本年预算, 上年执行, 增减额 … see `binding`) and whose money it
    # counts (全部资金, 财政拨款, 一般公共预算 …); `scope_said` when words of its clause, its
    # sentence's lead or its section's heading name the scope rather than it being assumed.
    measure: str = "本年预算"
    scope: str = binding.ALL_FUNDS
    scope_said: bool = False
    unsure: str | None = None  # why the quantity named is not to be checked, if it is not
    printed: str = ""  # the figure as printed, unit included (3,121.42万元)
    # the whole a part listed after its 其中 belongs to (机关运行经费 211 万元，其中办公费 …):
    # the part's money is of the whole's fund
    of: str | None = None
    # named only by the share of 100% of a whole right after it (共涉及资金 940.15 万元，占…
    # 项目支出总额的 100%): that share holds it against the table
    all_of: bool = False

    @property
    def own(self) -> bool:
        """Whether the figure is the document's own amount of its quantity (本年预算 / 决算,
        or a 决算's 年初预算 under its budget key), not a change or another year's."""
        return self.measure in binding.CURRENT or (
            self.measure == "年初预算" and (self.subject or "").endswith("@预算")
        )

    @property
    def line(self) -> int:
        return self.section.line_at(self.offset)

    @property
    def decimals(self) -> int:
        exp = self.value.as_tuple().exponent
        return -exp if isinstance(exp, int) and exp < 0 else 0


def _titled(title: str, vocab: Vocabulary) -> tuple[str, str] | None:
    """The quantity a section's heading is nothing but the name of (（二）公务接待费)."""
    found = last_subject(title, vocab)
    if found is None or found[1].startswith(("class:", "econ:")):
        return None
    head = title[: found[2] - len(found[0])]
    if FILLER.sub("", head) or FILLER.sub("", title[found[2] :]):
        return None
    return found[0], found[1]


def extract_claims(doc: Disclosure) -> list[Claim]:
    claims: list[Claim] = []
    vocabularies: dict[str, Vocabulary] = {}
    parent = ""  # the heading of the 一、 section a （一） section is under
    for section in doc.sections:
        if section.level <= 1:
            parent = section.title
        if not section.part and not section.title:
            continue
        # A section about 一般公共预算 names classes of that table; others of the 支出总表.
        table = "gpb_expenditure" if "一般公共预算" in section.title else "expenditure"
        if table not in vocabularies:
            vocabularies[table] = vocabulary_for(doc, table)
        final = doc.meta.kind is DocKind.FINAL
        scope = binding.scope_of_title(section.title) or binding.scope_of_title(parent)
        claims.extend(_section_claims(section, vocabularies[table], final, doc.meta.year, scope))
    return claims


def _section_claims(
    section: Section,
    vocab: Vocabulary,
    final: bool = False,
    year: int | None = None,
    section_scope: str | None = None,
) -> Iterator[Claim]:
    """The claims of one section; in a 决算 (`final`), an amount worded as the budget
    (年初预算为 …) names the quantity's 预算数. `year` is the document's fiscal year (a figure
    of the year before is last year's)."""
    text, where = folded(section.text)
    whole: tuple[str, str] | None = None  # the section's 其中 parent: the base of its shares
    headline: tuple[str, str] | None = None  # the first amount the section states
    subject: tuple[str, str] | None = None  # the quantity the sentence is talking about
    subject_scope: tuple[str, bool] = (binding.ALL_FUNDS, False)
    item: tuple[str, str] | None = None  # the 项 an item paragraph is about (see `binding`)
    item_scope: tuple[str, bool] = (binding.ALL_FUNDS, False)
    section_scope = section_scope or binding.scope_of_title(section.title)
    item_words = binding.words().measure("item")
    said: tuple[str, bool] | None = None  # the fund the section's sentences last named
    parent_scope: str | None = None  # the fund of the sentence before's last amount
    # The 类 (and 款) the section last named with its mark, for a 款 or 项 named alone.
    lei = class_named(_fold(section.title), vocab)
    titled = _titled(_fold(section.title), vocab)
    if titled is not None:
        # a section headed by a quantity's name alone (（二）公务接待费): its item paragraph
        item = titled
        item_scope = (section_scope, True) if section_scope else (binding.ALL_FUNDS, False)
    kuan: str | None = None
    parted = False  # the section is listing the classes of its 基本支出 or 项目支出
    listed: str | None = None  # the fund of a sentence ending in ；, for the list's next item
    last_lead: str | None = None  # the fund the sentence before named first
    income = False  # the sentence (or the one its 其中 lists the parts of) is about income
    # the subject before a parenthesis a sentence leaves open, for the sentence closing it
    outer: tuple[tuple[str, str], tuple[str, bool]] | None = None
    # the whole the last sentence naming one stated (收入预算 45,369.18 万元), and whether the
    # sentence before listed classes only (包括一般公共服务支出 …，教育支出 …)
    last_total: tuple[tuple[str, str], tuple[str, bool]] | None = None
    classes_listed = False
    for sent in SENTENCE.finditer(text):
        sentence = sent.group(0)
        sentence_total: tuple[tuple[str, str], tuple[str, bool]] | None = None
        sentence_named: list[str] = []
        start = sent.start()
        year_match = YEAR.search(sentence)
        compared = int(year_match.group(1)) if year_match else None
        if COMPARISON_OPENING.match(sentence) and classes_listed and last_total is not None:
            # …包括一般公共服务支出 22,022.92 万元，…住房保障支出 662.86 万元。比 2025 年增加 …:
            # the change of the whole the classes are parts of, not of the last class
            subject, subject_scope = last_total
        elif CLOSED_COMPARISON.match(sentence) and outer is not None:
            # （… 2.5万元，比上年减少1万元。）比上年减少1万元: the quantity named before the
            # parenthesis the sentence before opened, not the last one inside it
            subject, subject_scope = outer
        elif not (
            COMPARISON_OPENING.match(sentence)
            or REASON.match(sentence)
            or CONTINUES.match(sentence)
        ):
            # `比上年…`, `本年比上年…`, `主要原因是…` go on about the sentence before's subject
            subject = None
        opened = unclosed(sentence)
        if opened is not None or ")" in sentence:
            outer = None  # a parenthesis opened anew, or the one left open closed
        # (其中：一般公共预算财政拨款支出 …: the words after 其中 open the sentence)
        opening = CLAUSE_STOP.split(PREAMBLE.sub("", sentence, count=1), maxsplit=1)[0]
        if not sentence.lstrip().startswith("其中"):
            income = "收入" in opening and "支出" not in opening  # (其中 lists the last's parts)
        lead = binding.scope_named(opening)
        if lead is None and sentence.lstrip().startswith("其中"):
            lead = parent_scope  # …财政拨款支出 37,891.58 万元；其中：基本支出 12,899.62 万元
        elif lead is None and listed:
            lead = listed  # 其中：基本支出 …；项目支出 …: the list's next item, of the same fund
        elif lead is None and REASON.match(sentence):
            lead = last_lead  # …增加 1808.29 万元。主要原因是…: the reasons of that fund's change
        listed = lead if sentence.rstrip().endswith(("；", ";")) else None
        last_lead = lead
        if lead is not None and INTRODUCES.search(opening):
            section_scope = lead  # 财政拨款支出主要内容如下：the items after it are 财政拨款's
        part: tuple[str, str] | None = None  # the last amount the sentence has named
        # the whole whose 其中 the sentence goes on to list, its fund, where the 其中 is
        listing: tuple[tuple[str, str], tuple[str, bool], int] | None = None
        part_scope: tuple[str, bool] = (binding.ALL_FUNDS, False)
        cut = 0  # subjects are looked for between the previous figure and this one
        moved_on = False
        figured = False  # whether the sentence prints any figure (not searched for again)
        for number in NUMBER.finditer(sentence):
            figured = True
            value = figure_value(number.group(1))
            if value is None:
                continue
            unit = "万元" if number.group(2) in ("万", "") else number.group(2)
            if not number.group(2) and value != 0:
                if not CHANGE_WORD.search(sentence[: number.start()]):
                    continue  # a bare figure ending a sentence: no change's rate
                unit = "%"  # 增长 13.95。: a rate of change, its % left off
            before = sentence[: number.start()]
            window = before[cut:]
            clause = binding.clause_of(sentence, number.start(), cut)
            cut = number.end()
            measure = binding.measure_of(clause, unit, year, final)
            held = binding.not_a_budget(sentence, clause, sentence[number.end() :])
            if held or INDICATOR.search(before[-60:]):
                measure = "其他"
            direction = direction_before(before[-8:]) or binding.direction(clause)
            unsure: str | None = None
            if unit == "%":
                share = SHARE_WORD.search(before[-22:])
                if share:
                    kind = ClaimKind.SHARE
                    measure = "占比"
                elif measure == "增减率":
                    kind = ClaimKind.CHANGE_PERCENT
                    measure = "增减率"
                elif measure == "完成率" or COMPLETED_OF.search(before[-30:]):
                    kind = ClaimKind.COMPLETION
                    measure = "完成率"
                else:
                    continue
            elif unit in ("万元", "亿元", "元"):
                kind = ClaimKind.CHANGE if measure == "增减额" else ClaimKind.AMOUNT
                if kind is ClaimKind.AMOUNT:
                    direction = 0
                if unit == "亿元":
                    value, unit = value * 10000, "万元"
                if kind is ClaimKind.CHANGE and not direction:
                    # 比上年 1.43 万元，增加 0.68%: the direction the words after it say
                    direction = binding.direction(sentence[number.end() : number.end() + 8])
            else:
                kind = ClaimKind.COUNT
            found = last_subject(window, vocab, counts=kind is ClaimKind.COUNT)
            if not number.group(2) and unit != "%" and found is None:
                continue  # a zero of no unit names no money quantity: no figure of ours
            all_of = ALL_OF.match(sentence, number.end())
            named_all_of = False
            if (
                (found is None or found[:2] == PROJECTS_COVERED)
                and all_of
                and kind is ClaimKind.AMOUNT
                and not unsure
            ):
                # (the whole a share names is more precise than the projects' own spending)
                whole_named = last_subject(all_of.group("base"), vocab)
                if whole_named is not None:
                    found = (whole_named[0], whole_named[1], len(window))  # all of it: it
                    named_all_of = True
            if found is not None and LISTED.match(window, found[2]):
                # 基本支出增加人员工资、住房公积金等 3397.18 万元: a list of what the change is
                # made of; the figure is the quantity named before the list
                head = CLAUSE_STOP.split(window[: found[2] - len(found[0])])[-1]
                lead_in = last_subject(head, vocab)
                while lead_in is not None and lead_in[1].startswith("econ:"):
                    lead_in = last_subject(head[: lead_in[2] - len(lead_in[0])], vocab)
                found = lead_in
            chain = None if kind is ClaimKind.COUNT else named_chain(window, vocab)
            if chain is None and kind is not ClaimKind.COUNT:
                level = level_chain(window, lei, kuan)
                if level is not None:
                    chain = level[:3]
                    kuan = level[3] or kuan
                else:
                    chain = joined_chain(window, vocab)
            if chain is not None:
                phrase, key, end = chain
                found = None if key is None else (phrase, key, end)
            elif (
                kind is not ClaimKind.COUNT
                and LEVEL_MARK.search(clause)
                and not (
                    found is not None
                    and found[1].startswith("econ:")
                    and ECON_MARKED.match(window, found[2])
                )
                and (
                    found is None
                    or not found[1].startswith("class:")
                    or found[2] < len(window) - 12
                )
            ):
                # a 款 or 项 named without its 类 (检察（款）…支出合计 16,444.36): its own
                # figure, which the quantity named after it is not
                unsure = "a 款 or 项 named without the 类 it belongs to"
                found = None
            if (
                found is not None
                and found[1] in binding.words().item_totals
                and LEVEL_MARK.search(before)
            ):
                unsure = f"the {found[0]} of the 款 or 项 named before it"
                found = None
            if chain is None and LEVEL_MARK.search(window):
                item = None  # another 款 or 项, one we could not name
            if (
                found is not None
                and chain is None
                and found[1].startswith("class:")
                and (parted or PART_OF.search(before))
            ):
                # 项目支出…其中：公共安全支出 40230.95 万元: the class's 项目支出, not the class
                unsure = f"the part of {found[0]} in the 基本支出 or 项目支出 its sentence names"
                found = None
            if found is not None and named_project(window, found[0], found[2], found[1]):
                unsure = f"the {found[0]} of one project named before it"
                found = None
            if found is not None and not found[0].startswith("本年") and chain is None:
                # 收入预算合计 4,651.67 万元，包括本年收入 …，上年结转结余 0 万元: a whole whose parts
                # are this year's money and money carried over is the 总计, not the 本年 合计
                rest = sentence[number.end() :]
                total = WHOLE_OF.get(found[1])
                if total and "本年" in rest[:12] and any(w in rest for w in total[1]):
                    found = (found[0], total[0], found[2])
            grant = GRANT.search(window)
            if grant and chain is None and not unsure and kind is not ClaimKind.COUNT and income:
                # 收入预算：…其中：一般公共预算拨款 37,891.58 万元: the fund's income
                key = binding.words().grant.get(grant.group("fund"))
                found = (grant.group(0).strip(), key, len(window)) if key else found
            if (
                found is None
                and kind is not ClaimKind.COUNT
                and not unsure
                and not (item is not None and any(w in clause for w in item_words))
            ):
                side = bare_side(window)
                # (of the sentence's opening words, or after a figure of a balance or of the
                # other side: not 支出决算为 after a 年初预算 of an item we could not name)
                if side is not None and (
                    (subject is None and not sentence_named and window is before)
                    or (
                        subject is not None
                        and side != "预算"
                        and (subject[1] in BALANCES or SIDES.get(subject[1], side) != side)
                    )
                ):
                    # …结转和结余 58,830.98 万元，收入决算 509,220.66 万元: the side's total (of
                    # the sentence's fund), the whole last named when it is of that side
                    if last_total and side in ("预算", SIDES.get(last_total[0][1])):
                        found = (last_total[0][0], last_total[0][1], len(window))
                    elif side != "预算" and subject is not None:
                        # (opening a sentence with no such whole before it, 支出决算比上年增加
                        # 113.37 万元 may go on about the last sentence's quantity: unknown)
                        found = (side, f"本年{side}合计", len(window))
            as_carried = binding.as_carried(clause, year)  # once, not once per word tried
            carried = next((w for w in CARRIED if w in as_carried), None)
            if carried is not None and kind is not ClaimKind.COUNT and not unsure:
                # 上年结转结余的一般公共预算收入 0 万元, 年初结转和结余 58,830.98 万元
                found = (found[0] if found else carried, "上年结转结余", len(window))
            listed_part = (
                listing is not None and number.start() > listing[2] and chain is None and not unsure
            )
            if listed_part and listing is not None and listing[0][1] in ECON_WHOLES:
                # the names after its 其中 are economic classes (物业费 as 物业管理费 too)
                econ = vocab.last_econ(window)
                if econ is not None and (found is None or econ[2] >= found[2]):
                    found = econ
            listed_part = listed_part and found is not None and found[1].startswith("econ:")
            if found is not None:
                moved_on = moved_on or not found[1].startswith("class:")
                named: tuple[str, str] | None = (found[0], found[1])
                if chain is not None:
                    item = named
                elif not found[1].startswith("class:"):
                    item = None
            elif kind is ClaimKind.COUNT or unsure:
                named = None
            elif (
                item is not None
                and subject in (None, item)
                and any(w in clause for w in item_words)
            ):
                named = item  # an item paragraph's 上年执行数 / 预算安排 / 支出决算
            elif names_something_else(window):
                named = subject = None  # the sentence moved on to a quantity we do not know
            else:
                named = subject
            # Whose money: the clause's own words, else the quantity it follows, the
            # sentence's lead (财政拨款支出预算中，…), the section's heading.
            own = binding.shorthand(binding.scope_named(clause), section.title)
            if held is not None:
                scope = (binding.scope_of_kind(held), False)  # no fund's money
            elif (
                found is not None
                and found[1] == "上年结转结余"
                and lead is not None
                and own is None
                and REASON_WITHIN.search(before)
            ):
                # 政府性基金…比 2025 年增加 1,066.60 万元，主要原因是 2025 年度结转 1,036.60 万元:
                # the money carried over that explains a fund's change is that fund's
                scope = (lead, True)
            elif found is not None and binding.own_scope(found[0]):
                scope = (binding.ALL_FUNDS, False)
            elif own is not None:
                scope = (own, True)
            elif listed_part and listing is not None:
                scope = listing[1]  # an economic class listed as the whole's part: its fund
            elif found is None and kind is ClaimKind.SHARE and part is not None:
                scope = part_scope
            elif found is None and named is not None and named == item:
                scope = item_scope
            elif found is None and named is not None and named == subject:
                scope = subject_scope
            elif lead is not None:
                scope = (lead, True)
            elif section_scope is not None:
                scope = (section_scope, True)
            else:
                scope = (binding.ALL_FUNDS, False)
            if scope[1] and (own is not None or scope[0] == lead):
                said = scope
            elif not scope[1] and named and named[1] in binding.words().fiscal and said:
                scope = said  # 三公经费, 机关运行经费: of the fund the section last named
            base: tuple[str, str] | None = None
            if kind is ClaimKind.SHARE:
                named_base = SHARE_BASE.search(before[-22:])
                written = named_base.group("base").replace("\n", "").strip() if named_base else ""
                hit = last_subject(written, vocab) if written else None
                if hit is not None:
                    base = (hit[0], hit[1])
                    # 占…的 names the whole; the part is the quantity its clause names before
                    # 占 (货物采购授予中小企业合同金额占政府采购货物支出合同的 4.07%), else the
                    # sentence's subject, or the amount just stated (授予中小企业合同金额
                    # 24,498.01 万元，占政府采购支出合同总额的 9%)
                    part_words = CLAUSE_STOP.split(clause)[-1].rsplit("占", 1)[0]
                    own_part = last_subject(part_words, vocab)
                    if own_part is not None and own_part[1] != hit[1]:
                        named = (own_part[0], own_part[1])
                        if FILLER.sub("", part_words[: own_part[2] - len(own_part[0])]):
                            # 货物采购授予中小企业合同金额: one part's share of it, a figure
                            # the tables do not state: not held against them
                            base = None
                    else:
                        named = subject or part
                else:
                    named = named or part
                    base = whole if whole and whole != named else headline
                    if base == named:
                        base = None
                    if base and len(written) > 1 and not overlaps(written, base[0]):
                        base = None  # 占全部报销工作的比例: a whole the section has not named
            if kind is not ClaimKind.COUNT and named is not None:
                subject, subject_scope = named, scope
            if opened is not None and number.start() < opened and subject is not None:
                outer = (subject, subject_scope)
            if chain is not None and named is not None:
                item_scope = scope
            if (
                kind is ClaimKind.AMOUNT
                and listing is None
                and found is not None
                and named is not None
                and not named[1].startswith("class:")
                and measure in binding.CURRENT
            ):
                listed_at = sentence.find("其中", number.end())
                if listed_at >= 0:
                    listing = (named, scope, listed_at)
            if kind is ClaimKind.AMOUNT:
                part, part_scope = named, scope
                if named is not None:
                    sentence_named.append(named[1])
                    if sentence_total is None and named[1] in SIDES:
                        sentence_total = (named, scope)
            if kind is ClaimKind.AMOUNT and named is not None:
                if (
                    headline is None
                    and not named[1].startswith("class:")
                    and measure in binding.CURRENT
                ):
                    headline = named  # a 类, 款 or 项 is no whole the section's shares are of
                if (
                    "其中" in sentence[number.end() : number.end() + 5]
                    and measure in binding.CURRENT
                ):
                    whole = named
                # The shares of a 决算 are of its 决算数, whatever budget it states first.
                if final and (measure == "年初预算" or BUDGET_WORDING.search(window)):
                    named = (named[0], budget_variant(named[1]))
                    measure = "年初预算"
            yield Claim(
                kind=kind,
                subject=named[1] if named else None,
                phrase=named[0] if named else "",
                value=value,
                unit=unit,
                section=section,
                offset=where[start + number.start()],
                sentence=sentence,
                direction=direction,
                base=base[1] if base else None,
                base_phrase=base[0] if base else None,
                compared_year=compared,
                measure=measure,
                scope=scope[0],
                scope_said=scope[1],
                unsure=unsure,
                printed=number.group(0),
                of=listing[0][1] if listed_part and listing is not None else None,
                all_of=named_all_of,
            )
        lei = class_named(sentence, vocab) or lei
        if sentence_total is not None:
            last_total = sentence_total
        elif any(k not in PARTS and not k.startswith(("class:", "econ:")) for k in sentence_named):
            last_total = None  # the section moved on from that whole and its parts
        classes_listed = len(sentence_named) > 1 and all(
            k.startswith("class:") for k in sentence_named
        )
        parent_scope = part_scope[0] if part is not None and part_scope[1] else None
        if PART_OF.search(sentence):
            parted = True
        elif moved_on:
            parted = False  # the sentence moved on to another quantity
        if not figured:
            heading = named_chain(sentence.rstrip("。；; "), vocab)
            # (only asked when no chain is: a sentence's subject costs a scan of the vocabulary)
            named_alone = (
                None
                if heading is not None and heading[1] is not None
                else _titled(sentence.rstrip("。；; "), vocab)  # 2.公务接待费。2026 年预算数 …
            )
            if heading is not None and heading[1] is not None:
                item = (heading[0], heading[1])  # 6.卫生健康支出（类）…（项）。年初预算为 …
                item_scope = (section_scope, True) if section_scope else (binding.ALL_FUNDS, False)
            elif named_alone is not None:
                item = named_alone
                item_scope = (section_scope, True) if section_scope else (binding.ALL_FUNDS, False)
            elif ENUMERATED_HEAD.match(sentence):
                item = None  # 3.公务用车购置和运行维护费。: a heading of something we cannot name
        flat = FLAT.search(sentence)
        if flat:
            found = last_subject(sentence[: flat.start()], vocab)
            if found:
                yield Claim(
                    kind=ClaimKind.FLAT,
                    subject=found[1],
                    phrase=found[0],
                    value=Decimal(0),
                    unit="",
                    section=section,
                    offset=where[start + flat.start()],
                    sentence=sentence,
                    compared_year=compared,
                    measure="增减额",
                )
