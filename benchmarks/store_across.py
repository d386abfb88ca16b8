"""What keeping each document's model and comparing it with the stored year before costs at
`yusuan import`, beside reading and auditing the same documents.

    python benchmarks/store_across.py [--corpus DIR] [--repeat N]

Reads and audits every PDF of the corpus (`../shared/corpus` beside the checkout, or the
fixtures' corpus) once (the baseline), then writes them all into a new SQLite store `--repeat`
times with `yusuan.store.store`: once without models (nothing to compare: the writing alone),
once with them (the model kept, each document compared with the stored documents it follows
and that follow it). Prints the medians and their ratios to the baseline, the model's encoding
and decoding time per document and its compressed size, and how many documents were compared.
Nothing here fails a build.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
FIXTURES = ROOT / "tests" / "fixtures" / "corpus"


def main() -> None:
    from yusuan.errors import YusuanError
    from yusuan.store import open_engine, prepare, store
    from yusuan.store.across import _models
    from yusuan.store.prepared import Prepared
    from yusuan.store.serial import load_model

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS if CORPUS.is_dir() else FIXTURES)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    paths = sorted(args.corpus.glob("*.pdf"))
    if not paths:
        sys.exit(f"no PDFs in {args.corpus}")
    prepared: list[Prepared] = []
    start = time.perf_counter()
    for path in paths:
        try:
            prepared.append(prepare([path]))
        except YusuanError:
            continue  # an image-only PDF: not imported, as in `yusuan import`
    baseline = time.perf_counter() - start
    print(f"{len(prepared)} disclosures of {args.corpus}")
    print(f"{'read + audit (baseline)':<34} {baseline:8.2f} s")

    def import_all(documents: list[Prepared]) -> tuple[float, int]:
        compared = 0
        with tempfile.TemporaryDirectory() as folder:
            engine = open_engine(f"sqlite:///{folder}/yusuan.db")
            _models._held.clear()  # as a new process
            began = time.perf_counter()
            for one in documents:
                compared += bool(store(engine, one).checked.against)
            took = time.perf_counter() - began
            engine.dispose()
        return took, compared

    bare = [replace(p, model=b"", facts="") for p in prepared]
    for label, documents in (
        ("store, no models (writing)", bare),
        ("store, models + comparisons", prepared),
    ):
        runs = [import_all(documents) for _ in range(args.repeat)]
        took = statistics.median(t for t, _ in runs)
        print(
            f"{label:<34} {took:8.2f} s  {took / baseline:6.1%} of baseline"
            f"  ({runs[0][1]} compared with a stored document)"
        )
    sizes = [len(p.model) for p in prepared]
    began = time.perf_counter()
    for p in prepared:
        load_model(p.model)
    decode = (time.perf_counter() - began) / len(prepared)
    print(
        f"{'model decoded, per document':<34} {decode * 1000:8.1f} ms"
        f"  ({decode * len(prepared) / baseline:.1%} of baseline);"
        f" compressed {statistics.mean(sizes) / 1024:.0f} KiB on average, {max(sizes) / 1024:.0f} KiB at most"
    )


if __name__ == "__main__":
    main()
