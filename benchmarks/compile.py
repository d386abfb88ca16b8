"""Benchmark of `yusuan compile` on the example (`python benchmarks/compile.py`).

compile (all formats)   load, check, derive, write the narrative, read back and audit, and write
                        every format (txt, csv, xlsx, docx, pdf, html) — the whole command
                        in-process, warm
XLSX alone (baseline)   writing the XLSX of the already compiled disclosure
The issue's target: the whole compile ≤ 3 s. Nothing here fails a build.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "seed-2023.yaml"


def timed(fn: Callable[[], object], repeat: int) -> float:
    """Median seconds of `repeat` calls after one warm-up call."""
    fn()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> None:
    from yusuan.compile.run import FORMATS, build, read_input, render, write

    formats = list(FORMATS)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)

        def compile_all() -> None:
            compiled = build(read_input(EXAMPLE), path=str(EXAMPLE))
            write(compiled, out, formats, "seed-2023")

        compiled = build(read_input(EXAMPLE), path=str(EXAMPLE))

        def xlsx_alone() -> None:
            (out / "alone.xlsx").write_bytes(render(compiled.disclosure, "xlsx"))

        whole = timed(compile_all, 5)
        xlsx = timed(xlsx_alone, 10)
    print(f"formats: {', '.join(formats)}")
    print(f"{'compile (all formats)':<24} {whole * 1000:9.2f} ms   target ≤ 3000 ms")
    print(f"{'XLSX alone (baseline)':<24} {xlsx * 1000:9.2f} ms")
    print(f"ratio compile / XLSX alone: {whole / xlsx:7.1f}x")


if __name__ == "__main__":
    sys.exit(main())
