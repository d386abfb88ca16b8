"""`yusuan audit --previous FILE`: the other documents read, each matched to the reports it
belongs to, and the comparisons added to those reports.

Each file named is read; a folder is searched for disclosures. A document is used for a report
when it is the same department's (`same_department`) and of a year that fits (`pairing`);
several files of one year and kind (a narrative and a tables file) are read as one. A file named
that fits no report — unreadable, another department's, a year that does not fit — is one line
saying why, never a traceback.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TypeVar

from yusuan.audit import Report
from yusuan.audit.across.departments import pairing, same_department, why_not_paired
from yusuan.audit.across.years import year_checks
from yusuan.audit.engine import matches
from yusuan.audit.finding import Check
from yusuan.errors import YusuanError, internal_error
from yusuan.model import Disclosure

T = TypeVar("T")

# Files a folder given to --previous is searched for (what `yusuan audit` reads).
SUFFIXES = frozenset({".pdf", ".txt", ".xlsx", ".xls", ".docx", ".html", ".htm"})


@dataclass(frozen=True, slots=True)
class Other:
    """A document read for comparison, and whether the user named its file (not a folder)."""

    doc: Disclosure
    path: str
    named: bool


def read_others(paths: Sequence[str]) -> tuple[list[Other], list[str]]:
    """Each named file read, and each disclosure in a named folder; and one line per file that
    could not be read (`FILE: why`)."""
    from yusuan.read import read_path

    others: list[Other] = []
    problems: list[str] = []
    for given in paths:
        path = Path(given)
        files = (
            sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
            if path.is_dir()
            else [path]
        )
        if path.is_dir() and not files:
            problems.append(f"{given}: --previous: 此文件夹中没有可读的公开文件")
        for file in files:
            try:
                others.append(Other(read_path(file), str(file), not path.is_dir()))
            except YusuanError as exc:
                if not path.is_dir():
                    problems.append(str(exc))
            except Exception as exc:  # a bug: one line naming the file, no traceback
                problems.append(str(internal_error(exc, str(file), "reading")))
    return others, problems


def _combined(docs: list[Disclosure]) -> Disclosure:
    from yusuan.read.combine import combine

    return combine(docs)


def fitting(
    current: Disclosure, others: Sequence[T], doc_of: Callable[[T], Disclosure]
) -> list[list[T]]:
    """The others `current` can be checked against — the same department's (`same_department`)
    of a year and kind that fits (`pairing`) — grouped by year and kind: each group is one
    document (a narrative and a tables file of one year are read as one)."""
    groups: dict[tuple[int | None, str | None], list[T]] = {}
    for other in others:
        doc = doc_of(other)
        if pairing(current, doc) and same_department(current, doc):
            groups.setdefault((doc.meta.year, doc.meta.kind), []).append(other)
    return list(groups.values())


def checks_against(
    current: Disclosure,
    group: Sequence[Disclosure],
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    catalog_dir: str | None = None,
) -> list[Check]:
    """The comparisons of `current` against one fitting document (its files read as one), as
    the rule selection keeps them."""
    doc = _combined(list(group)) if len(group) > 1 else group[0]
    every = year_checks(current, doc, catalog_dir)
    return [
        c for c in every if (not select or matches(c.rule, select)) and not matches(c.rule, ignore)
    ]


def with_checks(report: Report, checks: Sequence[Check]) -> Report:
    """The report with the comparisons' findings and counts added."""
    found = tuple(c.finding for c in checks if c.finding is not None)
    return replace(
        report,
        findings=report.findings + found,
        evaluated=report.evaluated + len(checks),
        failed=report.failed + sum(1 for c in checks if c.failed),
    )


def with_previous(
    reports: Sequence[Report],
    paths: Sequence[str],
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    catalog_dir: str | None = None,
) -> tuple[list[Report], list[str]]:
    """The reports with the comparisons against the documents at `paths` added, and one line
    per problem (`FILE: why`): a file that could not be read, or that fits no report."""
    others, problems = read_others(paths)
    used: set[str] = set()
    result: list[Report] = []
    for report in reports:
        for group in fitting(report.doc, others, lambda o: o.doc):
            used.update(o.path for o in group)
            try:
                checks = checks_against(
                    report.doc, [o.doc for o in group], select, ignore, catalog_dir
                )
            except YusuanError as exc:
                problems.append(str(exc))
                continue
            except Exception as exc:  # a bug: one line naming the files, the report goes on
                names = ", ".join(o.path for o in group)
                problems.append(str(internal_error(exc, names, "comparing")))
                continue
            report = with_checks(report, checks)
        result.append(report)
    for other in others:
        if other.named and other.path not in used and reports:
            problems.append(f"{other.path}: {_why_unused(reports[0].doc, other.doc)}")
    for given in paths:
        folder = Path(given)
        inside = [o for o in others if not o.named and Path(o.path).is_relative_to(folder)]
        if folder.is_dir() and inside and not any(o.path in used for o in inside):
            problems.append(
                f"{given}: --previous: 此文件夹中没有同一部门上一年度（或同年预算）的公开"
            )
    return result, problems


def _why_unused(current: Disclosure, other: Disclosure) -> str:
    match = same_department(current, other)
    if not match:
        return f"不是同一部门：{match.reason}"
    return f"不能对照：{why_not_paired(current, other)}"
