"""A mangling campaign over the corpus: find the inputs that crash the reader or the audit.

`python benchmarks/mangle.py [--cases N] [--seed S] [--only text|pdf] [--chain] [--doc NAME]
[--case K] [--save DIR] [CORPUS_DIR]`

Each case takes a corpus document and mangles it the ways real inputs arrive broken: its text
extracted in column order (`pdftotext -raw`, pdfminer's box order, pdfium's text layer), then
truncated, shuffled, interleaved with another document or with characters corrupted; or the PDF
itself truncated, with bytes flipped, a content stream broken or its cross-reference table
damaged. Each is read (`read_bytes`) and audited. A result or a `YusuanError` is fine; anything
else is a crash, reported once per place it was raised (exception type and innermost frame),
with a case that reproduces it. The last line counts the cases and the crashes.

Extracted texts are cached under /tmp/yusuan-mangle (pdftotext and pdfminer are slow).
"""

from __future__ import annotations

import argparse
import random
import signal
import subprocess
import sys
import time
import traceback
from collections import Counter
from pathlib import Path

from yusuan.audit import audit
from yusuan.errors import YusuanError

try:
    from yusuan.errors import InternalError
except ImportError:  # a yusuan from before the reader's boundary (to count crashes before/after)

    class InternalError(YusuanError):  # type: ignore[no-redef]
        pass


from yusuan.read import read_bytes

sys.path.insert(0, str(Path(__file__).parent.parent / "tests"))
from mangling import PDF_MANGLES, TEXT_MANGLES, interleave

CACHE = Path("/tmp/yusuan-mangle")
TIMEOUT = 120  # seconds a case may take before it counts as a hang (slow cases are listed)


class Hang(Exception):
    """A case ran past TIMEOUT."""


def _extract(pdf: Path, how: str) -> str:
    """The text of `pdf` as `how` extracts it, cached."""
    out = CACHE / f"{pdf.stem}.{how}.txt"
    if out.exists():
        return out.read_text("utf-8")
    CACHE.mkdir(exist_ok=True)
    text = ""
    try:
        if how in ("raw", "layout", "plain"):
            flag = {"raw": ["-raw"], "layout": ["-layout"], "plain": []}[how]
            text = subprocess.run(
                ["pdftotext", *flag, str(pdf), "-"], capture_output=True, check=False, timeout=120
            ).stdout.decode("utf-8", "replace")
        elif how == "pdfminer":
            from pdfminer.high_level import extract_text

            text = str(extract_text(str(pdf)))
        elif how == "pdfium":
            import pypdfium2 as pdfium

            doc = pdfium.PdfDocument(str(pdf))
            text = "\n".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
            doc.close()
    except Exception as exc:  # an extractor failing is not the reader's crash
        print(f"  (extract {pdf.name} {how}: {exc})", file=sys.stderr)
    out.write_text(text, "utf-8")
    return text


EXTRACTORS = ("raw", "pdfminer", "pdfium", "plain")


# --- the campaign -------------------------------------------------------------------------


def _alarm(signum: int, frame: object) -> None:
    raise Hang()


def _signature(exc: BaseException) -> str:
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if "yusuan" in Path(f.filename).parts] or frames
    last = ours[-1]
    where = f"{Path(last.filename).name}:{last.lineno} {last.name}"
    return f"{type(exc).__name__} at {where}: {str(exc)[:100]}"


def run_case(data: bytes, name: str, rule_errors: Counter[str]) -> str | None:
    """None when the case gives a result or a YusuanError; else the crash's signature. An
    InternalError (the reader's last line of defence) is a crash too, under its cause's
    signature; a rule's crash (an internal.rule-error finding) is counted in `rule_errors`."""
    signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(TIMEOUT)
    try:
        report = audit(read_bytes(data, name))
        for finding in report.findings:
            if finding.rule == "internal.rule-error":
                rule_errors[f"{finding.message[:90]} {dict(finding.evidence).get('at')}"] += 1
    except InternalError as exc:
        return _signature(exc.__cause__ or exc)
    except YusuanError as exc:
        if "\n" in str(exc):
            return f"YusuanError spanning lines: {str(exc)[:80]!r}"
        return None
    except Hang:
        return "Hang"
    except Exception as exc:
        return _signature(exc)
    finally:
        signal.alarm(0)
    return None


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus", nargs="?", default="../shared/corpus")
    parser.add_argument("--cases", type=int, default=300)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--only", choices=("text", "pdf"))
    parser.add_argument("--doc")
    parser.add_argument(
        "--chain", action="store_true", help="text mangled two or three ways in turn"
    )
    parser.add_argument(
        "--case", type=int, help="read only this case of the seed (with --save: to reproduce it)"
    )
    parser.add_argument("--save", help="a directory to write each crashing input into")
    args = parser.parse_args()
    pdfs = sorted(Path(args.corpus).glob("*.pdf"))
    if args.doc:
        pdfs = [p for p in pdfs if args.doc in p.name]
    rng = random.Random(args.seed)
    crashes: Counter[str] = Counter()
    example: dict[str, str] = {}
    rule_errors: Counter[str] = Counter()
    started = time.time()
    for case in range(args.cases):
        pdf = rng.choice(pdfs)
        kind = args.only or rng.choice(("text", "text", "pdf"))
        if kind == "text":
            how = rng.choice(EXTRACTORS)
            text = _extract(pdf, how)
            if rng.random() < 0.15:
                other = _extract(rng.choice(pdfs), rng.choice(EXTRACTORS))
                mangle, text = "interleave", interleave(rng, text, other)
            else:
                # (drawn as before without --chain, so that a seed's cases stay the same)
                ways = rng.randint(2, 3) if args.chain else 1
                names = [rng.choice(list(TEXT_MANGLES)) for _ in range(ways)]
                for name in names:
                    text = TEXT_MANGLES[name](rng, text)
                mangle = "+".join(names)
            data = text.encode("gb18030" if rng.random() < 0.1 else "utf-8", "replace")
            label = f"{pdf.name} text:{how}:{mangle}"
        else:
            mangle = rng.choice(list(PDF_MANGLES))
            data = PDF_MANGLES[mangle](rng, pdf.read_bytes())
            label = f"{pdf.name} pdf:{mangle}"
        if args.case is not None and case != args.case:
            continue  # (made, so that the draws reach the one asked for, but not read)
        if args.case is not None and args.save:
            Path(args.save).mkdir(parents=True, exist_ok=True)
            (Path(args.save) / f"case-{args.seed}-{case}.bin").write_bytes(data)
        t0 = time.time()
        crash = run_case(data, pdf.name, rule_errors)
        took = time.time() - t0
        if crash:
            crashes[crash] += 1
            if crash not in example:
                example[crash] = f"case {case} (seed {args.seed}): {label}"
                if args.save:
                    Path(args.save).mkdir(parents=True, exist_ok=True)
                    (Path(args.save) / f"crash-{args.seed}-{case}.bin").write_bytes(data)
            print(f"CRASH case {case} {label}: {crash} ({took:.1f}s)", flush=True)
        elif took > 20:
            print(f"slow  case {case} {label}: {took:.1f}s", flush=True)
    print(f"\n{len(crashes)} distinct crashes:")
    for crash, n in crashes.most_common():
        print(f"  {n:4d} × {crash}\n         e.g. {example[crash]}")
    if rule_errors:
        print(f"\n{len(rule_errors)} distinct rule crashes (reported as internal.rule-error):")
        for crash, n in rule_errors.most_common():
            print(f"  {n:4d} × {crash}")
    total = sum(crashes.values())
    print(
        f"{args.cases} cases (seed {args.seed}) in {time.time() - started:.0f}s: "
        f"{total} crashed ({len(crashes)} distinct); "
        f"{sum(rule_errors.values())} rule crashes ({len(rule_errors)} distinct)"
    )
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main())
