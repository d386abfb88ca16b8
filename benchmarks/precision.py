"""How far a reviewer can trust yusuan's errors: the corpus audited and held against the judged list.

`python benchmarks/precision.py [--corpus DIR] [--truth FILE] [--own FILE] [--doc NAME]...
[--show genuine,false-reader,...]`

Every corpus document is audited as `yusuan audit` would (each file on its own). Each `error`
finding is matched with a row of the judged list (`../shared/truth/corpus-judged.tsv`, a careful
reviewer's verdict on every error yusuan once reported, read against the PDF) and of our own list
(`tests/fixtures/judged/own-judged.tsv`, the same columns, for errors the shared list does not
judge; never edit the shared list). A finding matches a judged row of its document and rule that
states the same figure, on the same page first, then anywhere in the document; a finding with no
figure matches by rule and page (the row whose reasons name the finding's code, when several).

It prints:
- precision: genuine errors over judged errors (`genuine` and `genuine-but-misdescribed` count as
  genuine; `unsure` rows are left out of both);
- recall: the verified defects (genuine, genuine-but-misdescribed and missed rows) that some
  finding reports (as an `error` or a `warning`; and as an `error` alone), matched by document, page (±1)
  and stated figure, or by rule and page when the row states none;
- every error no list judges (judge it against the PDF and add it to the own list), and with
  `--show` the errors of the verdicts named.

Issue #10 asks for precision ≥ 90% and recall ≥ 80%.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from yusuan.audit import audit
from yusuan.audit.finding import Finding, Severity
from yusuan.errors import YusuanError

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import EXTRACTORS, read_document

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared"
OWN = HERE.parent / "tests" / "fixtures" / "judged" / "own-judged.tsv"
GENUINE = ("genuine", "genuine-but-misdescribed")
DEFECTS = (*GENUINE, "missed")
SUFFIXES = (".pdf", ".html", ".txt", ".xlsx", ".xls", ".docx")


@dataclass(frozen=True, slots=True)
class Judged:
    doc: str
    page: int | None
    rule: str
    stated: str
    expected: str
    verdict: str
    why: str
    source: str  # which list


@dataclass(frozen=True, slots=True)
class Reported:
    doc: str
    page: int | None
    finding: Finding


def figure(text: str | None) -> Decimal | None:
    """A stated figure as a number (thousands separators, a unit or % dropped), or None."""
    if not text:
        return None
    cleaned = text.replace(",", "").replace("，", "").strip().rstrip("%万元亿")
    try:
        return Decimal(cleaned).normalize()
    except InvalidOperation:
        return None


def load_judged(path: Path, source: str) -> list[Judged]:
    rows: list[Judged] = []
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            if not row.get("doc") or row["doc"].startswith("#"):
                continue
            page = row.get("page", "").strip()
            rows.append(
                Judged(
                    doc=row["doc"],
                    page=int(page) if page.isdigit() else None,
                    rule=row["rule"],
                    stated=row.get("stated", "") or "",
                    expected=row.get("expected", "") or "",
                    verdict=row["verdict"],
                    why=row.get("why", "") or "",
                    source=source,
                )
            )
    return rows


def audit_corpus(
    corpus: Path, only: set[str], extractor: str | None = None
) -> tuple[list[Reported], list[str], set[str]]:
    """Every finding of every document (any severity), with its page; the files that failed;
    the files audited."""
    reported: list[Reported] = []
    failed: list[str] = []
    audited: set[str] = set()
    for path in sorted(p for p in corpus.iterdir() if p.suffix in SUFFIXES):
        if only and path.name not in only:
            continue
        try:
            doc = read_document(path, extractor)
        except YusuanError as exc:
            failed.append(f"{path.name}: {exc}")
            continue
        audited.add(path.name)
        for f in audit(doc).findings:
            where = f.location.path
            name = Path(where).name if where else path.name
            reported.append(Reported(name, doc.page_of(f.location.line), f))
    return reported, failed, audited


def match_error(r: Reported, judged: list[Judged]) -> Judged | None:
    """The judged row that speaks of this finding, or None."""
    same = [
        j for j in judged if j.doc == r.doc and j.rule == r.finding.rule and j.verdict != "missed"
    ]
    stated = r.finding.stated.normalize() if r.finding.stated is not None else None
    if stated is None:
        # a finding without a page (a PDF read from its text layer alone) is held against the
        # rows of every page
        on_page = [j for j in same if figure(j.stated) is None and r.page in (None, j.page)]
        # Several rows of one page (each misnamed code of a table): the row whose reasons name
        # the finding's code speaks of it; else the first.
        code = (r.finding.location.row or "").split(" ", 1)[0]
        named = [j for j in on_page if code.isdigit() and code in j.why]
        return (named or on_page or [None])[0]
    by_figure = [j for j in same if figure(j.stated) == stated]
    for j in by_figure:
        if j.page == r.page:
            return j
    return by_figure[0] if by_figure else None


def reports_defect(j: Judged, reported: list[Reported], severities: tuple[Severity, ...]) -> bool:
    stated = figure(j.stated)
    for r in reported:
        if r.doc != j.doc or r.finding.severity not in severities:
            continue
        near = j.page is None or r.page is None or abs(r.page - j.page) <= 1
        if not near:
            continue
        if stated is not None and r.finding.stated is not None:
            if r.finding.stated.normalize() == stated:
                return True
        elif stated is None and same_rule(j.rule, r.finding.rule):
            return True
    return False


# Rules the judged list names by another id than the rule that reports the defect now.
ALIASES = {"narrative.name": "text.class-name", "narrative.purpose": "text.copied-reason"}


def same_rule(judged: str, reported: str) -> bool:
    """The judged row's rule is the reported one, its family (`text` for `text.year`), or its
    alias."""
    return reported in (judged, ALIASES.get(judged)) or reported.startswith(judged + ".")


def describe(r: Reported) -> str:
    f = r.finding
    stated = "" if f.stated is None else format(f.stated, "f")
    expected = "" if f.expected is None else format(f.expected, "f")
    return f"{r.doc}\t{r.page or ''}\t{f.rule}\t{stated}\t{expected}\t{f.message}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=SHARED / "corpus")
    parser.add_argument("--truth", type=Path, default=SHARED / "truth" / "corpus-judged.tsv")
    parser.add_argument("--own", type=Path, default=OWN)
    parser.add_argument("--doc", action="append", default=[], help="only this corpus file")
    parser.add_argument("--show", default="", help="verdicts whose errors to print too")
    parser.add_argument(
        "--text-layer",
        nargs="?",
        const="pdfium",
        choices=EXTRACTORS,
        help="read each PDF from its text layer alone, as corpus.py --text-layer does",
    )
    args = parser.parse_args()
    if not args.corpus.is_dir() or not args.truth.is_file():
        print(f"skipped: no corpus at {args.corpus} or no judged list at {args.truth}")
        return 0
    judged = load_judged(args.truth, "shared")
    if args.own.is_file():
        judged += load_judged(args.own, "own")
    started = time.perf_counter()
    reported, failed, audited = audit_corpus(args.corpus, set(args.doc), args.text_layer)
    elapsed = time.perf_counter() - started
    docs = audited | {r.doc for r in reported}
    if args.doc:
        judged = [j for j in judged if j.doc in set(args.doc)]

    errors = [r for r in reported if r.finding.severity is Severity.ERROR]
    verdicts: Counter[str] = Counter()
    by_rule: dict[str, Counter[str]] = {}
    unjudged: list[Reported] = []
    shown: list[tuple[str, Reported, Judged]] = []
    show = {v for v in args.show.split(",") if v}
    for r in errors:
        j = match_error(r, judged)
        verdict = j.verdict if j else "unjudged"
        verdicts[verdict] += 1
        by_rule.setdefault(r.finding.rule, Counter())[verdict] += 1
        if j is None:
            unjudged.append(r)
        elif verdict in show:
            shown.append((verdict, r, j))

    genuine = sum(verdicts[v] for v in GENUINE)
    judged_n = sum(n for v, n in verdicts.items() if v not in ("unjudged", "unsure"))

    # An own row judging an error that a shared row already names as a defect (the same
    # document, page and figure; the same rule when no figure is stated) is the same defect:
    # it counts once.
    def defect_key(j: Judged) -> tuple[str, int | None, str | Decimal]:
        stated = figure(j.stated)
        return (j.doc, j.page, j.rule if stated is None else stated)

    shared = {defect_key(j) for j in judged if j.source == "shared" and j.verdict in DEFECTS}
    defects = [
        j
        for j in judged
        if j.verdict in DEFECTS
        and j.doc in docs
        and not (j.source == "own" and defect_key(j) in shared)
    ]
    as_error = [j for j in defects if reports_defect(j, reported, (Severity.ERROR,))]
    found = [j for j in defects if reports_defect(j, reported, (Severity.ERROR, Severity.WARNING))]

    print(f"corpus: {len(docs)} documents audited in {elapsed:.1f} s; {len(failed)} failed")
    for line in failed:
        print(f"  failed: {line}")
    print(f"errors: {len(errors)}; " + ", ".join(f"{v} {n}" for v, n in verdicts.most_common()))
    print("by rule (genuine / judged, unjudged):")
    for rule, counts in sorted(by_rule.items(), key=lambda kv: -sum(kv[1].values())):
        g = sum(counts[v] for v in GENUINE)
        j = sum(n for v, n in counts.items() if v not in ("unjudged", "unsure"))
        extra = ", ".join(f"{v} {n}" for v, n in counts.most_common() if v not in GENUINE)
        print(f"  {rule:32} {g:3}/{j:<3} {extra}")
    if unjudged:
        print(f"unjudged errors ({len(unjudged)}): judge each against the PDF, add to {OWN.name}")
        for r in unjudged:
            print("  " + describe(r))
    for verdict, r, j in shown:
        print(f"  [{verdict}] {describe(r)}\n      judged: {j.why}")
    missed = [j for j in defects if j not in found]
    if missed:
        print(f"verified defects not reported ({len(missed)}):")
        for j in missed:
            print(f"  {j.doc}\tp{j.page}\t{j.rule}\t{j.stated}\t{j.expected}\t{j.why[:120]}")
    share = f"{genuine}/{judged_n} = {genuine / judged_n:.1%}" if judged_n else "n/a"
    print(f"precision of errors: {share} (target ≥ 90%; {len(unjudged)} unjudged)")
    for kinds, hit in (("errors or warnings", found), ("errors", as_error)):
        recall = f"{len(hit)}/{len(defects)} = {len(hit) / len(defects):.1%}" if defects else "n/a"
        print(f"verified defects reported as {kinds}: {recall} (target ≥ 80%)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
