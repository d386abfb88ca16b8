"""The steps of `yusuan compile`: read the input, check it, derive the disclosure, audit what
was derived, and only then write each format. Nothing is written unless every step passed,
and each file is written whole (a temporary file renamed into place)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from yusuan.compile.budget import Budget
from yusuan.compile.check import check
from yusuan.compile.disclosure import compile_budget
from yusuan.compile.lines import Classified
from yusuan.compile.load import BudgetError, Problem, load
from yusuan.files import write_atomic
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
    # what the chosen template says that the input does not state (said so, never invented)
    unstated: tuple[str, ...] = ()


def read_input(path: str | Path) -> Budget:
    """The budget of a YAML/JSON file, or of a workbook when the workbook reader is present."""
    suffix = Path(path).suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        from yusuan.compile.workbook import WorkbookError, read_workbook

        try:
            return read_workbook(Path(path))
        except WorkbookError as exc:
            raise BudgetError(
                str(path), [Problem("", problem) for problem in exc.problems]
            ) from exc
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
    unstated: tuple[str, ...] = ()
    if budget.template == "shanghai-budget":
        from yusuan.compile.sh_narrative import unstated as gaps

        unstated = gaps(budget)
    return Compiled(budget, doc, text, errors, warnings, unstated)


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


def render(doc: Disclosure, fmt: str) -> bytes:
    """One format's bytes (txt and csv here; the office formats by `yusuan.publish`)."""
    if fmt == "txt":
        from yusuan.compile.text import render_text

        return render_text(doc).encode("utf-8")
    if fmt == "csv":
        from yusuan.render.csv import render_csv

        return render_csv([doc]).encode("utf-8")
    from yusuan.publish import renderer

    return renderer(fmt)(doc)


def write(compiled: Compiled, out: Path, formats: Sequence[str], stem: str) -> list[Path]:
    """Write each format as OUT/STEM.FMT; every file whole or not at all."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for fmt in formats:
        target = out / f"{stem}.{fmt}"
        data = compiled.text.encode("utf-8") if fmt == "txt" else render(compiled.disclosure, fmt)
        write_atomic(target, data)
        written.append(target)
    return written
