"""At import: a document checked against the stored disclosures it follows, and the stored
disclosures that follow it checked again.

A 预算 of year Y follows the same department's 预算 of Y−1; a 决算 of Y the 预算 of Y (and the
决算 of Y−1). Which stored documents fit, and what is compared, is the across package's
(`pairing`, `same_department`, `checks_against`): the store only supplies the documents, from
their stored models (`serial`), each stored document's department first matched by its stored
`Identity`, so that a region's store is not decoded whole for each import. A document's
across.* findings are replaced whenever it is checked again — the earlier year imported after
the later one — and the decisions on them, kept by fingerprint, stay.

A stored model of an older format is read again from its file when that file still has the
content stored; else the document cannot be compared, said in one line.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from yusuan.audit.across.attach import checks_against, fitting
from yusuan.audit.across.departments import (
    Identity,
    identity_of,
    normalise,
    pairing,
    same_identity,
)
from yusuan.audit.finding import Finding
from yusuan.errors import YusuanError, internal_error
from yusuan.model import Disclosure, DocKind, Meta
from yusuan.store.database import StoreError
from yusuan.store.prepared import content_hash, prepared_findings, status_of
from yusuan.store.schema import DocumentRow, FindingRow
from yusuan.store.serial import (
    StaleModel,
    dump_identity,
    dump_model,
    load_identity,
    load_model,
    model_format,
)

PREFIX = "across."  # the rules whose findings come from comparing documents
_CACHE_SIZE = 32  # models kept decoded: a region's import compares each with many


@dataclass(frozen=True, slots=True)
class Rules:
    """The rule selection and catalog the comparisons run with (as the import's audit)."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    catalog_dir: str | None = None


@dataclass(frozen=True, slots=True)
class Checked:
    against: tuple[str, ...]  # the earlier documents compared with, as `named` shows them
    rechecked: tuple[str, ...]  # the later documents checked again against this one
    problems: tuple[str, ...]  # one line each (`FILE: why`)


class _Models:
    """Decoded models by content hash, the most recently used kept."""

    def __init__(self) -> None:
        self._held: OrderedDict[str, Disclosure] = OrderedDict()

    def get(self, key: str) -> Disclosure | None:
        found = self._held.get(key)
        if found is not None:
            self._held.move_to_end(key)
        return found

    def put(self, key: str, doc: Disclosure) -> None:
        self._held[key] = doc
        self._held.move_to_end(key)
        while len(self._held) > _CACHE_SIZE:
            self._held.popitem(last=False)


_models = _Models()
ALL = Rules()  # every across rule, the bundled catalog


def named(row: DocumentRow) -> str:
    """A stored document as the import's line names it: 2017年预算（file.pdf）."""
    first = row.paths.splitlines()[0] if row.paths else "?"
    return f"{row.year or '?'}年{row.kind or ''}（{Path(first).name}）"


def check_document(
    session: Session, row: DocumentRow, doc: Disclosure, rules: Rules = ALL
) -> Checked:
    """Compare the stored document `row` (read as `doc`) with the stored documents it follows,
    and each stored document that follows it with it; their across findings replaced."""
    _models.put(row.content_hash, doc)
    problems: list[str] = []
    against = _recheck(session, row, doc, rules, problems)
    rechecked: list[str] = []
    mine = identity_of(doc)
    for later in _rows(session, doc.meta.year, (0, 1), exclude=row.id):
        if not pairing(_light(later), doc) or not _may_match(later, mine, later_first=True):
            continue
        later_doc = _model_of(later, doc, problems)
        if later_doc is None:
            continue
        if fitting(later_doc, [doc], lambda d: d):
            _recheck(session, later, later_doc, rules, problems)
            rechecked.append(named(later))
    return Checked(tuple(against), tuple(rechecked), tuple(dict.fromkeys(problems)))


def stored_previous(session: Session, doc: Disclosure) -> tuple[list[Disclosure], list[str]]:
    """The stored documents `doc` can be compared with (of a year and kind that fits; the
    department is the caller's to match), and one line per one that could not be read."""
    problems: list[str] = []
    found = []
    mine = identity_of(doc)
    for other in _rows(session, doc.meta.year, (-1, 0)):
        if pairing(doc, _light(other)) and _may_match(other, mine):
            model = _model_of(other, doc, problems)
            if model is not None:
                found.append(model)
    return found, problems


def _recheck(
    session: Session, row: DocumentRow, doc: Disclosure, rules: Rules, problems: list[str]
) -> list[str]:
    """Replace `row`'s across findings by those of `doc` against the documents it follows."""
    candidates = []
    mine = identity_of(doc)
    for other in _rows(session, doc.meta.year, (-1, 0), exclude=row.id):
        if pairing(doc, _light(other)) and _may_match(other, mine):
            model = _model_of(other, doc, problems)
            if model is not None:
                candidates.append((other, model))
    findings: list[Finding] = []
    against: list[str] = []
    for group in fitting(doc, candidates, lambda pair: pair[1]):
        names = [named(other) for other, _ in group]
        try:
            checks = checks_against(
                doc, [m for _, m in group], rules.select, rules.ignore, rules.catalog_dir
            )
        except YusuanError as exc:
            problems.append(str(exc))
            continue
        except Exception as exc:  # a bug: one line naming the documents, the import goes on
            problems.append(str(internal_error(exc, "、".join(names), "comparing")))
            continue
        against.extend(names)
        findings.extend(c.finding for c in checks if c.finding is not None)
    _replace_findings(session, row, doc, findings)
    return against


def _replace_findings(
    session: Session, row: DocumentRow, doc: Disclosure, findings: Sequence[Finding]
) -> None:
    """`row`'s across findings replaced by `findings`; its counts and status recounted."""
    session.execute(
        delete(FindingRow).where(
            FindingRow.document_id == row.id, FindingRow.rule.startswith(PREFIX)
        )
    )
    last = session.scalar(
        select(func.max(FindingRow.position)).where(FindingRow.document_id == row.id)
    )
    start = -1 if last is None else last
    if findings:
        session.execute(
            insert(FindingRow),
            [
                f.values_for(row.id, start + 1 + n)
                for n, f in enumerate(prepared_findings(findings, doc))
            ],
        )
    counted: dict[str, int] = {
        severity: n
        for severity, n in session.execute(
            select(FindingRow.severity, func.count())
            .where(FindingRow.document_id == row.id)
            .group_by(FindingRow.severity)
        )
    }
    row.errors, row.warnings = counted.get("error", 0), counted.get("warning", 0)
    row.status = status_of(row.errors, row.warnings)


def _rows(
    session: Session, year: int | None, offsets: tuple[int, int], exclude: int | None = None
) -> list[DocumentRow]:
    """The stored documents of the years `year`+offsets (their models not loaded yet)."""
    if year is None:
        return []
    years = [year + offset for offset in offsets]
    query = select(DocumentRow).where(DocumentRow.year.in_(years)).order_by(DocumentRow.id)
    if exclude is not None:
        query = query.where(DocumentRow.id != exclude)
    return list(session.scalars(query))


def _light(row: DocumentRow) -> Disclosure:
    """A stored document's year and kind, for `pairing` before its model is loaded."""
    kind = DocKind(row.kind) if row.kind in {k.value for k in DocKind} else None
    return Disclosure(meta=Meta(year=row.year, kind=kind))


def _may_match(row: DocumentRow, mine: Identity, later_first: bool = False) -> bool:
    """Whether the stored document may be the department's, by its stored `Identity` (what
    `same_department` decides by) before its model is loaded; one stored without it may."""
    theirs = load_identity(row.department_facts)
    if theirs is None:
        return True
    return bool(same_identity(theirs, mine) if later_first else same_identity(mine, theirs))


def _model_of(row: DocumentRow, doc: Disclosure, problems: list[str]) -> Disclosure | None:
    """The stored document's model: decoded, else read again from its file (and stored).
    Whether it is `doc`'s department needs the model (`same_department`); one that cannot be
    had is said when its stored name or code is `doc`'s, not for every department's."""
    cached = _models.get(row.content_hash)
    if cached is not None:
        if row.model_format != model_format():  # the same content, kept in today's format
            row.model, row.model_format = dump_model(cached), model_format()
        if row.department_facts is None:
            row.department_facts = dump_identity(identity_of(cached))
        return cached
    found: Disclosure | None = None
    if row.model_format == model_format() and row.model is not None:
        try:
            found = load_model(row.model)
        except StaleModel:
            found = None
    if found is None:
        found = _reread(row)
        if found is None:
            first = row.paths.splitlines()[0] if row.paths else "?"
            if _named_alike(row, doc):
                problems.append(
                    f"{first}: 库中此文件的模型为旧版格式，原文件已不在或已改动，"
                    "未能与之对照（请重新导入该文件）"
                )
            return None
        row.model, row.model_format = dump_model(found), model_format()
        row.department_facts = dump_identity(identity_of(found))
    _models.put(row.content_hash, found)
    return found


def stored_model(session: Session, row: DocumentRow) -> Disclosure:
    """A stored document's whole model (read again from its file when stored by an older
    format, and kept); StoreError in one line when it cannot be had."""
    problems: list[str] = []
    found = _model_of(row, Disclosure(meta=Meta(department=row.department)), problems)
    if found is None:
        first = row.paths.splitlines()[0] if row.paths else "?"
        raise StoreError(
            "库中此文件的模型为旧版格式，原文件已不在或已改动，无法读回（请重新导入该文件）",
            first,
        )
    return found


def _named_alike(row: DocumentRow, doc: Disclosure) -> bool:
    meta = doc.meta
    if row.department_code and row.department_code == meta.department_code:
        return True
    return bool(normalise(row.department)) and normalise(row.department) == normalise(
        meta.department
    )


def _reread(row: DocumentRow) -> Disclosure | None:
    """The document read again from its file(s), when they still hold the content stored."""
    from yusuan.read import read_path
    from yusuan.read.combine import combine

    paths = row.paths.splitlines()
    tries = [paths] if len(paths) > 1 else []
    tries += [[p] for p in paths]
    for group in tries:
        if not all(Path(p).is_file() for p in group):
            continue
        try:
            if content_hash(group) != row.content_hash:
                continue
            docs = [read_path(p) for p in group]
            return combine(docs) if len(docs) > 1 else docs[0]
        except Exception:  # unreadable now: said by the caller in one line
            continue
    return None
