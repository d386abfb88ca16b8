"""A row whose figures fit a huge number of placements (shuffled or run-together text: a line of
zeros in a wide table) is placed within a budget of steps, and the reading says so."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from yusuan.read.placement import Budget
from yusuan.read.rowplace import PLACEMENT_BUDGET, RowPlacer, Slot, enumerate_candidates
from yusuan.read.text import read_text

SEED = Path(__file__).parent / "fixtures" / "seed" / "000_fc947a31a4e8e830.txt"
COLUMNS = tuple(f"列{i}" for i in range(24))


def test_a_row_with_millions_of_placements_keeps_those_found_within_its_budget() -> None:
    # twelve figures in twenty-four columns, no identity to prune them: C(24, 12) = 2,704,156
    slot = Slot([Decimal("1.00")] * 12)
    enumerate_candidates(slot, COLUMNS, (), Decimal("0.01"))
    assert slot.cut
    assert 0 < len(slot.candidates) < PLACEMENT_BUDGET
    for candidate in slot.candidates:  # each one still an order-preserving placement
        assert list(candidate.positions) == sorted(set(candidate.positions))
        assert len(candidate.positions) == 12


def test_a_row_that_fits_is_placed_in_full_and_not_cut() -> None:
    slot = Slot([Decimal("3.00"), Decimal("1.00")])
    enumerate_candidates(slot, COLUMNS[:4], (), Decimal("0.01"))
    assert not slot.cut
    assert len(slot.candidates) == 6  # C(4, 2): every placement


def test_a_reading_that_spent_its_steps_gives_each_further_row_less() -> None:
    budget = Budget(steps=0)
    placer = RowPlacer(COLUMNS, (), Decimal("0.01"), budget=budget)
    slot = Slot([Decimal("1.00")] * 12)
    placer.fill(slot)
    assert slot.cut and len(slot.candidates) < budget.step_limit() < PLACEMENT_BUDGET
    assert budget.steps < 0  # what the row took is counted against the reading


def test_a_line_of_zeros_in_a_wide_table_is_read_with_a_note() -> None:
    text = SEED.read_text("utf-8")
    total = "合计 1,634.35 1,634.35 1,634.35 1,634.35"
    assert text.count(total) >= 1
    # the 收入总表's 合计 row (18 columns) printed as twelve zeros: every placement adds up
    text = text.replace(total, "合计 " + " ".join(["0.00"] * 12), 1)
    doc = read_text(text, "mangled.txt")
    notes = [d.message for d in doc.diagnostics if "too many placements" in d.message]
    assert len(notes) == 1, notes
    assert "12 figures" in notes[0] and "18 columns" in notes[0]
    income = doc.table("income")
    assert income is not None and income.rows  # the table is still read
