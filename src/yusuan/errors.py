"""Errors a user can act on. Each names the file and, where it helps, the place."""

from __future__ import annotations


class YusuanError(Exception):
    """Cannot proceed with one input; the message is shown to the user as it is."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None) -> None:
        self.path = path
        self.line = line
        self.reason = message
        where = path or ""
        if path and line:
            where = f"{path}:{line}"
        super().__init__(f"{where}: {message}" if where else message)


class InputError(YusuanError):
    """An input file is empty, binary, unreadable or not a disclosure."""
