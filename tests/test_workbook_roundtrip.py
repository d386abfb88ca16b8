"""Any valid Budget written into the input workbook reads back as the same Budget: the workbook
form loses nothing of the model (amounts exact, codes with their zeros, every field)."""

from __future__ import annotations

import dataclasses
import io
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from yusuan.catalog import Part, load_catalog
from yusuan.compile import workbook_layout as lay
from yusuan.compile.budget import (
    Assets,
    Balance,
    Budget,
    FinalItem,
    Indicator,
    Line,
    Prior,
    Procurement,
    Profile,
    Project,
    ProjectType,
    Reason,
    Sangong,
    Source,
    Staff,
    Unit,
    Use,
)
from yusuan.compile.load import load
from yusuan.compile.workbook import WorkbookError, read_workbook
from yusuan.compile.workbook_export import budget_workbook
from yusuan.compile.workbook_write import deterministic_bytes
from yusuan.model import DocKind, MoneyUnit

CATALOG = load_catalog(2026)
FUNCTIONS = sorted(e.code for e in CATALOG.entries(Part.FUNCTION) if e.level == 3)
ECONOMIC = sorted(e.code for e in CATALOG.entries(Part.ECON_DEPT) if e.level == 2)
GOVERNMENT = sorted(e.code for e in CATALOG.entries(Part.ECON_GOV) if e.level == 2)

words = st.text(alphabet="甲乙丙丁部局科室中心办公费", min_size=1, max_size=8)
money = st.integers(0, 10**11).map(lambda cents: Decimal(cents) / 100)
counts = st.integers(0, 500)
unit_codes = st.from_regex(r"[0-9]{3,6}", fullmatch=True)  # leading zeros included
project_codes = st.from_regex(r"[0-9A-Z]{1,21}", fullmatch=True)


@st.composite
def budgets(draw) -> Budget:
    units = draw(
        st.lists(
            st.builds(Unit, unit_codes, words, st.sampled_from(lay.UNIT_KINDS)),
            min_size=1,
            max_size=3,
            unique_by=lambda u: u.code,
        )
    )
    unit_of = st.sampled_from([u.code for u in units])
    indicator = st.builds(
        Indicator,
        st.sampled_from(lay.INDICATOR_LEVELS),
        words,
        words,
        words,
        st.none() | money,
    )
    projects = draw(
        st.lists(
            st.builds(
                Project,
                project_codes,
                words,
                unit_of,
                st.sampled_from(list(ProjectType)),
                purpose=st.just("") | words,
                period=st.just("") | words,
                goal=st.just("") | words,
                indicators=st.lists(indicator, max_size=3).map(tuple),
            ),
            max_size=3,
            unique_by=lambda p: p.code,
        )
    )

    @st.composite
    def line(draw_line) -> Line:
        project = draw_line(st.none() | st.sampled_from([p.code for p in projects] or [None]))
        uses = [None, Use.PROJECT] if project else [None, Use.PERSONNEL, Use.PUBLIC]
        return Line(
            unit=draw_line(unit_of),
            function=draw_line(st.sampled_from(FUNCTIONS)),
            economic=draw_line(st.sampled_from(ECONOMIC)),
            source=draw_line(st.sampled_from(list(Source))),
            amount=draw_line(money),
            gov_economic=draw_line(st.none() | st.sampled_from(GOVERNMENT)),
            use=draw_line(st.sampled_from(uses)),
            project=project,
            carried_over=draw_line(st.booleans()),
            fiscal=draw_line(st.booleans()),
        )

    lines = draw(st.lists(line(), min_size=1, max_size=8))
    lines = [
        Line(**{**{f: getattr(ln, f) for f in Line.__slots__}, "where": f"预算明细!{i}"})
        for i, ln in enumerate(lines, start=2)
    ]
    kind = draw(st.sampled_from(list(DocKind)))
    final = kind is DocKind.FINAL
    return Budget(
        department=draw(words),
        code=draw(unit_codes),
        year=2026,
        kind=kind,
        unit=draw(st.sampled_from(list(MoneyUnit))),
        template=draw(st.sampled_from(["prov12", "shanghai-budget", "national-final"])),
        units=tuple(units),
        profile=Profile(
            duties=tuple(draw(st.lists(words, max_size=3))),
            internal_units=tuple(draw(st.lists(words, max_size=3))),
            structure=tuple(draw(st.lists(words, max_size=2))),
            staff=tuple(
                draw(st.lists(st.builds(Staff, words, counts, st.none() | words), max_size=2))
            ),
        ),
        lines=tuple(lines),
        projects=tuple(projects),
        prior=Prior(
            totals=draw(st.dictionaries(st.sampled_from(lay.PRIOR_TOTALS), money, max_size=3)),
            functions=draw(st.dictionaries(st.sampled_from(FUNCTIONS), money, max_size=3)),
            sangong=draw(st.dictionaries(st.sampled_from(lay.SANGONG_ITEMS), money, max_size=2)),
            operating=draw(st.none() | money),
        ),
        reasons=tuple(draw(st.lists(st.builds(Reason, words, words), max_size=2))),
        sangong=draw(st.builds(Sangong, *(st.none() | counts for _ in range(6)))),
        operating=draw(st.none() | money),
        procurement=draw(st.builds(Procurement, money, money, money, st.none() | money)),
        assets=draw(
            st.builds(
                Assets,
                st.none() | counts,
                st.none() | counts,
                st.none() | money,
                st.just("") | words,
            )
        ),
        final_items=tuple(
            draw(
                st.lists(
                    st.builds(
                        FinalItem,
                        st.sampled_from(FUNCTIONS),
                        money,
                        st.none() | money,
                        st.just("") | words,
                    ),
                    max_size=3 if final else 0,
                    unique_by=lambda f: f.function,
                )
            )
        ),
        names=draw(st.dictionaries(st.sampled_from(FUNCTIONS + ECONOMIC), words, max_size=2)),
        uses=draw(st.dictionaries(st.sampled_from(FUNCTIONS), words, max_size=2)),
        balances=tuple(
            Balance(b.function, b.source, b.closing, b.opening, where=f"结转结余!{i}")
            for i, b in enumerate(
                draw(
                    st.lists(
                        st.builds(
                            Balance,
                            st.sampled_from(FUNCTIONS),
                            st.sampled_from(list(Source)),
                            money,
                            st.none() | money,
                        ),
                        max_size=3 if final else 0,
                        unique_by=lambda b: (b.function, b.source),
                    )
                ),
                start=2,
            )
        ),
        sangong_budget=draw(
            st.dictionaries(st.sampled_from(lay.SANGONG_ITEMS), money, max_size=2 if final else 0)
        ),
        income=draw(
            st.dictionaries(st.sampled_from(list(Source)), money, max_size=2 if final else 0)
        ),
        closing_balance=draw(
            st.dictionaries(st.sampled_from(list(Source)), money, max_size=2 if final else 0)
        ),
    )


@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(budgets())
def test_a_budget_written_into_the_workbook_reads_back_the_same(tmp_path: Path, budget: Budget):
    path = tmp_path / "budget.xlsx"
    path.write_bytes(deterministic_bytes(budget_workbook(budget)))
    assert read_workbook(path) == budget


def test_the_export_is_a_workbook_of_the_template(tmp_path: Path):
    budget = Budget("某局", "309", 2026, units=(Unit("309001", "本级"),))
    wb = openpyxl.load_workbook(io.BytesIO(deterministic_bytes(budget_workbook(budget))))
    assert wb.sheetnames[: len(lay.SHEETS)] == list(lay.SHEETS)
    assert wb["单位"]["A2"].value == "309001" and wb["预算明细"]["A2"].value is None


def test_a_workbook_without_the_later_sheets_still_reads(tmp_path: Path):
    line = Line("309001", "2010301", "30101", Source.GENERAL, Decimal("1.50"), where="预算明细!2")
    budget = Budget("某局", "309", 2026, units=(Unit("309001", "本级"),), lines=(line,))
    wb = budget_workbook(budget)
    del wb[lay.SUBJECTS]
    path = tmp_path / "old.xlsx"
    path.write_bytes(deterministic_bytes(wb))
    assert read_workbook(path) == budget


def test_a_use_of_a_code_that_is_not_a_function_item_is_reported_with_its_cell(tmp_path: Path):
    wb = budget_workbook(Budget("某局", "309", 2026, units=(Unit("309001", "本级"),)))
    wb[lay.SUBJECTS]["A2"] = "30101"
    wb[lay.SUBJECTS]["C2"] = "主要用于工资"
    path = tmp_path / "bad.xlsx"
    path.write_bytes(deterministic_bytes(wb))
    with pytest.raises(WorkbookError) as caught:
        read_workbook(path)
    assert any(p.startswith("科目说明!A2：") for p in caught.value.problems)


def _placeless(budget: Budget) -> Budget:
    """The budget with where each line and balance was read from blanked (a YAML line number
    and a workbook row are different places of the same thing)."""
    return dataclasses.replace(
        budget,
        lines=tuple(dataclasses.replace(line, where="") for line in budget.lines),
        balances=tuple(dataclasses.replace(b, where="") for b in budget.balances),
    )


@pytest.mark.parametrize("name", ["seed-2023.yaml", "final-2023.yaml"])
def test_the_yaml_examples_read_back_the_same_from_the_workbook(tmp_path: Path, name: str):
    budget = load(Path(__file__).parent.parent / "examples" / name)
    assert budget.uses or budget.balances  # the fields the workbook once dropped are exercised
    path = tmp_path / "example.xlsx"
    path.write_bytes(deterministic_bytes(budget_workbook(budget)))
    assert _placeless(read_workbook(path)) == _placeless(budget)


def test_balances_and_sangong_budget_in_a_budget_are_reported_with_their_cells(tmp_path: Path):
    line = Line("309001", "2010301", "30101", Source.GENERAL, Decimal("1.50"), where="预算明细!2")
    budget = Budget("某局", "309", 2026, units=(Unit("309001", "本级"),), lines=(line,))
    wb = budget_workbook(budget)
    wb[lay.BALANCES]["A2"], wb[lay.BALANCES]["B2"] = "2010301", "一般公共预算"
    wb[lay.BALANCES]["D2"] = 3.5
    wb[lay.FINAL]["I2"], wb[lay.FINAL]["J2"] = "公务接待费", 2
    path = tmp_path / "bad.xlsx"
    path.write_bytes(deterministic_bytes(wb))
    with pytest.raises(WorkbookError) as caught:
        read_workbook(path)
    problems = caught.value.problems
    assert any(p.startswith("结转结余!A2：") for p in problems), problems
    assert any(p.startswith("决算!I2：") for p in problems), problems
