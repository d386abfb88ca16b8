"""The files a command is given: each file as it is, each folder walked recursively.

In a folder a file is taken when its path (relative to the folder, with `/`) or its name
matches an `--include` glob and no `--exclude` glob; hidden files and folders (`.git`,
`.~lock…`) are never taken. A file named on the command line is always taken: the user
chose it. The order is the order given, a folder's files sorted by their relative path, so a
run over the same folder always lists its documents alike. A file reached twice (named and
inside a folder given too, or through a link) is taken once.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from fnmatch import fnmatchcase
from pathlib import Path, PurePosixPath

# The kinds the readers take (by content; these only choose what a folder's walk offers them).
DEFAULT_INCLUDE: tuple[str, ...] = (
    "*.pdf",
    "*.txt",
    "*.xlsx",
    "*.xls",
    "*.docx",
    "*.doc",
    "*.html",
    "*.htm",
)


def _matches(relative: PurePosixPath, patterns: Sequence[str]) -> bool:
    """Case-insensitively, as Windows users name files (`.PDF`): against the name alone, the
    relative path, or any tail of it (`sub/*.pdf` matches `a/sub/x.pdf`)."""
    text = str(relative).lower()
    parts = text.split("/")
    tails = ["/".join(parts[i:]) for i in range(len(parts))]
    return any(fnmatchcase(t, p.lower()) for p in patterns for t in tails)


def _walk(folder: Path) -> list[Path]:
    found: list[Path] = []
    for root, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(Path(root) / f for f in files if not f.startswith("."))
    return sorted(found, key=lambda p: p.relative_to(folder).as_posix())


def discover(
    paths: Sequence[str],
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
) -> list[str]:
    """The files to read, in order: each path that is not a folder as given (a missing one
    too, so that the reader names it in its one line), each folder's matching files."""
    include = tuple(include) or DEFAULT_INCLUDE
    out: list[str] = []
    seen: set[str] = set()

    def take(path: str) -> None:
        key = os.path.realpath(path)
        if key not in seen:
            seen.add(key)
            out.append(path)

    for given in paths:
        folder = Path(given)
        if not folder.is_dir():
            take(given)
            continue
        for path in _walk(folder):
            relative = PurePosixPath(path.relative_to(folder).as_posix())
            if _matches(relative, include) and not _matches(relative, exclude):
                take(str(path))
    return out
