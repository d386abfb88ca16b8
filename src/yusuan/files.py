"""Files yusuan writes: whole or not at all, and Office packages with no clock in them.

A file is rendered in memory, written beside its place and moved onto it (`write_atomic`), so a
failure leaves a file already there as it was, never half written, and the new file gets the
user's usual permissions (not mkstemp's 0600).

Deterministic Office packages: the same model gives the same bytes.

openpyxl and python-docx stamp the time of writing into docProps/core.xml and into each zip
entry's header. The package is re-written here with the entries in their order, every entry
dated 1980-01-01 (the zip format's first date), and the core properties' created/modified set
to one fixed instant, so that two writes of one disclosure are byte-identical and a published
file's checksum changes only when its content does.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import tempfile
import zipfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

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


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_atomic_with(target: Path, make: Callable[[Path], object]) -> None:
    """Let `make` write a temporary file beside `target`, then move it onto `target`."""
    handle, temporary = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=target.suffix or ".tmp"
    )
    os.close(handle)
    try:
        make(Path(temporary))
        os.chmod(temporary, 0o666 & ~_umask())  # mkstemp's 0600 is for the half-written file
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def write_atomic(target: Path, data: bytes) -> None:
    """Write `data` to `target` whole or not at all."""
    write_atomic_with(Path(target), lambda path: path.write_bytes(data))
