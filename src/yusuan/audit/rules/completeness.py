"""Completeness: the template's tables are all there, an empty table is said to be empty,
and the 情况说明 explains every matter a disclosure must explain."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Sequence

from yusuan.audit.engine import Context, rule
from yusuan.audit.finding import Check, Location, Severity
from yusuan.audit.rules.text import GLOSSARY, glossary_parts
from yusuan.model import Section, Table
from yusuan.templates import TemplateSet, normalise_title, template_sets
from yusuan.templates.fit import Printed, document_fit, own_list, printed_titles, subject

_PROFILE = "概况"

# (topic as named in a finding, words any of which shows it is explained)
# Each matter, the words that name it, and the first fiscal year the rules asked for it (None:
# always). 国有资产占用 and 绩效目标 are required by 《地方预决算公开操作规程》 (财预〔2016〕143号),
# in force from the 2017 budgets; a document of an earlier year was not asked for them.
TOPICS: tuple[tuple[str, tuple[str, ...], int | None], ...] = (
    ("三公经费", ("三公",), None),
    ("机关运行经费", ("机关运行经费", "机关运行费"), None),
    ("政府采购", ("政府采购",), None),
    ("国有资产占用", ("国有资产", "资产占用"), 2017),
    # a 决算 reports on performance (绩效自评, 绩效评价) rather than setting 绩效目标, and
    # some budgets head it 预算绩效情况说明
    ("绩效目标", ("绩效目标", "预算绩效", "绩效管理", "绩效评价", "绩效自评"), 2017),
)

_TITLE_TAIL = re.compile(
    r"(?:预算)?(?:支出|收入|收支)?(?:预算)?(?:总体|汇总)?(?:情况|预算|明细)?表$"
)
_TITLE_HEAD = re.compile(r"^(?:本年|(?:省级|市级|区级|县级)?部门|预算单位|单位)+")
_NUMBERING = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|表\s*\d{1,2}\s*[.．、]?"
    r"|\d{1,2}\s*[.．、](?!\d))"
)
_SUBJECT_END = re.compile(r"预算|支出|收入|收支")
_GENERAL = "一般公共预算"
_SAYS_EMPTY = re.compile(
    r"(?<![\d.,])0(?:\.0+)?\s*(?:万元|元)|为零|为0|空表|为空|无此项|没有|未安排|未使用|不涉及|"
    r"无[^，。；,;]{0,20}?(?:支出|收入|安排|预算|拨款|经费|资金|项目|数据)"
)
_FIGURE = re.compile(r"\d\.\d{2}(?!\d)|\d{1,3}(?:,\d{3})+")
_HEADING = re.compile(
    r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d{1,2}[.．、](?!\d))"
)
_HEADER = re.compile(r"合计|总计|小计|单位[：:]|科目|金额|编码|万元")
_GLOSSARY_LINE = re.compile(
    r"(?:第[一二三四五六七八九十]+部分\s*|[一二三四五六七八九十]+、|\d{1,2}[.．、]\s*)?"
    r"(?:名词解释|名词说明|术语解释)\s*[：:]?"
)
_SENTENCE = re.compile(r"[^。；;！!？?]+[。；;！!？?]?")


def template_set(name: str | None) -> TemplateSet | None:
    for tset in template_sets():
        if tset.name == name:
            return tset
    return None


def _lead(sections: Sequence[Section], part: str) -> str:
    """A part's own heading words: its title and the start of its lead text."""
    return " ".join(s.title + s.text[:40] for s in sections if s.part == part and not s.number)


def narrative_sections(sections: Sequence[Section]) -> list[Section]:
    """The 情况说明: every section outside the 概况 and the 名词解释 parts."""
    profile = {
        s.part
        for s in sections
        if s.part
        and _PROFILE in _lead(sections, s.part)
        and "情况说明" not in _lead(sections, s.part)
    }
    left_out = profile | glossary_parts(sections)
    kept = [s for s in sections if s.part not in left_out]
    return kept or list(sections)


def _is_glossary(section: Section, glossary: set[str]) -> bool:
    return section.part in glossary or any(w in section.title for w in GLOSSARY)


@rule("completeness.table", Severity.ERROR)
def table(ctx: Context) -> Iterator[Check]:
    """Every table of the disclosure's set is published (预算01表 … 预算12表 for the provincial
    12-table set). A table with nothing to show is still published, marked empty.

    The set is the document's own list of its tables (目录, 公开表目录) where it prints one:
    each listed table must be printed. Otherwise it is the family's, asked only when the
    family fits the document's own titles well (`templates.fit`); a document whose tables no
    known family fits (another region's or year's set) gets one warning naming the closest
    family and what did not match, not a list of "missing" tables. A table that is missing
    from the reading but whose title the document prints is a reading problem (a warning).
    """
    if not ctx.doc.tables and ctx.doc.sections:
        # a narrative published apart from its tables (江苏 -text / -tables, 北京 附件1 / 附件2)
        yield ctx.fail(
            "本文件中未找到（或未能识别）任何预算表：若表格另行公开（如附件），请将两个文件一并读取"
            "（yusuan audit --as-one 说明文件 表格文件）；否则应补充公开全部预算表。",
            Location(path=ctx.doc.meta.path),
            suggestion="yusuan audit --as-one 说明.pdf 表格.pdf",
            severity=Severity.WARNING,
        )
        return
    tset = template_set(ctx.doc.meta.template)
    if tset is None:
        yield ctx.skip("the disclosure's template is unknown")
        return
    lines = ctx.doc.all_lines
    printed = printed_titles(lines)
    read = {t.key: t for t in ctx.doc.tables}
    # a table read where the document lists its tables is a contents entry, not the table
    main = (ctx.doc.meta.path or "").split(" + ")[0] or None
    in_list = {p.line + 1 for p in printed if p.listed}
    read_subjects = {
        subject(t.title)
        for t in ctx.doc.tables
        if not (t.span.line in in_list and t.span.path in (None, main))
    }
    body = {p.subject: p for p in reversed(printed) if not p.listed}
    listed = own_list(printed)
    if listed:
        yield from _against_own_list(ctx, listed, body, read_subjects)
        return
    fit, others = document_fit(lines, tset, [(t.key, t.title) for t in ctx.doc.tables])
    if not fit.good:
        near = max([fit, *others[:1]], key=lambda f: f.score)
        yield ctx.fail(
            f"本文件的表格未能确认属于已知的一套公开表（按{tset.title}读表：{fit.describe()}；"
            f"最接近：{near.title}），故不逐表检查缺表。",
            Location(path=ctx.doc.meta.path),
            suggestion="对照本地区本年度的公开表目录核对是否缺表。",
            severity=Severity.WARNING,
        )
        return
    for template in tset.tables:
        if template.variant:
            continue  # another form of a table asked for once
        if template.key in read:
            yield ctx.ok()
            continue
        if not template.required:
            continue
        title = template.titles[0] if template.titles else template.key
        name = f"{template.id}《{title}》" if template.id else f"《{title}》"
        seen = next((body[s] for s in map(subject, template.titles) if s in body), None)
        seen = seen or _printed_anywhere(lines, template.titles)
        if seen is not None:
            yield _unread(ctx, name, seen)
            continue
        yield ctx.fail(
            f"未找到{name}：{tset.title}要求公开此表。",
            Location(path=ctx.doc.meta.path, table=template.id or title),
            suggestion="补充公开此表；本年无数据的表也应公开，并注明为空表。",
        )


def _against_own_list(
    ctx: Context, listed: Sequence[Printed], body: dict[str, Printed], read: set[str]
) -> Iterator[Check]:
    """Each table the document's own list names is printed (read, or its title seen)."""
    lines = ctx.doc.all_lines
    in_list = {p.line for p in listed}
    for entry in listed:
        seen = body.get(entry.subject) or _printed_anywhere(lines, (entry.title,), in_list)
        if entry.subject in read:
            yield ctx.ok()
        elif seen is not None:
            yield _unread(ctx, f"《{entry.title}》", seen)
        else:
            yield ctx.fail(
                f"未找到《{entry.title}》：本文件的表格目录列有此表，正文中却没有。",
                Location(path=ctx.doc.meta.path, table=entry.title, line=_line(ctx, entry)),
                suggestion="补充公开此表；本年无数据的表也应公开，并注明为空表。",
            )


def _printed_anywhere(
    lines: Sequence[str], titles: Sequence[str], skip: Collection[int] = ()
) -> Printed | None:
    """Where one of `titles` (without year, numbering and owner words) is printed on a short
    line, or over two (a title broken in its cell), outside the lines `skip` (a contents
    list): a title the title scan missed (a unit or a note printed on its line)."""
    cores = {_TITLE_HEAD.sub("", normalise_title(_NUMBERING.sub("", t))) for t in titles}
    cores = {c for c in cores if len(c) >= 5}
    folded = [
        normalise_title(line) if len(line) <= 80 and "。" not in line else "" for line in lines
    ]
    for no, text in enumerate(folded):
        if no in skip or not text:
            continue
        pair = text + (folded[no + 1] if no + 1 < len(folded) else "")
        core = next((c for c in cores if c in pair), None)
        if core is not None and core[:2] in text:
            return Printed(no, core, None, None, subject(core))
    return None


def _line(ctx: Context, printed: Printed) -> int | None:
    """A title's 1-based line in the main file (None when it is in a file read with it)."""
    return printed.line + 1 if printed.line < len(ctx.doc.source) else None


def _unread(ctx: Context, name: str, seen: Printed) -> Check:
    """A table whose title is printed but which was not read: the reading's gap, said so."""
    return ctx.fail(
        f"{name}的标题印在第{seen.line + 1}行（“{seen.title}”），但未能读出此表，其数字未经核对。",
        Location(path=ctx.doc.meta.path, table=seen.title, line=_line(ctx, seen)),
        severity=Severity.WARNING,
    )


def subject_words(table: Table) -> str:
    """What a table is about: its title up to the first 预算 / 支出 / 收入, without year,
    numbering and owner words. 2023年政府性基金预算支出情况表 → 政府性基金; 2025年预算单位
    国有资本经营预算支出功能分类预算表 → 国有资本经营; 一般公共预算“三公”经费支出情况表 →
    三公经费; 一般公共预算支出情况表 → 一般公共预算; “三公”经费、会议费、培训费支出
    预算表 → 三公经费、会议费、培训费 (any part may be named)."""
    title = table.title
    if table.id and normalise_title(title) == normalise_title(table.id):
        # printed with its id only (公开08表): the template's title says what it is about
        tset = template_set(table.template)
        template = tset.by_key(table.key) if tset else None
        title = template.titles[0] if template and template.titles else title
    # 三公经费、会议费、培训费: keep the list's parts apart (normalising drops 、)
    title = re.sub(r"[、及和]", "|", _NUMBERING.sub("", title))
    title = _TITLE_HEAD.sub("", normalise_title(title))
    # 一般公共预算 is one name: its 预算 is no table word
    marked = title.replace(_GENERAL, "§")
    cut = _SUBJECT_END.search(marked, 1)
    core = marked[: cut.start()] if cut else _TITLE_TAIL.sub("", marked)
    if core != "§":
        core = core.replace("§", "")
    core = core.replace("§", _GENERAL)
    return "、".join(p for p in (core or title.removesuffix("表")).split("|") if p)


_FOLDED = re.compile(r"[\s“”\"'‘’「」]")


def _fold(text: str) -> str:
    return _FOLDED.sub("", text)


def _says_empty(text: str, subject: str) -> bool:
    """Whether a sentence names the subject (or one of its parts: 三公经费、会议费) and says
    there is nothing of it."""
    parts = subject.split("、")
    return any(
        any(p in sentence for p in parts) and _SAYS_EMPTY.search(sentence)
        for sentence in _SENTENCE.findall(_fold(text))
    )


def _table_lines(ctx: Context, t: Table) -> list[str]:
    """The source lines of a table after its title lines (blank ones left out)."""
    return ctx.once(f"table_lines:{id(t)}", lambda: _lines_of(ctx, t))


def _lines_of(ctx: Context, t: Table) -> list[str]:
    source = ctx.doc.source  # (`source_line`, inlined: a table's every line is asked)
    found = [
        source[no - 1].strip() if 0 < no <= len(source) else None
        for no in range(t.span.line, t.span.end_line + 1)
    ]
    lines = [line for line in found if line]
    title = _fold(t.title)  # (folded once, not once per line)
    title_at = next((i for i, line in enumerate(lines) if title in _fold(line)), 0)
    return lines[title_at + 1 :]


def _prose_in_tables(ctx: Context) -> str:
    """Sentences printed inside table regions: notes under a table (注：本表为空表。), or
    narrative the reader took in with the last table. Table cells never end with 。"""
    prose = [
        line
        for t in ctx.doc.tables
        for line in _table_lines(ctx, t)
        if line.endswith("。") or line.startswith(("注", "备注", "说明"))
    ]
    return "。".join(prose)


def _not_really_empty(lines: Sequence[str]) -> str | None:
    """Why a table read as empty may not be: its lines hold figures the reader could not
    place, or it is a table-of-contents entry (no header or 合计 line follows its title)."""
    if any(_FIGURE.search(line) for line in lines):
        return "the table reads empty but its lines hold figures the reader could not place"
    if not any(_HEADER.search(line) and not line.endswith("表") for line in lines):
        return "an empty table without a header or 合计 line: a table-of-contents entry"
    return None


@rule("completeness.empty-table", Severity.WARNING)
def empty_table(ctx: Context) -> Iterator[Check]:
    """An empty table is explained: the narrative (or a note printed with the table) says
    there is nothing to show, in a sentence naming the table's subject — 政府性基金预算支出
    0万元, 本年无国有资本经营预算支出, 此表为空表.

    A table that reads empty while its lines hold figures, or whose title no header or 合计
    line follows (a table-of-contents entry), is skipped: that is a reading problem.
    """
    if not ctx.doc.tables:
        yield ctx.skip("no tables were read")
        return
    glossary = glossary_parts(ctx.doc.sections)
    sections = [s for s in ctx.doc.sections if not _is_glossary(s, glossary)]
    in_tables = _prose_in_tables(ctx)
    for t in ctx.doc.tables:
        if not t.is_empty or any(row.text for row in t.rows):
            continue
        doubt = _not_really_empty(_table_lines(ctx, t))
        if doubt:
            yield ctx.skip(doubt)
            continue
        subject = subject_words(t)
        said = any(_says_empty(s.title + "。" + s.text, subject) for s in sections)
        if said or _says_empty(in_tables, subject):
            yield ctx.ok()
            continue
        yield ctx.fail(
            f"{t.id or t.title}为空表，但情况说明没有说明本年无{subject}相关收支。",
            ctx.at_table(t),
            suggestion=f"在情况说明中写明“本年度无{subject}……，故{t.id or '此表'}为空表”。",
        )


def _headings_in_tables(ctx: Context) -> str:
    """Numbered headings printed inside table regions (一、2024年“三公”经费预算情况说明):
    narrative the reader took in with the last table. Table titles end with 表 and table
    rows carry figures, so neither counts."""
    return "".join(
        line
        for t in ctx.doc.tables
        for line in _table_lines(ctx, t)
        if _HEADING.match(line)
        and len(line) <= 40
        and not line.endswith("表")
        and not _FIGURE.search(line)
    )


def _glossary_heading(ctx: Context) -> bool:
    """A line that is the 名词解释 heading (三、名词解释, 第三部分 名词解释) where the reader
    did not make it a section: inside a table region, or run into another section's text.
    A table-of-contents line (名词解释 …… 5) is no heading."""
    return any(_GLOSSARY_LINE.fullmatch(line.strip()) for line in ctx.doc.source if "解释" in line)


@rule("completeness.explanation", Severity.ERROR)
def explanation(ctx: Context) -> Iterator[Check]:
    """The 情况说明 explains each required matter: 三公经费, 机关运行经费, 政府采购,
    国有资产占用, 绩效目标; and the disclosure has a 名词解释.

    A matter counts as explained when a heading or a sentence of the 情况说明 names it (绩效
    also as 预算绩效 / 绩效管理 / 绩效评价, 国有资产占用 as 国有资产); the 概况 and the 名词解释
    do not count (a definition of 三公经费 explains no budget of it). A numbered heading the
    reader left inside a table region (一、“三公”经费预算情况说明) counts. A file without
    narrative prose (only a cover and the list of tables: the 情况说明 published apart) is
    skipped; read both files with `--as-one`. 国有资产占用 and 绩效目标 are asked for from
    fiscal 2017 (财预〔2016〕143号); an earlier document is not checked for them.
    """
    sections = ctx.doc.sections
    if not sections:
        yield ctx.skip("the disclosure has no narrative")
        return
    narrative = narrative_sections(sections)
    if not any("。" in s.text for s in sections):
        # Only titles (a cover, a list of tables): the 情况说明 is published in another file,
        # and what it explains cannot be told from this one.
        yield ctx.skip("the file has no narrative prose (its 情况说明 may be a separate file)")
        return
    text = _fold("".join(s.title + s.text for s in narrative) + _headings_in_tables(ctx))
    where = ctx.at_section(narrative[0]) if narrative else Location(path=ctx.doc.meta.path)
    year = ctx.doc.meta.year
    for topic, words, since in TOPICS:
        if since is not None and year is not None and year < since:
            yield ctx.skip(f"{topic} explanations are required from fiscal {since}")
            continue
        if any(w in text for w in words):
            yield ctx.ok()
            continue
        yield ctx.fail(
            f"情况说明没有关于{topic}的说明。",
            where,
            suggestion=f"在“其他重要事项的情况说明”中增加{topic}情况；无此事项也应写明。",
        )
    glossary = glossary_parts(sections)
    if any(_is_glossary(s, glossary) for s in sections) or _glossary_heading(ctx):
        yield ctx.ok()
    else:
        yield ctx.fail(
            "公开内容缺少名词解释部分。",
            Location(path=ctx.doc.meta.path),
            suggestion="增加“名词解释”部分，解释财政拨款收入、基本支出、项目支出、“三公”经费等用语。",
        )
