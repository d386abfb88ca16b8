"""`python benchmarks/review.py [--count N] [--source FOLDER]`: a region's review — N
disclosures (default 200) imported into a fresh SQLite store by `yusuan import` with one
process (`--jobs 1`), on every core, and through a Dask LocalCluster (`--cluster`, one worker
process a core): documents per second, the ratio against the single-file audit (the baseline:
one document read and audited in this process, the mean over the distinct source files), and
the memory peak of the largest process of each run.

The region is the corpus PDFs (../shared/corpus beside the checkout, else the fixtures'
tests/fixtures/corpus) repeated into a temporary folder until it holds N files. The store
keeps one record per content (sha256 of the bytes), so each copy is made distinct: a PDF
comment line (`% yusuan benchmark copy K`) is appended after the file's last `%%EOF`, which
readers ignore (the text and the figures read are those of the original). The split
disclosures (a narrative file and a tables file) repeated are no longer one pair each — the
same department-year then has several files — and are read one by one, as `yusuan import`
says of them.

Each import runs as a child process (`python -m yusuan import`) under a measuring process of
its own, so that `resource.getrusage(RUSAGE_CHILDREN)` of that process is the peak of that run
alone: the largest process's resident memory among the import, its pool's workers, and for the
cluster run the LocalCluster's worker processes (the scheduler runs in the measuring process:
its own peak counts too). The cluster's start is timed apart from the import. The speed-ups
are bounded by the cores other work leaves free. Nothing here fails a build.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = (ROOT.parent / "shared" / "corpus", ROOT / "tests" / "fixtures" / "corpus")


def make_region(source: Path, folder: Path, count: int) -> list[Path]:
    """`count` PDFs copied from `source`, round after round, each made distinct by a comment
    after its %%EOF (see the module's doc)."""
    pdfs = sorted(p for p in source.glob("*.pdf") if p.is_file())
    if not pdfs:
        sys.exit(f"review.py: {source}: no PDF to build a region from")
    made = []
    for k in range(count):
        original = pdfs[k % len(pdfs)]
        copy = folder / f"round{k // len(pdfs):02d}" / f"{k:04d}-{original.name}"
        copy.parent.mkdir(parents=True, exist_ok=True)
        data = original.read_bytes()
        copy.write_bytes(data + f"\n% yusuan benchmark copy {k}\n".encode("ascii"))
        made.append(copy)
    return made


def baseline(files: list[Path]) -> float:
    """Seconds to read and audit one document in this process: the mean over `files`
    (after one untimed document, so that loading the readers and rules is not counted)."""
    from yusuan.audit import audit
    from yusuan.errors import YusuanError
    from yusuan.read import read_path

    def once(path: Path) -> None:
        # an unreadable file costs what it costs in the imports too
        with contextlib.suppress(YusuanError):
            audit(read_path(path))

    once(files[0])
    start = time.perf_counter()
    for path in files:
        once(path)
    return (time.perf_counter() - start) / len(files)


def measure(mode: str, jobs: int, region: str, db: str) -> None:
    """(In a process of its own.) One import, timed; prints a JSON line: seconds, the peak
    resident KB of the largest process, the import's summary, the cluster's start."""
    started = 0.0
    cluster = None
    command = [sys.executable, "-m", "yusuan", "import", region, "--db", db]
    if mode == "cluster":
        import logging

        from distributed import LocalCluster

        t0 = time.perf_counter()
        cluster = LocalCluster(
            n_workers=jobs,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        )
        started = time.perf_counter() - t0
        command += ["--cluster", cluster.scheduler_address]
    else:
        command += ["--jobs", str(jobs)]
    t0 = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - t0
    if cluster is not None:
        cluster.close()  # its worker processes end and are waited for: their peak counts
    peak = max(
        resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss if cluster is not None else 0,
    )
    lines = done.stderr.strip().splitlines()
    summary = next((line for line in reversed(lines) if line.startswith("共 ")), "")
    print(json.dumps({"seconds": seconds, "peak": peak, "summary": summary, "start": started}))
    if not summary:
        print(done.stderr[-2000:], file=sys.stderr)


def run(mode: str, jobs: int, region: Path, db: Path) -> dict[str, object]:
    """One import in a measuring process of its own (see `measure`)."""
    out = subprocess.run(
        [sys.executable, __file__, "--measure", mode, str(jobs), str(region), f"sqlite:///{db}"],
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, object] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    if sys.argv[1:2] == ["--measure"]:
        mode, jobs, region, db = sys.argv[2:6]
        measure(mode, int(jobs), region, db)
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=200, help="disclosures in the region")
    parser.add_argument("--source", type=Path, help="a folder of PDFs to repeat")
    args = parser.parse_args()
    source = args.source or next((s for s in SOURCES if s.is_dir()), SOURCES[-1])
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    cores = cores or 1
    with tempfile.TemporaryDirectory(prefix="yusuan-review-") as tmp:
        region = Path(tmp) / "region"
        files = make_region(source, region, args.count)
        distinct = sorted({p.name.split("-", 1)[1]: p for p in files}.values())
        per_doc = baseline(distinct)
        print(
            f"region: {len(files)} PDFs from {source} ({len(distinct)} distinct, repeated; "
            f"each copy made distinct by a comment after %%EOF); {cores} cores"
        )
        print(
            f"baseline: single-file audit in one process  {1 / per_doc:7.2f} documents/s  "
            f"({per_doc:.2f} s a document, the mean over the {len(distinct)} distinct files)"
        )
        runs = [
            ("import --jobs 1", "local", 1),
            (f"import --jobs {cores} (all cores)", "local", cores),
            (f"import --cluster (LocalCluster, {cores} workers)", "cluster", cores),
        ]
        for k, (label, mode, jobs) in enumerate(runs):
            db = Path(tmp) / f"store{k}" / "yusuan.db"
            done = run(mode, jobs, region, db)
            seconds = float(str(done["seconds"]))
            match = re.match(r"共 (\d+) 份", str(done["summary"]))
            count = int(match.group(1)) if match else 0
            rate = count / seconds
            started = float(str(done["start"]))
            extra = (
                f"  (cluster started in {started:.1f} s, not counted)" if mode == "cluster" else ""
            )
            print(
                f"{label:<44} {rate:7.2f} documents/s  {seconds:7.1f} s  "
                f"ratio {rate * per_doc:5.2f}x the baseline  "
                f"peak {int(str(done['peak'])) / 1024:5.0f} MB (largest process){extra}"
            )
            print(f"    {done['summary']}")
        shutil.rmtree(region, ignore_errors=True)


if __name__ == "__main__":
    main()
