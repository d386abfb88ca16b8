"""The portal under concurrent clients on loopback: latency of its pages and API beside a
static file served by the same server (the baseline), and uploads per second.

    python benchmarks/portal.py [--clients 20] [--requests 20] [--rounds 4] [--uploads 8] [--workers 1]

Starts `yusuan serve` in its own process on a new SQLite store, uploads the seed and a PDF of
the fixtures' corpus (so the disclosure page has page crops), then lets `--clients` threads
each make `--requests` requests of each kind at once, in `--rounds` rounds: each round asks
every kind in turn, the static file first, so that a machine busy with other work weighs on
every kind alike rather than on whichever ran while it was. Prints p50/p95 per kind and its
p95 as a ratio of the static file's (the target: the disclosure page's p95 under 100 ms at 20
clients), then uploads `--uploads` distinct files one after another and from 4 clients at
once. Nothing here fails a build.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "tests" / "fixtures" / "seed" / "000_fc947a31a4e8e830.txt"
PDF = ROOT / "tests" / "fixtures" / "corpus" / "hz-qxj-2026-ys.pdf"
YUSUAN = Path(sys.executable).with_name("yusuan")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start(folder: Path, workers: int) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    server = subprocess.Popen(
        [
            str(YUSUAN),
            "serve",
            "--port",
            str(port),
            "--db",
            f"sqlite:///{folder}/yusuan.db",
            "--workers",
            str(workers),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(400):
        try:
            if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                return server, url
        except httpx.HTTPError:
            time.sleep(0.05)
    server.kill()
    raise SystemExit("yusuan serve did not start")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def hammer(url: str, path: str, clients: int, requests: int) -> list[float]:
    """Each client's requests, all clients at once; the latencies in ms."""
    times: list[float] = []
    lock = threading.Lock()
    barrier = threading.Barrier(clients)

    def client() -> None:
        mine = []
        with httpx.Client(base_url=url, timeout=60) as http:
            barrier.wait()
            for _ in range(requests):
                began = time.perf_counter()
                answer = http.get(path)
                mine.append((time.perf_counter() - began) * 1000)
                if answer.status_code != 200:
                    raise SystemExit(f"{path}: {answer.status_code}")
        with lock:
            times.extend(mine)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return times


def variant(n: int) -> bytes:
    """The seed with one narrative word changed: another file (another hash), same reading."""
    return SEED.read_bytes().replace("概况".encode(), f"概况{n}".encode(), 1)


def uploads(url: str, first: int, count: int, clients: int) -> float:
    """Uploads per second of `count` distinct files from `clients` at once."""
    numbers = list(range(first, first + count))
    lock = threading.Lock()

    def client() -> None:
        with httpx.Client(base_url=url, timeout=300) as http:
            while True:
                with lock:
                    if not numbers:
                        return
                    n = numbers.pop()
                answer = http.post("/api/documents", files={"file": (f"{n}.txt", variant(n))})
                if answer.status_code != 201:
                    raise SystemExit(f"upload: {answer.status_code} {answer.text[:200]}")

    began = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return count / (time.perf_counter() - began)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=4, help="the requests split into rounds")
    parser.add_argument("--uploads", type=int, default=8)
    parser.add_argument("--workers", type=int, default=1, help="yusuan serve --workers")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="yusuan-portal-bench-") as folder:
        server, url = start(Path(folder), args.workers)
        try:
            seed = httpx.post(
                f"{url}/api/documents", files={"file": ("seed.txt", SEED.read_bytes())}, timeout=300
            ).json()["id"]
            pdf = httpx.post(
                f"{url}/api/documents", files={"file": (PDF.name, PDF.read_bytes())}, timeout=300
            ).json()["id"]
            httpx.get(f"{url}/documents/{pdf}", timeout=300)  # the crops cut once, then kept
            kinds = {
                "static file (baseline)": "/static/portal.css",
                "GET /healthz": "/healthz",
                "GET /api/documents": "/api/documents",
                "GET /api/documents/{id}/findings": f"/api/documents/{pdf}/findings",
                "GET /api/documents/{id}/cells": f"/api/documents/{pdf}/cells",
                "disclosure page (seed, text)": f"/documents/{seed}",
                "disclosure page (PDF, crops)": f"/documents/{pdf}",
                "list page": "/",
            }
            print(
                f"{args.clients} clients × {args.requests} requests each ({args.rounds} rounds), "
                f"loopback, yusuan serve --workers {args.workers}"
            )
            print(f"{'':34} {'p50 ms':>8} {'p95 ms':>8} {'p95/baseline':>13}")
            rounds = max(1, min(args.rounds, args.requests))
            times: dict[str, list[float]] = {name: [] for name in kinds}
            for n in range(rounds):
                each = args.requests // rounds + (1 if n < args.requests % rounds else 0)
                for name, path in kinds.items():
                    times[name] += hammer(url, path, args.clients, each)
            baseline = None
            for name in kinds:
                p50, p95 = statistics.median(times[name]), percentile(times[name], 0.95)
                baseline = baseline or p95
                print(f"{name:34} {p50:8.1f} {p95:8.1f} {p95 / baseline:12.1f}×")
            one = uploads(url, 1000, args.uploads, 1)
            four = uploads(url, 2000, args.uploads, 4)
            print(
                f"uploads (seed-sized text, audited and stored): {one:.2f}/s one client, {four:.2f}/s 4 clients"
            )
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(10)


if __name__ == "__main__":
    main()
