"""Benchmarks: `make bench` (or `python benchmarks/run.py`). Prints each figure beside a baseline.

parse (warm)  in-process read of the seed vs reading the file and splitting its lines.
parse (cold)  the `yusuan parse` command end to end vs `python -c pass`.
Targets from the issues are printed alongside; nothing here fails a build.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
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


def row(name: str, value: float, baseline_name: str, baseline: float, target: str) -> None:
    ratio = value / baseline if baseline else float("inf")
    print(
        f"{name:<22} {value * 1000:9.2f} ms   {baseline_name:<24} {baseline * 1000:9.3f} ms"
        f"   ratio {ratio:8.1f}x   {target}"
    )


def bench_parse() -> None:
    from yusuan.read import read_path

    warm = timed(lambda: read_path(SEED), 30)
    base = timed(lambda: SEED.read_text("utf-8").splitlines(), 30)
    row("parse seed (warm)", warm, "read + splitlines", base, "target ≤ 20 ms")


def bench_cold() -> None:
    exe = Path(sys.executable)
    cli = [str(exe), "-m", "yusuan", "parse", "--format", "csv", str(SEED)]

    def run(cmd: list[str]) -> Callable[[], object]:
        return lambda: subprocess.run(cmd, check=True, capture_output=True)

    cold = timed(run(cli), 5)
    base = timed(run([str(exe), "-c", "pass"]), 5)
    row("parse seed (cold CLI)", cold, "python -c pass", base, "")


def main() -> None:
    print(f"python {sys.version.split()[0]}; seed {SEED.stat().st_size} bytes")
    bench_parse()
    bench_cold()


if __name__ == "__main__":
    main()
