"""Publishing: a disclosure model written as the files a unit publishes (XLSX, DOCX, PDF, HTML).

`write(disclosure, fmt, path)` writes one format; every writer draws the same printed layout
(`layout.py`), and writes the same bytes for the same model (no clock, no random ids).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from yusuan.model import Disclosure

FORMATS: tuple[str, ...] = ("xlsx", "docx", "pdf", "html")


def _writer(fmt: str) -> Callable[[Disclosure, Path], None]:
    if fmt == "xlsx":
        from yusuan.publish.xlsx import write_xlsx

        return write_xlsx
    if fmt == "docx":
        from yusuan.publish.docx import write_docx

        return write_docx
    if fmt == "pdf":
        from yusuan.publish.pdf import write_pdf

        return write_pdf
    if fmt == "html":
        from yusuan.publish.html import write_html

        return write_html
    raise ValueError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")


def write(disclosure: Disclosure, fmt: str, path: Path) -> None:
    """Write `disclosure` as `fmt` (one of FORMATS) to `path`."""
    _writer(fmt)(disclosure, Path(path))
