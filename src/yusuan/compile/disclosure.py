"""A budget compiled into the disclosure model (`model.Disclosure`): meta, profile, the
narrative sections and the derived tables — what every writer (txt, csv, and the office
formats of `yusuan.publish`) renders, and what the audit checks before anything is written."""

from __future__ import annotations

from yusuan.catalog.load import Catalog
from yusuan.compile.budget import Budget
from yusuan.compile.derive import NOWHERE, derive
from yusuan.compile.lines import Classified
from yusuan.compile.narrative import narrative
from yusuan.model import Disclosure, Meta, Profile, StaffCount, Table


def tables_of(budget: Budget, catalog: Catalog | None = None) -> tuple[Table, ...]:
    """The derived tables of the budget (for its template)."""
    if budget.template == "shanghai-budget":
        from yusuan.compile.sh_derive import derive_shanghai

        return derive_shanghai(Classified(budget, catalog))
    return derive(Classified(budget, catalog))


def compile_budget(
    budget: Budget, catalog: Catalog | None = None, path: str | None = None
) -> Disclosure:
    """The whole disclosure of a budget, every figure and sentence derived from its lines."""
    c = Classified(budget, catalog)
    if budget.template == "shanghai-budget":
        from yusuan.compile.sh_derive import derive_shanghai
        from yusuan.compile.sh_narrative import shanghai_narrative

        tables = derive_shanghai(c)
        sections = shanghai_narrative(c, tables)
    else:
        tables = derive(c)
        sections = narrative(c, tables)
    p = budget.profile
    profile = Profile(
        duties=p.duties,
        internal_units=p.internal_units,
        internal_unit_count=len(p.internal_units) or None,
        staff=tuple(StaffCount(s.label, s.count, NOWHERE, s.scope) for s in p.staff),
    )
    meta = Meta(
        path=path,
        department=budget.department,
        department_code=budget.code,
        unit_codes=tuple(u.code for u in budget.units),
        year=budget.year,
        kind=budget.kind,
        unit=budget.unit,
        template=budget.template,
        encoding="utf-8",
    )
    return Disclosure(meta=meta, profile=profile, sections=sections, tables=tables)
