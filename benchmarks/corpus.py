"""Sweep the shared corpus: how much is read, how many identities hold, how fast.

`python benchmarks/corpus.py [CORPUS_DIR]` (default ../shared/corpus). For each document: the
template and tables recognised, the identity checks (table.*, cross.*) evaluated and failed,
and the time. The last line is the corpus-wide share of identities that hold (issue #5 asks
for ≥ 97%: a table read wrongly breaks most of its identities, real errors break few).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from yusuan.audit import audit
from yusuan.errors import YusuanError
from yusuan.read import read_path

IDENTITY_RULES = ("table", "cross")


def main() -> int:
    markdown = "--markdown" in sys.argv
    args = [a for a in sys.argv[1:] if a != "--markdown"]
    default = Path(__file__).parent.parent.parent / "shared" / "corpus"
    root = Path(args[0]) if args else default
    if not root.is_dir():
        print(f"skipped: no corpus at {root}")
        return 0
    files = sorted(
        p for p in root.iterdir() if p.suffix in (".pdf", ".html", ".txt", ".xlsx", ".docx")
    )
    total_eval = total_failed = 0
    started = time.perf_counter()
    if markdown:
        print("| document | template | tables | identities held | share | tables read |")
        print("|---|---|---|---|---|---|")
    for path in files:
        start = time.perf_counter()
        try:
            doc = read_path(path)
        except YusuanError as exc:
            print(
                f"| {path.name} | not read: {exc.reason} | | | | |"
                if markdown
                else f"{path.name:40s} not read: {exc.reason}"
            )
            continue
        report = audit(doc, select=IDENTITY_RULES)
        total_eval += report.evaluated
        total_failed += report.failed
        held = report.evaluated - report.failed
        share = f"{held / report.evaluated:6.1%}" if report.evaluated else "   —  "
        if markdown:
            seen: set[str] = set()
            names = []
            for t in doc.tables:  # a table read from another's rows carries its id too
                names.append(f"{t.key} (from {t.id})" if t.id in seen else t.id or t.key)
                seen.add(t.id or "")
            keys = ", ".join(names) or "—"
            print(
                f"| {path.name} | {doc.meta.template or '—'} | {len(doc.tables)} | "
                f"{held}/{report.evaluated} | {share.strip()} | {keys} |"
            )
            continue
        print(
            f"{path.name:40s} {doc.meta.template or '?':8s} tables {len(doc.tables):2d}"
            f"  identities {held:4d}/{report.evaluated:<4d} {share}  {time.perf_counter() - start:5.2f}s"
        )
    elapsed = time.perf_counter() - started
    overall = (total_eval - total_failed) / total_eval if total_eval else 0.0
    print(
        f"corpus: {len(files)} files in {elapsed:.1f}s; identities hold {total_eval - total_failed}/{total_eval} = {overall:.1%}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
