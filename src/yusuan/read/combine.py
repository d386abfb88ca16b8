"""One disclosure published as several files (narrative and tables apart: Jiangsu's -text and
-tables PDFs, Beijing's 附件1 and 附件2), read as one. Every record keeps the file it came from.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import fields, replace

from yusuan.model import Diagnostic, Disclosure, Level, Meta, Table


def _cells(table: Table) -> int:
    return sum(len(row.cells) for row in table.rows)


def combine(docs: Sequence[Disclosure]) -> Disclosure:
    """The files' sections in order, each standard table from the file that reads it fullest,
    the meta fields each file knows."""
    first = docs[0]
    if len(docs) == 1:
        return first
    tables: dict[str, Table] = {}
    diagnostics: list[Diagnostic] = []
    by_tables = max(docs, key=lambda d: sum(_cells(t) for t in d.tables))
    family = by_tables.meta.template
    for doc in docs:
        diagnostics.extend(doc.diagnostics)
        for table in doc.tables:
            if table.template != family:
                # a narrative file's contents page, read by another family: not the tables
                continue
            earlier = tables.get(table.key)
            if earlier is None or _cells(table) > _cells(earlier):
                if earlier is not None and _cells(earlier):
                    diagnostics.append(
                        Diagnostic(
                            "parse.duplicate-table",
                            f"{table.title} is in {earlier.span.path} and {table.span.path}; "
                            f"the one in {table.span.path} is read",
                            earlier.span,
                            table.key,
                            Level.WARNING,
                        )
                    )
                tables[table.key] = table
    meta_values = {}
    for f in fields(Meta):
        values = [getattr(d.meta, f.name) for d in (by_tables, *docs)]
        meta_values[f.name] = next((v for v in values if v not in (None, (), "")), values[0])
    meta_values["path"] = " + ".join(d.meta.path or "?" for d in docs)
    meta_values["template"] = by_tables.meta.template
    profile = max(docs, key=lambda d: len(d.profile.staff) + len(d.profile.duties)).profile
    ordered = sorted(
        tables.values(),
        key=lambda t: ((t.span.path or "") != (by_tables.meta.path or ""), t.span.line),
    )
    return replace(
        first,
        meta=Meta(**meta_values),
        profile=profile,
        sections=tuple(s for d in docs for s in d.sections),
        tables=tuple(ordered),
        diagnostics=tuple(diagnostics),
        sources=tuple((d.meta.path or "", d.source) for d in docs[1:]),
        source_pages=tuple((d.meta.path or "", d.line_pages) for d in docs[1:] if d.line_pages),
    )
