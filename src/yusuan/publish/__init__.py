"""Publishing: a disclosure model written as the files a unit publishes (XLSX, DOCX, PDF, HTML).

`write(disclosure, fmt, path)` writes one format; every writer draws the same printed layout
(`layout.py`), and writes the same bytes for the same model (no clock, no random ids). The file
is rendered whole in memory, then written beside its place and moved onto it, so a failure
leaves a file already there as it was, never half written.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from yusuan.files import write_atomic
from yusuan.model import Disclosure

FORMATS: tuple[str, ...] = ("xlsx", "docx", "pdf", "html")


def renderer(fmt: str) -> Callable[[Disclosure], bytes]:
    """The function that renders `fmt`'s bytes; ValueError for a format not in FORMATS."""
    if fmt == "xlsx":
        from yusuan.publish.xlsx import render_xlsx

        return render_xlsx
    if fmt == "docx":
        from yusuan.publish.docx import render_docx

        return render_docx
    if fmt == "pdf":
        from yusuan.publish.pdf import render_pdf

        return render_pdf
    if fmt == "html":
        from yusuan.publish.html import render_html_bytes

        return render_html_bytes
    raise ValueError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")


def write(disclosure: Disclosure, fmt: str, path: Path) -> None:
    """Write `disclosure` as `fmt` (one of FORMATS) to `path`, whole or not at all."""
    write_atomic(Path(path), renderer(fmt)(disclosure))
