"""The steps of `yusuan compile`: read the input, check it, derive the disclosure, audit what
was derived, and only then write each format. Nothing is written unless every step passed,
and each file is written whole (a temporary file renamed into place)."""

from __future__ import annotations

import importlib
import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Any

from yusuan.compile.budget import Budget
from yusuan.compile.check import check
from yusuan.compile.disclosure import compile_budget
from yusuan.compile.lines import Classified
from yusuan.compile.load import BudgetError, Problem, load
from yusuan.model import Disclosure

OWN_FORMATS = ("txt", "csv")
PUBLISHED_FORMATS = ("xlsx", "docx", "pdf", "html")
FORMATS = OWN_FORMATS + PUBLISHED_FORMATS


@dataclass(frozen=True)
class Compiled:
    budget: Budget
    disclosure: Disclosure
    text: str
    errors: tuple[str, ...]  # the audit's errors on the text read back (none when correct)
    warnings: tuple[str, ...]


def read_input(path: str | Path) -> Budget:
    """The budget of a YAML/JSON file, or of a workbook when the workbook reader is present."""
    suffix = Path(path).suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        try:
            from yusuan.compile import workbook  # type: ignore[attr-defined,unused-ignore]
        except ImportError as exc:
            raise BudgetError(
                str(path), [Problem("", "暂不能读取 Excel 输入（工作簿读取模块尚未合入）")]
            ) from exc
        reader: Callable[[str | Path], Budget] = workbook.load
        return reader(path)
    return load(path)


def build(budget: Budget, template: str | None = None, path: str | None = None) -> Compiled:
    """Check, derive and audit one budget; BudgetError lists the input's problems."""
    if template:
        budget = replace(budget, template=template)
    classified = Classified(budget)
    problems = check(budget, classified)
    if problems:
        raise BudgetError(path or "<input>", problems)
    doc = compile_budget(budget, classified.catalog, path)
    text = render(doc, "txt").decode("utf-8")
    errors, warnings = audit_text(text, path)
    return Compiled(budget, doc, text, errors, warnings)


def audit_text(text: str, path: str | None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Read the text back as a published disclosure and audit it: a compiled disclosure must
    audit clean, so any error here is a fault of the compiler, reported, never written."""
    from yusuan.audit import audit
    from yusuan.audit.finding import Severity
    from yusuan.read.text import read_text

    report = audit(read_text(text, path=f"{Path(path).stem}.txt" if path else "compiled.txt"))
    errors = tuple(f.message for f in report.findings if f.severity is Severity.ERROR)
    warnings = tuple(f.message for f in report.findings if f.severity is Severity.WARNING)
    return errors, warnings


def available(fmt: str) -> bool:
    if fmt in OWN_FORMATS:
        return True
    return publisher() is not None


def publisher() -> Any:
    """`yusuan.publish` (the XLSX/DOCX/PDF/HTML writers), or None where it is not installed."""
    try:
        return importlib.import_module("yusuan.publish")
    except ImportError:
        return None


def render(doc: Disclosure, fmt: str) -> bytes:
    """One format's bytes (txt and csv here; the office formats by yusuan.publish)."""
    if fmt == "txt":
        from yusuan.compile.text import render_text

        return render_text(doc).encode("utf-8")
    if fmt == "csv":
        from yusuan.render.csv import render_csv

        return render_csv([doc]).encode("utf-8")
    raise ValueError(fmt)


def write(compiled: Compiled, out: Path, formats: Sequence[str], stem: str) -> list[Path]:
    """Write each format as OUT/STEM.FMT; every file whole or not at all."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for fmt in formats:
        target = out / f"{stem}.{fmt}"
        if fmt in OWN_FORMATS:
            data = (
                compiled.text.encode("utf-8") if fmt == "txt" else render(compiled.disclosure, fmt)
            )
            _atomic(target, partial(_write_bytes, data))
        else:
            _atomic(target, partial(publisher().write, compiled.disclosure, fmt))
        written.append(target)
    return written


def _write_bytes(data: bytes, path: Path) -> None:
    path.write_bytes(data)


def _atomic(target: Path, make: Callable[[Path], object]) -> None:
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    os.close(fd)
    tmp = Path(name)
    mask = os.umask(0)  # mkstemp makes the file private; the output is for publishing
    os.umask(mask)
    tmp.chmod(0o666 & ~mask)
    try:
        make(tmp)
        tmp.replace(target)
    finally:
        tmp.unlink(missing_ok=True)
