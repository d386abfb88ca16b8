"""Which files are one disclosure: a narrative file (情况说明) and a tables file of the same
department, year and kind, found by what the reader read in them, never by their names.

A file's parts are what it holds: narrative prose (sentences in its sections) and tables
with figures. A file with both is a whole disclosure and is paired with nothing. A file with
prose only is paired with the one file with tables only that the reader finds to be the same
department (names compared after the usual ways of writing them: 中国共产党…委员会 as 中共…委,
a name cut short at a line's end), the same year and the same kind (预算/决算), and only
when each is the other's only match: two tables files of one department-year, or a narrative
alone, are said (`Unpaired`) and each file is audited by itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from yusuan.departments import normalise
from yusuan.model import Disclosure

# Sentences a narrative has by the dozen; a tables file at most a note or two under a table.
MIN_SENTENCES = 5
MIN_TABLES = 3
# A name cut short (at a page header's or a cell's end) still names its department when it
# keeps most of the name: 江苏省委办 for 江苏省委办公厅, not 江苏省 for every 江苏省… .
MIN_SHORT = 5
MIN_SHARE = 0.6


@dataclass(frozen=True, slots=True)
class Parts:
    narrative: bool
    tables: bool


@dataclass(frozen=True, slots=True)
class Unpaired:
    """Why a file that holds one part of a disclosure is audited alone.

    `reason`: "narrative-alone" (prose without tables, no tables file matches), "tables-alone"
    (tables without prose, no narrative file matches) or "ambiguous" (more files of the
    department-year than one pair: `others` names the rest)."""

    reason: str
    others: tuple[str, ...] = ()


def parts_of(doc: Disclosure) -> Parts:
    """Prose: sentences in its sections. Tables: figures in its tables, or a set of tables
    printed empty (a template, a department without such money); one or two empty tables
    may be a narrative's list of tables read as titles."""
    sentences = sum(s.text.count("。") for s in doc.sections)
    figures = any(row.cells for table in doc.tables for row in table.rows)
    return Parts(
        narrative=sentences >= MIN_SENTENCES, tables=figures or len(doc.tables) >= MIN_TABLES
    )


def department_key(name: str) -> str:
    """A department's name as its documents write it in different ways, written one way
    (`yusuan.departments.normalise`): 中国共产党江苏省委员会办公厅, 中共江苏省委办公厅 and
    江苏省委办公厅 are one key, and so are 中国人民政治协商会议江苏省委员会办公厅 and 江苏省政协办公厅."""
    return normalise(name)


def same_department(a: str, b: str) -> bool:
    ka, kb = department_key(a), department_key(b)
    if ka == kb:
        return True
    short, long = sorted((ka, kb), key=len)
    return (
        len(short) >= MIN_SHORT and long.startswith(short) and len(short) / len(long) >= MIN_SHARE
    )


def named_in(name: str, doc: Disclosure) -> bool:
    """Whether a document whose own title names no department speaks of `name`: the whole
    key or most of its end (省政协办公厅 in a text about 江苏省政协办公厅)."""
    text = department_key("".join(doc.all_lines))
    key = department_key(name)
    shortest = max(MIN_SHORT, int(len(key) * MIN_SHARE + 0.999))
    return any(key[i:] in text for i in range(0, len(key) - shortest + 1))


def _same(a: object, b: object) -> bool:
    """Known on both sides and different: not the same; unknown on either: not against it."""
    return a is None or b is None or a == b


def matches(a: Disclosure, b: Disclosure) -> bool:
    """Whether two files are of one department, year and kind."""
    ma, mb = a.meta, b.meta
    if not (_same(ma.year, mb.year) and _same(ma.kind, mb.kind)):
        return False
    if not _same(ma.department_code, mb.department_code):
        return False
    if ma.department and mb.department:
        return same_department(ma.department, mb.department)
    if ma.department:
        return named_in(ma.department, b)
    if mb.department:
        return named_in(mb.department, a)
    return False  # neither names its department: nothing says they are one


def pair(docs: Sequence[Disclosure | None]) -> tuple[list[list[int]], dict[int, Unpaired]]:
    """Groups of indices into `docs` (None: a file that could not be read, left out), each
    one disclosure (a pair: the narrative first), ordered by their earliest file; and why
    each part-file left alone is."""
    read = {i: d for i, d in enumerate(docs) if d is not None}
    parts = {i: parts_of(d) for i, d in read.items()}
    texts = [i for i, p in parts.items() if p.narrative and not p.tables]
    tables = [i for i, p in parts.items() if p.tables and not p.narrative]
    found = {i: [j for j in tables if matches(read[i], read[j])] for i in texts}
    back = {j: [i for i in texts if j in found[i]] for j in tables}
    partner: dict[int, int] = {}
    for i, js in found.items():
        if len(js) == 1 and back[js[0]] == [i]:
            partner[i], partner[js[0]] = js[0], i
    candidates = {**found, **back}
    notes: dict[int, Unpaired] = {}
    for i, theirs in candidates.items():
        if i in partner:
            continue
        if len(theirs) == 1:  # its one match has other matches too: they contend with it
            theirs = [theirs[0], *(k for k in candidates[theirs[0]] if k != i)]
        if theirs:
            notes[i] = Unpaired("ambiguous", tuple(read[j].meta.path or "?" for j in theirs))
        else:
            notes[i] = Unpaired("narrative-alone" if i in found else "tables-alone")
    groups: list[list[int]] = []
    for i in sorted(parts):
        if i in partner and partner[i] < i:
            continue
        # the narrative first, as a disclosure reads (and as --as-one is usually given)
        groups.append(
            sorted((i, partner[i]), key=lambda k: k not in found) if i in partner else [i]
        )
    return groups, notes
