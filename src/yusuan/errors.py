"""Errors a user can act on. Each names the file and, where it helps, the place."""

from __future__ import annotations

import functools
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import ParamSpec, TypeVar


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


class InternalError(YusuanError):
    """A bug in yusuan met while reading one input. It is not the file's fault and not hidden:
    one line names the file, the exception and the place in yusuan's code, to be reported."""


P = ParamSpec("P")
R = TypeVar("R")
_MESSAGE_LIMIT = 200


def internal_error(exc: Exception, name: str | None, doing: str = "reading") -> InternalError:
    """An unexpected exception met while `doing` something with the file `name`, as one line:
    the exception, its message and the last place in yusuan's code it passed through."""
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if "yusuan" in Path(f.filename).parts] or frames
    place = f" at {Path(ours[-1].filename).name}:{ours[-1].lineno}" if ours else ""
    detail = " ".join(str(exc).split())[:_MESSAGE_LIMIT]
    return InternalError(
        f"internal error {doing} it ({type(exc).__name__}: {detail}{place}); "
        "this is a bug in yusuan, please report it",
        name,
    )


def reader_boundary(fn: Callable[P, R]) -> Callable[P, R]:
    """The reader's last line of defence: any exception but a YusuanError that escapes `fn`
    (whose second argument, `name` or `path`, names the input) becomes an InternalError naming
    the file and where in yusuan it was raised. Each crash found is still fixed at its cause;
    this only keeps the user from a traceback and says plainly it is yusuan's error."""

    @functools.wraps(fn)
    def guarded(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return fn(*args, **kwargs)
        except YusuanError:
            raise
        except Exception as exc:
            name = kwargs.get("name", kwargs.get("path", args[1] if len(args) > 1 else None))
            raise internal_error(exc, str(name) if name is not None else None) from exc

    return guarded
