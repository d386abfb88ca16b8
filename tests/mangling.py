"""Ways real inputs arrive broken, for `test_mangled.py` and `benchmarks/mangle.py`.

Each mangle takes a `random.Random` (hypothesis' `st.randoms()` in the tests, a seeded one in
the campaign) and a text or the bytes of a PDF, and returns it broken one way: text truncated,
shuffled, interleaved, with lines dropped, doubled, joined or split, characters corrupted; a
PDF cut short, with bits flipped, a range of bytes dropped, a stream overwritten, its
cross-reference offset wrong.
"""

from __future__ import annotations

import random
import re
import zlib
from collections.abc import Callable

# text


def truncate_text(rng: random.Random, text: str) -> str:
    return text[: rng.randrange(len(text) + 1)]


def shuffle_lines(rng: random.Random, text: str) -> str:
    lines = text.splitlines()
    rng.shuffle(lines)
    return "\n".join(lines)


def shuffle_blocks(rng: random.Random, text: str) -> str:
    lines = text.splitlines()
    size = rng.randint(2, 40)
    blocks = [lines[i : i + size] for i in range(0, len(lines), size)]
    rng.shuffle(blocks)
    return "\n".join(line for block in blocks for line in block)


def drop_lines(rng: random.Random, text: str) -> str:
    share = rng.random() * 0.5
    return "\n".join(ln for ln in text.splitlines() if rng.random() > share)


def duplicate_lines(rng: random.Random, text: str) -> str:
    out: list[str] = []
    for line in text.splitlines():
        out.append(line)
        if rng.random() < 0.1:
            out.extend([line] * rng.randint(1, 3))
    return "\n".join(out)


_NOISE = "0123456789.,-—()（）%合计小计其中表单位万元年类款项:：\t 　" + "\ufffd\x00\u200b"


def corrupt_chars(rng: random.Random, text: str) -> str:
    chars = list(text)
    for _ in range(rng.randint(1, max(1, len(chars) // 50))):
        if not chars:
            break
        i = rng.randrange(len(chars))
        op = rng.random()
        if op < 0.4:
            chars[i] = rng.choice(_NOISE)
        elif op < 0.7:
            del chars[i]
        else:
            chars.insert(i, rng.choice(_NOISE))
    return "".join(chars)


def join_lines(rng: random.Random, text: str) -> str:
    """Line breaks lost here and there (cells run together)."""
    lines = text.splitlines()
    out: list[str] = []
    for line in lines:
        if out and rng.random() < 0.3:
            out[-1] += rng.choice(("", " ", "  ")) + line
        else:
            out.append(line)
    return "\n".join(out)


def split_lines_at_random(rng: random.Random, text: str) -> str:
    out: list[str] = []
    for line in text.splitlines():
        if len(line) > 2 and rng.random() < 0.3:
            k = rng.randrange(1, len(line))
            out.extend([line[:k], line[k:]])
        else:
            out.append(line)
    return "\n".join(out)


TEXT_MANGLES: dict[str, Callable[[random.Random, str], str]] = {
    "as-is": lambda rng, text: text,
    "truncate": truncate_text,
    "shuffle-lines": shuffle_lines,
    "shuffle-blocks": shuffle_blocks,
    "drop-lines": drop_lines,
    "duplicate-lines": duplicate_lines,
    "corrupt-chars": corrupt_chars,
    "join-lines": join_lines,
    "split-lines": split_lines_at_random,
}


def interleave(rng: random.Random, text: str, other: str) -> str:
    a, b = text.splitlines(), other.splitlines()
    size = rng.randint(1, 30)
    out: list[str] = []
    for i in range(0, max(len(a), len(b)), size):
        out += a[i : i + size] + b[i : i + size]
    return "\n".join(out)


# PDF


def truncate_pdf(rng: random.Random, data: bytes) -> bytes:
    return data[: rng.randrange(5, len(data))]


def flip_bytes(rng: random.Random, data: bytes) -> bytes:
    buf = bytearray(data)
    for _ in range(rng.randint(1, 64)):
        i = rng.randrange(len(buf))
        buf[i] ^= 1 << rng.randrange(8)
    return bytes(buf)


def break_stream(rng: random.Random, data: bytes) -> bytes:
    """Garbage written over part of one or more content streams."""
    starts = [i for i in range(len(data)) if data.startswith(b"stream", i)][:5000]
    if not starts:
        return flip_bytes(rng, data)
    buf = bytearray(data)
    for _ in range(rng.randint(1, 5)):
        at = rng.choice(starts) + 8 + rng.randrange(64)
        size = rng.randint(1, 256)
        buf[at : at + size] = bytes(rng.randrange(256) for _ in range(size))
    return bytes(buf)


def break_xref(rng: random.Random, data: bytes) -> bytes:
    at = data.rfind(b"startxref")
    if at < 0:
        return flip_bytes(rng, data)
    return data[:at] + b"startxref\n" + str(rng.randrange(len(data))).encode() + b"\n%%EOF\n"


def drop_range(rng: random.Random, data: bytes) -> bytes:
    i = rng.randrange(len(data))
    return data[:i] + data[i + rng.randint(1, 4096) :]


_STREAM = re.compile(rb"stream\r?\n")
_NUMBER = re.compile(rb"-?\d+(?:\.\d+)?")
_ODD_NUMBERS = (b"0", b"-1", b"1e9", b"99999999", b"-0.0001", b"3.4e38", b"nan", b"1")


def garble_content(rng: random.Random, data: bytes) -> bytes:
    """Inside some compressed streams (page contents, fonts' maps): numbers changed to odd
    ones (zero, negative, huge), lines dropped or the stream cut short, then recompressed:
    the file still opens, and the layout reader meets rulings and text where nothing sane is."""
    spans = []
    for match in _STREAM.finditer(data):
        end = data.find(b"endstream", match.end())
        if end > 0:
            spans.append((match.end(), end))
    rng.shuffle(spans)
    out = bytearray(data)
    changed = 0
    for start, end in sorted(spans[: rng.randint(1, 8)], reverse=True):
        try:
            plain = zlib.decompress(bytes(data[start:end]).rstrip(b"\r\n"))
        except zlib.error:
            continue
        lines = plain.split(b"\n")
        op = rng.random()
        if op < 0.5:
            lines = [
                _NUMBER.sub(lambda m: rng.choice(_ODD_NUMBERS), ln) if rng.random() < 0.2 else ln
                for ln in lines
            ]
        elif op < 0.8:
            lines = [ln for ln in lines if rng.random() > 0.2]
        else:
            lines = lines[: rng.randrange(len(lines) + 1)]
        packed = zlib.compress(b"\n".join(lines))
        out[start:end] = packed + b"\n"  # /Length is now wrong: readers recover, as with real files
        changed += 1
    return bytes(out) if changed else flip_bytes(rng, data)


PDF_MANGLES: dict[str, Callable[[random.Random, bytes], bytes]] = {
    "truncate": truncate_pdf,
    "flip-bytes": flip_bytes,
    "break-stream": break_stream,
    "break-xref": break_xref,
    "drop-range": drop_range,
    "garble-content": garble_content,
}
