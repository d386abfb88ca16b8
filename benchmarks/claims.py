"""How well the narrative binder reads: each hand-bound sentence held against what yusuan binds.

`python benchmarks/claims.py [--gold FILE]... [--corpus DIR] [--doc NAME] [--quiet]`

The gold (`../shared/truth/claims-gold-*.jsonl`) is sentences of the corpus narratives, each
money and percent figure bound by hand to its quantity, measure and scope. For each gold
sentence the document is read as `yusuan claims` reads it, the sentence found among the
document's claims (by its text, on its page ±1), and each gold figure matched with yusuan's
figure of the same value in that sentence, in order. A figure is bound right when quantity,
measure and scope all agree (a functional item by its code when both name one; a figure of no
table quantity — `其他:…`, `项目:…` — agrees with yusuan's `其他`).

It prints the rate bound right (and per field) and every miss. The gold is a measure, not a
target: the binder's grammar must be general (held-back documents are measured the same way).
Without ../shared it says "skipped".
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from difflib import SequenceMatcher
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared"
MONEY_UNITS = ("万元", "元", "亿元", "%")
_NOISE = re.compile(r"[\s“”\"'，,。；;：:（）()、]")


# Gold labels in dispute: (doc, page, figure as printed, gold quantity) → why. Kept short and
# honest: only labels the README's definitions or the gold's own labels of the same wording
# elsewhere contradict.
_SAME_WORDING = "the gold labels the same wording 全部资金 elsewhere (qz-zfb, hz-qxj, sh-putuo-czj)"
_THRESHOLD = (
    "a threshold the gold labels 其他:不适用 elsewhere (sz-xfj, qz-zfb, sh-putuo-czj, wanli)"
)
_STOCK = "a stock the gold labels 单位本级 elsewhere (cc-xfj, gz-xfj, zh-swj)"
_NO_FUND = (
    "no fund named in its sentence or heading (项目支出情况说明); the gold labels the same "
    "figure 项目支出预算 474.56 万元 全部资金 on p17"
)
_RUNNING = (
    "a budget's 机关运行经费 with no fund named, labelled 全部资金: the gold labels the same "
    "wording (本部门机关运行经费安排) 财政拨款 in gz-xfj and zh-swj, 一般公共预算 in cc-xfj"
)
_BARE_BUDGET = (
    "a 决算's 三公 预算 named bare (its table: 预算数) labelled 调整预算; the gold labels the same "
    "wording in fs-gdjt (完成预算 0 万元) 年初预算"
)
DISPUTED: dict[tuple[str, int, str, str], str] = {
    ("cq-xcb-2026-ys.pdf", 3, "2,898.00 万元", "事业收入"): _SAME_WORDING,
    ("cq-xcb-2026-ys.pdf", 3, "513.00 万元", "其他收入"): _SAME_WORDING,
    ("cq-xcb-2026-ys.pdf", 3, "353.98 万元", "事业收入"): _SAME_WORDING,
    ("xa-wjw-2022-js.pdf", 9, "1,110,972.11万元", "事业收入"): _SAME_WORDING,
    ("xa-wjw-2022-js.pdf", 9, "55.13%", "事业收入"): _SAME_WORDING,
    ("xa-wjw-2022-js.pdf", 9, "98,870.55万元", "其他收入"): _SAME_WORDING,
    ("xa-wjw-2022-js.pdf", 9, "4.91%", "其他收入"): _SAME_WORDING,
    ("yt-sjj-2026-ys.pdf", 27, "781.6万元", "其他收入"): _SAME_WORDING,
    ("yt-sjj-2026-ys.pdf", 27, "35万元", "其他收入"): _SAME_WORDING,
    ("gz-xfj-2026-ys.pdf", 22, "100万元", "其他:设备单价门槛"): _THRESHOLD,
    ("zh-swj-2026-ys.pdf", 31, "100万元", "其他:设备单价门槛"): _THRESHOLD,
    ("sh-putuo-wanli-2023-ys.pdf", 29, "3149.52万元", "其他:固定资产"): _STOCK,
    ("sh-putuo-wanli-2023-ys.pdf", 29, "0万元", "其他:其他固定资产"): _STOCK,
    ("cc-xfj-2026-ys.pdf", 18, "474.56万元", "项目支出"): _NO_FUND,
    ("cc-xfj-2026-ys.pdf", 18, "116万元", "项目:2026信访接待中心运行费"): _NO_FUND,
    ("cc-xfj-2026-ys.pdf", 18, "30万元", "项目:2026信访专项经费"): _NO_FUND,
    ("cc-xfj-2026-ys.pdf", 18, "312万元", "项目:2026驻京经费"): _NO_FUND,
    ("cc-xfj-2026-ys.pdf", 18, "15.56万元", "项目:信访局临聘人员经费"): _NO_FUND,
    ("yt-sjj-2026-ys.pdf", 28, "210.32万元", "机关运行经费"): _RUNNING,
    ("yt-sjj-2026-ys.pdf", 28, "1.43万元", "机关运行经费"): _RUNNING,
    ("yt-sjj-2026-ys.pdf", 28, "0.68%", "机关运行经费"): _RUNNING,
    ("yt-sjj-2026-ys.pdf", 27, "118.76万元", "本年支出合计"): (
        "支出预算 labelled 本年支出合计 for its change, 支出总计 for its amount a sentence before "
        "(the document carries nothing over: the same money)"
    ),
    ("js-rd-2017-ys.pdf", 29, "1305.25 万元", "其他:会议费"): (
        "会议费 is the economic class 30215 (README: 经济:<code> <name>), as the gold labels 培训费, 办公费"
    ),
    ("xa-wjw-2022-js.pdf", 21, "593.46万元", "三公经费"): _BARE_BUDGET,
    ("xa-wjw-2022-js.pdf", 21, "1.86万元", "公务接待费"): _BARE_BUDGET,
}
# (cq-xcb's 513.00 万元 其他收入 is printed twice, as the amount and as its increase: one key.)


@dataclass(frozen=True, slots=True)
class Bound:
    text: str
    value: Decimal
    unit: str
    quantity: str
    measure: str
    scope: str


def _norm(text: str) -> str:
    folded = text.translate(str.maketrans("０１２３４５６７８９．％", "0123456789.%"))
    return _NOISE.sub("", folded)


def _decimal(text: object) -> Decimal | None:
    try:
        return Decimal(str(text).replace(",", ""))
    except InvalidOperation:
        return None


# One quantity printed under two names.
_SYNONYMS = {"公务用车购置及运行维护费": "公务用车购置及运行费"}


def same_quantity(gold: str, mine: str) -> bool:
    if _SYNONYMS.get(gold, gold) == _SYNONYMS.get(mine, mine):
        return True
    if gold.startswith(("其他:", "项目:")) or gold == "其他":
        return mine == "其他"
    if gold.startswith("经济:") and mine.startswith("经济:"):
        return gold[3:].split(" ", 1)[0] == mine[3:].split(" ", 1)[0]
    if gold.startswith("功能:") and mine.startswith("功能:"):
        g, m = gold[3:].split(" ", 1)[0], mine[3:].split(" ", 1)[0]
        if g.isdigit() and m.isdigit():
            return g == m
        return gold[3:].split(" ")[-1] == mine[3:].split(" ")[-1]
    return False


def _overlap(mine: str, gold: str) -> float:
    """How far yusuan's sentence is the gold one, or a part of it, though one may carry a
    heading or a neighbour the other split off: the share of the shorter in their longest
    common run (0 when under 8 characters or under 60%)."""
    if mine in gold or gold in mine:
        return 1.0
    match = SequenceMatcher(None, mine, gold, autojunk=False).find_longest_match()
    share = match.size / max(1, min(len(mine), len(gold)))
    return share if match.size >= 8 and share >= 0.6 else 0.0


def _sentence_claims(records: list[dict[str, object]], page: int, sentence: str) -> list[Bound]:
    """yusuan's figures of the gold sentence: those of the document's sentences (on its page
    ±1) that are the gold sentence or a part of it, the best match (on its page first) first."""
    gold = _norm(sentence)
    found: list[tuple[float, int, Bound]] = []
    for r in records:
        if r["page"] is not None and abs(int(str(r["page"])) - page) > 1:
            continue
        mine = _norm(str(r["sentence"]))
        score = _overlap(mine, gold) if len(mine) >= 4 else 0.0
        if not score:
            continue
        value = _decimal(r["value"])
        if value is None:
            continue
        # (the gold's page is where its sentence starts: a figure of it on the page before is
        # less likely than one on the page after, where a long sentence runs on)
        offset = int(str(r["page"])) - page if r["page"] is not None else 1
        distance = offset if offset >= 0 else -offset * 1.5
        found.append(
            (
                -score + distance,
                len(found),
                Bound(
                    str(r["text"]),
                    value,
                    str(r["unit"]),
                    str(r["quantity"]),
                    str(r["measure"]),
                    str(r["scope"]),
                ),
            )
        )
    # the best-matching sentence's figures first, each sentence's in order
    return [b for _, _, b in sorted(found, key=lambda f: (f[0], f[1]))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", action="append", type=Path)
    parser.add_argument("--corpus", type=Path, default=SHARED / "corpus")
    parser.add_argument("--doc", action="append", help="only this corpus file")
    parser.add_argument("--quiet", action="store_true", help="the rates only")
    args = parser.parse_args(argv)
    golds = args.gold or sorted((SHARED / "truth").glob("claims-gold-*.jsonl"))
    if not golds or not args.corpus.is_dir():
        print("claims: skipped (no ../shared gold or corpus)")
        return 0

    from yusuan.audit.engine import Context
    from yusuan.audit.records import claim_records
    from yusuan.errors import YusuanError
    from yusuan.read import read_path

    sentences = [json.loads(line) for path in golds for line in path.open(encoding="utf-8")]
    if args.doc:
        sentences = [s for s in sentences if s["doc"] in args.doc]
    by_doc: dict[str, list[dict[str, object]]] = defaultdict(list)
    for s in sentences:
        by_doc[s["doc"]].append(s)

    right = total = disputed_right = disputed_total = 0
    fields: Counter[str] = Counter()
    misses: list[str] = []
    disputed_seen: set[tuple[str, int, str, str]] = set()
    for name, items in sorted(by_doc.items()):
        try:
            doc = read_path(args.corpus / name)
        except (YusuanError, OSError) as exc:
            print(f"{name}: unreadable ({exc})", file=sys.stderr)
            continue
        records = [r.as_dict() for r in claim_records(Context(doc))]
        for item in items:
            mine = _sentence_claims(records, int(item["page"]), str(item["sentence"]))
            used: set[int] = set()
            for claim in item["claims"]:
                if claim["unit"] not in MONEY_UNITS:
                    continue
                value = _decimal(claim["value"])
                if claim["unit"] == "亿元" and value is not None:
                    value *= 10000
                total += 1
                key = (name, int(item["page"]), str(claim["text"]), str(claim["quantity"]))
                dispute = DISPUTED.get(key)
                if dispute is not None:
                    disputed_seen.add(key)
                    disputed_total += 1
                percent = claim["unit"] == "%"
                match = next(
                    (
                        k
                        for k, b in enumerate(mine)
                        if k not in used
                        and b.value == value
                        and (b.unit == "%") == percent
                        and (percent or b.unit in MONEY_UNITS)
                    ),
                    None,
                )
                gold = (claim["quantity"], claim["measure"], claim["scope"])
                tag = f" (disputed: {dispute})" if dispute else ""
                if match is None:
                    misses.append(f"{name} p{item['page']} {claim['text']}: {gold} — not read{tag}")
                    continue
                used.add(match)
                b = mine[match]
                ok = {
                    "quantity": same_quantity(claim["quantity"], b.quantity),
                    "measure": claim["measure"] == b.measure,
                    "scope": claim["scope"] == b.scope,
                }
                fields.update(k for k, v in ok.items() if v)
                if all(ok.values()):
                    right += 1
                    disputed_right += dispute is not None
                    continue
                wrong = ", ".join(k for k, v in ok.items() if not v)
                misses.append(
                    f"{name} p{item['page']} {claim['text']} [{wrong}]: gold {gold} — "
                    f"yusuan {(b.quantity, b.measure, b.scope)} | {str(item['sentence'])[:70]}"
                    f"{tag}"
                )
    if not args.quiet:
        for line in misses:
            print(line)
        for key in sorted(set(DISPUTED) - disputed_seen):
            print(f"disputed entry not in the gold: {key}")
    rate = right / total * 100 if total else 0.0
    print(f"bound right: {right}/{total} = {rate:.1f}%")
    for field in ("quantity", "measure", "scope"):
        share = fields[field] / total * 100 if total else 0.0
        print(f"  {field}: {fields[field]}/{total} = {share:.1f}%")
    kept, kept_right = total - disputed_total, right - disputed_right
    share = kept_right / kept * 100 if kept else 0.0
    print(
        f"bound right without the {disputed_total} disputed gold labels: "
        f"{kept_right}/{kept} = {share:.1f}%"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
