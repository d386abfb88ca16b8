"""Constructed budgets, written out as the flattened text a PDF extractor makes of them.

A `Budget` describes a department: its units, functional rows (basic money by economic
column, project money by type), economic rows (basic and project money per unit) and
projects. `tables()` derives tables 01–12 from it, so every identity holds by construction;
`render()` writes them the way the extractor does (blank cells vanish, names and header
words break over lines, two panels share a line); `cells()` is what a correct reader must
recover, as long-format tuples. `random_budget()` and `random_style()` vary all of it from
a seeded `Random`.

Money is `Decimal` with two places throughout; every total is a sum of leaf rows.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from itertools import pairwise
from random import Random

from yusuan.model import Disclosure

ZERO = Decimal("0.00")
CENT = Decimal("0.01")

# 03/05/09 columns
TOTAL = "合计"
BASIC = "基本支出/小计"
WAGES = "基本支出/人员经费/工资福利支出"
FAMILY = "基本支出/人员经费/对个人和家庭的补助"
GOODS = "基本支出/公用经费/商品和服务支出"
CAPITAL = "基本支出/公用经费/资本性支出"
PROJECT = "项目支出/小计"
RUNNING = "项目支出/其他运转类"
TARGETED = "项目支出/特定目标类"
ECON_COLUMNS = (WAGES, FAMILY, GOODS, CAPITAL)
CATEGORIES = {RUNNING: "其他运转类", TARGETED: "特定目标类"}
EXPENDITURE_COLUMNS = (TOTAL, BASIC, *ECON_COLUMNS, PROJECT, RUNNING, TARGETED)
CLASS_COLUMN = {"301": WAGES, "303": FAMILY, "302": GOODS, "310": CAPITAL}
STAFF_CLASSES = ("301", "303")  # 人员经费; 302 and 310 are 公用经费

INCOME_COLUMNS = (
    "总计",
    "本年收入/合计",
    "本年收入/一般公共预算/小计",
    "本年收入/一般公共预算/其中：财政拨款",
    "本年收入/政府性基金",
    "本年收入/国有资本经营预算",
    "本年收入/财政专户管理资金收入",
    "本年收入/事业收入",
    "本年收入/事业单位经营收入",
    "本年收入/上级补助收入",
    "本年收入/附属单位上缴收入",
    "本年收入/其他收入",
    "上年结转结余/合计",
    "上年结转结余/一般公共预算",
    "上年结转结余/政府性基金",
    "上年结转结余/国有资本经营预算",
    "上年结转结余/财政专户管理资金",
    "上年结转结余/单位资金",
)
FISCAL_COLUMNS = ("合计", "一般公共预算/小计", "一般公共预算/其中：财政拨款", "政府性基金")
FISCAL_COLUMNS += ("国有资本经营预算",)
ECONOMIC_COLUMNS = ("总计", "一般公共预算/小计", "一般公共预算/其中：财政拨款", "政府性基金")
ECONOMIC_COLUMNS += ("国有资本经营预算", "上年结转结余", "财政专户管理资金收入", "事业收入")
ECONOMIC_COLUMNS += ("上级补助收入", "附属单位上缴收入", "事业单位经营收入", "其他收入")
PROJECT_COLUMNS = (
    "合计",
    "本年拨款/一般公共预算",
    "本年拨款/政府性基金预算",
    "本年拨款/国有资本经营预算",
    "财政拨款结转结余/一般公共预算",
    "财政拨款结转结余/政府性基金预算",
    "财政拨款结转结余/国有资本经营预算",
    "财政专户管理资金",
    "单位资金",
)
SANGONG_COLUMNS = (
    "“三公”经费合计",
    "因公出国（境）费",
    "公务用车购置及运行费/小计",
    "公务用车购置及运行费/公务用车购置费",
    "公务用车购置及运行费/公务用车运行费",
    "公务接待费",
)
# each 三公 item and the economic code it is paid under
SANGONG = {
    "因公出国（境）费": "30212",
    "公务用车购置及运行费/公务用车购置费": "31013",
    "公务用车购置及运行费/公务用车运行费": "30231",
    "公务接待费": "30217",
}

Cell = tuple[str, str, str, str, str, Decimal]  # table key, side, row code, row name, column, value

# department economic code → (name, government economic code, government name)
ECONOMIC = {
    "30101": ("基本工资", "50101", "工资奖金津补贴"),
    "30102": ("津贴补贴", "50101", "工资奖金津补贴"),
    "30103": ("奖金", "50101", "工资奖金津补贴"),
    "30107": ("绩效工资", "50501", "工资福利支出"),
    "30108": ("机关事业单位基本养老保险缴费", "50102", "社会保障缴费"),
    "30109": ("职业年金缴费", "50102", "社会保障缴费"),
    "30110": ("职工基本医疗保险缴费", "50102", "社会保障缴费"),
    "30111": ("公务员医疗补助缴费", "50102", "社会保障缴费"),
    "30112": ("其他社会保障缴费", "50102", "社会保障缴费"),
    "30113": ("住房公积金", "50103", "住房公积金"),
    "30199": ("其他工资福利支出", "50199", "其他工资福利支出"),
    "30201": ("办公费", "50201", "办公经费"),
    "30205": ("水费", "50201", "办公经费"),
    "30206": ("电费", "50201", "办公经费"),
    "30211": ("差旅费", "50201", "办公经费"),
    "30212": ("因公出国（境）费用", "50207", "因公出国（境）费用"),
    "30217": ("公务接待费", "50206", "公务接待费"),
    "30226": ("劳务费", "50205", "委托业务费"),
    "30227": ("委托业务费", "50205", "委托业务费"),
    "30228": ("工会经费", "50201", "办公经费"),
    "30229": ("福利费", "50201", "办公经费"),
    "30231": ("公务用车运行维护费", "50208", "公务用车运行维护费"),
    "30299": ("其他商品和服务支出", "50299", "其他商品和服务支出"),
    "30302": ("退休费", "50905", "离退休费"),
    "30305": ("生活补助", "50901", "社会福利和救助"),
    "30399": ("其他对个人和家庭的补助", "50999", "其他对个人和家庭补助"),
    "31002": ("办公设备购置", "50306", "设备购置"),
    "31007": ("信息网络及软件购置更新", "50306", "设备购置"),
    "31013": ("公务用车购置", "50303", "公务用车购置"),
}

# functional rows: code, name, what money they carry (admin | project | the economic code
# their basic money is paid under: 2080505 ↔ 30108 and so on)
FUNCTIONS = (
    ("2010301", "行政运行", "admin"),
    ("2010302", "一般行政管理事务", "project"),
    ("2010350", "事业运行", "admin"),
    ("2010399", "其他政府办公厅（室）及相关机构事务支出", "project"),
    ("2011308", "招商引资", "project"),
    ("2060501", "机构运行", "admin"),
    ("2060502", "技术创新服务体系", "project"),
    ("2080501", "行政单位离退休", "30302"),
    ("2080505", "机关事业单位基本养老保险缴费支出", "30108"),
    ("2080506", "机关事业单位职业年金缴费支出", "30109"),
    ("2101101", "行政单位医疗", "30110"),
    ("2101102", "事业单位医疗", "30110"),
    ("2101103", "公务员医疗补助", "30111"),
    ("2120102", "一般行政管理事务", "project"),
    ("2130501", "行政运行", "admin"),
    ("2130505", "生产发展", "project"),
    ("2210201", "住房公积金", "30113"),
)
# 类 and 款 names, for tables that print subtotal rows
GROUPS = {
    "201": "一般公共服务支出",
    "20103": "政府办公厅（室）及相关机构事务",
    "20113": "商贸事务",
    "206": "科学技术支出",
    "20605": "科技条件与服务",
    "208": "社会保障和就业支出",
    "20805": "行政事业单位养老支出",
    "210": "卫生健康支出",
    "21011": "行政事业单位医疗",
    "212": "城乡社区支出",
    "21201": "城乡社区管理事务",
    "213": "农林水支出",
    "21305": "巩固脱贫攻坚成果衔接乡村振兴",
    "221": "住房保障支出",
    "22102": "住房改革支出",
}

# functional classes as 01 (short) and 04 (with 支出) print them, numbered as in the seed
CLASSES = (
    ("一", "201", "一般公共服务", "一般公共服务支出"),
    ("二", "202", "外交", "外交支出"),
    ("三", "203", "国防", "国防支出"),
    ("四", "204", "公共安全", "公共安全支出"),
    ("五", "205", "教育", "教育支出"),
    ("六", "206", "科学技术", "科学技术支出"),
    ("七", "207", "文化旅游体育与传媒", "文化旅游体育与传媒支出"),
    ("八", "208", "社会保障和就业", "社会保障和就业支出"),
    ("九", "209", "社会保险基金支出", "社会保险基金支出"),
    ("十", "210", "卫生健康", "卫生健康支出"),
    ("十一", "211", "节能环保", "节能环保支出"),
    ("十二", "212", "城乡社区事务", "城乡社区支出"),
    ("十三", "213", "农林水事务", "农林水支出"),
    ("十四", "214", "交通运输", "交通运输支出"),
    ("十五", "215", "资源勘探信息等", "资源勘探工业信息等支出"),
    ("十六", "216", "商业服务业等", "商业服务业等支出"),
    ("十七", "217", "金融支出", "金融支出"),
    ("十九", "219", "援助其他地区支出", "援助其他地区支出"),
    ("二十", "220", "自然资源海洋气象等支出", "自然资源海洋气象等支出"),
    ("二十一", "221", "住房保障支出", "住房保障支出"),
    ("二十二", "222", "粮油物资储备支出", "粮油物资储备支出"),
    ("二十三", "223", "国有资本经营预算", "国有资本经营预算支出"),
    ("二十四", "224", "灾害防治及应急管理", "灾害防治及应急管理支出"),
    ("二十七", "227", "预备费", "预备费"),
    ("二十九", "229", "其他支出", "其他支出"),
    ("三十", "230", "转移性支出", "转移性支出"),
    ("三十一", "231", "债务还本支出", "债务还本支出"),
    ("三十二", "232", "债务付息支出", "债务付息支出"),
    ("三十三", "233", "债务发行费用支出", "债务发行费用支出"),
    ("三十四", "", "抗疫特别国债安排的支出", "抗疫特别国债安排的支出"),
)

PROJECT_TOPICS = (
    "领导通讯费",
    "后勤保障项目",
    "大学生见习岗、聘用人员工资",
    "党建经费",
    "网络服务及固话使用费",
    "值班补助",
    "领导招商引资工作费",
    "办公楼租赁费",
    "信息化系统运维经费",
    "安全生产专项经费",
    "乡村振兴专项资金",
    "档案数字化建设经费",
    "人居环境整治专项经费",
    "业务培训经费",
    "法律顾问服务费",
    "“三公”经费管理系统维护",
    "第2批办公设备购置",
    "5G网络建设补助",
    "OA系统运维费",
)


# ---------------------------------------------------------------- the description


@dataclass(frozen=True)
class Unit:
    code: str
    name: str


@dataclass(frozen=True)
class Function:
    """A functional (项) row of 03: basic money by economic column, project money by type."""

    unit: str  # the unit's code
    code: str
    name: str
    money: Mapping[str, Decimal]  # keys among ECON_COLUMNS, RUNNING, TARGETED

    @property
    def basic(self) -> Decimal:
        return sum((self.money.get(c, ZERO) for c in ECON_COLUMNS), ZERO)

    @property
    def project(self) -> Decimal:
        return self.money.get(RUNNING, ZERO) + self.money.get(TARGETED, ZERO)


@dataclass(frozen=True)
class Economic:
    """One unit's money under one economic code: basic (06 and 07) and project (07 only)."""

    unit: str
    code: str
    basic: Decimal = ZERO
    project: Decimal = ZERO

    @property
    def name(self) -> str:
        return ECONOMIC[self.code][0]

    @property
    def gov_code(self) -> str:
        return ECONOMIC[self.code][1]

    @property
    def gov_name(self) -> str:
        return ECONOMIC[self.code][2]


@dataclass(frozen=True)
class Project:
    unit: str
    category: str  # 其他运转类 | 特定目标类
    name: str
    amount: Decimal
    code: str = ""  # the 21-digit project code of table 12


@dataclass(frozen=True)
class Budget:
    department: str
    code: str
    year: int
    units: tuple[Unit, ...]
    functions: tuple[Function, ...]
    economics: tuple[Economic, ...]
    projects: tuple[Project, ...]

    def merged(self) -> list[Economic]:
        """The department's economic rows: every unit's money under a code added up."""
        out: dict[str, Economic] = {}
        for e in self.economics:
            had = out.get(e.code, Economic("", e.code))
            out[e.code] = replace(had, basic=had.basic + e.basic, project=had.project + e.project)
        return list(out.values())


def budget_from(description: Mapping[str, object]) -> Budget:
    """A Budget from a plain dict, amounts as strings (for budgets written in a test):

    {"department": …, "code": "309", "year": 2024, "units": {"309001": name},
     "functions": [(unit, code, name, {column: "1.00"})],
     "economics": [(unit, code, basic, project)], "projects": [(unit, category, name, amount)]}
    """
    d: dict[str, object] = dict(description)

    def rows(key: str) -> list[tuple[object, ...]]:
        value = d[key]
        assert isinstance(value, list | tuple)
        return [tuple(v) for v in value]

    units = d["units"]
    assert isinstance(units, Mapping)
    functions = []
    for unit, code, name, money in rows("functions"):
        assert isinstance(money, Mapping)
        cells = {str(k): Decimal(str(v)) for k, v in money.items()}
        functions.append(Function(str(unit), str(code), str(name), cells))
    economics = tuple(
        Economic(str(u), str(c), Decimal(str(b)), Decimal(str(p)))
        for u, c, b, p in rows("economics")
    )
    projects = tuple(
        Project(str(u), str(cat), str(n), Decimal(str(a)), f"41129124{i + 1:013d}")
        for i, (u, cat, n, a) in enumerate(rows("projects"))
    )
    budget = Budget(
        str(d["department"]),
        str(d["code"]),
        int(str(d["year"])),
        tuple(Unit(str(c), str(n)) for c, n in units.items()),
        tuple(functions),
        economics,
        projects,
    )
    check(budget)
    return budget


def describe(budget: Budget) -> dict[str, object]:
    """The plain dict `budget_from` reads: print it to keep a failing example as a test."""
    return {
        "department": budget.department,
        "code": budget.code,
        "year": budget.year,
        "units": {u.code: u.name for u in budget.units},
        "functions": [
            (f.unit, f.code, f.name, {c: str(v) for c, v in f.money.items()})
            for f in budget.functions
        ],
        "economics": [(e.unit, e.code, str(e.basic), str(e.project)) for e in budget.economics],
        "projects": [(p.unit, p.category, p.name, str(p.amount)) for p in budget.projects],
    }


def check(budget: Budget) -> None:
    """Fail when the description itself breaks an identity (a generator bug, not a reader's)."""
    for unit in budget.units:
        mine = [f for f in budget.functions if f.unit == unit.code]
        econ = [e for e in budget.economics if e.unit == unit.code]
        for column in ECON_COLUMNS:
            stated = sum((f.money.get(column, ZERO) for f in mine), ZERO)
            by_class = sum((e.basic for e in econ if CLASS_COLUMN[e.code[:3]] == column), ZERO)
            assert stated == by_class, (unit.code, column, stated, by_class)
        for column, category in CATEGORIES.items():
            stated = sum((f.money.get(column, ZERO) for f in mine), ZERO)
            listed = [
                p.amount for p in budget.projects if p.unit == unit.code and p.category == category
            ]
            assert stated == sum(listed, ZERO), (unit.code, category, stated, listed)
        projects = sum((p.amount for p in budget.projects if p.unit == unit.code), ZERO)
        assert projects == sum((e.project for e in econ), ZERO), unit.code
    for f in budget.functions:
        assert f.money and all(v > 0 for v in f.money.values()), f


# ---------------------------------------------------------------- a random one


def _cents(rng: Random, low: int, high: int) -> Decimal:
    return (Decimal(rng.randint(low * 100, high * 100)) / 100).quantize(CENT)


def split(total: Decimal, parts: int, rng: Random, least: Decimal = Decimal(1)) -> list[Decimal]:
    """`total` in `parts` amounts of at least `least` each (fewer parts when it is too small)."""
    cents, low = int(total * 100), int(least * 100)
    parts = max(1, min(parts, cents // max(low, 1)))
    spare = cents - parts * low
    cuts = sorted(rng.randint(0, spare) for _ in range(parts - 1))
    edges = [0, *cuts, spare]
    return [(Decimal(b - a + low) / 100).quantize(CENT) for a, b in pairwise(edges)]


def distinct(budget: Budget, gap: Decimal = Decimal("0.10")) -> bool:
    """No two leaf figures of one table closer than `gap`.

    Figures that close could trade places within the rounding a column sum allows, and then
    no reader could tell which row holds which: a correct reader calls that ambiguous. The
    generator avoids such budgets so that the round trip can be exact.
    """
    merged = budget.merged()
    groups = [
        [v for f in budget.functions for v in f.money.values()],
        [e.basic for e in budget.economics if e.basic],
        [e.basic for e in merged if e.basic],
        [e.basic + e.project for e in budget.economics],
        [e.basic + e.project for e in merged],
        [p.amount for p in budget.projects],
    ]
    for values in groups:
        ordered = sorted(values)
        if any(b - a < gap for a, b in pairwise(ordered)):
            return False
    return True


def random_budget(rng: Random, units: int | None = None) -> Budget:
    """A consistent budget of one or two units whose leaf figures are `distinct`."""
    while True:
        budget = _random_budget(rng, units)
        if distinct(budget):
            return budget


def _money(rng: Random, carries: str, big: bool) -> dict[str, Decimal]:
    money: dict[str, Decimal] = {}
    if carries == "admin":
        money[WAGES] = _cents(rng, 40, 900)
        money[GOODS] = _cents(rng, 5, 200)
        if rng.random() < 0.4:
            money[FAMILY] = _cents(rng, 1, 60)
        if rng.random() < 0.15:
            money[CAPITAL] = _cents(rng, 1, 80)
        if rng.random() < 0.25:
            money[rng.choice((RUNNING, TARGETED))] = _cents(rng, 2, 300)
    elif carries == "project":
        for column in rng.choice(((RUNNING,), (TARGETED,), (RUNNING, TARGETED))):
            money[column] = _cents(rng, 2, 1200 if big else 300)
        if rng.random() < 0.2:
            money[GOODS] = _cents(rng, 1, 50)
    elif carries.startswith("303"):
        money[FAMILY] = _cents(rng, 1, 80)
    else:
        money[WAGES] = _cents(rng, 3, 120)
    return money


_POOLS = {
    WAGES: ("30101", "30102", "30103", "30107", "30112", "30199"),
    FAMILY: ("30399", "30305"),
    GOODS: ("30201", "30205", "30206", "30211", "30228", "30229", "30299", "30212", "30217"),
    CAPITAL: ("31002", "31007", "31013"),
}
_PROJECT_CODES = ("30227", "30226", "30201", "30299", "31002", "30217", "31013", "30231")


def _random_budget(rng: Random, units: int | None) -> Budget:
    city = rng.choice(("三门峡市", "洛阳市", "开封市", "南阳市", "信阳市", "商丘市"))
    area = rng.choice(("", "城乡一体化示范区", "经济技术开发区", "高新技术产业开发区"))
    office = rng.choice(("办公室", "财政局", "社会事业局", "自然资源分局", "农业农村局"))
    department = city + area + office
    code = rng.choice(("309", "106", "118", "402", "415", "721", "803"))
    count = units if units is not None else rng.choice((1, 1, 2))
    centre = rng.choice(("综合服务中心", "社会保障服务中心", "机关事务中心"))
    names = [department + rng.choice(("", "机关")), city + area + centre]
    unit_list = tuple(Unit(f"{code}{k + 1:03d}", names[k]) for k in range(count))
    year = rng.choice((2023, 2024, 2025))
    carried = {f[0]: f[2] for f in FUNCTIONS}
    topics = list(PROJECT_TOPICS)
    rng.shuffle(topics)

    functions: list[Function] = []
    economics: list[Economic] = []
    projects: list[Project] = []
    for k, unit in enumerate(unit_list):
        pool = list(FUNCTIONS)
        rng.shuffle(pool)
        admin = next(f for f in pool if f[2] == "admin")
        project = next(f for f in pool if f[2] == "project")
        rest = [f for f in pool if f not in (admin, project)][: rng.randint(0, 3)]
        mine = [
            Function(unit.code, fcode, fname, _money(rng, carries, k == 0))
            for fcode, fname, carries in sorted({admin, project, *rest})
        ]
        functions += mine

        # basic money by economic code: mapped rows keep their code, the rest is split
        basic: dict[str, Decimal] = {}
        free = dict.fromkeys(ECON_COLUMNS, ZERO)
        for f in mine:
            for column, amount in f.money.items():
                if column in ECON_COLUMNS and carried[f.code][:1] == "3":
                    basic[carried[f.code]] = basic.get(carried[f.code], ZERO) + amount
                elif column in ECON_COLUMNS:
                    free[column] += amount
        for column, amount in free.items():
            if not amount:
                continue
            codes = rng.sample(_POOLS[column], rng.randint(1, min(4, len(_POOLS[column]))))
            if column == GOODS:
                codes = ["30231", *[c for c in codes if c != "30231"][:3]]  # 08 never empty
            for c, part in zip(codes, split(amount, len(codes), rng), strict=False):
                basic[c] = basic.get(c, ZERO) + part

        for column, category in CATEGORIES.items():
            amount = sum((f.money.get(column, ZERO) for f in mine), ZERO)
            for part in split(amount, rng.randint(1, 3), rng) if amount else []:
                code_ = f"41129124{len(projects) + 1:013d}"
                projects.append(
                    Project(unit.code, category, f"{year}年{topics.pop()}", part, code_)
                )
        total = sum((p.amount for p in projects if p.unit == unit.code), ZERO)
        chosen = rng.sample(_PROJECT_CODES, rng.randint(1, 3)) if total else []
        paid = dict(zip(chosen, split(total, len(chosen), rng), strict=False))
        codes = sorted(set(basic) | set(paid))
        if rng.random() < 0.5:
            rng.shuffle(codes)  # the seed lists its economic rows in no order
        economics += [Economic(unit.code, c, basic.get(c, ZERO), paid.get(c, ZERO)) for c in codes]
    budget = Budget(
        department, code, year, unit_list, tuple(functions), tuple(economics), tuple(projects)
    )
    check(budget)
    return budget


# ---------------------------------------------------------------- the tables it implies


@dataclass(frozen=True)
class Row:
    name: str
    cells: Mapping[str, Decimal]  # only the non-empty ones
    code: str = ""
    side: str = ""
    number: str = ""  # the enumeration as printed: 一、 （二）
    kind: str = "code"  # total | unit | code | project | label | values
    gov_code: str = ""
    gov_name: str = ""
    category: str = ""
    owner: str = ""
    text: tuple[str, ...] = ()  # indicator lines printed under the row (table 12)


@dataclass(frozen=True)
class Table:
    key: str
    number: int
    title: str  # without the year
    columns: tuple[str, ...]  # the 支出 side's columns for a two-panel table
    rows: tuple[Row, ...] = ()
    income_columns: tuple[str, ...] = ()  # two-panel tables: the 收入 side's columns

    @property
    def id(self) -> str:
        return f"预算{self.number:02d}表"

    def columns_of(self, row: Row) -> tuple[str, ...]:
        return self.income_columns if row.side == "收入" else self.columns


@dataclass(frozen=True)
class Layout:
    """What the publisher's template prints (decides which cells exist)."""

    subtotals: bool = False  # 03/05 print 类 and 款 rows above their 项 rows
    by_unit: bool = False  # 06/07 list each unit's economic rows under a unit row
    zeros: bool = False  # every blank cell printed as 0.00
    drop_unused: bool = False  # 03/05/09 leave out the economic/type columns no row uses


def _sum(rows: Iterable[Mapping[str, Decimal]]) -> dict[str, Decimal]:
    out: dict[str, Decimal] = {}
    for cells in rows:
        for column, value in cells.items():
            out[column] = out.get(column, ZERO) + value
    return {c: v for c, v in out.items() if v}


def _same(amount: Decimal, columns: Sequence[str]) -> dict[str, Decimal]:
    return dict.fromkeys(columns, amount) if amount else {}


def _expenditure_cells(f: Function) -> dict[str, Decimal]:
    cells = {TOTAL: f.basic + f.project, BASIC: f.basic, PROJECT: f.project, **f.money}
    return {c: v for c, v in cells.items() if v}


def _expenditure_rows(b: Budget, layout: Layout) -> list[Row]:
    rows = [Row("合计", _sum(_expenditure_cells(f) for f in b.functions), kind="total")]
    rows.append(Row(b.department, rows[0].cells, b.code, kind="unit"))
    for unit in b.units:
        mine = sorted((f for f in b.functions if f.unit == unit.code), key=lambda f: f.code)
        if len(b.units) > 1:
            cells = _sum(_expenditure_cells(f) for f in mine)
            rows.append(Row(unit.name, cells, unit.code, kind="unit"))
        printed: set[str] = set()
        for f in mine:
            for group in (f.code[:3], f.code[:5]) if layout.subtotals else ():
                if group not in printed:
                    printed.add(group)
                    cells = _sum(_expenditure_cells(g) for g in mine if g.code.startswith(group))
                    rows.append(Row(GROUPS[group], cells, group))
            rows.append(Row(f.name, _expenditure_cells(f), f.code))
    return rows


def _panels(b: Budget, total: Decimal) -> tuple[list[Row], list[Row]]:
    classes: dict[str, Decimal] = {}
    for f in b.functions:
        classes[f.code[:3]] = classes.get(f.code[:3], ZERO) + f.basic + f.project
    amount = _same(total, ["金额"])
    summary = [
        Row("一般公共预算", amount, side="收入", number="一、", kind="label"),
        Row("其中：财政拨款", amount, side="收入", kind="label"),
    ]
    for number, name in (
        ("二、", "政府性基金预算拨款收入"),
        ("三、", "国有资本经营预算拨款收入"),
        ("四、", "财政专户管理资金收入"),
        ("五、", "事业收入"),
        ("六、", "事业单位经营收入"),
        ("七、", "上级补助收入"),
        ("八、", "附属单位上缴收入"),
        ("九、", "其他收入"),
    ):
        summary.append(Row(name, {}, side="收入", number=number, kind="label"))
    for number, code, short, _ in CLASSES:
        cells = _same(classes.get(code, ZERO), ["金额"])
        summary.append(Row(short, cells, side="支出", number=number + "、", kind="label"))
    summary += [
        Row("本年收入合计", amount, side="收入", kind="total"),
        Row("本年支出合计", amount, side="支出", kind="total"),
        Row("上年结转结余", {}, side="收入", kind="label"),
        Row("年终结转结余", {}, side="支出", kind="label"),
        Row("收入总计", amount, side="收入", kind="total"),
        Row("支出总计", amount, side="支出", kind="total"),
    ]
    fiscal_cells = _same(total, FISCAL_COLUMNS[:3])
    fiscal = [
        Row("本年收入", amount, side="收入", number="一、", kind="label"),
        Row("一般公共预算拨款", amount, side="收入", number="（一）", kind="label"),
        Row("其中：财政拨款", amount, side="收入", kind="label"),
        Row("政府性基金预算拨款", {}, side="收入", number="（二）", kind="label"),
        Row("国有资本经营预算拨款", {}, side="收入", number="（三）", kind="label"),
        Row("上年结转", {}, side="收入", number="二、", kind="label"),
        Row("一般公共预算拨款", {}, side="收入", number="（一）", kind="label"),
        Row("政府性基金预算拨款", {}, side="收入", number="（二）", kind="label"),
        Row("国有资本经营预算拨款", {}, side="收入", number="（三）", kind="label"),
        Row("本年支出", fiscal_cells, side="支出", number="一、", kind="label"),
    ]
    for number, code, _, long in CLASSES:
        cells = _same(classes.get(code, ZERO), FISCAL_COLUMNS[:3])
        fiscal.append(Row(long, cells, side="支出", number=f"（{number}）", kind="label"))
    fiscal += [
        Row("年终结转结余", {}, side="支出", number="二、", kind="label"),
        Row("收入合计", amount, side="收入", kind="total"),
        Row("支出合计", fiscal_cells, side="支出", kind="total"),
    ]
    return summary, fiscal


def _economic_rows(b: Budget, layout: Layout, basic_only: bool) -> list[Row]:
    """06 (basic money, 合计/人员经费/公用经费) or 07 (all money, by source)."""

    def cells(es: Sequence[Economic]) -> dict[str, Decimal]:
        if not basic_only:
            return _same(sum((e.basic + e.project for e in es), ZERO), ECONOMIC_COLUMNS[:3])
        staff = sum((e.basic for e in es if e.code[:3] in STAFF_CLASSES), ZERO)
        other = sum((e.basic for e in es if e.code[:3] not in STAFF_CLASSES), ZERO)
        return (
            _same(staff + other, ["合计"]) | _same(staff, ["人员经费"]) | _same(other, ["公用经费"])
        )

    def coded(es: Sequence[Economic]) -> list[Row]:
        return [
            Row(e.name, cells([e]), e.code, gov_code=e.gov_code, gov_name=e.gov_name)
            for e in es
            if cells([e])
        ]

    rows = [Row("合计", cells(b.economics), kind="total")]
    if not basic_only:
        rows.append(Row(b.department, rows[0].cells, b.code, kind="unit"))
    if not (layout.by_unit and len(b.units) > 1):
        return rows + coded(b.merged())
    for unit in b.units:
        mine = [e for e in b.economics if e.unit == unit.code]
        rows.append(Row(unit.name, cells(mine), unit.code, kind="unit"))
        rows += coded(mine)
    return rows


def _sangong_row(b: Budget) -> Row:
    paid = {e.code: e.basic + e.project for e in b.merged()}
    values = {column: paid.get(code, ZERO) for column, code in SANGONG.items()}
    cars = (
        values["公务用车购置及运行费/公务用车购置费"]
        + values["公务用车购置及运行费/公务用车运行费"]
    )
    values["公务用车购置及运行费/小计"] = cars
    values["“三公”经费合计"] = cars + values["因公出国（境）费"] + values["公务接待费"]
    return Row("", {c: values[c] for c in SANGONG_COLUMNS if values[c]}, kind="values")


def _project_rows(b: Budget) -> tuple[list[Row], list[Row]]:
    """10 (projects by unit and type) and 12 (the same amounts by project code)."""
    total = sum((p.amount for p in b.projects), ZERO)
    cols, target_cols = PROJECT_COLUMNS[:2], ("资金总额", "政府预算资金")
    projects = [
        Row("合计", _same(total, cols), kind="total"),
        Row(b.department, _same(total, cols), b.code, kind="unit"),
    ]
    targets = [Row("", _same(total, target_cols), b.code, kind="unit")]
    for unit in b.units:
        mine = [p for p in b.projects if p.unit == unit.code]
        amount = sum((p.amount for p in mine), ZERO)
        if len(b.units) > 1 and mine:
            projects.append(Row(unit.name, _same(amount, cols), unit.code, kind="unit"))
        if mine:
            targets.append(Row(unit.name, _same(amount, target_cols), unit.code, kind="unit"))
        for p in mine:
            projects.append(
                Row(
                    p.name,
                    _same(p.amount, cols),
                    kind="project",
                    category=p.category,
                    owner=unit.name,
                )
            )
            text = (
                f"经济成本 ≥{p.amount}万元 使用时限 1年 推动经济发展 持续增长 群众满意度 ≥99%",
                "社会成本 持续影响 完成率 100% 持续影响 持续影响",
            )
            targets.append(
                Row(p.name, _same(p.amount, target_cols), p.code, kind="project", text=text)
            )
    return projects, targets


def _fill_zeros(table: Table) -> Table:
    rows = tuple(
        replace(row, cells={c: row.cells.get(c, ZERO) for c in table.columns_of(row)})
        for row in table.rows
    )
    return replace(table, rows=rows)


def tables(budget: Budget, layout: Layout | None = None) -> list[Table]:
    """Tables 01–12 of the budget, every figure derived from its rows."""
    b = budget
    layout = layout or Layout()
    total = sum((f.basic + f.project for f in b.functions), ZERO)
    basic_total = sum((f.basic for f in b.functions), ZERO)
    project_total = sum((f.project for f in b.functions), ZERO)
    unit_total = {
        u.code: sum((f.basic + f.project for f in b.functions if f.unit == u.code), ZERO)
        for u in b.units
    }
    income_cols = INCOME_COLUMNS[:4]
    income = [
        Row("合计", _same(total, income_cols), kind="total"),
        Row(b.department, _same(total, income_cols), b.code, kind="unit"),
    ]
    income += [
        Row(u.name, _same(unit_total[u.code], income_cols), u.code, kind="unit") for u in b.units
    ]
    expenditure = _expenditure_rows(b, layout)
    summary, fiscal = _panels(b, total)
    projects, targets = _project_rows(b)
    overall = [
        Row("部门预算总额（万元）", _same(total, ["金额"]), kind="label"),
        Row("政府预算资金", _same(total, ["金额"]), kind="label"),
        Row("财政专户管理资金", {"金额": ZERO}, kind="label"),  # printed as 0.00
        Row("单位资金", {"金额": ZERO}, kind="label"),
        Row("基本支出", _same(basic_total, ["金额"]), kind="label"),
        Row("项目支出", _same(project_total, ["金额"]), kind="label"),
    ]
    used = {c for f in b.functions for c in f.money}
    exp_cols = tuple(
        c
        for c in EXPENDITURE_COLUMNS
        if not layout.drop_unused or c in used or c not in (*ECON_COLUMNS, *CATEGORIES)
    )
    out = [
        Table("summary", 1, "部门收支总体情况表", ("金额",), tuple(summary), ("金额",)),
        Table("income", 2, "部门收入总体情况表", INCOME_COLUMNS, tuple(income)),
        Table("expenditure", 3, "部门支出总体情况表", exp_cols, tuple(expenditure)),
        Table(
            "fiscal_summary", 4, "财政拨款收支总体情况表", FISCAL_COLUMNS, tuple(fiscal), ("金额",)
        ),
        Table("gpb_expenditure", 5, "一般公共预算支出情况表", exp_cols, tuple(expenditure)),
        Table(
            "gpb_basic",
            6,
            "一般公共预算基本支出表",
            ("合计", "人员经费", "公用经费"),
            tuple(_economic_rows(b, layout, basic_only=True)),
        ),
        Table(
            "economic_summary",
            7,
            "支出经济分类汇总表",
            ECONOMIC_COLUMNS,
            tuple(_economic_rows(b, layout, basic_only=False)),
        ),
        Table(
            "sangong", 8, "一般公共预算“三公”经费支出情况表", SANGONG_COLUMNS, (_sangong_row(b),)
        ),
        Table("gov_fund", 9, "政府性基金预算支出情况表", exp_cols),
        Table("projects", 10, "项目支出表", PROJECT_COLUMNS, tuple(projects)),
        Table("performance_overall", 11, "部门(单位)整体绩效目标表", ("金额",), tuple(overall)),
        Table(
            "performance_projects",
            12,
            "部门预算项目绩效目标汇总表",
            ("资金总额", "政府预算资金"),
            tuple(targets),
        ),
    ]
    if layout.zeros:
        out = [_fill_zeros(t) if t.key in ROUND_TRIP and t.key != "gov_fund" else t for t in out]
    return out


ROUND_TRIP = (
    "summary",
    "income",
    "expenditure",
    "fiscal_summary",
    "gpb_expenditure",
    "gpb_basic",
    "economic_summary",
    "sangong",
    "gov_fund",
    "projects",
)


def cells(tables_: Iterable[Table], keys: Iterable[str] = ROUND_TRIP) -> set[Cell]:
    """The non-empty cells a correct reader must recover, as long-format tuples."""
    wanted = set(keys)
    return {
        (t.key, r.side, r.code, r.name, column, value)
        for t in tables_
        if t.key in wanted
        for r in t.rows
        for column, value in r.cells.items()
    }


def read_cells(doc: Disclosure, keys: Iterable[str] = ROUND_TRIP) -> set[Cell]:
    """The same tuples from what the reader made of the text."""
    wanted = set(keys)
    return {
        (t.key, r.side.value, r.code or "", r.name, c.column, c.value)
        for t in doc.tables
        if t.key in wanted
        for r in t.rows
        for c in r.cells
    }


# ---------------------------------------------------------------- the flattened text


@dataclass(frozen=True)
class Style:
    """The choices of the extractor and the publisher; `seed` drives the per-row ones."""

    seed: int = 0
    layout: Layout = Layout()
    newline: str = "\n"
    sep: str = " "  # between cells on a line
    ids: bool = True  # print the 预算NN表 line above each title
    year: str = "年"  # the title's year: 2024年… | 2024年度… | none
    function_codes: str = "mixed"  # spaced (201 03 01) | joined (2010301) | mixed
    economic_codes: str = "mixed"  # spaced (301 01) | joined (30101) | mixed
    thousands: bool = True  # 1,634.35
    blank: str = ""  # what a blank cell prints: nothing, or a placeholder (- —)
    letter_spaced: bool = True  # 本 年 收 入 合 计
    width: int = 0  # longest name fragment; 0: random per name (4–12)
    split_values: bool = False  # a long row's amounts sometimes continue on the next line
    break_tail: bool = True  # 支出 labels sometimes broken before their last characters
    page_numbers: bool = False  # `- 3 -` lines between rows, where the pages break
    narrative: bool = True  # a short 第一部分 before the tables
    keys: tuple[str, ...] = ()  # only these tables (all when empty)


def amount(value: Decimal, thousands: bool = True) -> str:
    return f"{value:,.2f}" if thousands else f"{value:.2f}"


_ALNUM = re.compile(r"[0-9A-Za-z.,]")


def _breakable(name: str, cut: int) -> bool:
    """A cell wraps anywhere but inside a run of digits or letters (2024, OA)."""
    return not (_ALNUM.match(name[cut - 1]) and _ALNUM.match(name[cut]))


def fragments(name: str, rng: Random, width: int = 0) -> list[str]:
    """A name broken as a narrow cell breaks it (never leaving a piece that is a number)."""
    width = width or rng.randint(4, 12)
    pieces: list[str] = []
    rest = name
    while len(rest) > width:
        cuts = [c for c in range(1, len(rest)) if _breakable(rest, c) and not rest[:c].isdigit()]
        fits = [c for c in cuts if c <= width]
        later = [c for c in cuts if c > width]
        if not cuts or (not fits and len(rest) - later[0] < 2):
            break
        cut = fits[-1] if fits else later[0]
        pieces.append(rest[:cut])
        rest = rest[cut:]
    pieces.append(rest)
    return pieces


def _function_code(code: str, spaced: bool) -> str:
    if not spaced or len(code) < 5:
        return code
    return " ".join(code[i : i + n] for i, n in ((0, 3), (3, 2), (5, 2)) if code[i : i + n])


def _economic_code(code: str, spaced: bool) -> str:
    return f"{code[:3]} {code[3:]}" if spaced and len(code) == 5 else code


_EXPENDITURE_HEADER = (
    "科目编码",
    "|单位代码",
    "单位（科目名称） 合计",
    "基本支出  项目支出",
    "小计",
    "人员经费 公用经费",
    "小计 {categories}",
    "类 款 项",
)
_INCOME_HEADER = """部门（单位）代
码
部门（单位）名称 总计
本年收入 上年结转结余
合计
一般公共预算
政府性基金
国有资本经

营预算
财政专户管
理资金收入
事业收入
事业单位经

营收入
上级补助收

入
附属单位上

缴收入
 其他收入  合计
一般公共预
算
政府性基金
国有资本经

营预算
财政专户管

理资金
单位资金
小计
其中：财政

拨款"""
_BASIC_HEADER = """部门预算支出经济分类科目 政府预算支出经济分类科目编码 本年一般公共预算基本支出
科目编码 科目名称 科目编码 科目名称 合计 人员经费 公用经费"""
_ECONOMIC_HEADER = """ 部门预算经济分类  政府预算经济分类
总计
一般公共预算
政府性基金
国有资本经
营预算
上年结转结
余
财政专户管
理资金收入
事业收入
上级补助收

入
附属单位上

缴收入
事业单位经

营收入
 其他收入
 类 款 科目名称  类 款 科目名称 小计
其中：财政

拨款"""
_SANGONG_HEADER = """“三公”经费合计 因公出国（境）费
公务用车购置及运行费
公务接待费
小计 公务用车购置费 公务用车运行费"""
_PROJECTS_HEADER = """类型 项目名称 项目单位 合计
本年拨款 财政拨款结转结余
财政专户管
理资金
单位资金一般公共预
算
政府性基金
预算
国有资本经
营预算
一般公共预
算
政府性基金
预算
国有资本经
营预算"""
_TARGETS_HEADER = """单位编码（项目编码） 项目单位 （项目名称）
项目金额（万元）
绩效目标
成本指标  产出指标  效益指标  满意度指标
资金总额
政府预算资

金

财政专户管

理资金
单位资金 三级指标 指标值 三级指标 指标值 三级指标 指标值 三级指标 指标值"""
_PANEL_HEADERS = {
    "summary": " 收入 支出\n\n 项目   金额  项目  金额",
    "fiscal_summary": " 收入   支出  \n\n 项 目  金　额  项 目  合计\n一般公共预算  \n\n"
    " 政府性基金  \n国有资本经营预\n\n算 小计  其中：财政拨款",
}
_FORM = """（{year}年度）

部门（单位）名称  {department}

年度履职目标 保障日常事务和管理工作正常运转。

预算情况

部门预算总额（万元） {部门预算总额（万元）}

1、资金来源：（1）政府预算资金 {政府预算资金}

       （2）财政专户管理资金 0.00

       （3）单位资金 0.00

2、资金结构：（1）基本支出 {基本支出}

       （2）项目支出 {项目支出}

一级指标 二级指标 三级指标 指标值 指标值说明

产出指标
重点工作任务 后勤保障工作完成率 ≥99% 及时保障后勤工作
效益指标
履职效益 机关干部满意度 ≥99% 机关干部对于服务满意情况"""
NARRATIVE = """第一部分

{department}概况

一、主要职责

（一）负责日常事务的综合协调工作。

（二）承办公文处理、机要保密、文件档案工作。
"""


class _Writer:
    """Writes one budget's tables; every per-row choice comes from one seeded Random."""

    def __init__(self, budget: Budget, style: Style) -> None:
        self.b = budget
        self.style = style
        self.rng = Random(style.seed)

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def spread(self, pieces: Sequence[str]) -> list[str]:
        """Pieces on their own lines, with the blank lines the extractor sometimes adds."""
        out: list[str] = []
        for piece in pieces:
            if out and self.chance(0.3):
                out.append("")
            out.append(piece)
        return out

    def name(self, text: str, width: int = 0) -> list[str]:
        return fragments(text, self.rng, width or self.style.width)

    def values(self, row: Row, columns: Sequence[str]) -> str:
        printed = []
        for column in columns:
            if column in row.cells:
                printed.append(amount(row.cells[column], self.style.thousands))
            elif self.style.blank:
                printed.append(self.style.blank)
        return " ".join(printed)

    def value_lines(self, row: Row, columns: Sequence[str]) -> list[str]:
        text = self.values(row, columns)
        words = text.split()
        if self.style.split_values and len(words) >= 4 and self.chance(0.4):
            cut = self.rng.randint(2, len(words) - 1)
            return [" ".join(words[:cut]), " ".join(words[cut:])]
        return [text]

    def header(self, words: Sequence[str]) -> list[str]:
        """Header cells: `|` marks a word that may break (工资福利支|出 → two lines)."""
        out: list[str] = []
        for word in words:
            text = word.removeprefix("|")
            if word.startswith("|") and len(text) > 3 and self.chance(0.7):
                cut = self.rng.randint(1, len(text) - 1)
                out += self.spread([text[:cut], text[cut:]])
            else:
                out.append(text)
            if self.chance(0.4):
                out.append("")
        return out

    def head(self, table: Table) -> list[str]:
        out = [table.id + self.rng.choice(("", " ")), ""] if self.style.ids else []
        title = table.title
        if table.number == 8:
            title = title.replace("“三公”", self.rng.choice(("“三公”", '"三公"', "三公")))
        if table.number != 11 and self.style.year:
            title = f"{self.b.year}{self.style.year}{title}"
        out.append(title)
        dept = self.b.department
        if table.number in (1, 12):
            out.append(f"部门名称：{dept}")
        elif table.number != 11:
            out += self.rng.choice(
                (
                    [f"部门名称：{dept} 单位：万元"],
                    [f"部门名称： {dept} 单位：万元"],
                    [f"部门名称:{dept}  金额单位：万元"],
                    [f"单位名称：{dept}", "单位：万元"],
                )
            )
        return [*out, ""]

    def coded_row(self, table: Table, row: Row) -> list[str]:
        """Code, name (perhaps broken), amounts: on one line or several, as the seed shows."""
        values = self.value_lines(row, table.columns)
        if row.kind == "total":
            return [self.rng.choice(("合计 ", " 合计 ")) + values[0], *values[1:]]
        code = row.code
        if row.kind == "code":
            spaced = self.style.function_codes == "spaced" or (
                self.style.function_codes == "mixed" and self.chance(0.5)
            )
            code = _function_code(code, spaced)
        pieces = self.name(row.name)
        form = self.rng.random()
        if len(pieces) == 1 and form < 0.6:
            return [f"{code} {row.name} {values[0]}", *values[1:]]
        indent = self.rng.choice(("", " ", "  "))
        if form < 0.5:
            return [indent + code, *self.spread([indent + p for p in pieces]), *values]
        return [f"{indent}{code} {pieces[0]}", *self.spread(pieces[1:]), "", *values]

    def paired_row(self, table: Table, row: Row) -> list[str]:
        values = self.value_lines(row, table.columns)
        spaced = self.style.economic_codes == "spaced" or (
            self.style.economic_codes == "mixed" and self.chance(0.5)
        )
        code = _economic_code(row.code, spaced)
        gov = _economic_code(row.gov_code, spaced)
        name, gov_name = self.name(row.name), self.name(row.gov_name)
        if len(name) == 1 and len(gov_name) == 1 and self.chance(0.7):
            sep = self.rng.choice((" ", "  "))
            return [f"{code}{sep}{row.name} {gov} {row.gov_name} {values[0]}", *values[1:]]
        out = [code, *self.spread(name)]
        if len(gov_name) == 1:
            return [*out, f"{gov} {row.gov_name} {values[0]}", *values[1:]]
        return [*out, gov, *self.spread(gov_name), *values]

    def coded(self, table: Table) -> list[str]:
        out: list[str] = []
        for row in table.rows:
            if row.gov_code:
                out += self.paired_row(table, row)
            elif table.number == 12 and row.code == self.b.code:
                out.append(f"{row.code} {self.values(row, table.columns)}")
            elif table.number == 12 and row.kind == "project":
                out += [row.code, *self.spread(self.name(row.name))]
                out += [self.values(row, table.columns), *row.text]
            else:
                out += self.coded_row(table, row)
            if self.chance(0.5):
                out.append("")
            if self.style.page_numbers and self.chance(0.1):
                out += [f"- {self.rng.randint(2, 40)} -", ""]
        return out

    def projects(self, table: Table) -> list[str]:
        out: list[str] = []
        for row in table.rows:
            values = self.value_lines(row, table.columns)
            if row.kind == "total":
                out += [self.rng.choice(("", "合计 ")) + values[0], *values[1:]]
            elif row.kind == "unit":
                out += [row.code, *self.spread(self.name(row.name)), "", *values]
            else:
                name = self.name(row.name)
                first = self.rng.choice(
                    (row.category, f"{row.category} {name[0]}", row.category + name[0])
                )
                if first != row.category:
                    name = name[1:]
                out += [first, *self.spread(name), ""]
                out += self.spread(self.name(row.owner, self.rng.randint(4, 6)))
                if self.chance(0.3):
                    out[-1] += " " + values[0]
                    out += values[1:]
                else:
                    out += ["", *values]
            out.append("")
        return out

    def panels(self, table: Table) -> list[str]:
        style = self.style
        left = [r for r in table.rows if r.side == "收入" and r.kind != "total"]
        right = [r for r in table.rows if r.side == "支出" and r.kind != "total"]
        between = [  # 01 prints 上年结转结余 | 年终结转结余 between its two total lines
            r
            for r in table.rows
            if table.key == "summary" and r.name in ("上年结转结余", "年终结转结余")
        ]
        left = [r for r in left if r not in between]
        right = [r for r in right if r not in between]

        def label(row: Row) -> str:
            values = self.values(row, table.columns_of(row))
            return f"{row.number}{row.name} {values}".strip()

        def spaced(row: Row) -> str:
            name = " ".join(row.name) if style.letter_spaced else row.name
            return f"{name} {self.values(row, table.columns_of(row))}".strip()

        out: list[str] = []
        for i in range(max(len(left), len(right))):
            parts = []
            if i < len(left):
                indent = "      " if left[i].name.startswith("其中") and self.chance(0.5) else ""
                parts.append(indent + label(left[i]))
            if i < len(right):
                parts.append(label(right[i]))
            tail = ""
            if i < len(right) and style.break_tail and self.chance(0.15):
                tail = right[i].name[-self.rng.randint(1, 2) :]  # （三十四）…安排的支 / 出
                parts[-1] = label(replace(right[i], name=right[i].name[: -len(tail)]))
            out += [" ".join(parts), "", tail] if tail else [" ".join(parts)]
            if self.chance(0.5):
                out.append("")
        totals = [r for r in table.rows if r.kind == "total"]
        if table.key == "summary":
            out += [f"{spaced(totals[0])} {spaced(totals[1])}", ""]
            out += [f"{label(between[0])} {label(between[1])}", ""]
            out += [f"{spaced(totals[2])} {spaced(totals[3])}"]
        else:
            income, expense = totals
            out.append(f"收入合计： {self.values(income, ['金额'])} 支出合计 ")
            out[-1] += self.values(expense, table.columns)
        return out

    def expenditure_head(self, table: Table) -> list[str]:
        categories = " ".join(CATEGORIES[c] for c in CATEGORIES if c in table.columns)
        words = [w.format(categories=categories) for w in _EXPENDITURE_HEADER]
        words += ["|" + c.rsplit("/", 1)[1] for c in ECON_COLUMNS if c in table.columns]
        return self.header(words)

    def table(self, table: Table) -> list[str]:
        out = self.head(table)
        key = table.key
        if table.income_columns:
            return out + _PANEL_HEADERS[key].split("\n") + [""] + self.panels(table)
        if key in ("expenditure", "gpb_expenditure", "gov_fund"):
            out += self.expenditure_head(table)
            if not table.rows:
                return [*out, " 合计", ""]
            out += self.coded(table)
            if key == "gpb_expenditure":
                out.append("备注：本表仅含当年财政拨款安排的支出")
            return out
        if key == "sangong":
            return [
                *out,
                *_SANGONG_HEADER.split("\n"),
                "",
                *self.value_lines(table.rows[0], table.columns),
            ]
        if key == "projects":
            return out + _PROJECTS_HEADER.split("\n") + [""] + self.projects(table)
        if key == "performance_overall":
            figures = {r.name: self.values(r, ["金额"]) for r in table.rows}
            form = _FORM.format(year=self.b.year, department=self.b.department, **figures)
            return out + form.split("\n")
        header = {
            "income": _INCOME_HEADER,
            "gpb_basic": _BASIC_HEADER,
            "economic_summary": _ECONOMIC_HEADER,
            "performance_projects": _TARGETS_HEADER,
        }[key]
        return out + header.split("\n") + [""] + self.coded(table)


def render(budget: Budget, style: Style | None = None) -> str:
    """The flattened text of the budget's tables, as a PDF extractor writes it."""
    style = style or Style()
    writer = _Writer(budget, style)
    lines: list[str] = []
    if style.narrative:
        lines += NARRATIVE.format(department=budget.department).split("\n")
    for table in tables(budget, style.layout):
        if not style.keys or table.key in style.keys:
            lines += [*writer.table(table), "", "", ""]
    if style.sep != " ":
        lines = [line.replace(" ", style.sep) for line in lines]
    return style.newline.join(lines) + style.newline


def random_style(rng: Random) -> Style:
    layout = Layout(
        subtotals=rng.random() < 0.3,
        by_unit=rng.random() < 0.5,
        zeros=rng.random() < 0.1,
        drop_unused=rng.random() < 0.3,
    )
    return Style(
        seed=rng.randrange(2**32),
        layout=layout,
        newline=rng.choice(("\n", "\r\n", "\r")),
        sep=rng.choice((" ", " ", "  ", "\t", "\u3000")),
        ids=rng.random() < 0.8,
        year=rng.choice(("年", "年", "年度", "")),
        function_codes=rng.choice(("spaced", "joined", "mixed")),
        economic_codes=rng.choice(("spaced", "joined", "mixed")),
        thousands=rng.random() < 0.8,
        blank="" if layout.zeros else rng.choice(("", "", "", "-", "—")),
        letter_spaced=rng.random() < 0.5,
        width=rng.choice((0, 0, 5, 6, 8)),
        split_values=rng.random() < 0.3,
        break_tail=rng.random() < 0.7,
        page_numbers=rng.random() < 0.3,
        narrative=rng.random() < 0.5,
    )
