"""Deterministic Office packages: the same model gives the same bytes.

openpyxl and python-docx stamp the time of writing into docProps/core.xml and into each zip
entry's header. The package is re-written here with the entries in their order, every entry
dated 1980-01-01 (the zip format's first date), and the core properties' created/modified set
to one fixed instant, so that two writes of one disclosure are byte-identical and a published
file's checksum changes only when its content does.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime

ZIP_DATE = (1980, 1, 1, 0, 0, 0)
_STAMP = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def fixed_instant(year: int | None) -> datetime:
    """The instant written as created/modified: the 1st of January of the disclosure's year
    (a date a reader finds plausible), or of 2000 when the year is unknown."""
    return datetime(year or 2000, 1, 1)


def settle(data: bytes, instant: datetime) -> bytes:
    """The package `data` with every entry dated ZIP_DATE and core.xml's times at `instant`."""
    stamp = instant.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            body = source.read(info)
            if info.filename == "docProps/core.xml":
                body = _STAMP.sub(rb"\g<1>" + stamp + rb"\g<2>", body)
            entry = zipfile.ZipInfo(info.filename, ZIP_DATE)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            entry.create_system = 0
            target.writestr(entry, body)
    return out.getvalue()
