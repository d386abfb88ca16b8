"""Every rule of the audit, listed in one place.

Third-party rules come from the `yusuan.rules` entry point group: each entry point names a
`Rule` or a sequence of them.
"""

from __future__ import annotations

from functools import cache
from importlib.metadata import entry_points

from yusuan.audit.engine import Rule
from yusuan.audit.reliability import table_unreliable
from yusuan.audit.rules import (
    across,
    catalog,
    classnames,
    completeness,
    cross,
    drafting,
    economic,
    function_economic,
    items,
    narrative,
    perf,
    profile,
    sangong,
    tables,
    text,
    unknown,
)

RULES: tuple[Rule, ...] = (
    tables.row_sum,
    tables.column_sum,
    table_unreliable,
    cross.total,
    cross.basic_vs_economic,
    function_economic.function_economic,
    narrative.amount,
    narrative.share_rule,
    narrative.change_percent,
    narrative.item_record,
    sangong.total,
    sangong.activity,
    sangong.traceable,
    perf.indicator_exceeds_amount,
    unknown.code_unknown,
    catalog.name_mismatch,
    catalog.obsolete,
    economic.econ_mapping,
    economic.personnel_public,
    text.comparison_year,
    text.placeholder,
    text.empty_reason,
    text.punctuation,
    text.dept_wording,
    drafting.year,
    drafting.missing_unit,
    drafting.missing_verb,
    drafting.stray_letter,
    drafting.duplicate,
    classnames.class_name,
    items.copied_reason,
    profile.staff_total,
    profile.internal_units,
    completeness.table,
    completeness.empty_table,
    completeness.explanation,
    across.previous_year,
    across.initial_budget,
)


@cache
def all_rules() -> tuple[Rule, ...]:
    found = list(RULES)
    for ep in entry_points(group="yusuan.rules"):
        loaded = ep.load()
        found.extend(loaded if isinstance(loaded, (list, tuple)) else [loaded])
    ids = [r.id for r in found]
    duplicates = {i for i in ids if ids.count(i) > 1}
    if duplicates:
        raise RuntimeError(f"rule ids defined twice: {sorted(duplicates)}")
    return tuple(found)
