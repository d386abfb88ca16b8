"""Correct disclosures audit clean: random budgets, consistent by construction, flattened as a
PDF extractor would, read back and audited by the table and cross-table rules."""

from __future__ import annotations

from random import Random

import pytest

from yusuan.audit import audit
from yusuan.audit.finding import Severity
from yusuan.read.text import read_text

from synth import random_budget, random_style, render

IDENTITY_RULES = ["table", "cross.total", "cross.basic-vs-economic", "sangong.sum"]


@pytest.mark.parametrize("seed", range(12))
def test_a_consistent_budget_has_no_identity_errors(seed):
    rng = Random(seed)
    budget = random_budget(rng)
    text = render(budget, random_style(rng))
    report = audit(read_text(text, f"synthetic-{seed}.txt"), select=IDENTITY_RULES)
    errors = [f"{f.rule}: {f.message}" for f in report.findings if f.severity is Severity.ERROR]
    assert errors == []
    assert report.evaluated > 50  # it did check: “no findings” is not “nothing read”


def test_a_planted_total_error_in_a_consistent_budget_is_found():
    rng = Random(3)
    budget = random_budget(rng)
    text = render(budget, random_style(rng))
    doc = read_text(text, "synthetic.txt")
    total = next(r for r in doc.table("expenditure").rows if r.name == "合计")
    wrong = format(total.value("合计") + 100, ",.2f")
    right = format(total.value("合计"), ",.2f")
    line = doc.source[total.span.line - 1]
    assert right in line
    lines = list(doc.source)
    lines[total.span.line - 1] = line.replace(right, wrong, 1)
    report = audit(read_text("\n".join(lines), "planted.txt"), select=IDENTITY_RULES)
    assert any(f.severity is Severity.ERROR for f in report.findings)
