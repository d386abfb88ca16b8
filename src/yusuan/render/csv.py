"""The long format: one line per non-empty cell, `table,side,row_code,row_name,column,value`."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence

from yusuan.model import Disclosure

HEADER = ("table", "side", "row_code", "row_name", "column", "value")


def long_rows(doc: Disclosure) -> Iterator[tuple[str, str, str, str, str, str]]:
    for table in doc.tables:
        name = table.id or table.title
        for row in table.rows:
            for cell in row.cells:
                yield (
                    name,
                    row.side.value,
                    row.code or "",
                    row.name,
                    cell.column,
                    format(cell.value, "f"),
                )


def render_csv(docs: Sequence[Disclosure]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    several = len(docs) > 1
    writer.writerow(("file", *HEADER) if several else HEADER)
    for doc in docs:
        for line in long_rows(doc):
            writer.writerow((doc.meta.path or "", *line) if several else line)
    return out.getvalue()
