"""Regenerate docs/corpus-status.md: the corpus sweep as a table, and the open gaps.

`python benchmarks/corpus_status.py` runs `benchmarks/corpus.py --markdown` over ../shared/corpus
and collects the reasons of the strict xfail tests (`pytest -rx`), each of which names one thing
a real document prints that yusuan does not read yet. Without the corpus it says so and leaves
the file alone.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
OUT = ROOT / "docs" / "corpus-status.md"

HEAD = """\
# Corpus status: what is read, and what is not yet

Regenerate this file with `python benchmarks/corpus_status.py` (it reads `../shared/corpus` and
runs the tests). The gap list is the set of strict `xfail` tests in `tests/`: each names one
thing a real document prints that yusuan does not read yet, with the page and the printed text;
a gap that gets fixed turns its test red until the mark is removed, so this list cannot silently
go stale.

## Documents

"""

MIDDLE = """
The share counts the table identities (`table.*`, `cross.*`) that hold. Real disclosures carry
real errors, so 100% is not expected everywhere; the failures each family's tests accept are
listed there with their reason (the `KNOWN` lists of `tests/test_template_*.py`).

PDF tables are read from their ruled layout where the page has one (`src/yusuan/read/layout.py`),
else from the text layer.

## Not yet read (open gaps)

"""

_XFAIL = re.compile(r"^XFAIL (?P<test>tests/\S+?)::\S+ - (?P<reason>.*)$")


def main() -> int:
    if not CORPUS.is_dir():
        print(f"skipped: no corpus at {CORPUS}")
        return 0
    sweep = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "corpus.py"), "--markdown", str(CORPUS)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    summary = next(line for line in sweep if line.startswith("corpus:"))
    table = [line for line in sweep if line.startswith("|")]
    tests = subprocess.run(
        [sys.executable, "-m", "pytest", "-vv", "-rx", "-p", "no:cacheprovider", "tests"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    ).stdout.splitlines()
    gaps = []
    for line in tests:
        match = _XFAIL.match(line)
        if match:
            gaps.append(f"- {match['reason']} ({Path(match['test']).name})")
    OUT.write_text(
        HEAD
        + summary
        + "\n\n"
        + "\n".join(table)
        + "\n"
        + MIDDLE
        + f"{len(gaps)} open gaps.\n\n"
        + "\n".join(gaps)
        + "\n",
        encoding="utf-8",
    )
    print(f"{OUT.relative_to(ROOT)}: {summary}; {len(gaps)} open gaps")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
