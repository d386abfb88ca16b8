"""Checks across documents: last year's disclosure of the same department, and the 预算 a 决算
executes (`compare_years`, `same_department`)."""

from __future__ import annotations

from yusuan.audit.across.departments import DepartmentMatch, pairing, same_department
from yusuan.audit.across.years import INITIAL_BUDGET, PREVIOUS_YEAR, compare_years, year_checks

__all__ = [
    "INITIAL_BUDGET",
    "PREVIOUS_YEAR",
    "DepartmentMatch",
    "compare_years",
    "pairing",
    "same_department",
    "year_checks",
]
