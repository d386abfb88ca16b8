"""Benchmarks: `make bench` (or `python benchmarks/run.py`). Prints each figure beside a baseline.

parse (warm)          in-process read of the seed vs reading the file and splitting its lines
parse (cold CLI)      `yusuan parse` end to end vs `python -c pass`
audit (warm)          read + audit of the seed in-process vs parse only
audit 200 files       `yusuan audit` over 200 copies in one call vs `yusuan parse` over the same
Targets from the issues are printed alongside; nothing here fails a build.

The in-process figures are the median wall time of 30 calls, and beside it (`cpu`) the least
CPU time of one call (time.process_time): on a machine shared with other work the wall time
counts the waiting too, and the least CPU time is what the code itself costs.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "tests" / "fixtures" / "seed" / "000_fc947a31a4e8e830.txt"


# the CPU time of the last `timed` call's calls: the least one
_last_cpu: list[float] = [0.0]


def timed(fn: Callable[[], object], repeat: int) -> float:
    """Median seconds of `repeat` calls after one warm-up call (the least CPU seconds of one
    call kept in `_last_cpu`)."""
    fn()
    samples = []
    cpu = []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        cpu.append(time.process_time() - start_cpu)
        samples.append(time.perf_counter() - start)
    _last_cpu[0] = min(cpu)
    return statistics.median(samples)


def row(
    name: str, value: float, baseline_name: str, baseline: float, target: str, cpu: float = 0.0
) -> None:
    ratio = value / baseline if baseline else float("inf")
    spent = f"   cpu {cpu * 1000:6.2f} ms" if cpu else ""
    print(
        f"{name:<24} {value * 1000:9.2f} ms   {baseline_name:<26} {baseline * 1000:9.3f} ms"
        f"   ratio {ratio:7.2f}x   {target}{spent}"
    )


def bench_parse() -> float:
    from yusuan.read import read_path

    warm = timed(lambda: read_path(SEED), 30)
    cpu = _last_cpu[0]
    base = timed(lambda: SEED.read_text("utf-8").splitlines(), 30)
    row("parse seed (warm)", warm, "read + splitlines", base, "target ≤ 20 ms", cpu)
    return warm


def bench_audit(parse_only: float) -> None:
    from yusuan.audit import audit
    from yusuan.read import read_path

    warm = timed(lambda: audit(read_path(SEED)), 30)
    row("read + audit seed (warm)", warm, "parse only", parse_only, "target ≤ 30 ms", _last_cpu[0])


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "yusuan", *args]


def bench_cold() -> None:
    def run(cmd: list[str]) -> Callable[[], object]:
        return lambda: subprocess.run(cmd, check=True, capture_output=True)

    cold = timed(run(_cli("parse", "--format", "csv", str(SEED))), 5)
    base = timed(run([sys.executable, "-c", "pass"]), 5)
    row("parse seed (cold CLI)", cold, "python -c pass", base, "")


def bench_many(count: int = 200) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        files = []
        for i in range(count):
            target = Path(tmp) / f"doc{i:03d}.txt"
            shutil.copyfile(SEED, target)
            files.append(str(target))

        def run(cmd: list[str]) -> float:
            start = time.perf_counter()
            subprocess.run(cmd, capture_output=True, check=False)
            return time.perf_counter() - start

        audit_s = min(run(_cli("audit", "--format", "jsonl", *files)) for _ in range(2))
        parse_s = min(run(_cli("parse", "--format", "csv", *files)) for _ in range(2))
    print(
        f"{'audit ' + str(count) + ' files (1 call)':<24} {count / audit_s:9.1f} files/s"
        f"   {'parse only':<26} {count / parse_s:9.1f} files/s   ratio {parse_s / audit_s:7.2f}x"
        "   target ≥ 30 files/s"
    )


def compiled() -> None:
    """Write the package's bytecode, as installing it does: a checkout installed in editable
    mode, run with PYTHONDONTWRITEBYTECODE, would compile every module on every start and
    the CLI figures would measure the compiler."""
    import compileall

    import yusuan

    compileall.compile_dir(Path(yusuan.__file__).parent, quiet=1)


def main() -> None:
    compiled()
    print(f"python {sys.version.split()[0]}; seed {SEED.stat().st_size} bytes")
    parse_only = bench_parse()
    bench_audit(parse_only)
    bench_cold()
    bench_many()


if __name__ == "__main__":
    main()
