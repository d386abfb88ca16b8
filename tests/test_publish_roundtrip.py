"""A disclosure written as XLSX, DOCX, PDF and HTML (`yusuan.publish`) reads back (`yusuan.read`)
to the same tables and the same department, year and kind.

The disclosures are what the reader makes of the seed text and of real published PDFs; the
written file is read by content, as any published one. The one difference allowed and asserted:
a figure printed with fewer than two decimals (1208.2) is printed with two (1208.20), the same
amount.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from yusuan.model import Disclosure
from yusuan.publish import FORMATS, write
from yusuan.read import read_path
from yusuan.render.csv import long_rows
from yusuan.templates import Layout, template_sets

from conftest import FIXTURES, SEED

CORPUS = FIXTURES / "corpus"
# Real PDFs of three families: a two-panel 收支总表, coded tables by function and economic
# class, a 项目 table, 三公 as one row of values.
DOCUMENTS = {
    "seed": SEED,
    "hz-qxj": CORPUS / "hz-qxj-2026-ys.pdf",
    "sz-xfj": CORPUS / "sz-xfj-2026-ys.pdf",
    "sh-final": CORPUS / "sh-putuo-ghzyj-2024-js.pdf",
}

Cell = tuple[str, str, str, str, str, Decimal]


def cells(doc: Disclosure) -> Counter[Cell]:
    """The long rows, each value as the amount it is (1208.2 and 1208.20 are one amount)."""
    return Counter((*row[:5], Decimal(row[5])) for row in long_rows(doc))


def form_tables(doc: Disclosure) -> set[str]:
    """The names (as long_rows gives them) of the doc's tables laid out as forms."""
    families = {s.name: s for s in template_sets()}
    out = set()
    for table in doc.tables:
        family = families.get(table.template or doc.meta.template or "")
        form = family.form_of(table.key, table.columns) if family else None
        if form is not None and form.layout is Layout.FORM:
            out.add(table.id or table.title)
    return out


@pytest.fixture(scope="module")
def originals() -> dict[str, Disclosure]:
    return {name: read_path(path) for name, path in DOCUMENTS.items()}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", DOCUMENTS)
def test_written_disclosure_reads_back(tmp_path: Path, originals, name: str, fmt: str) -> None:
    doc = originals[name]
    out = tmp_path / f"{name}.{fmt}"
    write(doc, fmt, out)
    back = read_path(out)
    assert (back.meta.department, back.meta.year, back.meta.kind) == (
        doc.meta.department,
        doc.meta.year,
        doc.meta.kind,
    )
    assert back.meta.template == doc.meta.template
    assert [t.key for t in back.tables] == [t.key for t in doc.tables]
    want, got = cells(doc), cells(back)
    assert sum(want.values()) > 100
    # Every table reads back cell for cell, the performance forms (绩效目标表) too.
    assert want - got == Counter(), sorted(want - got)[:10]
    assert got - want == Counter(), sorted(got - want)[:10]


def test_the_seed_form_reads_back_with_its_text(tmp_path: Path, originals) -> None:
    """预算11表 (部门整体绩效目标表), a form: its `label | amount` lines keep their figures,
    its 说明 and its indicators (after 一级指标) their text."""
    doc = originals["seed"]
    write(doc, "docx", tmp_path / "seed.docx")
    back = read_path(tmp_path / "seed.docx")
    table, read = doc.table("performance_overall"), back.table("performance_overall")
    assert table is not None and read is not None and "预算11表" in form_tables(doc)
    assert [r.name for r in read.rows] == [r.name for r in table.rows]
    indicators = read.rows[-1]
    assert indicators.name == "绩效指标" and len(indicators.text) >= len(table.rows[-1].text)


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_written_seed_audits_as_the_seed(tmp_path: Path, originals, fmt: str) -> None:
    """What the audit finds in the seed (its genuine errors) it finds in each written file:
    the same rules at the same severities, the narrative's claims and the indicators'
    figures included — nothing the publishing drops or adds changes a verdict."""
    from yusuan.audit import audit

    doc = originals["seed"]
    out = tmp_path / f"seed.{fmt}"
    write(doc, fmt, out)

    def found(d: Disclosure) -> Counter[tuple[str, str]]:
        return Counter((f.rule, f.severity.value) for f in audit(d).findings)

    want = found(doc)
    assert sum(want.values()) > 10 and any(s == "error" for _, s in want)
    back = read_path(out)
    assert found(back) == want

    # The narrative reads back too: its parts and sections (after the cover's title, which
    # opens the written file as it opens a published one), and the 概况's profile: duties,
    # internal units (each `秘书科：…` paragraph as printed) and the staff counted in each.
    def heads(d: Disclosure) -> list[tuple[str, str, str, int]]:
        return [(s.part, s.number, s.title, s.level) for s in d.sections]

    assert heads(back)[1:] == heads(doc) and back.sections[0].text.endswith("2023年部门预算")
    assert back.profile.duties == doc.profile.duties
    assert back.profile.internal_units == doc.profile.internal_units
    assert back.profile.internal_unit_count == doc.profile.internal_unit_count == 7
    staff = [(c.label, c.count, c.scope) for c in doc.profile.staff]
    assert [(c.label, c.count, c.scope) for c in back.profile.staff] == staff


def _scaled(doc: Disclosure, factor: int) -> Disclosure:
    """The disclosure with every amount `factor` times as large (its identities still hold)."""
    tables = tuple(
        replace(
            table,
            rows=tuple(
                replace(row, cells=tuple(replace(c, value=c.value * factor) for c in row.cells))
                for row in table.rows
            ),
        )
        for table in doc.tables
    )
    return replace(doc, tables=tables)


def test_amounts_printed_with_thousands_separators_read_back_from_a_pdf(
    tmp_path: Path, originals
) -> None:
    """A PDF prints 163,435.00: the comma, set on and under the baseline below the digits,
    belongs to its figure's line (read as a line of its own, it broke 163435.00 off into the
    row's name), whatever order the page's text was drawn in."""
    doc = _scaled(originals["seed"], 100)
    path = tmp_path / "seed.pdf"
    write(doc, "pdf", path)
    assert cells(read_path(path)) == cells(doc)
