"""The flattened-text reader on text as a PDF's plain text layer gives it.

A text layer keeps the order the page was drawn in, not the order it reads in: a table's title
may come after its figures, a header's words after the title, a row's label far from its
amounts. Each text here is built in the test, in the shape one real document's text layer has
(the corpus sweep `benchmarks/corpus.py --text-layer` reads them all), and each test fails
without the reader rule it names.
"""

from __future__ import annotations

from yusuan.read.source import split_lines
from yusuan.read.tables import TextIndex


def test_a_row_of_figures_is_no_beginning_of_the_title_under_it():
    """A title may break over two lines (…支出预 / 算表); a line of figures, or a whole title
    under a label, is no such break: the title is the line under it alone."""
    lines = split_lines(
        "收入合计 10,150.48 10,150.48\n收支预算总表\n上年结转和结余资金\n收入预算总表\n"
    )
    index = TextIndex.of(lines)
    assert index.title_ends == {}
    assert index.titles == {1: "收支预算总表", 3: "收入预算总表"}
    broken = TextIndex.of(split_lines("“三公”经费、会议费、培训费支出预\n算表\n"))
    assert broken.title_ends == {0: 1}
