"""PDF speed: pages per second for reading + auditing the corpus, beside pdfplumber.

`python benchmarks/pdf.py [DIR]` (default ../shared/corpus, else tests/fixtures/corpus).
Baselines on the same files: pdfplumber's `extract_tables` on every page (what a table-aware
reader would run), and pypdfium2's plain text extraction (the floor: no tables, no checks).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def pdfs(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.pdf"))


def pages_of(files: list[Path]) -> int:
    import pypdfium2 as pdfium

    total = 0
    for path in files:
        pdf = pdfium.PdfDocument(path)
        total += len(pdf)
        pdf.close()
    return total


def run_yusuan(files: list[Path]) -> float:
    from yusuan.audit import audit
    from yusuan.read import read_path

    start = time.perf_counter()
    for path in files:
        audit(read_path(path))
    return time.perf_counter() - start


def run_pdfium_text(files: list[Path]) -> float:
    import pypdfium2 as pdfium

    start = time.perf_counter()
    for path in files:
        pdf = pdfium.PdfDocument(path)
        for page in pdf:
            textpage = page.get_textpage()
            textpage.get_text_bounded()
            textpage.close()
            page.close()
        pdf.close()
    return time.perf_counter() - start


def run_pdfplumber(files: list[Path]) -> float | None:
    try:
        import pdfplumber
    except ImportError:
        return None
    start = time.perf_counter()
    for path in files:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_tables()
    return time.perf_counter() - start


def main() -> None:
    default = ROOT.parent / "shared" / "corpus"
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else default
    if not folder.is_dir():
        folder = ROOT / "tests" / "fixtures" / "corpus"
        print(f"(no shared corpus: using {folder})")
    files = pdfs(folder)
    pages = pages_of(files)
    print(f"{len(files)} PDFs, {pages} pages in {folder}")
    ours = run_yusuan(files)
    floor = run_pdfium_text(files)
    plumber = run_pdfplumber(files)
    print(f"yusuan read + audit          {pages / ours:8.1f} pages/s")
    print(f"pypdfium2 text only (floor)  {pages / floor:8.1f} pages/s")
    if plumber is None:
        print("pdfplumber extract_tables    not installed (pip install -e '.[bench]')")
    else:
        print(
            f"pdfplumber extract_tables    {pages / plumber:8.1f} pages/s"
            f"   → yusuan is {plumber / ours:.1f}× pdfplumber (target ≥ 5×)"
        )


if __name__ == "__main__":
    main()
