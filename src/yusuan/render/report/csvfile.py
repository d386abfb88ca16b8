"""问题清单 as CSV that Excel opens with its Chinese intact: UTF-8 with a byte order mark (without
it Excel reads the file in the system's code page), CRLF line ends and RFC 4180 quoting (a
message's commas, quotes and line breaks stay inside their field)."""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

from yusuan.audit import Report
from yusuan.render.report.rows import FINDING_HEADERS, Decide, finding_rows

# A field Excel would take for a formula (=, +, @, a tab; - before anything but a figure): text
# quoted from a published document must not run as one when the reviewer opens the file.
_FORMULA = re.compile(r"[=+@\t\r]|-[^\d\s.]")


def _text(value: str | int | Decimal | None) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")  # plain digits, never 1E+3
    text = str(value)
    return "'" + text if isinstance(value, str) and _FORMULA.match(text) else text


def write_csv(out: Path, reports: Sequence[Report], decide: Decide | None = None) -> None:
    """Write the findings of `reports` to `out`, one row each under Chinese headers."""
    with out.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, dialect="excel", lineterminator="\r\n")
        writer.writerow(FINDING_HEADERS)
        for row in finding_rows(reports, decide):
            writer.writerow([_text(v) for v in row.values()])
