"""How well a template family fits a document, judged by the document's own table titles.

A family is chosen by the tables its titles find; a document of a region no family describes
is still read by the closest one, and then the family's list of tables says nothing about what
the document should hold. So the fit is measured on what the document prints, apart from any
family: the titles of its tables (and their printed ids: 预算01表, 公开表3, 表一), each reduced
to its subject by content words (三公, 政府性基金, 一般公共预算 + 基本支出 …, `data/subjects.csv`)
rather than by one family's wording. A family fits well when it recognises the document's
tables, finds most of its own among them, and numbers them as the document does.

A document may also print its own list of tables (目录, 公开表目录): `own_list` finds it, and
then that list says what the document must hold.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from yusuan.model import Diagnostic, Level
from yusuan.templates import TemplateSet, normalise_title, template_sets

# A good fit: the family recognises this share of the document's tables, finds this share of
# its own required tables among them, and (where both print ids) numbers this share alike.
# The mean of the shares must reach SCORE too: one share at its floor is not enough.
DOC_SHARE = 0.75
FAMILY_SHARE = 0.75
ID_SHARE = 0.5
UNNUMBERED_SHARE = 0.85
SCORE = 0.8

# A printed id before a title (预算01表, 公开 03 表, 公开表3, 预算表 8, 表一, 表 7, 附表2) and
# a contents line's enumeration (1、 一、 （二）).
_ID = re.compile(
    r"^(?:(?:附|预算|公开|部门预算公开)?表\s*(?P<a>[0-9一二三四五六七八九十]{1,3})"
    r"|(?:预算|公开)\s*(?P<b>\d{1,2})\s*表)\s*[:：.．、]?"
)
# An id printed in brackets after the title: 收入总表(预算表 2), 支出总表（预算表 3）.
_ID_AFTER = re.compile(r"\s*[（(]\s*(?:附|预算|公开|部门预算公开)?表\s*(?P<a>\d{1,2})\s*[）)]$")
_ENUMERATION = re.compile(
    r"^(?:\d{1,2}\s*[、.．](?:(?=20\d{2})|(?!\d))|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)])"
)
# A contents line ends with leaders and a page number: 收支总表 ……… 12
_LEADERS = re.compile(r"[\s.…·．-]*\d{0,3}\s*$")
_SENTENCE = re.compile(r"[。；，,;]")
_TITLE_END = re.compile(r"表(?:[（(][^）)]*[）)])?$")
_LEFT_OUT = re.compile(r"[-－—]?不含[^表]*")
_YEAR = re.compile(r"20\d{2}\s*年度?")
_CN = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
# How far above a run of titles the 目录 heading may stand, and the shortest run that is a list.
_CONTENTS_REACH, _LIST_RUN = 30, 5


@dataclass(frozen=True, slots=True)
class Printed:
    """A table title the document prints: where (0-based line), as printed, its printed id's
    number (None without one), its subject, and whether it is an entry of the document's own
    list of tables rather than a table's heading."""

    line: int
    title: str
    number: int | None
    id_text: str | None
    subject: str
    listed: bool = False


@cache
def _markers() -> tuple[tuple[str, str, bool], ...]:
    path = resources.files("yusuan.templates") / "data" / "subjects.csv"
    rows = csv.DictReader(path.read_text("utf-8").splitlines())
    return tuple((r["word"], r["marker"], r["kind"] == "strong") for r in rows)


@cache
def subject(title: str) -> str:
    """What a table title is about, by its content words: the first strong one (三公, 政府采购,
    政府性基金, 整体绩效 …), else the set of the others (一般公共预算+基本支出, 财政拨款+收支+总).
    '' when the title names none. 部门收支总表 and 2025年部门收支总体情况表 are both 收支+总."""
    # a qualifier saying what is left out (不含上年结转) names no subject
    text = _LEFT_OUT.sub("", normalise_title(title))
    weak: list[str] = []
    for word, marker, strong in _markers():
        if word not in text:
            continue
        if strong:
            return marker
        if marker:  # an empty marker only consumes its words (功能分类: a 支出表's default)
            weak.append(marker)
        text = text.replace(word, "|")
    if "基本支出" in weak and "经济分类" in weak:
        weak.remove("经济分类")  # basic spending is shown by economic class anyway
    return "+".join(sorted(set(weak)))


def _number(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    if not text or any(ch not in _CN and ch != "十" for ch in text):
        return None
    if "十" not in text:
        return _CN[text] if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    return _CN.get(tens, 1) * 10 + (_CN.get(ones, 0) if ones else 0)


def _title_of(line: str) -> tuple[str, str | None, int | None] | None:
    """A line as a table title: (title, printed id, its number), or None when it is none."""
    text = line.strip()
    if not text or len(text) > 60 or "表" not in text or _SENTENCE.search(text):
        return None
    if "《" in text:  # a title quoted in a sentence
        return None
    text = _LEADERS.sub("", text) if not text.endswith("表") else text
    id_text: str | None = None
    number: int | None = None
    match = _ID.match(text)
    after = _ID_AFTER.search(text)
    if after is not None and after.start() >= 4 and not match:
        id_text = after.group(0).strip()
        number = _number(after.group("a"))
        text = _ENUMERATION.sub("", text[: after.start()]).strip()
    elif match and match.end() < len(text):
        id_text = match.group(0).strip()
        number = _number(match.group("a") or match.group("b") or "")
        text = text[match.end() :].strip()
    else:
        text = _ENUMERATION.sub("", text).strip()
    # 财政拨款支出表（功能科目）: a title may end in a bracketed qualifier; a heading that
    # points at tables (收入预算情况说明（详见表 1-3）) is none, nor a row ending in an id
    if not _TITLE_END.search(text) or len(text) < 4 or "说明" in text:
        return None
    if re.search(r"\d", _YEAR.sub("", text)):
        return None
    return text, id_text, number


def printed_titles(lines: Sequence[str]) -> list[Printed]:
    """Every table title the document prints, its own list's entries marked `listed`. An id
    alone on a line gives the title under it its number; a title broken before its last
    characters (…支出预 / 算表) is joined."""
    # the reading, completeness.table and the reliability demotion each ask of the same lines
    return list(_printed_titles(tuple(lines)))


@lru_cache(maxsize=4)
def _printed_titles(lines: tuple[str, ...]) -> tuple[Printed, ...]:
    return tuple(_scan_titles(lines))


def _scan_titles(lines: Sequence[str]) -> list[Printed]:
    found: list[Printed] = []
    pending: tuple[str, int | None] | None = None
    stripped = [line.strip() for line in lines]
    joined = -1  # a line already taken as a broken title's end
    for i, text in enumerate(stripped):
        if not text or i == joined:
            continue
        alone = _ID.fullmatch(text)
        if alone:
            number = _number(alone.group("a") or alone.group("b") or "")
            if _id_follows(found, stripped, i):
                # 收入支出决算总表 / 公开01表: the id printed under its title
                last = found[-1]
                found[-1] = Printed(last.line, last.title, number, text, last.subject)
            else:
                pending = (text, number)
            continue
        at = next((j for j in range(i + 1, min(i + 3, len(stripped))) if stripped[j]), None)
        nxt = stripped[at] if at is not None else ""
        if _broken(text, nxt):
            text += nxt  # a title broken over two lines
            joined = at if at is not None else -1
        title = _title_of(text)
        if title is not None:
            name, id_text, number = title
            if id_text is None and pending is not None:
                id_text, number = pending
            topic = subject(name)
            if topic:
                found.append(Printed(i, name, number, id_text, topic))
        pending = None
    return _mark_lists(found, stripped)


def _broken(text: str, nxt: str) -> bool:
    """Whether `text` is a title's beginning whose last characters went to the next line
    (…会议费、培训费 / 支出预算表): it names a subject itself (a header or a row before a
    short title does not), and the next line is a short end of a title, not an id."""
    return (
        not text.endswith("表")
        and len(nxt) <= 6
        and nxt.endswith("表")
        and "表" not in nxt[:-1]
        and _ID.fullmatch(nxt) is None
        and bool(subject(text))
    )


def _id_follows(found: Sequence[Printed], stripped: Sequence[str], at: int) -> bool:
    """Whether the id alone on line `at` belongs to the title just above it (which has none)
    rather than to a title under it."""
    if not found or found[-1].id_text is not None:
        return False
    above = next((j for j in range(at - 1, -1, -1) if stripped[j]), None)
    below = next((s for s in stripped[at + 1 :] if s), "")
    return above == found[-1].line and _title_of(below) is None


def _mark_lists(found: list[Printed], stripped: Sequence[str]) -> list[Printed]:
    """Mark the entries of a contents list: a run of at least five titles on consecutive
    (non-blank) lines under a 目录 heading. A table's heading is followed by its header and
    rows, so titles that follow one another are a list."""
    nonblank = [i for i, s in enumerate(stripped) if s]
    rank = {line: k for k, line in enumerate(nonblank)}
    runs: list[list[int]] = []
    for k, p in enumerate(found):
        # a list names each table once: a title repeating one of the run is the first
        # table's heading, printed right under the list
        named = {found[j].subject for j in runs[-1]} if runs else set()
        if k and rank[p.line] - rank[found[k - 1].line] <= 2 and p.subject not in named:
            runs[-1].append(k)
        else:
            runs.append([k])
    marked = list(found)
    for run in runs:
        if len(run) < _LIST_RUN:
            continue
        first = rank[found[run[0]].line]
        above = nonblank[max(0, first - _CONTENTS_REACH) : first]
        if any("目录" in re.sub(r"\s", "", stripped[j]) for j in above):
            for k in run:
                p = found[k]
                marked[k] = Printed(p.line, p.title, p.number, p.id_text, p.subject, True)
    return marked


def own_list(printed: Sequence[Printed]) -> list[Printed]:
    """The document's own list of its tables (one entry a subject), or [] when it prints none."""
    return _one_per_subject(p for p in printed if p.listed)


@dataclass(frozen=True, slots=True)
class Fit:
    """How one family fits: the document's table subjects it recognises and not, its own
    required tables found and not (by title), and its ids agreeing with the printed ones."""

    family: str
    title: str
    recognised: tuple[str, ...]
    unrecognised: tuple[str, ...]  # printed titles (one per subject) the family has no table for
    found: tuple[str, ...]  # family table keys found
    missing: tuple[str, ...]  # family required table titles not found
    ids_agree: int
    ids_printed: int  # printed ids the family's numbering is measured on (0: not measured)

    @property
    def doc_share(self) -> float:
        total = len(self.recognised) + len(self.unrecognised)
        return len(self.recognised) / total if total else 0.0

    @property
    def family_share(self) -> float:
        total = len(self.found) + len(self.missing)
        return len(self.found) / total if total else 0.0

    @property
    def id_share(self) -> float | None:
        return self.ids_agree / self.ids_printed if self.ids_printed else None

    @property
    def good(self) -> bool:
        ids = self.id_share
        # without printed ids to show where the numbering has gaps, the family is trusted
        # only when nearly all its tables are there
        floor = FAMILY_SHARE if ids is not None else UNNUMBERED_SHARE
        return (
            self.doc_share >= DOC_SHARE
            and self.family_share >= floor
            and (ids is None or ids >= ID_SHARE)
            and self.score >= SCORE
        )

    @property
    def tables_its_own(self) -> bool:
        """The document's tables are this family's (recognised, numbered as it numbers them),
        however many of its tables are missing: a part of one of its disclosures, whose columns
        stand in its order. Titles alone do not show it: another region's set shares them."""
        ids = self.id_share
        return self.doc_share >= DOC_SHARE and ids is not None and ids >= ID_SHARE

    @property
    def score(self) -> float:
        shares = [self.doc_share, self.family_share]
        if self.id_share is not None:
            shares.append(self.id_share)
        return sum(shares) / len(shares)

    def describe(self) -> str:
        """One line: the shares, then what did not match."""
        parts = [
            f"认出文件的表 {len(self.recognised)}/{len(self.recognised) + len(self.unrecognised)}",
            f"找到本套表 {len(self.found)}/{len(self.found) + len(self.missing)}",
        ]
        if self.ids_printed:
            parts.append(f"表号相符 {self.ids_agree}/{self.ids_printed}")
        text = "，".join(parts)
        if self.unrecognised:
            text += "；本套表没有：" + "、".join(self.unrecognised)
        if self.missing:
            text += "；文件中未见：" + "、".join(self.missing)
        return text


def _template_number(tset: TemplateSet, id_text: str | None) -> int | None:
    """The number of a family's table id: by the family's id pattern, or, for a family that
    declares ids it does not search by (表1 … in 陕西's set), as any printed id reads."""
    if not id_text:
        return None
    match = tset.id_pattern.search(id_text)
    if match and match.groups():
        return _number(match.group(1))
    alone = _ID.fullmatch(id_text.strip())
    return _number(alone.group("a") or alone.group("b") or "") if alone else None


def family_fit(
    printed: Sequence[Printed], tset: TemplateSet, read: Collection[tuple[str, str]] = ()
) -> Fit:
    """How `tset` fits a document that prints `printed`; `read`: (key, printed title) of the
    tables the reader read with this family (found by their headers where the title differs)."""
    read_keys = {key for key, _ in read}
    subjects: dict[str, set[str]] = {}  # subject → the family's keys of it
    for t in tset.tables:
        for title in t.titles:
            subjects.setdefault(subject(title), set()).add(t.key)
    for key, title in read:
        subjects.setdefault(subject(title), set()).add(key)
    doc_subjects: dict[str, str] = {}  # subject → its first printed title (without a year)
    for p in printed:
        doc_subjects.setdefault(p.subject, _YEAR.sub("", p.title))
    recognised = tuple(s for s in doc_subjects if s in subjects)
    unrecognised = tuple(doc_subjects[s] for s in doc_subjects if s not in subjects)
    found: list[str] = []
    missing: list[str] = []
    for t in tset.tables:
        if t.variant or not t.required or t.key in found:
            continue
        source = tset.by_key(t.derived.source) if t.derived else None
        titles = t.titles or (source.titles if source else ())  # a derived table: its source's
        printed_here = any(subject(title) in doc_subjects for title in titles)
        if t.key in read_keys or printed_here:
            found.append(t.key)
        else:
            missing.append(titles[0] if titles else t.key)
    agree = measured = 0
    numbered = {
        n: {subject(title) for title in t.titles}
        for t in tset.tables
        if (n := _template_number(tset, t.id)) is not None
    }
    if numbered:
        # the document's numbers against the family's, whatever the id's wording (表一 and
        # 公开01表 number alike): the same subject under the same number
        for p in _one_per_subject(p for p in printed if p.number is not None and not p.listed):
            measured += 1
            agree += p.subject in numbered.get(p.number or 0, ())
    return Fit(
        tset.name,
        tset.title,
        recognised,
        unrecognised,
        tuple(found),
        tuple(missing),
        agree,
        measured,
    )


def _one_per_subject(printed: Iterable[Printed]) -> list[Printed]:
    seen: dict[str, Printed] = {}
    for p in printed:
        seen.setdefault(p.subject, p)
    return list(seen.values())


def closest(printed: Sequence[Printed], sets: Iterable[TemplateSet]) -> list[Fit]:
    """Every family's fit on the document's titles, the best first."""
    fits = [family_fit(printed, tset) for tset in sets]
    return sorted(fits, key=lambda f: -f.score)


def document_fit(
    lines: Sequence[str], tset: TemplateSet, read: Collection[tuple[str, str]] = ()
) -> tuple[Fit, list[Fit]]:
    """The chosen family's fit on a document's lines, and the other families', best first."""
    lines = tuple(lines)
    others = [f for f in _ranked(lines) if f.family != tset.name]
    return family_fit(printed_titles(lines), tset, read), others


@lru_cache(maxsize=4)
def _ranked(lines: tuple[str, ...]) -> tuple[Fit, ...]:
    # the reading's parse.family and completeness.table both rank the families on one text
    return tuple(closest(printed_titles(lines), template_sets()))


def family_diagnostic(
    lines: Sequence[str],
    tset: TemplateSet,
    read: Collection[tuple[str, str]] = (),
) -> Diagnostic:
    """`parse.family`: which family the tables were read by, how well it fits the document's
    own titles, and which other came closest. A warning when the fit is poor."""
    fit, others = document_fit(lines, tset, read)
    verdict = "吻合" if fit.good else "不够吻合（可能是未收录地区或年份的表式）"
    text = f"按{tset.title}读表，{verdict}：{fit.describe()}"
    if others:
        near = others[0]
        text += f"。其次接近：{near.title}（{near.describe()}）"
    return Diagnostic(
        "parse.family",
        text,
        None,
        None,
        Level.INFO if fit.good else Level.WARNING,
    )
