"""The matcher every template-family identity test uses, on the one failure 广州市信访局 2026 is
known to have (表6 p12: 30110/30111 1.50 with no 210 11 line in 表5)."""

from __future__ import annotations

import pytest

from yusuan.model import Disclosure
from yusuan.read import read_path

from conftest import FIXTURES
from families import Known, unexplained

GUANGZHOU = FIXTURES / "corpus" / "gz-xfj-2026-ys.pdf"
RULE = "cross.function-economic"
LABEL = "30110 职工基本医疗保险缴费"


@pytest.fixture(scope="module")
def gz() -> Disclosure:
    return read_path(GUANGZHOU)


def test_an_entry_explains_its_failure(gz):
    assert unexplained(gz, [Known(RULE, "gpb_basic", LABEL, 1, "real")]) == ([], [])
    assert unexplained(gz, [Known(RULE, "gpb_basic", LABEL, None, "real")]) == ([], [])


def test_a_failure_no_entry_explains_is_left(gz):
    left, missing = unexplained(gz, [])
    assert [m.split(":")[0] for m in left] == [f"{RULE} gpb_basic {LABEL}"]
    assert missing == []


def test_an_entry_that_does_not_occur_is_stale(gz):
    known = [
        Known(RULE, "gpb_basic", LABEL, 1, "real"),
        Known("cross.total", "summary", "住房保障支出", 1, "a gap since closed"),
    ]
    assert unexplained(gz, known) == ([], ["cross.total summary 住房保障支出 ×1: seen 0"])


def test_the_count_is_exact(gz):
    known = [Known(RULE, "gpb_basic", LABEL, 2, "real")]
    assert unexplained(gz, known) == ([], [f"{RULE} gpb_basic {LABEL} ×2: seen 1"])


def test_the_label_and_table_match_exactly_unless_the_entry_says_prefix(gz):
    left, missing = unexplained(gz, [Known(RULE, "gpb_basic", "30110", None, "real")])
    assert len(left) == 1 and len(missing) == 1
    left, missing = unexplained(gz, [Known(RULE, "gpb_expenditure", LABEL, None, "real")])
    assert len(left) == 1 and len(missing) == 1
    prefix = Known(RULE, "gpb_basic", "30110", None, "real", prefix=True)
    assert unexplained(gz, [prefix]) == ([], [])
