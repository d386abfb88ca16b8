"""The records of the YAML/JSON budget form, each read into its `budget` dataclass.

Split from `load` so that the file handling and the scalar readers stay apart from the schema
itself: one function per record, each naming the keys it knows (an unknown key is a problem,
so a misspelt `amonut` is never silently dropped).
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

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
from yusuan.model import DocKind, MoneyUnit

if TYPE_CHECKING:
    from yusuan.compile.load import _Reader

BUDGET_KEYS = {
    "department",
    "code",
    "year",
    "kind",
    "unit",
    "template",
    "units",
    "profile",
    "lines",
    "projects",
    "prior",
    "reasons",
    "sangong",
    "operating",
    "procurement",
    "assets",
    "final_items",
    "closing_balance",
    "balances",
    "income",
    "names",
    "uses",
    "sangong_budget",
}
LINE_KEYS = {
    "unit",
    "function",
    "economic",
    "gov_economic",
    "source",
    "amount",
    "use",
    "project",
    "carried_over",
    "fiscal",
}


def read_budget(r: _Reader, data: object) -> Budget | None:
    if not isinstance(data, dict) or not data:
        r.bad("", "文件中没有预算数据")
        return None
    m = data
    r.known_keys(m, "", BUDGET_KEYS)
    year = r.count(m, "year", "")
    if year is None:
        r.bad("year", "缺少年度")
    kind = r.choice(DocKind, m.get("kind", "预算"), "kind")
    money_unit = r.choice(MoneyUnit, m.get("unit", "万元"), "unit")
    reasons = r.each(m, "reasons", "", lambda v, w: _reason(r, v, w))
    names = {str(k).strip(): str(v).strip() for k, v in r.mapping(m.get("names"), "names").items()}
    uses = {str(k).strip(): str(v).strip() for k, v in r.mapping(m.get("uses"), "uses").items()}
    closing = r.money_map(m.get("closing_balance"), "closing_balance")
    closing_by_source = {}
    for key, amount in closing.items():
        source = r.choice(Source, key, f"closing_balance.{key}")
        if source is not None:
            closing_by_source[source] = amount
    income_by_source = {}
    for key, amount in r.money_map(m.get("income"), "income").items():
        source = r.choice(Source, key, f"income.{key}")
        if source is not None:
            income_by_source[source] = amount
    return Budget(
        department=r.text(m, "department", ""),
        code=r.code(m, "code", ""),
        year=year or 0,
        kind=kind or DocKind.BUDGET,
        unit=money_unit or MoneyUnit.WAN,
        template=r.text(m, "template", "", default="prov12"),
        units=r.each(m, "units", "", lambda v, w: _unit(r, v, w)),
        profile=_profile(r, m.get("profile"), "profile"),
        lines=r.each(m, "lines", "", lambda v, w: _line(r, v, w)),
        projects=r.each(m, "projects", "", lambda v, w: _project(r, v, w)),
        prior=_prior(r, m.get("prior"), "prior"),
        reasons=reasons,
        sangong=_sangong(r, m.get("sangong"), "sangong"),
        operating=r.opt_money(m, "operating", ""),
        procurement=_procurement(r, m.get("procurement"), "procurement"),
        assets=_assets(r, m.get("assets"), "assets"),
        final_items=r.each(m, "final_items", "", lambda v, w: _final(r, v, w)),
        closing_balance=closing_by_source,
        balances=r.each(m, "balances", "", lambda v, w: _balance(r, v, w)),
        income=income_by_source,
        names=names,
        uses=uses,
        sangong_budget=r.money_map(m.get("sangong_budget"), "sangong_budget"),
    )


def _unit(r: _Reader, value: Any, where: str) -> Unit | None:
    m = r.mapping(value, where)
    r.known_keys(m, where, {"code", "name", "kind"})
    return Unit(
        code=r.code(m, "code", where),
        name=r.text(m, "name", where),
        kind=r.text(m, "kind", where, default="行政单位"),
    )


def _line(r: _Reader, value: Any, where: str) -> Line | None:
    m = r.mapping(value, where)
    r.known_keys(m, where, LINE_KEYS)
    if "source" not in m:
        r.bad(f"{where}.source", "该行没有资金来源")
        source = None
    else:
        source = r.choice(Source, m["source"], f"{where}.source")
    amount = r.money(m.get("amount"), f"{where}.amount") if "amount" in m else None
    if "amount" not in m:
        r.bad(f"{where}.amount", "缺少金额")
    use = r.choice(Use, m["use"], f"{where}.use") if m.get("use") is not None else None
    project = r.code(m, "project", where, required=False, digits=False) or None
    if source is None or amount is None:
        return None
    return Line(
        unit=r.code(m, "unit", where),
        function=r.code(m, "function", where),
        economic=r.code(m, "economic", where),
        source=source,
        amount=amount,
        gov_economic=r.code(m, "gov_economic", where, required=False) or None,
        use=use,
        project=project,
        carried_over=r.flag(m, "carried_over", where, False),
        fiscal=r.flag(m, "fiscal", where, True),
        where=where,
    )


def _indicator(r: _Reader, value: Any, where: str) -> Indicator | None:
    m = r.mapping(value, where)
    r.known_keys(m, where, {"level1", "level2", "name", "value", "amount"})
    return Indicator(
        level1=r.text(m, "level1", where),
        level2=r.text(m, "level2", where, default=""),
        name=r.text(m, "name", where),
        value=str(m.get("value", "")).strip(),
        amount=r.opt_money(m, "amount", where),
    )


def _project(r: _Reader, value: Any, where: str) -> Project | None:
    m = r.mapping(value, where)
    keys = {"code", "name", "unit", "type", "purpose", "period", "goal", "indicators"}
    r.known_keys(m, where, keys)
    kind = r.choice(ProjectType, m.get("type", "其他运转类"), f"{where}.type")
    return Project(
        code=r.code(m, "code", where, digits=False),
        name=r.text(m, "name", where),
        unit=r.code(m, "unit", where),
        type=kind or ProjectType.RUNNING,
        purpose=r.text(m, "purpose", where, default=""),
        period=r.text(m, "period", where, default=""),
        goal=r.text(m, "goal", where, default=""),
        indicators=r.each(m, "indicators", where, lambda v, w: _indicator(r, v, w)),
    )


def _profile(r: _Reader, value: Any, where: str) -> Profile:
    m = r.mapping(value, where)
    r.known_keys(m, where, {"duties", "internal_units", "staff"})

    def texts(key: str) -> tuple[str, ...]:
        return tuple(str(v).strip() for _, v in r.items(m, key, where))

    def staff(v: Any, w: str) -> Staff | None:
        s = r.mapping(v, w)
        r.known_keys(s, w, {"label", "count", "scope"})
        count = r.count(s, "count", w)
        if count is None:
            r.bad(f"{w}.count", "缺少人数")
        scope = s.get("scope")
        return Staff(r.text(s, "label", w), count or 0, None if scope is None else str(scope))

    return Profile(texts("duties"), texts("internal_units"), r.each(m, "staff", where, staff))


def _prior(r: _Reader, value: Any, where: str) -> Prior:
    m = r.mapping(value, where)
    r.known_keys(m, where, {"totals", "functions", "sangong", "operating"})
    return Prior(
        totals=r.money_map(m.get("totals"), f"{where}.totals"),
        functions=r.money_map(m.get("functions"), f"{where}.functions"),
        sangong=r.money_map(m.get("sangong"), f"{where}.sangong"),
        operating=r.opt_money(m, "operating", where),
    )


def _reason(r: _Reader, value: Any, where: str) -> Reason | None:
    m = r.mapping(value, where)
    r.known_keys(m, where, {"of", "text"})
    return Reason(str(m.get("of", "")).strip(), r.text(m, "text", where))


def _sangong(r: _Reader, value: Any, where: str) -> Sangong:
    m = r.mapping(value, where)
    keys = ("trips", "travellers", "vehicles_bought", "vehicles_held", "receptions", "guests")
    r.known_keys(m, where, set(keys))
    return Sangong(**{key: r.count(m, key, where) for key in keys})


def _procurement(r: _Reader, value: Any, where: str) -> Procurement:
    m = r.mapping(value, where)
    r.known_keys(m, where, {"goods", "works", "services", "sme_reserved"})
    zero = Procurement()
    return Procurement(
        goods=r.opt_money(m, "goods", where) or zero.goods,
        works=r.opt_money(m, "works", where) or zero.works,
        services=r.opt_money(m, "services", where) or zero.services,
        sme_reserved=r.opt_money(m, "sme_reserved", where),
    )


def _assets(r: _Reader, value: Any, where: str) -> Assets:
    m = r.mapping(value, where)
    r.known_keys(m, where, {"vehicles", "equipment_over_million", "buildings_m2", "note"})
    return Assets(
        vehicles=r.count(m, "vehicles", where),
        equipment_over_million=r.count(m, "equipment_over_million", where),
        buildings_m2=r.opt_money(m, "buildings_m2", where),
        note=r.text(m, "note", where, default=""),
    )


def _final(r: _Reader, value: Any, where: str) -> FinalItem | None:
    m = r.mapping(value, where)
    r.known_keys(m, where, {"function", "initial", "adjusted", "reason"})
    initial = r.opt_money(m, "initial", where)
    if initial is None:
        r.bad(f"{where}.initial", "缺少年初预算数")
    return FinalItem(
        function=r.code(m, "function", where),
        initial=initial if initial is not None else Decimal(0),
        adjusted=r.opt_money(m, "adjusted", where),
        reason=r.text(m, "reason", where, default=""),
    )


def _balance(r: _Reader, value: Any, where: str) -> Balance | None:
    m = r.mapping(value, where)
    r.known_keys(m, where, {"function", "source", "opening", "closing"})
    closing = r.opt_money(m, "closing", where)
    if closing is None:
        r.bad(f"{where}.closing", "缺少年末结转和结余")
    source = r.choice(Source, m.get("source"), f"{where}.source")
    return Balance(
        function=r.code(m, "function", where),
        source=source or Source.GENERAL,
        closing=closing if closing is not None else Decimal(0),
        opening=r.opt_money(m, "opening", where),
        where=where,
    )
