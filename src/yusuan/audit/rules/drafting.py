"""Drafting slips of the narrative: dates that cannot be right for the fiscal year, figures
printed without their unit, a change without its direction, a letter glued into a year, and
list items printed twice.

Like the rules of `text`, these read the narrative only (`doc.sections`, lines of a sentence
joined), never the tables.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from yusuan.audit.engine import Context, rule
from yusuan.audit.finding import Check, Severity
from yusuan.audit.rules.text import Passage, excerpt, passages
from yusuan.model import DocKind

# 截至2025年12月31日, 截止 2021 年底, 截至2024年8月31日
_AS_OF = re.compile(
    r"(?:截至|截止)(?:到|于)?\s*(?P<year>(?:19|20)\d{2})\s*年"
    r"(?:\s*(?P<month>\d{1,2})\s*月(?:\s*(?P<day>\d{1,2})\s*日)?\s*(?P<month_end>底|末)?"
    r"|\s*(?P<year_end>底|末|年底|年末))?"
)
# 实施周期2025年1月1日至2025年12月31日, 项目周期：2025.1.1-2025.12.31, 实施周期2024—2026年
_PERIOD = re.compile(
    r"(?:实施周期|项目周期|实施期限|项目期限|执行期限)\s*(?:为|是)?\s*[：:]?\s*"
    r"(?P<start>(?:19|20)\d{2})\s*(?:年|[.．/-])[^。；;至到—–~～-]{0,12}"
    r"\s*(?:至|到|—|–|-|~|～)\s*(?P<end>(?:19|20)\d{2})(?=\s*(?:年|[.．/]))"
)
# an asset statement: 共有车辆, 固定资产, 国有资产
_ASSETS = re.compile(r"车辆|资产|房屋|土地|设备")
# a statement of what is (共有, 现有 …), not a target (截至2026年底完成……)
_STATE = re.compile(r"共有|现有|实有|拥有|占有|账面|资产|车辆|编制|在编|人员")

_CHANGE = r"增长|下降|增加|减少|上升|降低|提高|增幅|降幅"
# 减少 9.52，  增长 13.95。 — a bare figure after a change word, before a mark
_BARE = re.compile(
    rf"(?P<verb>{_CHANGE})(?:了|为|达)?\s*"
    r"(?P<number>(?<![\d,，.])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)"
    r"\s*(?=[，。；;）)]|,(?!\s*\d)|$)"
)
_AMOUNT = re.compile(r"\d\s*(?:万元|亿元|元)")
_AMOUNT_REACH = 24  # characters before a bare rate its amount may end
_SENTENCE = re.compile(r"[。！？!?]")

# 2026A 年: a Latin letter between a year and 年 stands for nothing
_GLUED_YEAR = re.compile(r"(?<![A-Za-z\d])(?P<year>(?:19|20)\d{2})(?P<letter>[A-Za-z])\s*(?=年)")

# a numbered item opening a clause: 7.“社会保障……”, 12、住房保障支出……
_ITEM = re.compile(r"(?:^|(?<=[。；;：:]))\s*(?P<no>\d{1,2})\s*[.．、](?!\d)")
_ITEM_OPENS = re.compile(r"\s*(?P<no>\d{1,2})\s*[.．、](?!\d)")
_MIN_ITEM = 10  # characters an item must have for its repetition to mean something


@rule("text.year", Severity.ERROR)
def year(ctx: Context) -> Iterator[Check]:
    """Dates fit the fiscal year: what a disclosure states 截至 a date cannot lie after it
    was written, and a project's 实施周期 includes the year it is budgeted in.

    A 预算 of year Y is written before Y begins: 截至 the end of Y or later is an error (the
    state of assets is the end of Y-1). A 决算 of Y is written in Y+1: 截至 Y+2 or later is an
    error. Only where the sentence states what is (共有, 现有, 资产, 车辆, 编制 …): a target
    (截至2026年底完成……) is a warning. Warnings: an asset statement of a 预算 dated two years back or more, of a 决算
    dated before the end of Y; a 实施周期 that does not include Y. Needs the fiscal year and
    the kind of the document.
    """
    fiscal, kind = ctx.doc.meta.year, ctx.doc.meta.kind
    if fiscal is None or kind is None:
        yield ctx.skip("the fiscal year or the kind of the document is unknown")
        return
    for passage in passages(ctx.doc.sections):
        yield from _as_of_dates(ctx, passage, fiscal, kind)
        yield from _periods(ctx, passage, fiscal, kind)


def _as_of_dates(ctx: Context, passage: Passage, fiscal: int, kind: DocKind) -> Iterator[Check]:
    text = passage.text
    for match in _AS_OF.finditer(text):
        stated = int(match.group("year"))
        month = int(match.group("month")) if match.group("month") else None
        at_year_end = bool(match.group("year_end")) or month == 12
        date = match.group(0)[2:].strip().lstrip("到于").strip()
        sentence_end = _SENTENCE.search(text, match.end())
        sentence = text[match.start() : sentence_end.start() if sentence_end else len(text)]
        about_assets = bool(_ASSETS.search(sentence))
        states = bool(_STATE.search(sentence))
        where = ctx.at_section(passage.section, passage.span(match.start("year")))
        quoted = excerpt(text, match.start(), match.end(), 10)
        if kind is DocKind.BUDGET:
            written = f"{fiscal} 年预算编制于 {fiscal - 1} 年"
            if stated > fiscal or (stated == fiscal and at_year_end):
                yield ctx.fail(
                    f"“{quoted}”所述日期“{date}”在本文件编制时尚未到来（{written}），"
                    f"资产等情况应截至 {fiscal - 1} 年末。",
                    where,
                    stated=Decimal(stated),
                    expected=Decimal(fiscal - 1),
                    suggestion=f"将“{date}”改为实际的截止日期（通常为 {fiscal - 1} 年 12 月 31 日）。",
                    severity=None if states else Severity.WARNING,
                )
                continue
            if about_assets and stated <= fiscal - 2:
                yield ctx.fail(
                    f"“{quoted}”：{fiscal} 年预算所述资产情况截至 {stated} 年，"
                    f"通常应截至 {fiscal - 1} 年末，请核对年份。",
                    where,
                    stated=Decimal(stated),
                    expected=Decimal(fiscal - 1),
                    suggestion=f"核对截止日期，通常为 {fiscal - 1} 年 12 月 31 日。",
                    severity=Severity.WARNING,
                )
                continue
        else:
            if stated >= fiscal + 2:
                yield ctx.fail(
                    f"“{quoted}”所述日期“{date}”在本文件编制时尚未到来"
                    f"（{fiscal} 年决算编制于 {fiscal + 1} 年），资产等情况应截至 {fiscal} 年末。",
                    where,
                    stated=Decimal(stated),
                    expected=Decimal(fiscal),
                    suggestion=f"将“{date}”改为 {fiscal} 年 12 月 31 日。",
                    severity=None if states else Severity.WARNING,
                )
                continue
            if about_assets and stated < fiscal:
                yield ctx.fail(
                    f"“{quoted}”：{fiscal} 年决算所述资产情况截至 {stated} 年，"
                    f"应截至 {fiscal} 年末，请核对年份。",
                    where,
                    stated=Decimal(stated),
                    expected=Decimal(fiscal),
                    suggestion=f"核对截止日期，决算的资产情况应截至 {fiscal} 年 12 月 31 日。",
                    severity=Severity.WARNING,
                )
                continue
        yield ctx.ok()


def _periods(ctx: Context, passage: Passage, fiscal: int, kind: DocKind) -> Iterator[Check]:
    for match in _PERIOD.finditer(passage.text):
        start, end = int(match.group("start")), int(match.group("end"))
        if start <= fiscal <= end or start > end:  # a reversed range is some other slip
            yield ctx.ok()
            continue
        quoted = excerpt(passage.text, match.start(), match.end(), 6)
        yield ctx.fail(
            f"“{quoted}”：项目实施周期为 {start}—{end} 年，不含本{kind.value}年度 {fiscal} 年。",
            ctx.at_section(passage.section, passage.span(match.start("start"))),
            stated=Decimal(end if end < fiscal else start),
            expected=Decimal(fiscal),
            suggestion=f"核对项目实施周期，{fiscal} 年安排的项目其周期应包含 {fiscal} 年。",
            severity=Severity.WARNING,
        )


@rule("text.missing-unit", Severity.ERROR)
def missing_unit(ctx: Context) -> Iterator[Check]:
    """A change is printed with its unit: 减少 9.52，, 增长 13.95。 leave the reader to guess.

    After an amount in the same sentence (减少100万元，减少9.52，) the bare figure is the rate
    and its % is missing: an error. A bare figure after 增长/减少 with no amount before it
    (a unit or a % missing) is a warning. 增长 1.5 倍, 增加 2 人, 增长 3 个百分点 have units.
    """
    for passage in passages(ctx.doc.sections):
        text = passage.text
        found = False
        for match in _BARE.finditer(text):
            found = True
            number = match.group("number")
            sentence_start = max(
                (m.end() for m in _SENTENCE.finditer(text, 0, match.start())), default=0
            )
            # the amount of the same change: in the sentence, in the clause or the one before
            near = max(sentence_start, match.start() - _AMOUNT_REACH)
            after_amount = bool(_AMOUNT.search(text, near, match.start()))
            quoted = excerpt(text, match.start(), match.end(), 16)
            where = ctx.at_section(passage.section, passage.span(match.start("number")))
            figure = Decimal(number.replace(",", ""))
            if after_amount and "." in number:
                yield ctx.fail(
                    f"“{quoted}”中的增减率“{number}”缺少百分号，应为“{number}%”。",
                    where,
                    stated=figure,
                    suggestion=f"将“{match.group(0).strip()}”改为“{match.group(0).strip()}%”。",
                )
            else:
                yield ctx.fail(
                    f"“{quoted}”中“{match.group('verb')}”后的数字“{number}”没有单位"
                    "（万元或%），无法判断其含义。",
                    where,
                    stated=figure,
                    suggestion=f"在“{number}”后补上单位（万元或%）。",
                    severity=Severity.WARNING,
                )
        if not found:
            yield ctx.ok()


# 比上年1.43万元，增加0.68%: the change of the amount has no direction
_NO_VERB = re.compile(
    r"(?P<lead>(?:比|较)\s*(?:上年|上一年|去年|(?:19|20)\d{2}\s*年)度?"
    r"(?:预算执行数|预算数|决算数|执行数|预算|决算)?)\s*"
    r"(?P<amount>\d{1,3}(?:,\d{3})*(?:\.\d+)?|\d+(?:\.\d+)?)\s*(?P<unit>万元|亿元|元)"
    rf"(?=\s*[，,]\s*(?:{_CHANGE})\s*\d+(?:\.\d+)?\s*[%％])"
)


@rule("text.missing-verb", Severity.ERROR)
def missing_verb(ctx: Context) -> Iterator[Check]:
    """A change says which way it goes: 比上年1.43万元，增加0.68% leaves out 增加 before the
    amount (比上年增加1.43万元). Only an amount right after 比/较 上年 (or a year), followed
    by a rate with its own 增加/减少, is reported: the rate says the amount is a change."""
    for passage in passages(ctx.doc.sections):
        found = list(_NO_VERB.finditer(passage.text))
        if not found:
            yield ctx.ok()
        for match in found:
            lead, amount, unit = match.group("lead"), match.group("amount"), match.group("unit")
            yield ctx.fail(
                f"“{excerpt(passage.text, match.start(), match.end() + 10, 6)}”中"
                f"“{lead}{amount}{unit}”缺少增减方向（增加或减少）。",
                ctx.at_section(passage.section, passage.span(match.start("amount"))),
                stated=Decimal(amount.replace(",", "")),
                suggestion=f"改为“{lead}增加{amount}{unit}”或“{lead}减少{amount}{unit}”。",
            )


@rule("text.stray-letter", Severity.ERROR)
def stray_letter(ctx: Context) -> Iterator[Check]:
    """No stray Latin letter is glued into a year: 2026A 年 is a typing slip (2026 年).

    Only a single letter between a four-digit year and 年 is reported; codes and
    abbreviations (X光机, A级, DRG, W060701单元) are words, not slips.
    """
    for passage in passages(ctx.doc.sections):
        found = list(_GLUED_YEAR.finditer(passage.text))
        if not found:
            yield ctx.ok()
        for match in found:
            year_text = match.group("year")
            printed = match.group(0).strip()
            yield ctx.fail(
                f"“{excerpt(passage.text, match.start(), match.end() + 1, 10)}”中年份"
                f"“{printed}年”夹有多余字母“{match.group('letter')}”。",
                ctx.at_section(passage.section, passage.span(match.start())),
                suggestion=f"删去多余字母，改为“{year_text}年”。",
            )


@dataclass(frozen=True, slots=True)
class _Item:
    number: int
    start: int  # offset of the item's number in the passage
    body: str  # the item without whitespace


def item_marks(text: str, opens: int = 0) -> list[tuple[int, int, int]]:
    """(number, offset of the number, end of the mark) of each numbered item opening a clause
    or the text at `opens` (where a section's text follows its heading)."""
    found = [(int(m.group("no")), m.start("no"), m.end()) for m in _ITEM.finditer(text)]
    first = _ITEM_OPENS.match(text, opens) if opens else None
    if first is not None and all(start != first.start("no") for _, start, _ in found):
        found.insert(0, (int(first.group("no")), first.start("no"), first.end()))
    return found


def _items(text: str, opens: int) -> list[_Item]:
    marks = item_marks(text, opens)
    found = []
    for i, (number, start, end) in enumerate(marks):
        stop = marks[i + 1][1] if i + 1 < len(marks) else len(text)
        found.append(_Item(number, start, re.sub(r"\s", "", text[end:stop])))
    return found


def repeated_runs(items: list[_Item]) -> list[tuple[int, int]]:
    """(first, last) indices of each run of items, 2 or more, that repeats an earlier run
    word for word and number for number, right where the numbering goes back."""
    runs: list[tuple[int, int]] = []
    i = 1
    while i < len(items):
        back = items[i].number <= items[i - 1].number
        earlier = [k for k in range(i) if _repeats(items[k], items[i])]
        if not (back and earlier and len(items[i].body) >= _MIN_ITEM):
            i += 1
            continue
        k, j = earlier[-1], i
        while j < len(items) and k < i and _repeats(items[k], items[j]):
            j += 1
            k += 1
        if j - i >= 2:
            runs.append((i, j - 1))
        i = max(j, i + 1)
    return runs


def _repeats(earlier: _Item, later: _Item) -> bool:
    return earlier.number == later.number and earlier.body == later.body


def _clipped(ctx: Context, passage: Passage, earlier: int, repeat: int) -> bool:
    """A repeat on the page after the earlier copy, with nothing before it on its page that
    the page before does not hold too: the text layer of a spreadsheet printed to PDF has the
    whole of a cell on both pages it spans, each page showing only its own part. What the
    reader sees is printed once."""
    doc = ctx.doc
    line = passage.line(repeat)
    page, before = doc.page_of(line), doc.page_of(passage.line(earlier))
    if page is None or before is None or page != before + 1:
        return False
    first = line
    while first > 1 and doc.page_of(first - 1) == page:
        first -= 1
    previous = set()
    n = first - 1
    while n >= 1 and doc.page_of(n) == before:
        previous.add(doc.source_line(n))
        n -= 1
    return all(doc.source_line(k) in previous for k in range(first, line))


@rule("text.duplicate", Severity.WARNING)
def duplicate(ctx: Context) -> Iterator[Check]:
    """No numbered items are printed twice: 1.…11. followed by 7.…11. again, word for word,
    is one list with part of it repeated.

    Two or more consecutive items, each repeating an earlier item of the same passage with its
    number, where the numbering goes back, are reported once, at the first repeated item. A
    warning: the text layer may hold what the page does not show. A repeat that opens the
    page after the earlier copy's, after nothing but lines of that page too, is such hidden
    text (a spreadsheet cell cut at the page break) and is skipped.
    """
    for passage in passages(ctx.doc.sections):
        items = _items(passage.text, passage.title_length)
        runs = repeated_runs(items)
        if not runs:
            yield ctx.ok()
        for first, last in runs:
            lo, hi = items[first].number, items[last].number
            copy = next(k for k in range(first) if _repeats(items[k], items[last]))
            if _clipped(ctx, passage, items[copy].start, items[first].start):
                yield ctx.skip(
                    "a repeat at the top of the next page: text hidden by the page break"
                )
                continue
            yield ctx.fail(
                f"第 {lo}–{hi} 项与前文同号各项逐字相同，重复列示了一次"
                f"（“{items[first].body[:24]}…”）。",
                ctx.at_section(passage.section, passage.span(items[first].start)),
                suggestion=f"删去重复的第 {lo}–{hi} 项。",
            )
