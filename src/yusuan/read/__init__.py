"""Readers: each turns one input form into the same `Disclosure`.

`read_path` and `read_bytes` detect the form by content, never by file name: `%PDF` → PDF; a
ZIP holding xl/workbook.xml → XLSX, word/document.xml → DOCX; the OLE signature → XLS; markup
that opens with `<html`, `<!doctype html` or `<table` → HTML; anything else must be text.
Structured forms become grids and paragraphs (`grid.py`) and then the same flattened text the
text reader reads. A container is checked before any parser sees it (entry count, declared
sizes, DTDs), so a hostile file is refused in bounded time and memory.
"""

from __future__ import annotations

import codecs
import re
import zipfile
import zlib
from io import BytesIO
from pathlib import Path

from yusuan.errors import InputError, reader_boundary
from yusuan.model import Disclosure
from yusuan.read.source import decode_text
from yusuan.read.text import read_text

MAX_BYTES = 200 * 1024 * 1024
# An office document's parts, uncompressed, declared by the archive (zipfile never inflates
# a member beyond its declared size, so this bounds what the parsers are given).
MAX_UNCOMPRESSED = 64 * 1024 * 1024
MAX_ENTRIES = 2_000
MAX_XLS_BYTES = 32 * 1024 * 1024  # BIFF is not compressed: memory follows the file size

_ZIP = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HTML_MARK = re.compile(rb"<html[\s>]|<!doctype\s+html|<table[\s>]", re.I)
# No part of an OOXML package has a DTD; one there can only be an entity-expansion attack.
_DTD = tuple(
    mark.encode(enc)
    for mark in ("<!DOCTYPE", "<!ENTITY")
    for enc in ("ascii", "utf-16-le", "utf-16-be")
)


def read_path(path: str | Path) -> Disclosure:
    """Read one file into a Disclosure; raises InputError naming the file and why."""
    return read_bytes(load_bytes(path), str(path))


def load_bytes(path: str | Path) -> bytes:
    """A file's bytes, for `read_bytes` here or on another machine (a cluster's worker);
    raises InputError naming the file and why it cannot be read."""
    name = str(path)
    try:
        size = Path(path).stat().st_size
        if size > MAX_BYTES:
            raise InputError(f"too large ({size} bytes; the limit is {MAX_BYTES})", name)
        data = Path(path).read_bytes()
    except IsADirectoryError as exc:
        raise InputError("a directory, not a file", name) from exc
    except FileNotFoundError as exc:
        raise InputError("no such file", name) from exc
    except PermissionError as exc:
        raise InputError("permission denied", name) from exc
    except OSError as exc:
        raise InputError(f"cannot be read ({exc.strerror})", name) from exc
    return data


@reader_boundary
def read_bytes(data: bytes, name: str) -> Disclosure:
    """Read a disclosure from bytes, whatever the name says; raises InputError naming `name`."""
    if data.startswith(b"%PDF"):
        from yusuan.read.pdf import read_pdf_bytes

        return read_pdf_bytes(data, name)
    if data.startswith(_ZIP):
        return _read_zip(data, name)
    if data.startswith(_OLE):
        if len(data) > MAX_XLS_BYTES:
            raise InputError(f"an XLS of {len(data)} bytes; the limit is {MAX_XLS_BYTES}", name)
        from yusuan.read.xlsx import read_xls_bytes

        return read_xls_bytes(data, name)
    if looks_like_html(data):
        from yusuan.read.html import read_html_bytes

        return read_html_bytes(data, name)
    text, encoding = decode_text(data, name)
    return read_text(text, name, encoding)


def looks_like_html(data: bytes) -> bool:
    """Markup from its first character (after a BOM and spaces), with an html or table tag
    near the start: a saved page may open with a comment, an XML or JSP declaration."""
    head = data[:4096]
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if head.startswith(bom):
            head = head[len(bom) :].decode(encoding, "ignore").encode("utf-8", "ignore")
            break
    head = head.lstrip()
    return head.startswith(b"<") and _HTML_MARK.search(head) is not None


def open_archive(data: bytes, name: str) -> zipfile.ZipFile:
    """The ZIP, once its directory is readable, it has few enough entries, its declared sizes
    are bounded and no XML part declares a DTD."""
    try:
        archive = zipfile.ZipFile(BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as exc:
        raise InputError(f"a broken ZIP archive ({exc})", name) from exc
    if len(infos) > MAX_ENTRIES:
        raise InputError(f"a ZIP of {len(infos)} entries; the limit is {MAX_ENTRIES}", name)
    declared = sum(info.file_size for info in infos)
    if declared > MAX_UNCOMPRESSED:
        raise InputError(
            f"a ZIP declaring {declared} bytes uncompressed; the limit is {MAX_UNCOMPRESSED} "
            "(a zip bomb?)",
            name,
        )
    for info in infos:
        if info.filename.endswith((".xml", ".rels", ".vml")):
            _refuse_dtd(archive, info, name)
    return archive


def _refuse_dtd(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> None:
    try:
        with archive.open(info) as stream:
            tail = b""
            while chunk := stream.read(1 << 20):
                buffer = tail + chunk
                if any(mark in buffer for mark in _DTD):
                    raise InputError(
                        f"{info.filename} declares a DTD or entities, which no Office file "
                        "has (an entity-expansion attack?)",
                        name,
                    )
                tail = buffer[-32:]
    except (
        zipfile.BadZipFile,
        zlib.error,
        NotImplementedError,
        ValueError,
        OSError,
        EOFError,
    ) as exc:
        # a bad CRC, a truncated member, an unknown compression method
        raise InputError(f"a broken ZIP archive ({info.filename}: {exc})", name) from exc


def _read_zip(data: bytes, name: str) -> Disclosure:
    archive = open_archive(data, name)
    with archive:
        names = set(archive.namelist())
        if "xl/workbook.xml" in names:
            from yusuan.read.xlsx import read_xlsx_bytes

            return read_xlsx_bytes(data, name, archive)
        if "word/document.xml" in names:
            from yusuan.read.docx import read_docx_bytes

            return read_docx_bytes(data, name)
        if "xl/workbook.bin" in names:
            raise InputError("an XLSB workbook, which is not read: save it as XLSX", name)
        if "mimetype" in names and archive.read("mimetype").startswith(b"application/vnd.oasis"):
            raise InputError(
                "an OpenDocument file, which is not read: save it as XLSX or DOCX", name
            )
    raise InputError("a ZIP archive that is neither an XLSX workbook nor a DOCX document", name)
