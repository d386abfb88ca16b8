"""The text itself: comparison years, leftover template placeholders, empty explanations,
punctuation, and 部门 wording in a 单位's own budget.

Only the narrative (`doc.sections`) is read: table regions never reach these rules. The
reader joins a sentence broken across lines, so a bracket that closes on the next line of
the same sentence is whole here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal

from yusuan.audit.engine import Context, rule
from yusuan.audit.finding import Check, Severity
from yusuan.model import Disclosure, DocKind, Section, Span

_COMPARISON = re.compile(
    r"(?:与|比|较|同)\s*(?P<year>20\d{2})\s*年度?"
    r"(?P<tail>[^，。；,;：:]{0,12}?)"
    r"(?:相比|相较|比较|对比|增加|增长|减少|下降|上升|降低|提高|压减|持平|无变动|无变化|没有变化|变动|变化|增|减|多|少)"
)

_UP = "增加|增长|上升|提高"
_DOWN = "减少|下降|降低"
# (pattern, what the reviewer should put there)
_PLACEHOLDERS = (
    (re.compile(r"(?<![A-Za-z])[XxＸｘ×]{2,}(?![A-Za-z])"), "实际内容"),
    (re.compile(r"(?<![A-Za-z\d])[XxＸｘ]\s*(?=万元|亿元|元|%|％|个|人|项|辆|台|套)"), "实际数字"),
    (
        re.compile(
            rf"(?:{_UP})\s*(?:[（(]\s*(?:{_DOWN})\s*[）)]|[/／](?:{_DOWN}))"
            rf"|(?:{_DOWN})\s*(?:[（(]\s*(?:{_UP})\s*[）)]|[/／](?:{_UP}))"
        ),
        "实际的增减方向",
    ),
    # a figure left out: 政府性基金支出预算支出 万元。, 增长%，; not 单位：万元, 以万元为单位,
    # nor a heading of figures (金额 万元 …): the unit ends a clause
    (
        re.compile(
            r"(?<!单位)(?<!单位为)(?<!以)"
            r"(?:支出|收入|预算|安排|增加|减少|增长|下降|上升|降低|提高|共计|合计|拨款|经费|资金|金额)"
            r"\s*(?:万元|亿元|元|%|％)(?=\s*(?:[，。；,;）)]|与|比|较))"
        ),
        "实际数字",
    ),
    # a note to whoever fills the template in: （请核实…）, （按“…表”中…填写）, （增加内容）
    (
        re.compile(
            r"[（(]\s*(?:"
            # 请 to the filler, not to the reader (请参见表3, 请注意 are the reader's)
            r"请(?:核实|填写|填列|根据|按照?|删除|补充|修改|确认|据实|如实|自行)"
            r"[^（）()]{0,80}"
            r"|(?:按照?|根据|依据|参照)[^（）()]{0,80}(?:填写|填列|填报)"
            # 若无……则备注写……, 如无则删除; not 如无特殊情况，则按月支付
            r"|[^（）()]{0,30}(?:若|如)(?:无|没有|不涉及)[^（）()]{0,40}(?:则|请)"
            r"[^（）()]{0,20}(?:写|填|删|注明|备注)[^（）()]{0,40}"
            r"|增加内容|新增内容|补充内容|待补充|待填写|此处[^（）()]{0,30}"
            r")\s*[）)]"
        ),
        "实际内容，并删去填报说明",
    ),
    (re.compile(r"【\s*】"), "实际内容"),
    (re.compile(r"[＿_]{2,}"), "实际内容"),
)
# For each of _PLACEHOLDERS, characters one of which any match holds: a passage holding none
# is not searched (most hold no X, no blank, no bracket; the searches are the rule's cost).
_NEEDED = (
    frozenset("XxＸｘ×"),
    frozenset("XxＸｘ"),
    frozenset("（(/／"),
    frozenset("元%％"),
    frozenset("（("),
    frozenset("【"),
    frozenset("＿_"),
)

_EMPTY_REASON = re.compile(
    r"(?:(?:主要)?原因\s*(?:是|为|在于|主要是|主要有|如下)\s*[：:]?|(?:主要)?原因\s*[：:]|主要用于\s*[：:]?)"
    r"\s*(?=[。；;！!]|$)"
)

_DOUBLED = re.compile(r"[，。；、,;]\s*[，。；、,;]|[：:]\s*[：:]")
_PAIRS = {"（": "）", "(": ")", "“": "”", "‘": "’", "《": "》", "【": "】", "〔": "〕", "［": "］"}
_CLOSERS = {close: open_ for open_, close in _PAIRS.items()}
# A full- and a half-width parenthesis pair up: 公务出国（境) is one bracket, not two errors.
_SAME = {"(": "（", ")": "）"}
_SENTENCE_END = "。！？!?"  # a ； divides clauses of one sentence
_MARKS = re.compile("[" + re.escape("".join(_PAIRS) + "".join(_CLOSERS) + _SENTENCE_END) + "]")
_ENUMERATION = re.compile(r"(?:^|[\s。；;：:，,、])[0-9A-Za-z一二三四五六七八九十]{1,2}$")

UNIT_TITLE = re.compile(r"单位(?:预算|决算)")
# Official names and policy phrases in which 部门预算 is no self-description.
_OFFICIAL = r"(?!支出经济分类|经济分类|管理|公开|项目绩效|改革|制度)"
DEPT_TITLE = re.compile(r"部门\s*(?:[（(]单位[）)])?\s*(?:预算|决算)" + _OFFICIAL)
_DEPT_WORDING = re.compile(r"(?P<word>本部门|我部门|部门(?:预算|决算))(?!\s*[（(]单位)" + _OFFICIAL)
GLOSSARY = ("名词解释", "名词说明", "术语解释")


@dataclass(frozen=True, slots=True)
class Passage:
    """A section's heading and text as one string (a heading the reader cut short may go on
    in the text: （七）……情况说明（详 / 见表 7）), with the source line of each offset."""

    section: Section
    text: str
    title_length: int  # the heading's characters at the start of `text`

    def line(self, offset: int) -> int:
        if offset < self.title_length:
            return self.section.span.line
        return self.section.line_at(offset - self.title_length)

    def span(self, offset: int) -> Span:
        line = self.line(offset)
        return Span(self.section.span.path, line, line)


def passages(sections: Sequence[Section]) -> Iterator[Passage]:
    for section in sections:
        if section.title or section.text:
            yield Passage(section, section.title + section.text, len(section.title))


def stray_prose(doc: Disclosure) -> tuple[Section, ...]:
    """Sentences the table reader left inside a table's lines without making rows of them: a
    table that ran on over the narrative after it (其他相关情况说明 under the last table), or a
    note. Each run of such lines with a sentence end is one untitled section, so that the
    exact checks (placeholders, empty reasons) see the words the page prints."""
    found: list[Section] = []
    source = doc.source  # (doc.source_line(n), inlined: this runs over every table's lines)
    for table in doc.tables:
        used = {n for row in table.rows for n in range(row.span.line, row.span.end_line + 1)}
        run: list[int] = []
        last = table.span.end_line
        for n in range(table.span.line, last + 2):
            line = (
                source[n - 1].strip()
                if n <= last and n not in used and 0 < n <= len(source)
                else None
            )
            if line:
                run.append(n)
                continue
            if run:
                found.extend(_prose(doc, run))
            run = []
    return tuple(found)


def _stray(ctx: Context) -> tuple[Section, ...]:
    """`stray_prose` of the audited document, found once for the rules that read it."""
    return ctx.once("stray_prose", lambda: stray_prose(ctx.doc))


def _prose(doc: Disclosure, numbers: list[int]) -> Iterator[Section]:
    text = ""
    offsets = []
    source = doc.source  # (`doc.source_line(n)` inlined: the numbers are lines of its own)
    for n in numbers:
        offsets.append((len(text), n))
        text += source[n - 1].strip()
    if any(mark in text for mark in _SENTENCE_END):
        span = Span(doc.meta.path, numbers[0], numbers[-1])
        yield Section("", "", "", text, span, 0, tuple(offsets))


def excerpt(text: str, start: int, end: int, around: int = 8) -> str:
    """The words around a match, for quoting in a message."""
    left = max(0, start - around)
    right = min(len(text), end + around)
    return ("…" if left else "") + text[left:right] + ("…" if right < len(text) else "")


def glossary_parts(sections: Sequence[Section]) -> set[str]:
    """The parts that are a glossary (第三部分 名词解释): boilerplate definitions."""
    parts = set()
    for section in sections:
        lead = section.part and not section.number
        if lead and any(w in section.title or w in section.text[:20] for w in GLOSSARY):
            parts.add(section.part)
    return parts


@rule("text.comparison-year", Severity.WARNING)
def comparison_year(ctx: Context) -> Iterator[Check]:
    """A year-over-year comparison names the year before the fiscal year.

    与/比/较 2022 年相比 (增加, 减少, 持平 …) in a 2023 disclosure. Years in other contexts
    (截止2022年12月31日, 2022年期末, 〔2017〕98号, 从2018年起) are no comparisons. A 决算 may
    compare the year's outturn with the same year's 预算. Needs the fiscal year.
    """
    year = ctx.doc.meta.year
    if year is None:
        yield ctx.skip("the fiscal year is unknown")
        return
    for passage in passages(ctx.doc.sections):
        for match in _COMPARISON.finditer(passage.text):
            compared = int(match.group("year"))
            if compared == year - 1:
                yield ctx.ok()
                continue
            if (
                compared == year
                and ctx.doc.meta.kind is DocKind.FINAL
                and "预算" in match.group("tail")
            ):
                yield ctx.ok()  # 决算 against the same year's 预算
                continue
            quoted = excerpt(passage.text, match.start(), match.end())
            yield ctx.fail(
                f"“{quoted}”与 {compared} 年比较，但本文件是 {year} 年度"
                f"{ctx.doc.meta.kind or ''}，上年应为 {year - 1} 年。",
                ctx.at_section(passage.section, passage.span(match.start("year"))),
                stated=Decimal(compared),
                expected=Decimal(year - 1),
                suggestion=f"将 {compared} 年改为 {year - 1} 年，并核对与之比较的上年数。",
            )


@rule("text.placeholder", Severity.ERROR)
def placeholder(ctx: Context) -> Iterator[Check]:
    """No template placeholder is left in the text.

    XX, ××, xxx, a literal X before a unit (X万元, X%), 增加（减少）, 下降（增长）, empty
    【】 and ＿＿ blanks are the template's, to be replaced by the real words and figures. So
    is a unit with no figure before it (预算支出 万元, 增长%), and a note to whoever fills the
    template in, left in brackets: （请核实……）, （按“……表”中……填写）, （若无……则……）,
    （增加内容）. Sentences the table reader left inside a table's lines are read too.
    """
    for passage in passages(ctx.doc.sections + _stray(ctx)):
        held = set(passage.text)
        hits = sorted(
            (m.start(), m.end(), what)
            for (pattern, what), needed in zip(_PLACEHOLDERS, _NEEDED, strict=True)
            if not needed.isdisjoint(held)
            for m in pattern.finditer(passage.text)
        )
        if not hits:
            yield ctx.ok()
            continue
        last_end = -1
        for start, end, what in hits:
            if start < last_end:
                continue  # one placeholder matched by two patterns
            last_end = end
            found = passage.text[start:end]
            # a long note is quoted once; a short token with the words around it
            quoted = found if end - start > 16 else excerpt(passage.text, start, end)
            yield ctx.fail(
                f"“{quoted}”中留有模板占位符“{found}”，应填写{what}。"
                if quoted != found
                else f"留有模板占位符“{found}”，应填写{what}。",
                ctx.at_section(passage.section, passage.span(start)),
                suggestion=f"将“{found}”改为{what}。",
            )


@rule("text.empty-reason", Severity.ERROR)
def empty_reason(ctx: Context) -> Iterator[Check]:
    """An explanation is not left empty: 主要原因是。, 原因：。, 主要用于。 followed directly
    by the end of the sentence say nothing; the reason or the use must be written out.
    Sentences the table reader left inside a table's lines are read too."""
    for passage in passages(ctx.doc.sections + _stray(ctx)):
        text = passage.text
        # (every match names 原因 or 主要用于: a passage without them has none)
        found = list(_EMPTY_REASON.finditer(text)) if "原因" in text or "主要用于" in text else []
        if not found:
            yield ctx.ok()
            continue
        for match in found:
            words = match.group(0).strip()
            yield ctx.fail(
                f"“{excerpt(passage.text, match.start(), match.end(), 12)}”中“{words}”之后没有内容，"
                "应写明具体原因或用途。",
                ctx.at_section(passage.section, passage.span(match.start())),
            )


def _is_enumeration(text: str, at: int) -> bool:
    """`1）` `a)` opening a list item: a closing bracket with no opening one, by design."""
    return bool(_ENUMERATION.search(text[max(0, at - 3) : at]))


@dataclass(slots=True)
class _Open:
    offset: int
    char: str  # the opening bracket, full-width parentheses for both widths
    ends_passed: int = 0  # sentence ends passed while it was open


def unbalanced(text: str) -> list[tuple[int, str, str]]:
    """(offset, bracket as printed, its missing partner) for each bracket without a partner.

    A bracket opened in one sentence must close in it; one more sentence end is tolerated so
    that （注：……。详见……） is whole, but a bracket still open after that is reported where
    it opened.
    """
    problems: list[tuple[int, str, str]] = []
    stack: list[_Open] = []
    after = 0  # a run of sentence ends is one end: the marks before this are done
    for mark in _MARKS.finditer(text):  # only brackets and sentence ends matter
        i = mark.start()
        if i < after:
            continue
        ch = text[i]
        norm = _SAME.get(ch, ch)
        if norm in _PAIRS:
            stack.append(_Open(i, norm))
        elif norm in _CLOSERS:
            want = _CLOSERS[norm]
            depth = next((k for k in range(len(stack) - 1, -1, -1) if stack[k].char == want), None)
            if depth is None:
                if not (norm == "）" and _is_enumeration(text, i)):
                    problems.append((i, ch, want))
            else:
                problems.extend(
                    (o.offset, text[o.offset], _PAIRS[o.char]) for o in stack[depth + 1 :]
                )
                del stack[depth:]
        elif ch in _SENTENCE_END:
            while i + 1 < len(text) and text[i + 1] in _SENTENCE_END:
                i += 1
            # a sentence end followed by a closing bracket or quote belongs to it (“……。”)
            if not (i + 1 < len(text) and _SAME.get(text[i + 1], text[i + 1]) in _CLOSERS):
                for entry in stack:
                    entry.ends_passed += 1
                problems.extend(
                    (o.offset, text[o.offset], _PAIRS[o.char]) for o in stack if o.ends_passed >= 2
                )
                stack = [o for o in stack if o.ends_passed < 2]
            after = i + 1
    problems.extend((o.offset, text[o.offset], _PAIRS[o.char]) for o in stack)
    return sorted(problems)


@rule("text.punctuation", Severity.WARNING)
def punctuation(ctx: Context) -> Iterator[Check]:
    """Punctuation is whole: no doubled marks (。。 ，， ；； ，。 、、) and every bracket or
    quote opened in a sentence is closed in it (（ without ）, “ without ”, 《 without 》).
    Two marks printed side by side (增加144.81%，。) are an error; the rest are warnings.

    Lines are joined before checking, so a sentence broken across lines is one sentence;
    tables are not checked. A list marker such as 1） is no unbalanced bracket.
    """
    for passage in passages(ctx.doc.sections):
        text = passage.text
        # (offset, message, severity: None for the rule's, suggestion)
        problems: list[tuple[int, str, Severity | None, str | None]] = []
        for match in _DOUBLED.finditer(text):
            marks = re.sub(r"\s", "", match.group(0))
            # two marks side by side are printed so; a space between may be a join of lines
            adjacent = len(match.group(0)) == 2
            problems.append(
                (
                    match.start(),
                    f"“{excerpt(text, match.start(), match.end())}”中标点“{marks}”重复，应只保留一个。",
                    Severity.ERROR if adjacent else None,
                    f"删去“{marks}”中多余的一个标点。",
                )
            )
        for offset, char, partner in unbalanced(text):
            is_close = _SAME.get(char, char) in _CLOSERS
            side = "前面没有对应的" if is_close else "之后没有对应的"
            problems.append(
                (
                    offset,
                    f"“{excerpt(text, offset, offset + 1, 12)}”中的“{char}”{side}“{partner}”，"
                    "括号或引号不成对。",
                    None,
                    f"补上“{partner}”或删去多余的“{char}”。",
                )
            )
        if not problems:
            yield ctx.ok()
            continue
        for offset, message, severity, suggestion in sorted(problems, key=lambda p: p[:2]):
            yield ctx.fail(
                message,
                ctx.at_section(passage.section, passage.span(offset)),
                severity=severity,
                suggestion=suggestion,
            )


def heading_lines(ctx: Context) -> list[str]:
    """The lines a disclosure names itself in: section titles, and the short heading lines
    of each part's lead text and of any text before the first part."""
    doc = ctx.doc
    found = [s.title for s in doc.sections if s.title]
    for section in doc.sections:
        if section.number:
            continue
        for no in range(section.span.line, section.span.end_line + 1):
            line = doc.source_line(no)
            if line and len(line) <= 40 and line[-1] not in "，。；,;：:":
                found.append(line)
    if not doc.source:  # a disclosure built without its source: the lead texts as a whole
        found.extend(s.text[:40] for s in doc.sections if not s.number)
    return found


@rule("text.dept-wording", Severity.WARNING)
def dept_wording(ctx: Context) -> Iterator[Check]:
    """A 单位's own budget speaks of itself as 本单位, not 本部门 / 我部门 / 部门预算.

    The document is a 单位's when its headings say 单位预算 (单位预算公开, 单位预算情况说明)
    and none says 部门预算; when no heading says either, it cannot be decided and the check
    is skipped. Official names (部门预算支出经济分类科目, 部门预算管理) and the 名词解释 are
    not the document's own wording.
    """
    headings = heading_lines(ctx)
    says_unit = any(UNIT_TITLE.search(h) for h in headings)
    says_dept = any(DEPT_TITLE.search(h) for h in headings)
    if says_dept:
        yield ctx.ok()  # a 部门 disclosure: 部门 wording is its own
        return
    if not says_unit:
        yield ctx.skip("no heading says whether this is a 部门 or a 单位 budget")
        return
    glossary = glossary_parts(ctx.doc.sections)
    sections = [s for s in ctx.doc.sections if s.part not in glossary]
    kind = ctx.doc.meta.kind or DocKind.BUDGET
    for passage in passages(sections):
        found = [
            m
            for m in _DEPT_WORDING.finditer(passage.text)
            if not _inside_book_title(passage.text, m.start())
        ]
        if not found:
            yield ctx.ok()
            continue
        for match in found:
            word = match.group("word")
            better = word.replace("部门", "单位")
            yield ctx.fail(
                f"本文件是单位{kind.value}，“{excerpt(passage.text, match.start(), match.end())}”"
                f"却称“{word}”，应改为“{better}”。",
                ctx.at_section(passage.section, passage.span(match.start())),
                suggestion=f"将“{word}”改为“{better}”。",
            )


def _inside_book_title(text: str, at: int) -> bool:
    """Inside 《…》: the name of a document or table, quoted as it is."""
    return text.rfind("《", 0, at) > text.rfind("》", 0, at)
