"""What the template-family tests share: finding a family, a table and a row."""

from __future__ import annotations

from yusuan.model import Disclosure, Row, Side, Table
from yusuan.templates import TemplateSet, template_sets


def tset(name: str) -> TemplateSet:
    return next(t for t in template_sets() if t.name == name)


def table(doc: Disclosure, key: str) -> Table:
    found = doc.table(key)
    assert found is not None, key
    return found


def row(t: Table, label: str, side: Side = Side.NONE) -> Row:
    """The row whose code, or name, is `label` (on `side` of a two-panel table)."""
    for r in t.rows:
        if r.side is side and label in (r.code, r.name):
            return r
    raise AssertionError(f"{t.title}: no row {label!r} on side {side!r}")
