"""Sweep the shared corpus: how much is read, how many identities hold, how fast.

`python benchmarks/corpus.py [--markdown] [--text-layer[=pdfplumber|pdfminer]] [CORPUS_DIR]` (default
../shared/corpus). For each document: the template and tables recognised, the identity checks
(table.*, cross.*) evaluated and failed, and the time. The last line is the corpus-wide share of
identities that hold (issue #5 asks for ≥ 97%: a table read wrongly breaks most of its
identities, real errors break few).

`--text-layer` reads each PDF from its plain text layer only (pdfium's `get_text_range`, pages
joined by newlines), as a user who holds only text extracted from a PDF would give it, instead of
the ruled page layout: the sweep of the flattened-text reader. `--text-layer=pdfplumber` takes
the text from pdfplumber's `extract_text()` instead, `--text-layer=pdfminer` from pdfminer's
`pdf2txt` (text boxes, a blank line between: the style of the seed fixture) (pdfplumber is in
the `bench` extra). Other files are read as usual.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from yusuan.audit import audit
from yusuan.errors import YusuanError
from yusuan.model import Disclosure
from yusuan.read import read_path
from yusuan.read.text import read_text

IDENTITY_RULES = ("table", "cross")
EXTRACTORS = ("pdfium", "pdfplumber", "pdfminer")


def text_layer(path: Path, extractor: str = "pdfium") -> str:
    """The plain text layer of a PDF, page after page: no layout, no running lines dropped."""
    if extractor == "pdfplumber":
        import pdfplumber

        with pdfplumber.open(path) as pdf:
            return "\n".join(page.extract_text() or "" for page in pdf.pages)
    if extractor == "pdfminer":
        from pdfminer.high_level import extract_text

        return str(extract_text(str(path)))  # pdf2txt's text boxes, a blank line between
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        return "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    finally:
        pdf.close()


def read_document(path: Path, extractor: str | None) -> Disclosure:
    """`path` as yusuan reads it, or with `extractor` a PDF read from its text layer alone."""
    if extractor is not None and path.suffix == ".pdf":
        return read_text(text_layer(path, extractor), path.name)
    return read_path(path)


def main() -> int:
    markdown = "--markdown" in sys.argv
    extractor = None
    for arg in sys.argv[1:]:
        if arg == "--text-layer" or arg.startswith("--text-layer="):
            extractor = arg.partition("=")[2] or "pdfium"
            if extractor not in EXTRACTORS:
                print(f"--text-layer: one of {', '.join(EXTRACTORS)}, not {extractor}")
                return 2
    args = [a for a in sys.argv[1:] if a != "--markdown" and not a.startswith("--text-layer")]
    default = Path(__file__).parent.parent.parent / "shared" / "corpus"
    root = Path(args[0]) if args else default
    if not root.is_dir():
        print(f"skipped: no corpus at {root}")
        return 0
    files = sorted(
        p for p in root.iterdir() if p.suffix in (".pdf", ".html", ".txt", ".xlsx", ".docx")
    )
    total_eval = total_failed = 0
    started = time.perf_counter()
    if markdown:
        print("| document | template | tables | identities held | share | tables read |")
        print("|---|---|---|---|---|---|")
    for path in files:
        start = time.perf_counter()
        try:
            doc = read_document(path, extractor)
        except YusuanError as exc:
            print(
                f"| {path.name} | not read: {exc.reason} | | | | |"
                if markdown
                else f"{path.name:40s} not read: {exc.reason}"
            )
            continue
        report = audit(doc, select=IDENTITY_RULES)
        total_eval += report.evaluated
        total_failed += report.failed
        held = report.evaluated - report.failed
        share = f"{held / report.evaluated:6.1%}" if report.evaluated else "   —  "
        if markdown:
            seen: set[str] = set()
            names = []
            for t in doc.tables:  # a table read from another's rows carries its id too
                names.append(f"{t.key} (from {t.id})" if t.id in seen else t.id or t.key)
                seen.add(t.id or "")
            keys = ", ".join(names) or "—"
            print(
                f"| {path.name} | {doc.meta.template or '—'} | {len(doc.tables)} | "
                f"{held}/{report.evaluated} | {share.strip()} | {keys} |"
            )
            continue
        print(
            f"{path.name:40s} {doc.meta.template or '?':8s} tables {len(doc.tables):2d}"
            f"  identities {held:4d}/{report.evaluated:<4d} {share}  {time.perf_counter() - start:5.2f}s"
        )
    elapsed = time.perf_counter() - started
    overall = (total_eval - total_failed) / total_eval if total_eval else 0.0
    print(
        f"corpus: {len(files)} files in {elapsed:.1f}s; identities hold {total_eval - total_failed}/{total_eval} = {overall:.1%}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
