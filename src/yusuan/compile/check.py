"""Validate a budget before anything is derived: every problem at once, each with its place.

A code the year's catalog certainly lacks is a problem; a code only our partial copy of the
catalog lacks is accepted (`Catalog.is_known_absent`), provided the input names it. Money is
in cents: a line with more than two decimals could not add up to the printed totals.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from yusuan.catalog.entries import Part
from yusuan.catalog.reference import MoneyPair, money_pairs
from yusuan.compile.budget import Budget, Line, Source, Use
from yusuan.compile.lines import CENT, PERSONNEL_CLASSES, PUBLIC_CLASSES, Classified, total
from yusuan.compile.load import Problem
from yusuan.model import DocKind

TEMPLATES = ("prov12", "national-final", "shanghai-budget")
BASIC_CLASSES = PERSONNEL_CLASSES + PUBLIC_CLASSES


def check(budget: Budget, classified: Classified | None = None) -> list[Problem]:
    """Every problem of the budget, in input order; empty when it can be compiled."""
    c = classified or Classified(budget)
    problems: list[Problem] = []
    problems += _heading(budget)
    problems += _units(budget)
    for i, line in enumerate(budget.lines):
        problems += _line(c, line, line.where or f"lines[{i}]")
    problems += _projects(c)
    problems += _sangong(c)
    problems += _final(budget)
    problems += _balances(c)
    return problems


def _heading(b: Budget) -> list[Problem]:
    out = []
    if not b.department:
        out.append(Problem("department", "缺少部门名称"))
    if not b.code and b.template != "shanghai-budget":  # Shanghai's tables print none
        out.append(Problem("code", "缺少部门编码"))
    if not 2000 <= b.year <= 2100:
        out.append(Problem("year", f"年度“{b.year}”不合理"))
    if b.template not in TEMPLATES:
        out.append(
            Problem("template", f"不认识的表样“{b.template}”（可选：{'、'.join(TEMPLATES)}）")
        )
    if b.kind is DocKind.FINAL and b.template == "prov12":
        out.append(Problem("template", "决算应使用 national-final 表样"))
    if b.kind is DocKind.BUDGET and b.template == "national-final":
        out.append(Problem("template", "national-final 是决算表样，预算应使用 prov12"))
    if not b.lines:
        out.append(Problem("lines", "没有任何预算行"))
    if b.template == "shanghai-budget":
        from yusuan.compile.sh_check import heading

        out += heading(b)
    if b.template == "national-final":
        from yusuan.compile.final import FINAL_SOURCES

        for i, line in enumerate(b.lines):
            if line.source not in FINAL_SOURCES:
                out.append(
                    Problem(
                        f"{line.where or f'lines[{i}]'}.source",
                        f"决算表样中没有“{line.source.value}”这一资金来源",
                    )
                )
    return out


def _units(b: Budget) -> list[Problem]:
    out = []
    if not b.units:
        out.append(Problem("units", "没有列出任何预算单位"))
    for code, n in Counter(u.code for u in b.units).items():
        if n > 1:
            out.append(Problem("units", f"单位编码 {code} 重复列出"))
    for i, unit in enumerate(b.units):
        if not unit.name:
            out.append(Problem(f"units[{i}].name", "缺少单位名称"))
    return out


def _code(
    c: Classified, code: str, part: Part, length: int, where: str, label: str
) -> list[Problem]:
    first = {Part.FUNCTION: "2", Part.ECON_DEPT: "3", Part.ECON_GOV: "5"}[part]
    if len(code) != length or not code.isdigit() or not code.startswith(first):
        return [Problem(where, f"{label}“{code}”应为以 {first} 开头的 {length} 位数字")]
    if c.catalog.get(part, code) is not None:
        return []
    if c.catalog.is_known_absent(code):
        return [Problem(where, f"{c.budget.year}年{label}中没有 {code}")]
    missing = [p for p in range(3, length + 1, 2) if not c.name(code[:p])]
    if missing:
        names = "、".join(code[:p] for p in missing)
        return [Problem(where, f"{label} {code} 不在所附目录中，请在 names 中给出 {names} 的名称")]
    return []


def _line(c: Classified, line: Line, where: str) -> list[Problem]:
    shanghai = c.budget.template == "shanghai-budget"
    if shanghai and not line.economic:
        from yusuan.compile.sh_check import unstated_economic

        return unstated_economic(c, line, where)
    out = _code(c, line.function, Part.FUNCTION, 7, f"{where}.function", "支出功能分类科目")
    out += _code(
        c, line.economic, Part.ECON_DEPT, 5, f"{where}.economic", "部门预算支出经济分类科目"
    )
    if line.gov_economic:
        label = "政府预算支出经济分类科目"
        out += _code(c, line.gov_economic, Part.ECON_GOV, 5, f"{where}.gov_economic", label)
    elif not out and not c.gov_code(line):
        out.append(
            Problem(
                f"{where}.gov_economic",
                f"对照表中没有 {line.economic} 对应的政府预算支出经济分类，请写明 gov_economic",
            )
        )
    if line.amount < 0:
        out.append(Problem(f"{where}.amount", f"金额 {line.amount} 为负数"))
    if line.amount != line.amount.quantize(Decimal("0.01")):
        out.append(Problem(f"{where}.amount", f"金额 {line.amount} 超过两位小数"))
    out += _pairs(c.budget.year, line, where)
    if line.unit not in c.units:
        out.append(Problem(f"{where}.unit", f"单位 {line.unit} 未在 units 中列出"))
    klass = line.economic[:3]
    if line.project is not None:
        project = c.projects.get(line.project)
        if project is None:
            out.append(Problem(f"{where}.project", f"项目 {line.project} 未在 projects 中列出"))
        elif project.unit != line.unit:
            out.append(
                Problem(
                    f"{where}.project",
                    f"项目 {line.project} 属于单位 {project.unit}，不是 {line.unit}",
                )
            )
        if line.use is not None and line.use is not Use.PROJECT:
            out.append(Problem(f"{where}.use", f"项目支出行不能标为{line.use.value}"))
    elif line.use is Use.PROJECT:
        if not shanghai:  # Shanghai's tables name no project: 项目支出 is a column there
            out.append(Problem(f"{where}.project", "标为项目支出但没有写明项目"))
    elif klass not in BASIC_CLASSES:
        out.append(
            Problem(
                f"{where}.economic",
                f"基本支出不能列支 {klass} 类经济科目（只能是301、302、303、310类）",
            )
        )
    elif line.use is Use.PERSONNEL and klass in PUBLIC_CLASSES:
        out.append(Problem(f"{where}.use", f"{klass} 类经济科目属公用经费，不能标为人员经费"))
    elif line.use is Use.PUBLIC and klass in PERSONNEL_CLASSES:
        out.append(Problem(f"{where}.use", f"{klass} 类经济科目属人员经费，不能标为公用经费"))
    return out


def pairs_of(year: int) -> tuple[MoneyPair, ...]:
    """The functional ↔ economic pairs (2080505 ↔ 30108 …) that hold in `year`."""
    return tuple(p for p in money_pairs() if p.holds_in(year))


def _pairs(year: int, line: Line, where: str) -> list[Problem]:
    """The same money classified two ways must agree: a line of 2080505 (养老保险) is paid on
    30108, and 30108 is spent under 2080505 (the alternatives each pair allows count too)."""
    out = []
    for pair in pairs_of(year):
        functions = pair.functional + pair.functional_alternatives
        economics = pair.economic + pair.economic_alternatives
        if line.function in pair.functional and line.economic not in economics:
            codes = "/".join(pair.economic)
            out.append(
                Problem(
                    f"{where}.economic", f"{pair.name}（{line.function}）的钱应列在经济分类 {codes}"
                )
            )
        elif line.economic in pair.economic and line.function not in functions:
            codes = "/".join(pair.functional)
            out.append(
                Problem(
                    f"{where}.function", f"{pair.name}（{line.economic}）的钱应列在功能分类 {codes}"
                )
            )
    return out


def _projects(c: Classified) -> list[Problem]:
    out = []
    spent: Counter[str] = Counter()
    for line in c.lines:
        if line.project is not None:
            spent[line.project] += 1
    amounts = {
        p.code: sum((x.amount for x in c.lines if x.project == p.code), Decimal(0))
        for p in c.budget.projects
    }
    for code, n in Counter(p.code for p in c.budget.projects).items():
        if n > 1:
            out.append(Problem("projects", f"项目编码 {code} 重复列出"))
    for i, p in enumerate(c.budget.projects):
        where = f"projects[{i}]"
        if p.unit not in c.units:
            out.append(Problem(f"{where}.unit", f"单位 {p.unit} 未在 units 中列出"))
        if not spent[p.code]:
            out.append(Problem(where, f"项目“{p.name}”没有任何预算行"))
        for j, indicator in enumerate(p.indicators):
            if indicator.amount is not None and indicator.amount > amounts[p.code]:
                out.append(
                    Problem(
                        f"{where}.indicators[{j}].amount",
                        f"绩效指标“{indicator.name}”的金额 {indicator.amount} 超过项目金额 {amounts[p.code]}",
                    )
                )
    return out


_COUNTS = (
    ("因公出国（境）费", ("trips", "travellers"), "因公出国（境）"),
    ("公务用车购置及运行费/公务用车购置费", ("vehicles_bought",), "公务用车购置"),
    ("公务用车购置及运行费/公务用车运行费", ("vehicles_held",), "公务用车运行"),
    ("公务接待费", ("receptions", "guests"), "公务接待"),
)


def _sangong(c: Classified) -> list[Problem]:
    out = []
    values = c.sangong()
    for column, fields, label in _COUNTS:
        amount = values[column]
        for name in fields:
            count = getattr(c.budget.sangong, name)
            if count is None:
                continue
            where = f"sangong.{name}"
            if count < 0:
                out.append(Problem(where, f"数量 {count} 为负数"))
            elif count and not amount:
                out.append(Problem(where, f"{label}没有预算（0万元），却安排了 {count}"))
            elif not count and amount:
                out.append(Problem(where, f"{label}预算 {amount} 万元，数量却为 0"))
    return out


def _final(b: Budget) -> list[Problem]:
    out = []
    if b.kind is not DocKind.FINAL:
        if b.final_items:
            out.append(
                Problem("final_items", "预算不应有决算项目（final_items），或把 kind 改为 决算")
            )
        return out
    functions = {line.function for line in b.lines}
    for i, item in enumerate(b.final_items):
        if item.function not in functions:
            out.append(
                Problem(
                    f"final_items[{i}].function",
                    f"功能分类科目 {item.function} 没有决算数（lines 中没有）",
                )
            )
        if item.initial < 0:
            out.append(Problem(f"final_items[{i}].initial", "年初预算数为负数"))
    return out


def _balances(c: Classified) -> list[Problem]:
    """A 决算's 结转和结余: each 项's entry sound, and each source's 年初 + 本年收入 − 本年支出 =
    年末 wherever the input states the figures by source."""
    from yusuan.compile import final_balances as fb
    from yusuan.compile.final import FINAL_SOURCES

    b, out = c.budget, []
    if b.kind is not DocKind.FINAL:
        if b.balances or b.income or any(b.closing_balance.values()):
            out.append(
                Problem(
                    "balances", "预算没有结转和结余（balances、income、closing_balance 只用于决算）"
                )
            )
        return out
    seen: set[tuple[str, Source]] = set()
    for i, x in enumerate(fb.balances(b)):
        where = x.where or f"balances[{i}]"
        out += _code(c, x.function, Part.FUNCTION, 7, f"{where}.function", "支出功能分类科目")
        if x.source not in FINAL_SOURCES:
            out.append(Problem(f"{where}.source", f"决算表样中没有“{x.source.value}”这一资金来源"))
        if (x.function, x.source) in seen:
            out.append(Problem(where, f"{x.function} {x.source.value}的结转和结余重复列出"))
        seen.add((x.function, x.source))
        for key, amount in (("closing", x.closing), ("opening", x.opening)):
            if amount is not None and (amount < 0 or amount != amount.quantize(CENT)):
                out.append(Problem(f"{where}.{key}", f"金额 {amount} 应为不超过两位小数的非负数"))
        mine = [y for y in b.lines if y.function == x.function and y.source is x.source]
        carried = total(y for y in mine if y.carried_over)
        if x.opening is not None and x.opening < carried:
            out.append(
                Problem(
                    f"{where}.opening", f"年初结转和结余 {x.opening} 少于结转资金的支出 {carried}"
                )
            )
        elif fb.flow(b, x).income + total(y for y in mine if not y.carried_over) < 0:
            out.append(
                Problem(
                    f"{where}.opening",
                    f"年初结转和结余 {x.opening} 多于本年支出 {total(mine)} 与年末结转和结余 "
                    f"{x.closing} 之和（本年收入不能为负）",
                )
            )
    for source, stated in b.closing_balance.items():
        derived = fb.closing(b, (source,))
        if stated != derived:
            listed = any(x.source is source for x in fb.balances(b))
            text = (
                f"年末结转和结余 {stated} 与 balances 中{source.value}各项的年末合计 {derived} 不符"
                if listed
                else f"年末结转和结余 {stated} 须在 balances 中按功能分类科目（项）列出"
            )
            out.append(Problem(f"closing_balance.{source.value}", text))
    for source, stated in b.income.items():
        sources = (source,)
        opening, closing = fb.opening(b, sources), fb.closing(b, sources)
        spent = total(x for x in b.lines if x.source is source)
        if opening + stated - spent != closing:
            place = "closing_balance" if source in b.closing_balance else "income"
            out.append(
                Problem(
                    f"{place}.{source.value}",
                    f"年初结转和结余 {opening} + 本年收入 {stated} − 本年支出 {spent} = "
                    f"{opening + stated - spent}，与年末结转和结余 {closing} 不符",
                )
            )
    return out
