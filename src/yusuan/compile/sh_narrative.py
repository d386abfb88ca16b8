"""The narrative parts of a Shanghai 部门预算 (主要职能, 机构设置, 名词解释, 预算编制说明,
其他相关情况说明, 项目经费情况说明), written from the derived tables and what the input states.

What the input does not state is said plainly, never made up: without last year's figures
there is no year-over-year sentence, without projects no 项目经费 说明, without counts no
团组/车辆 figure. `unstated` names each such gap for the warning lines of `yusuan compile`.
Figures are printed in 万元 (two places, half up) as Shanghai's narratives print them, while
the tables stay in the workbook's 元.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from importlib.resources import files
from typing import Any

from yusuan.compile.budget import Budget, Source
from yusuan.compile.derive import NOWHERE, chinese_number
from yusuan.compile.lines import Classified
from yusuan.compile.sh_derive import splits_basic
from yusuan.model import MoneyUnit, Section, Table

CENT = Decimal("0.01")


@cache
def sentences() -> dict[str, Any]:
    text = files("yusuan.compile").joinpath("data/sh_sentences.toml").read_text("utf-8")
    return tomllib.loads(text)


def say(group: str, key: str, **fields: object) -> str:
    """One sentence of data/sh_sentences.toml with its fields filled."""
    return str(sentences()[group][key]).format(**fields)


# Prior.sangong's keys → the 三公 table's columns
_SANGONG_COLUMN = {
    "因公出国（境）费": "因公出国（境）费",
    "公务用车购置费": "公务用车购置及运行费/公务用车购置费",
    "公务用车运行费": "公务用车购置及运行费/公务用车运行费",
    "公务接待费": "公务接待费",
}


def wan(value: Decimal, unit: MoneyUnit) -> str:
    """An amount of `unit` as the narrative prints it: 万元, two places, 0 as 0."""
    amount = (value * unit.in_yuan / MoneyUnit.WAN.in_yuan).quantize(CENT, ROUND_HALF_UP)
    return "0" if amount == 0 else f"{amount:,.2f}"


def unstated(b: Budget) -> tuple[str, ...]:
    """What a Shanghai disclosure says that this input does not state (one warning each)."""
    out = []
    if not b.prior.totals:
        out.append(f"{b.year - 1}年预算数：编制说明不作与上年的比较")
    if not b.prior.sangong:
        out.append(f"{b.year - 1}年“三公”经费预算数：“三公”经费说明不作与上年的比较")
    if not b.profile.internal_units and not b.profile.structure:
        out.append("内设机构和所属单位：机构设置只列出预算单位")
    if not b.projects:
        out.append("项目及其绩效目标：不写项目经费情况说明和绩效目标设置情况")
    if not (b.procurement.goods or b.procurement.works or b.procurement.services):
        out.append("政府采购预算：政府采购预算情况只说明未填报")
    if b.assets.vehicles is None:
        out.append("车辆和单价100万元以上设备：国有资产占有使用情况只说明未填报")
    if not b.uses:
        out.append("各功能分类科目的用途：财政拨款支出主要内容只列金额")
    if not b.profile.duties:
        out.append(f"{b.scope}主要职能")
    if b.scope == "单位" and not splits_basic(b):
        # the 单位 收支总表 splits 基本支出 into 人员经费/公用经费 by 类; the lines cross only
        # the workbook's margins, so a split by 类 from them would be made up, not stated
        out.append(
            "各功能分类的人员经费、公用经费划分（收支总表未读入）：预算单位财务收支预算总表只列预算数"
        )
    return tuple(out)


class ShanghaiWriter:
    def __init__(self, c: Classified, tables: Iterable[Table]) -> None:
        self.c = c
        self.b = c.budget
        self.tables = {t.key: t for t in tables}
        self.sections: list[Section] = []
        self.part = ""
        self.who = "单位" if self.b.scope == "单位" else "部门"
        self.last = self.b.year - 1

    def w(self, value: Decimal) -> str:
        return wan(value, self.b.unit)

    def vs(self, now: Decimal, before: Decimal | None, of: str = "") -> str:
        """，比上年预算增加/减少 D万元 (D from the two figures as printed, so they agree), or
        "" when the input states no figure for last year: nothing is compared then."""
        if before is None:
            return ""
        diff = Decimal(self.w(now).replace(",", "")) - Decimal(self.w(before).replace(",", ""))
        reason = "；".join(r.text.rstrip("。") for r in self.b.reasons if r.of == of and r.text)
        why = say("compare", "why", reason=reason.removeprefix("主要原因是")) if reason else ""
        key = "same" if diff == 0 else "up" if diff > 0 else "down"
        return say("compare", key, year=self.last, change=f"{abs(diff):,.2f}", why=why)

    def title(self, key: str, **fields: object) -> str:
        return say("titles", key, who=self.who, year=self.b.year, **fields)

    def add(self, number: str, title: str, *paragraphs: str, level: int = 1) -> None:
        text = "\n".join(p for p in paragraphs if p)
        self.sections.append(Section(self.part, number, title, text, NOWHERE, level))

    def sum_of(self, sources: Iterable[Source]) -> Decimal:
        wanted = set(sources)
        return sum((x.amount for x in self.c.lines if x.source in wanted), Decimal(0))

    def profile(self) -> None:
        b, who = self.b, self.who
        duties = b.profile.duties or (say("unstated", "duties", who=who),)
        self.add("一", self.title("duties"), *duties)
        if b.profile.structure:  # as the input words it
            structure: tuple[str, ...] = b.profile.structure
        else:
            names = "、".join(u.name for u in b.units)
            inner = "、".join(b.profile.internal_units)
            structure = (
                say(
                    "profile",
                    "department_units",
                    department=b.department,
                    count=len(b.units),
                    names=names,
                )
                if who == "部门"
                else say("profile", "unit_self", department=b.department),
                say("profile", "internal", names=inner) if inner else "",
            )
        self.add("二", self.title("structure"), *structure)
        self.add("三", self.title("glossary"), *sentences()["glossary"]["lines"])

    def budget(self) -> None:
        b, S = self.b, Source
        general, fund, capital = (
            self.sum_of([s]) for s in (S.GENERAL, S.GOV_FUND, S.STATE_CAPITAL)
        )
        fiscal = general + fund + capital
        whole = self.sum_of(S)
        prior = b.prior.totals
        income = say(
            "budget",
            "income",
            year=b.year,
            department=b.department,
            whole=self.w(whole),
            fiscal=self.w(fiscal),
            vs_fiscal=self.vs(fiscal, prior.get("财政拨款"), "财政拨款"),
            business=self.w(self.sum_of([S.BUSINESS])),
            operating=self.w(self.sum_of([S.OPERATING])),
            other=self.w(self.sum_of([S.OTHER])),
        )
        spending = say(
            "budget",
            "spending",
            whole=self.w(whole),
            fiscal=self.w(fiscal),
            vs_fiscal=self.vs(fiscal, prior.get("财政拨款")),
            general=self.w(general),
            vs_general=self.vs(general, prior.get("一般公共预算")),
            fund=self.w(fund),
            vs_fund=self.vs(fund, prior.get("政府性基金")),
            capital=self.w(capital),
            vs_capital=self.vs(capital, prior.get("国有资本经营预算")),
        )
        no_prior = "" if prior else say("unstated", "prior", year=self.last)
        items = self.items()
        lead = say("budget", "items") if items else ""
        self.add("四", self.title("budget"), income, spending, no_prior, lead, *items)

    def items(self) -> list[str]:
        """One sentence per functional 项 of 财政拨款 money: its 类/款/项 names and amount."""
        c = self.c
        out: list[str] = []
        for code in sorted({x.function for x in c.fiscal_lines}):
            amount = sum((x.amount for x in c.fiscal_lines if x.function == code), Decimal(0))
            if not amount:
                continue
            use = self.b.uses.get(code, "").removeprefix("主要用于").rstrip("。")
            out.append(
                say(
                    "budget",
                    "item",
                    n=len(out) + 1,
                    class_=c.name(code[:3]),
                    section=c.name(code[:5]),
                    item=c.name(code),
                    amount=self.w(amount),
                    use=say("budget", "use", use=use) if use else "",
                )
            )
        return out

    def other(self) -> None:
        b = self.b
        self.part = self.title("other")
        row = self.tables["sangong"].rows[0]
        v = {cell.column: cell.value for cell in row.cells}

        def m(key: str) -> str:
            return "0" if not v[key] else f"{v[key]:,.2f}"

        last = b.prior.sangong
        scale = b.unit.in_yuan / MoneyUnit.WAN.in_yuan  # the table is in 万元, the input not

        def was(*keys: str) -> str:
            """The comparison with last year's 三公 figures, when the input states them."""
            if not last or not all(k in last for k in keys):
                return ""
            now = sum((v[_SANGONG_COLUMN[k]] for k in keys), Decimal(0)) / scale
            return self.vs(now, sum((last[k] for k in keys), Decimal(0)), "三公")

        cars = "公务用车购置及运行费/"
        self.add(
            "一",
            self.title("sangong"),
            say(
                "other", "sangong", year=b.year, total=m("“三公”经费合计"), vs=was(*_SANGONG_COLUMN)
            ),
            say("other", "abroad", amount=m("因公出国（境）费"), vs=was("因公出国（境）费")),
            say(
                "other",
                "cars",
                amount=m(cars + "小计"),
                vs=was("公务用车购置费", "公务用车运行费"),
                bought=m(cars + "公务用车购置费"),
                running=m(cars + "公务用车运行费"),
            ),
            say("other", "reception", amount=m("公务接待费"), vs=was("公务接待费")),
            "" if last else say("unstated", "prior_sangong", year=self.last),
        )
        self.add(
            "二",
            self.title("operating"),
            say(
                "other",
                "operating",
                year=b.year,
                department=b.department,
                amount=m("机关运行经费预算数"),
            ),
        )
        p = b.procurement
        bought = p.goods + p.works + p.services
        self.add(
            "三",
            self.title("procurement"),
            say(
                "other",
                "procurement",
                year=b.year,
                who=self.who,
                amount=self.w(bought),
                goods=self.w(p.goods),
                works=self.w(p.works),
                services=self.w(p.services),
            )
            if bought
            else say("unstated", "procurement"),
        )
        self.add("四", self.title("performance"), self.performance())
        a = b.assets
        self.add(
            "五",
            self.title("assets"),
            say("unstated", "assets")
            if a.vehicles is None
            else say(
                "other",
                "assets",
                who=self.who,
                vehicles=a.vehicles,
                equipment=a.equipment_over_million or 0,
            ),
        )

    def performance(self) -> str:
        projects = self.b.projects
        if not projects:
            return say("unstated", "performance")
        codes = {p.code for p in projects}
        amount = sum((x.amount for x in self.c.lines if x.project in codes), Decimal(0))
        return say(
            "other",
            "performance",
            year=self.b.year,
            who=self.who,
            count=len(projects),
            amount=self.w(amount),
        )

    def projects(self) -> None:
        """七、项目经费情况说明: each project stated, or plainly none."""
        self.part = ""
        if not self.b.projects:
            self.add("七", self.title("projects"), say("unstated", "projects"))
            return
        self.add("七", self.title("projects"))
        for n, p in enumerate(self.b.projects, start=1):
            amount = sum((x.amount for x in self.c.lines if x.project == p.code), Decimal(0))
            self.add(
                chinese_number(n),
                self.title("project", name=p.name.removesuffix("经费")),
                say("other", "project", year=self.b.year, amount=self.w(amount)),
                say("other", "period", period=p.period) if p.period else "",
                say("other", "goal", goal=p.goal) if p.goal else "",
                level=2,
            )


def shanghai_narrative(c: Classified, tables: Iterable[Table]) -> tuple[Section, ...]:
    """The narrative sections of a Shanghai 部门预算, in the order Shanghai prints them."""
    w = ShanghaiWriter(c, tables)
    w.profile()
    w.budget()
    w.other()
    w.projects()
    return tuple(w.sections)
