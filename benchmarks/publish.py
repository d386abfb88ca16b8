"""Publishing benchmark: `python benchmarks/publish.py`. The seed disclosure written in each
format (`yusuan.publish.write`), median of warm runs, beside writing its long CSV
(`yusuan.render.csv.render_csv`, the cheapest full rendering of its tables) as the baseline;
then all four formats together against issue #13's target (≤ 3 s for the whole example).
Nothing here fails a build.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "tests" / "fixtures" / "seed" / "000_fc947a31a4e8e830.txt"


def timed(fn: Callable[[], object], repeat: int) -> float:
    """Median seconds of `repeat` calls after one warm-up call."""
    fn()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> int:
    from yusuan.publish import FORMATS, write
    from yusuan.read import read_path
    from yusuan.render.csv import render_csv

    doc = read_path(SEED)
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        csv_path = out / "seed.csv"
        base = timed(lambda: csv_path.write_text(render_csv([doc]), "utf-8"), 20)
        print(f"{'long CSV (baseline)':<22} {base * 1000:9.2f} ms")
        total = 0.0
        for fmt in FORMATS:
            path = out / f"seed.{fmt}"
            took = timed(lambda fmt=fmt, path=path: write(doc, fmt, path), 5)
            total += took
            size = path.stat().st_size
            print(
                f"{'write ' + fmt:<22} {took * 1000:9.2f} ms   {size:>8} bytes"
                f"   ratio {took / base:8.1f}x the long CSV"
            )
        print(f"{'all four formats':<22} {total * 1000:9.2f} ms   target ≤ 3000 ms (issue #13)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
