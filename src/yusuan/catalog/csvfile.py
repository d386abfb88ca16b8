"""Reading a small CSV file defensively: every defect is a `Problem`, never an exception."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from importlib.resources.abc import Traversable


@dataclass(frozen=True, slots=True)
class Problem:
    """A defect of a catalog file. `line` is 1-based; 0 means the whole file or directory."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        if self.line:
            return f"{self.file}:{self.line}: {self.message}"
        return f"{self.file}: {self.message}"


def read_table(
    item: Traversable,
    where: str,
    required: tuple[tuple[str, ...], ...],
    problems: list[Problem],
) -> Iterator[tuple[int, dict[str, str]]]:
    """The data rows of a CSV file as (line, {column: stripped cell}); defects → problems.

    `required` lists the required columns, each as a group of alternative names. Header
    names are matched case-insensitively. Rows are dropped when they cannot be read whole.
    """
    try:
        raw = item.read_bytes()
    except OSError as exc:
        problems.append(Problem(where, 0, f"cannot read: {exc.strerror or exc}"))
        return
    try:
        # utf-8-sig drops a BOM when there is one (Excel writes it) and is plain UTF-8 otherwise.
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        hint = ""
        try:
            raw.decode("gb18030")
            hint = "; it looks like GBK/GB18030, save it as UTF-8"
        except UnicodeDecodeError:
            pass
        message = f"not UTF-8 text (byte 0x{raw[exc.start]:02x}){hint}"
        problems.append(Problem(where, line, message))
        return
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    header: list[str] | None = None
    try:
        for cells in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in cells):
                continue  # blank lines carry nothing
            if header is None:
                header = [cell.strip().lower() for cell in cells]
                while header and not header[-1]:
                    header.pop()  # spreadsheets pad the header with empty cells too
                duplicated = sorted({name for name in header if header.count(name) > 1})
                if duplicated:
                    message = f"header repeats column(s) {', '.join(duplicated)}"
                    problems.append(Problem(where, line, message))
                    return
                missing = [
                    " or ".join(group)
                    for group in required
                    if not any(name in header for name in group)
                ]
                if missing:
                    message = (
                        f"header lacks required column(s) {', '.join(missing)} "
                        f"(header: {','.join(header)})"
                    )
                    problems.append(Problem(where, line, message))
                    return
                continue
            if len(cells) > len(header) and not any(c.strip() for c in cells[len(header) :]):
                cells = cells[: len(header)]  # trailing empty cells, as spreadsheets write
            if len(cells) != len(header):
                message = f"row has {len(cells)} fields, the header has {len(header)}"
                problems.append(Problem(where, line, message))
                continue
            yield line, {name: cell.strip() for name, cell in zip(header, cells, strict=True)}
    except csv.Error as exc:
        problems.append(Problem(where, reader.line_num or 1, f"malformed CSV: {exc}"))
        return
    if header is None:
        problems.append(Problem(where, 1, "empty file: no header row"))
