"""Validation of a catalog directory before it is used (`yusuan catalog check`)."""

from __future__ import annotations

from pathlib import Path

from yusuan.catalog.csvfile import Problem
from yusuan.catalog.files import cross_check, read_layer
from yusuan.catalog.load import load_catalog


def check_catalog_dir(path: Path, year: int | None = None) -> list[Problem]:
    """Every problem of the catalog directory `path`, by file and line; empty when it is clean.

    Checks the header columns, that codes are digits of a length fitting their list and
    level, that codes are unique per file, that each parent is the code's prefix one level up
    and exists (here or in the bundled catalog of `year`, the newest when None), that
    statuses are known, and that mapping rows name existing codes and a unit type. Never
    raises on bad content: unreadable files are problems too.
    """
    where = str(path)
    if not path.is_dir():
        return [Problem(where, 0, "not a directory")]
    layer, problems = read_layer(path, where, where)
    base = load_catalog(year)
    problems += cross_check(layer, lambda part, code: base.get(part, code) is not None, where)
    return sorted(problems, key=lambda problem: (problem.file, problem.line))
