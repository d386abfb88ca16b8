"""Readers: each turns one input form into the same `Disclosure`.

`read_path` detects the form by content, not by file name.
"""

from __future__ import annotations

from pathlib import Path

from yusuan.errors import InputError
from yusuan.model import Disclosure
from yusuan.read.source import decode_text
from yusuan.read.text import read_text

MAX_BYTES = 200 * 1024 * 1024


def read_path(path: str | Path) -> Disclosure:
    """Read one file into a Disclosure; raises InputError naming the file and why."""
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
    return read_bytes(data, name)


def read_bytes(data: bytes, name: str) -> Disclosure:
    if data.startswith(b"%PDF"):
        from yusuan.read.pdf import read_pdf_bytes

        return read_pdf_bytes(data, name)
    text, encoding = decode_text(data, name)
    return read_text(text, name, encoding)
