"""Writing the reports to hand on (`yusuan audit --output`), beside the audit they report.

    python benchmarks/reports.py [--corpus DIR] [--repeat N]

Reads and audits every PDF of the corpus (`../shared/corpus` beside the checkout, or the
fixtures' corpus) once, then writes the workbook, the CSV and the HTML page of all of them,
each `--repeat` times. Prints each format's median seconds and its ratio to the baseline, the
read + audit time of the same documents, with the file's size and (HTML) the crops made.
Nothing here fails a build.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
FIXTURES = ROOT / "tests" / "fixtures" / "corpus"


def main() -> None:
    from yusuan.audit import Report, audit
    from yusuan.errors import YusuanError
    from yusuan.read import read_path
    from yusuan.render.report import FORMATS, write_report

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS if CORPUS.is_dir() else FIXTURES)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    paths = sorted(args.corpus.glob("*.pdf"))
    if not paths:
        sys.exit(f"no PDFs in {args.corpus}")
    reports: list[Report] = []
    start = time.perf_counter()
    for path in paths:
        try:
            reports.append(audit(read_path(path)))
        except YusuanError:
            continue  # an image-only PDF: no report, as in `yusuan audit`
    baseline = time.perf_counter() - start
    findings = sum(len(r.findings) for r in reports)
    print(f"{len(reports)} disclosures of {args.corpus}, {findings} findings")
    print(f"{'read + audit (baseline)':<26} {baseline:8.2f} s")
    with tempfile.TemporaryDirectory() as folder:
        for suffix in FORMATS:
            out = Path(folder) / f"report{suffix}"
            samples = []
            for _ in range(args.repeat):
                began = time.perf_counter()
                write_report(out, reports)
                samples.append(time.perf_counter() - began)
            took = statistics.median(samples)
            extra = ""
            if suffix == ".html":
                crops = len(re.findall(r'class="crop"', out.read_text("utf-8")))
                extra = f"   {crops} crops"
            print(
                f"{'write ' + suffix:<26} {took:8.2f} s   ratio {took / baseline:6.3f}x of the "
                f"baseline   {out.stat().st_size / 1e6:7.2f} MB{extra}"
            )


if __name__ == "__main__":
    main()
