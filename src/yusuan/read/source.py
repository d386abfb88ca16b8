"""Bytes to text: encoding detection (UTF-8, UTF-16, GB18030/GBK) and refusal of non-text."""

from __future__ import annotations

import codecs

from yusuan.errors import InputError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a BOM shows NUL in every other byte for ASCII; CJK does not."""
    if len(data) < 4 or len(data) % 2:
        return None
    even_nul = data[0::2].count(0)
    odd_nul = data[1::2].count(0)
    half = len(data) // 2
    for encoding, nuls in (("utf-16-le", odd_nul), ("utf-16-be", even_nul)):
        if nuls > half * 0.2:
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                return None
    return None


_CONTROL = bytes(b for b in range(32) if b not in b"\t\n\r\f\v\x1a")


def _binary_bytes(data: bytes) -> bool:
    """NUL bytes outside a UTF-16 pattern, or many control bytes: not a text file."""
    sample = data[:65536]
    if _utf16_without_bom(sample[: len(sample) - len(sample) % 2]) is not None:
        return False
    controls = len(sample) - len(sample.translate(None, _CONTROL))  # one pass
    return b"\x00" in sample or controls > len(sample) * 0.01


_CONTROL_CHARS = {c: None for c in range(32) if chr(c) not in "\r\n\t\f\v"}


def _looks_binary(text: str) -> bool:
    sample = text[:20000]
    if not sample:
        return False
    # str.count per control character: a few passes in C, where translate looks every
    # character of a Chinese text up in a dict
    controls = sum(sample.count(chr(c)) for c in _CONTROL_CHARS)
    return "\x00" in sample or controls > len(sample) * 0.01


def decode_text(data: bytes, path: str) -> tuple[str, str]:
    """Decode a text file, returning (text, encoding). Raises InputError when it is not text."""
    if not data.strip():
        raise InputError("the file is empty", path)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(f"not valid {encoding} text ({exc.reason})", path) from exc
            break
    else:
        if _binary_bytes(data):
            raise InputError("a binary file, not text", path)
        text = ""
        encoding = ""
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            guessed = _utf16_without_bom(data)
            if guessed is not None:
                text, encoding = guessed, "utf-16"
            else:
                try:
                    text, encoding = data.decode("gb18030"), "gb18030"
                except UnicodeDecodeError as exc:
                    raise InputError(
                        "not text in a known encoding (UTF-8, UTF-16, GB18030/GBK)", path
                    ) from exc
        if "\x00" in text and encoding == "utf-8":
            guessed = _utf16_without_bom(data)
            if guessed is not None:
                text, encoding = guessed, "utf-16"
    if _looks_binary(text):
        raise InputError("a binary file, not text", path)
    if not text.strip():
        raise InputError("the file is empty", path)
    return text, encoding


def split_lines(text: str) -> list[str]:
    """Lines under any convention (\\n, \\r\\n, \\r), with form feeds as line breaks."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").split("\n")
