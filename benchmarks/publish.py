"""Publishing benchmark: `python benchmarks/publish.py [--corpus [DIR]]`.

The seed disclosure written in each format (`yusuan.publish.write`), median of warm runs,
beside writing its long CSV (`yusuan.render.csv.render_csv`, the cheapest full rendering of its
tables) as the baseline; then all four formats together against issue #13's target (≤ 3 s for
the whole example).

`--corpus` (default ../shared/corpus) also measures the round trip on every PDF of the corpus
that has tables: each is read, written in each format and read back; a line per document with
the cells lost (-) and gained (+) per format (values compared as amounts: 1208.2 = 1208.20) and
the tables they are in, then per format the documents that read back exactly (cells and
department, year, kind) and the cells lost and gained over the corpus. Nothing here fails a
build.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from decimal import Decimal
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


def cells(doc: object) -> Counter[tuple[object, ...]]:
    from yusuan.render.csv import long_rows

    return Counter((*row[:5], Decimal(row[5])) for row in long_rows(doc))  # type: ignore[arg-type]


def corpus(folder: Path) -> None:
    from yusuan.errors import YusuanError
    from yusuan.publish import FORMATS, write
    from yusuan.read import read_path

    totals: Counter[str] = Counter()
    with tempfile.TemporaryDirectory() as scratch:
        for path in sorted(folder.rglob("*.pdf")):
            try:
                doc = read_path(path)
            except YusuanError as exc:
                print(f"{path.name}: unreadable ({exc})")
                continue
            if not doc.tables:
                continue
            want = cells(doc)
            meta = (doc.meta.department, doc.meta.year, doc.meta.kind)
            parts = [f"{path.name} ({sum(want.values())} cells)"]
            for fmt in FORMATS:
                out = Path(scratch) / f"x.{fmt}"
                try:
                    write(doc, fmt, out)
                    back = read_path(out)
                except Exception as exc:  # a measure: report and go on
                    parts.append(f"{fmt} failed: {type(exc).__name__}: {exc}"[:120])
                    totals[f"{fmt} failed"] += 1
                    continue
                got = cells(back)
                lost, gained = want - got, got - want
                same = meta == (back.meta.department, back.meta.year, back.meta.kind)
                totals[f"{fmt} docs"] += 1
                totals[f"{fmt} exact"] += not lost and not gained and same
                totals[f"{fmt} cells"] += sum(want.values())
                totals[f"{fmt} lost"] += sum(lost.values())
                totals[f"{fmt} gained"] += sum(gained.values())
                where = sorted({str(c[0]) for c in (lost + gained)})
                parts.append(
                    f"{fmt} -{sum(lost.values())}/+{sum(gained.values())}"
                    + ("" if same else " META")
                    + (f" {where}" if where else "")
                )
            print(" | ".join(parts), flush=True)
    for fmt in FORMATS:
        docs = totals[f"{fmt} docs"]
        print(
            f"round trip {fmt:<5} exact {totals[f'{fmt} exact']}/{docs} documents   "
            f"cells lost {totals[f'{fmt} lost']}, gained {totals[f'{fmt} gained']} "
            f"of {totals[f'{fmt} cells']}   failed {totals[f'{fmt} failed']}"
        )


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
    if "--corpus" in sys.argv:
        rest = sys.argv[sys.argv.index("--corpus") + 1 :]
        corpus(Path(rest[0]) if rest else ROOT.parent / "shared" / "corpus")
    return 0


if __name__ == "__main__":
    sys.exit(main())
