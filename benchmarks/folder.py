"""`python benchmarks/folder.py [FOLDER] [--repeat N]`: a region's folder audited by
`yusuan audit -q FOLDER` on every core, beside the same run in one process (`--jobs 1`, the
baseline): documents per second, the ratio, and the peak memory of the processes.

FOLDER defaults to tests/fixtures/corpus (real disclosures, one split pair). The speed-up is
bounded by the cores the machine leaves free: on a machine other work keeps busy it can be
none. Nothing here fails a build.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "tests" / "fixtures" / "corpus"


def _run(folder: Path, jobs: int) -> tuple[float, int, str]:
    """Seconds, peak resident KB of the run's processes, and its summary line."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "yusuan", "audit", "-q", "--jobs", str(jobs), str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - start
    peak = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    return seconds, peak, done.stdout.splitlines()[0] if done.stdout else done.stderr.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, default=FOLDER)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    one = min(_run(args.folder, 1) for _ in range(args.repeat))
    every = min(_run(args.folder, 0) for _ in range(args.repeat))
    count = int(one[2].split(" ")[0].split("：")[-1]) if "份公开" in one[2] else 0
    print(f"{args.folder}: {one[2]}")
    print(
        f"jobs=1 (baseline)   {count / one[0]:7.2f} documents/s   {one[0]:7.2f} s   "
        f"peak {one[1] / 1024:6.0f} MB"
    )
    print(
        f"jobs={cores} (all cores) {count / every[0]:7.2f} documents/s   {every[0]:7.2f} s   "
        f"peak {every[1] / 1024:6.0f} MB (the largest process)   ratio {one[0] / every[0]:5.2f}x"
    )


if __name__ == "__main__":
    main()
