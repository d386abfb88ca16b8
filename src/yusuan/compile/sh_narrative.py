"""The narrative parts of a Shanghai 部门预算 (主要职能, 机构设置, 名词解释, 预算编制说明,
其他相关情况说明, 项目经费情况说明), written from the derived tables and what the input states.

What the input does not state is said plainly, never made up: without last year's figures
there is no year-over-year sentence, without projects no 项目经费 说明, without counts no
团组/车辆 figure. `unstated` names each such gap for the warning lines of `yusuan compile`.
Figures are printed in 万元 (two places, half up) as Shanghai's narratives print them, while
the tables stay in the workbook's 元.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

from yusuan.compile.budget import Budget, Source
from yusuan.compile.lines import Classified
from yusuan.compile.sh_derive import NOWHERE
from yusuan.model import MoneyUnit, Section, Table

CENT = Decimal("0.01")
GLOSSARY = (
    "（一）财政拨款收入：是区级预算主管部门及所属预算单位本年度从本级财政部门取得的财政拨款，"
    "包括一般公共预算财政拨款、政府性基金预算财政拨款和国有资本经营预算财政拨款。",
    "（二）事业收入：指事业单位开展专业业务活动及其辅助活动取得的收入。",
    "（三）事业单位经营收入：指事业单位在专业业务活动及其辅助活动之外开展非独立核算经营活动取得的收入。",
    "（四）其他收入：指除上述“财政拨款收入”、“事业收入”、“事业单位经营收入”等以外的收入。",
    "（五）基本支出预算：是为保障机构正常运转、完成日常工作任务而编制的年度基本支出计划，"
    "包括人员经费和公用经费两部分。",
    "（六）项目支出预算：是为完成行政工作任务、事业发展目标或政府发展战略、特定目标，"
    "在基本支出之外编制的年度支出计划。",
    "（七）“三公”经费：是使用区级财政拨款安排的因公出国（境）费、公务用车购置及运行费、公务接待费。",
    "（八）机关运行经费：指行政单位和参照公务员法管理的事业单位使用一般公共预算财政拨款"
    "安排的基本支出中的日常公用经费支出。",
)


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
    if b.scope == "单位":
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

    def w(self, value: Decimal) -> str:
        return wan(value, self.b.unit)

    def vs(self, now: Decimal, before: Decimal | None, of: str = "") -> str:
        """，比上年预算增加/减少 D万元 (D from the two figures as printed, so they agree), or
        "" when the input states no figure for last year: nothing is compared then."""
        if before is None:
            return ""
        last = f"{self.b.year - 1}年预算"
        diff = Decimal(self.w(now).replace(",", "")) - Decimal(self.w(before).replace(",", ""))
        reason = "；".join(r.text.rstrip("。") for r in self.b.reasons if r.of == of and r.text)
        why = f"，主要原因是{reason.removeprefix('主要原因是')}" if reason else ""
        if diff == 0:
            return f"，与{last}持平{why}"
        word = "增加" if diff > 0 else "减少"
        return f"，比{last}{word}{abs(diff):,.2f}万元{why}"

    def add(self, number: str, title: str, *paragraphs: str) -> None:
        text = "\n".join(p for p in paragraphs if p)
        self.sections.append(Section(self.part, number, title, text, NOWHERE))

    def sum_of(self, sources: Iterable[Source]) -> Decimal:
        wanted = set(sources)
        return sum((x.amount for x in self.c.lines if x.source in wanted), Decimal(0))

    def profile(self) -> None:
        b = self.b
        who = self.who
        duties = b.profile.duties or (f"预算数据未填写{who}主要职能。",)
        self.add("一", f"{who}主要职能", *duties)
        units = "、".join(u.name for u in b.units)
        inner = "、".join(b.profile.internal_units)
        if b.profile.structure:  # as the input words it
            self.add("二", f"{who}机构设置", *b.profile.structure)
        else:
            self.add(
                "二",
                f"{who}机构设置",
                f"{b.department}部门预算包括{len(b.units)}家预算单位：{units}。"
                if who == "部门"
                else f"{b.department}单位预算是本单位的综合收支计划。",
                f"内设机构包括：{inner}。" if inner else "",
            )
        self.add("三", "名词解释", *GLOSSARY)

    def budget(self) -> None:
        b, S = self.b, Source
        general, fund, capital = (
            self.sum_of([s]) for s in (S.GENERAL, S.GOV_FUND, S.STATE_CAPITAL)
        )
        fiscal = general + fund + capital
        whole = self.sum_of(S)
        prior = b.prior.totals
        income = (
            f"{b.year}年，{b.department}收入预算{self.w(whole)}万元，其中：财政拨款收入"
            f"{self.w(fiscal)}万元{self.vs(fiscal, prior.get('财政拨款'), '财政拨款')}；事业收入{self.w(self.sum_of([S.BUSINESS]))}万元；"
            f"事业单位经营收入{self.w(self.sum_of([S.OPERATING]))}万元；"
            f"其他收入{self.w(self.sum_of([S.OTHER]))}万元。"
        )
        spending = (
            f"支出预算{self.w(whole)}万元，其中：财政拨款支出预算{self.w(fiscal)}万元"
            f"{self.vs(fiscal, prior.get('财政拨款'))}。"
            f"财政拨款支出预算中，一般公共预算拨款支出预算{self.w(general)}万元"
            f"{self.vs(general, prior.get('一般公共预算'))}；"
            f"政府性基金拨款支出预算{self.w(fund)}万元{self.vs(fund, prior.get('政府性基金'))}；"
            f"国有资本经营预算拨款支出预算{self.w(capital)}万元"
            f"{self.vs(capital, prior.get('国有资本经营预算'))}。"
        )
        no_prior = (
            ""
            if b.prior.totals
            else f"预算数据未提供{b.year - 1}年预算数，本说明不作与上年的比较。"
        )
        items = self.items()
        lead = "财政拨款支出主要内容如下：" if items else ""
        self.add(
            "四", f"{b.year}年{self.who}预算编制说明", income, spending, no_prior, lead, *items
        )

    def items(self) -> list[str]:
        """One sentence per functional 项 of 财政拨款 money: its 类/款/项 names and amount."""
        c = self.c
        out = []
        codes = sorted({x.function for x in c.fiscal_lines})
        for n, code in enumerate(codes, start=1):
            amount = sum((x.amount for x in c.fiscal_lines if x.function == code), Decimal(0))
            if not amount:
                continue
            names = (c.name(code[:3]), c.name(code[:5]), c.name(code))
            use = self.b.uses.get(code, "")
            text = (
                f"{n}. “{names[0]}（类）{names[1]}（款）{names[2]}（项）”{self.w(amount)}万元"
                + (f"，主要用于{use.removeprefix('主要用于').rstrip('。')}" if use else "")
                + "。"
            )
            out.append(text)
        return out

    def other(self) -> None:
        b = self.b
        self.part = "其他相关情况说明"
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

        no_prior = (
            ""
            if b.prior.sangong
            else f"预算数据未提供{b.year - 1}年“三公”经费预算数，不作与上年的比较。"
        )
        self.add(
            "一",
            f"{b.year}年“三公”经费预算情况说明",
            f"{b.year}年“三公”经费预算数为{m('“三公”经费合计')}万元{was(*_SANGONG_COLUMN)}。其中：",
            f"（一）因公出国（境）费{m('因公出国（境）费')}万元{was('因公出国（境）费')}。",
            f"（二）公务用车购置及运行费{m('公务用车购置及运行费/小计')}万元"
            f"{was('公务用车购置费', '公务用车运行费')}。其中：公务用车购置费"
            f"{m('公务用车购置及运行费/公务用车购置费')}万元；公务用车运行费"
            f"{m('公务用车购置及运行费/公务用车运行费')}万元。",
            f"（三）公务接待费{m('公务接待费')}万元{was('公务接待费')}。",
            no_prior,
        )
        self.add(
            "二",
            "机关运行经费预算",
            f"{b.year}年{b.department}财政拨款的机关运行经费预算为{m('机关运行经费预算数')}万元。",
        )
        p = b.procurement
        bought = p.goods + p.works + p.services
        self.add(
            "三",
            "政府采购预算情况",
            f"{b.year}年度本{self.who}政府采购预算{self.w(bought)}万元，其中：政府采购货物预算"
            f"{self.w(p.goods)}万元、政府采购工程预算{self.w(p.works)}万元、政府采购服务预算"
            f"{self.w(p.services)}万元。"
            if bought
            else "预算数据未填报政府采购预算。",
        )
        self.add("四", "绩效目标设置情况", self.performance())
        a = b.assets
        self.add(
            "五",
            "国有资产占有使用情况",
            "预算数据未填报车辆和单价100万元（含）以上设备的占有使用情况。"
            if a.vehicles is None
            else f"本{self.who}共有车辆{a.vehicles}辆；单价100万元（含）以上设备（不含车辆）"
            f"{a.equipment_over_million or 0}台（套）。",
        )

    def performance(self) -> str:
        projects = self.b.projects
        if not projects:
            return "预算数据未列出项目及其绩效目标。"
        codes = {p.code for p in projects}
        amount = sum((x.amount for x in self.c.lines if x.project in codes), Decimal(0))
        return (
            f"{self.b.year}年度，本{self.who}编报绩效目标的项目共{len(projects)}个，"
            f"涉及项目预算资金{self.w(amount)}万元。"
        )

    def projects(self) -> None:
        """七、项目经费情况说明: each project stated, or plainly none."""
        self.part = ""
        if not self.b.projects:
            self.add("七", "项目经费情况说明", "预算数据未列出项目，本部分从略。")
            return
        self.add("七", "项目经费情况说明")
        for n, p in enumerate(self.b.projects, start=1):
            amount = sum((x.amount for x in self.c.lines if x.project == p.code), Decimal(0))
            text = "\n".join(
                t
                for t in (
                    f"{self.b.year}年度项目总预算{self.w(amount)}万元。",
                    f"实施周期：{p.period}。" if p.period else "",
                    f"年度绩效目标：{p.goal}" if p.goal else "",
                )
                if t
            )
            self.sections.append(
                Section(
                    self.part,
                    _number(n),
                    f"{p.name.removesuffix('经费')}经费情况说明",
                    text,
                    NOWHERE,
                    2,
                )
            )


def _number(n: int) -> str:
    from yusuan.compile.sh_derive import chinese

    return chinese(n)


def shanghai_narrative(c: Classified, tables: Iterable[Table]) -> tuple[Section, ...]:
    """The narrative sections of a Shanghai 部门预算, in the order Shanghai prints them."""
    w = ShanghaiWriter(c, tables)
    w.profile()
    w.budget()
    w.other()
    w.projects()
    return tuple(w.sections)
