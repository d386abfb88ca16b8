"""Test-side edits of the seed: a corrected copy, and copies with one error planted back.

These know the seed's text on purpose (they are tests); the product never does.
"""

from __future__ import annotations

from conftest import SEED

# (line, wrong text, corrected text): the genuine errors of the seed, each fixed in place.
FIXES: tuple[tuple[int, str, str], ...] = (
    (133, "支出总计16334.35", "支出总计1634.35"),
    (143, "一般公共预算收入1478.73", "一般公共预算收入1634.35"),
    (149, "基本支出 793.35 万元，占 48.57%", "基本支出 793.55 万元，占 48.55%"),
    (151, "占51.43%", "占51.45%"),
    (159, "减少56.32%", "减少36.03%"),
    (173, "占3.18%", "占3.17%"),
    (173, "占2.47%", "占2.48%"),
    (181, "人员经费共计716.73", "人员经费共计686.69"),
    (183, "占90.31%", "占86.53%"),
    (189, "公用经费76.83 万元，占9.69%", "公用经费106.86 万元，占13.47%"),
    (217, "预算为67.5 万元", "预算为47.5 万元"),
    (221, "因公出国（境）费 20 万元", "因公出国（境）费 0 万元"),
    (267, "减少 2.63%", "减少 2.56%"),
    (293, "人员经费支出716.73", "人员经费支出686.69"),
    (295, "出 76.83 万元", "出 106.86 万元"),
    (753, "合计 793.55 716.73 76.83", "合计 793.55 686.69 106.86"),
    (925, "47.50 20.00 47.50 47.50", "47.50 47.50 47.50"),
    (1246, "≥72万元", "≥50万元"),
    (1272, "≥11.5万元", "≥10万元"),
    (1278, "≤115万元", "≤10万元"),
    (1300, "≥1808万元", "≥600万元"),
    (1304, "≥1808万元", "≥600万元"),
    (1308, "≤12万元", "≤3万元"),
)


def edit(text: str, line: int, old: str, new: str) -> str:
    lines = text.split("\n")
    assert lines[line - 1].count(old) == 1, (line, old, lines[line - 1])
    lines[line - 1] = lines[line - 1].replace(old, new)
    return "\n".join(lines)


def seed_text() -> str:
    return SEED.read_text("utf-8")


def corrected_text() -> str:
    text = seed_text()
    for line, wrong, right in FIXES:
        text = edit(text, line, wrong, right)
    return text
