"""The reader for text extracted from a PDF: cells flattened, blanks gone, names broken."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from yusuan.errors import InputError, reader_boundary
from yusuan.model import (
    Diagnostic,
    Disclosure,
    DocKind,
    Level,
    Meta,
    MoneyUnit,
    Placement,
    RowKind,
    Section,
    Span,
    Table,
)
from yusuan.read import narrative
from yusuan.read.derive import derive
from yusuan.read.placement import Budget, Found
from yusuan.read.rowplace import Memo
from yusuan.read.rows import Context
from yusuan.read.source import split_lines
from yusuan.read.tables import (
    Draft,
    Region,
    TextIndex,
    assemble,
    draft_table,
    find_regions,
    identity_score,
    needs_evidence,
    solve_draft,
    title_key,
)
from yusuan.read.tokens import AMOUNT_IN_TEXT
from yusuan.templates import TemplateSet, template_sets
from yusuan.templates.fit import family_diagnostic

# Tables whose rows tell the others which codes are units: read first.
_FIRST = ("income",)


# A set whose titles match at least this share of the best set's is read too, and the
# identities decide between them.
CLOSE_ENOUGH = 0.6
MAX_CANDIDATES = 3


def _title_score(regions: list[Region]) -> int:
    """Tables found by their title count most; a printed id confirms one; an id alone (公开01表
    is printed by several families) counts little."""
    titled = {r.template.key for r in regions if r.title != r.printed_id}
    ids = sum(1 for r in regions if r.printed_id and r.title != r.printed_id)
    alone = sum(1 for r in regions if r.title == r.printed_id)
    return len(titled) * 2 + ids + alone


def _doc_kind(lines: Sequence[str]) -> DocKind | None:
    """预算 or 决算, by the words the document's own short lines (titles, headings) use."""
    budget = final = 0
    for line in lines:
        if len(line) <= 40:
            budget += "预算" in line and "决算" not in line
            final += "决算" in line
    if not budget and not final:
        return None
    return DocKind.FINAL if final > budget else DocKind.BUDGET


def _candidates(lines: Sequence[str]) -> list[tuple[TemplateSet, list[Region]]]:
    scored = []
    index = TextIndex.of(lines)
    kind = _doc_kind(index.stripped)
    for tset in template_sets():
        regions = find_regions(lines, tset, index)
        if regions:
            score = _title_score(regions)
            if kind is not None and tset.doc_kind is not kind:
                score //= 2  # a 决算 set reading a 预算 document, or the reverse
            scored.append((score, tset, regions))
    if not scored:
        return []
    scored.sort(key=lambda x: -x[0])
    best = scored[0][0]
    return [(t, r) for score, t, r in scored[:MAX_CANDIDATES] if score >= best * CLOSE_ENOUGH]


@dataclass
class _Reading:
    tset: TemplateSet
    regions: list[Region]
    drafts: dict[str, Draft]
    ctx: Context
    diagnostics: list[Diagnostic]

    @property
    def quality(self) -> tuple[float, int, int, int]:
        """How well this family fits: the smallest share of identities broken (a template
        that does not fit a table breaks most of its identities), then printed ids that
        confirm their titles, then identities that hold, then tables read."""
        held = failed = 0
        for draft in self.drafts.values():
            h, f = identity_score(draft)
            held += h
            failed += f
        broken = round(failed / (held + failed), 2) if held + failed else 0.0
        confirmed = sum(1 for r in self.regions if r.printed_id and r.title != r.printed_id)
        return -broken, confirmed, held - 2 * failed, len(self.drafts)


def _read_tables(
    lines: Sequence[str],
    tset: TemplateSet,
    regions: list[Region],
    path: str | None,
    run_on: frozenset[int] = frozenset(),
) -> _Reading:
    ctx = Context()
    ordered = sorted(regions, key=lambda r: (r.template.key not in _FIRST, r.start))
    drafts: dict[str, Draft] = {}
    diagnostics: list[Diagnostic] = []
    memo: Memo = {}
    searches: dict[tuple[object, ...], Found] = {}
    budget = Budget()
    for region in ordered:
        draft = draft_table(region, lines, ctx, path, memo, searches, budget)
        if not draft.rows and any(
            i in run_on and AMOUNT_IN_TEXT.search(lines[i])
            for i in range(region.title_end + 1, region.end)
        ):
            # Its page was run into one line of header and figures and no row was read from
            # it: an empty table would state zeros the page does not; the title stays found.
            diagnostics.append(
                Diagnostic(
                    "parse.unread-table",
                    f"{region.title}: its lines print figures but no row was read from them; "
                    "the table is left unread",
                    Span(path, region.start + 1, region.end),
                    region.template.key,
                    Level.WARNING,
                )
            )
            continue
        earlier = drafts.get(region.template.key)
        if earlier is not None:
            # The same table twice: a contents page, a title quoted in the text, or a repeat.
            # Keep the reading with more figures; say which was left aside.
            keep, drop = (earlier, draft) if _cells(earlier) >= _cells(draft) else (draft, earlier)
            diagnostics.append(
                Diagnostic(
                    "parse.duplicate-table",
                    f"{drop.region.title} appears twice; the one at line "
                    f"{keep.region.start + 1} is read, the one at line {drop.region.start + 1} not",
                    Span(path, drop.region.start + 1, drop.region.end),
                    region.template.key,
                    Level.WARNING,
                )
            )
            if keep is earlier:
                continue
        solve_draft(draft)
        drafts[region.template.key] = draft
        if region.template.key in _FIRST:
            for row in draft.rows:
                if row.kind is RowKind.UNIT:
                    if row.code:
                        ctx.unit_codes.add(row.code)
                    ctx.unit_names.append(row.joined_name())
    if ctx.department:
        ctx.unit_names.append(ctx.department)
    for draft in drafts.values():
        if needs_evidence(draft):
            solve_draft(draft, drafts)
    return _Reading(tset, regions, drafts, ctx, diagnostics)


def _with_derived(
    tables: tuple[Table, ...], tset: TemplateSet, year: int | None
) -> tuple[Table, ...]:
    """The tables, each followed by the standard tables the family builds from its rows."""
    out: list[Table] = []
    for table in tables:
        out.append(table)
        for template in tset.tables:
            if template.derived is not None and template.derived.source == table.key:
                derived = derive(template, table, year)
                if derived is not None:
                    out.append(derived)
    return tuple(out)


@reader_boundary
def read_text(text: str, path: str | None = None, encoding: str | None = None) -> Disclosure:
    """Read a disclosure from flattened text. Raises InputError when it is not one."""
    lines, run_on = split_titles_run_on(split_lines(text))
    readings = [_read_tables(lines, t, r, path, run_on) for t, r in _candidates(lines)]
    # (one reading is chosen without weighing it: its quality checks every identity again)
    chosen = (
        (readings[0] if len(readings) == 1 else max(readings, key=lambda r: r.quality))
        if readings
        else None
    )
    regions: list[Region] = chosen.regions if chosen else []
    tset = chosen.tset if chosen else None
    in_table = {i for r in regions for i in range(r.start, r.end)}
    sections = narrative.read_sections(lines, in_table, path)
    if not regions and not any(s.part for s in sections) and not _narrative_only(sections):
        raise InputError("no disclosure tables or parts (第一部分 …) found: not a disclosure", path)
    drafts = chosen.drafts if chosen else {}
    ctx = chosen.ctx if chosen else Context()
    diagnostics = chosen.diagnostics if chosen else []
    set_name = tset.name if tset else None
    tables = tuple(
        assemble(d, path, set_name or "")
        for d in sorted(drafts.values(), key=lambda d: d.region.start)
    )
    titles = [r.title for r in regions]
    narrative_lines = [ln for i, ln in enumerate(lines) if i not in in_table]
    year = narrative.guess_year(titles, narrative_lines)
    if tset is not None:
        tables = _with_derived(tables, tset, year)
        # how well the family fits the document's own titles (issue #10: say when none does)
        diagnostics.append(family_diagnostic(lines, tset, [(t.key, t.title) for t in tables]))
    for table in tables:
        for note in table.notes:
            diagnostics.append(
                Diagnostic("parse.table-note", note, table.span, table.key, Level.WARNING)
            )
        for placed in table.rows:
            if placed.placement is Placement.PRIOR and placed.alternatives > 1:
                diagnostics.append(
                    Diagnostic(
                        "parse.ambiguous",
                        f"{placed.label}: {placed.alternatives} placements satisfy every identity; "
                        "the most likely one was taken",
                        placed.span,
                        table.key,
                        Level.WARNING,
                    )
                )
            elif placed.placement is Placement.UNSATISFIED:
                diagnostics.append(
                    Diagnostic(
                        "parse.unsatisfied",
                        f"{placed.label}: no placement of its figures satisfies its identities",
                        placed.span,
                        table.key,
                        Level.WARNING,
                    )
                )
    for draft in drafts.values():
        for line in draft.stray:
            diagnostics.append(
                Diagnostic(
                    "parse.unread-line",
                    f"line not attached to any row: {line.text.strip()[:60]}",
                    Span(path, line.no, line.no),
                    draft.template.key,
                )
            )
    income = drafts.get("income")
    unit_rows = [r for r in income.rows if r.kind is RowKind.UNIT and r.code] if income else []
    codes = [r.code or "" for r in unit_rows]
    dept_code = min(codes, key=len) if codes else None
    meta = Meta(
        path=path,
        department=ctx.department or _department_from_text(narrative_lines),
        department_code=dept_code,
        unit_codes=tuple(c for c in codes if c != dept_code) or tuple(codes),
        year=year,
        kind=narrative.guess_kind(titles, narrative_lines) or (tset.doc_kind if tset else None),
        unit=_main_unit(drafts),
        template=set_name,
        encoding=encoding,
    )
    profile = narrative.read_profile(sections, lines)
    return Disclosure(meta, profile, sections, tables, tuple(diagnostics), tuple(lines))


# What a table's title is followed by on its page: the department (预算单位：…) or the money unit.
_AFTER_TITLE = re.compile(r"\s+(?=(?:预算单位|编制单位|部门|单位)\s*[：:])")
# The money unit that closes the line under a title (预算单位：某局 单位：万元).
_UNIT_STATED = re.compile(r"单位\s*[：:]\s*(?:亿元|万元|千元|元)\s+")


def split_titles_run_on(lines: list[str]) -> tuple[list[str], frozenset[int]]:
    """Lines with a table's title broken off the text run on after it: a text layer may give a
    whole page as one line (`收入总表(预算表 2) 预算单位：某局 单位：万元 部门（单位）代码 …`), and
    a title is only found on a line of its own, so the table would be lost and its page read as
    rows of the table before. Split only where what precedes the department or unit statement
    is a title as a whole; the line under it ends at its money unit, as printed. Returns the
    lines and which of them are the rest of a page run on after its title."""
    out: list[str] = []
    run_on: set[int] = set()
    for line in lines:
        cut = _AFTER_TITLE.search(line) if ":" in line or "：" in line else None
        if cut is None or title_key(line[: cut.start()]) is None:
            out.append(line)
            continue
        out.append(line[: cut.start()])
        rest = line[cut.end() :]
        unit = _UNIT_STATED.search(rest)
        if unit is not None and rest[unit.end() :].strip():
            out.append(rest[: unit.end()].rstrip())
            rest = rest[unit.end() :]
        run_on.add(len(out))
        out.append(rest)
    return out, frozenset(run_on)


# A disclosure whose tables were published apart (as images, in another file) is still its
# narrative: numbered headings that name what a disclosure explains.
_NARRATIVE_TITLE = re.compile(r"预算|决算|三公|收支|名词解释")


def _narrative_only(sections: Sequence[Section]) -> bool:
    return sum(1 for s in sections if s.number and _NARRATIVE_TITLE.search(s.title)) >= 2


def _cells(draft: Draft) -> int:
    return sum(len(row.values) for row in draft.rows)


def _main_unit(drafts: dict[str, Draft]) -> MoneyUnit:
    votes = Counter(d.unit for d in drafts.values())
    return votes.most_common(1)[0][0] if votes else MoneyUnit.WAN


# A title naming the department: `福州市医疗保障局 2026 年度部门预算`, `2026 年度无锡市统计局部门预算
# 公开`, `第二部分 江苏省高级人民法院 2017 年度部门预算表` — the whole line, so that a sentence about the
# budget (`…部门预算包括：`) is none. On a cover the name may stand on the lines above
# (`2026 年度` / `福州市医疗保障局` / `部门预算`).
_DEPT_TITLE = re.compile(
    r"(?:20\d{2}\s*年度?)?\s*部门(?:综合)?(?:预算|决算)(?:公开|情况说明|表)?\s*$"
)
_PART_HEADING = re.compile(r"^\s*第[一二三四五六七八九十\d]+部分")
_YEARS = re.compile(r"^(?:20\d{2}年度?)+|(?:20\d{2}年度?)+$")
# What no department's name holds: figures, sentence punctuation, the words of a sentence or
# of a heading (a part heading, 目录, 概况 …).
_NOT_A_NAME = re.compile(
    r"[\d０-９,.;:!?，。；：、！？…·“”\"'《》]|部分|部门|目录|概况|说明|关于|纳入|包括|根据|按照|本单位|我单位"
)
# How many lines above a bare `部门预算` the cover may break the name over.
_COVER_LINES = 2


def _as_name(text: str) -> str | None:
    """`text` as a department's name (spaces and a year before or after it dropped), or None
    when it cannot be one."""
    name = _YEARS.sub("", re.sub(r"\s+", "", text))
    if not 3 <= len(name) <= 40 or _NOT_A_NAME.search(name):
        return None
    return name


def _department_from_text(lines: Sequence[str]) -> str | None:
    """The department's name from the title of the document or of a part; None when no title
    names it. A name broken over the cover's lines is joined as far up as the text elsewhere
    prints it whole (a line above may be anything: 附件, an issuer …)."""
    head = list(lines[:400])
    printed: str | None = None
    for index, line in enumerate(head):
        title = _DEPT_TITLE.search(line)
        if title is None:
            continue
        before = line[: title.start()]
        heading = _PART_HEADING.match(before)
        if heading is not None:
            before = before[heading.end() :]
        if _YEARS.sub("", re.sub(r"\s+", "", before)):
            name = _as_name(before)
            if name is not None:
                return name
            continue
        if heading is not None:
            continue  # `第二部分 2026 年度部门预算表`: the part names no department
        above = [ln for ln in head[max(0, index - 2 * _COVER_LINES) : index] if ln.strip()]
        candidates = [
            name
            for n in range(1, min(_COVER_LINES, len(above)) + 1)
            if (name := _as_name("".join(above[-n:]))) is not None
        ]
        if not candidates:
            continue
        if printed is None:
            printed = re.sub(r"\s+", "", "".join(lines))
        confirmed = [c for c in candidates if printed.count(c) >= 2]
        return confirmed[-1] if confirmed else candidates[0]
    return None
