"""The input of `yusuan compile`: one department's budget (or final accounts) as data.

Every table of a disclosure is derived from `Budget.lines`; the narrative is written from the
lines and the other matters. Readers of the input forms (YAML/JSON, our workbook, a region's
own workbook) build this model; `yusuan.compile.check` validates it. Money is `Decimal` in
`Budget.unit` (万元 unless stated).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from yusuan.model import DocKind, MoneyUnit


class Source(StrEnum):
    """Where a line's money comes from (资金来源), as the 收入 tables name it."""

    GENERAL = "一般公共预算"  # 一般公共预算拨款 (财政拨款 unless `Line.fiscal` is false)
    GOV_FUND = "政府性基金"
    STATE_CAPITAL = "国有资本经营预算"
    SPECIAL_ACCOUNT = "财政专户管理资金"
    BUSINESS = "事业收入"
    OPERATING = "事业单位经营收入"
    SUPERIOR = "上级补助收入"
    AFFILIATED = "附属单位上缴收入"
    OTHER = "其他收入"


FISCAL_SOURCES = frozenset({Source.GENERAL, Source.GOV_FUND, Source.STATE_CAPITAL})


class Use(StrEnum):
    """Basic spending is 人员经费 or 公用经费; project spending is neither."""

    PERSONNEL = "人员经费"
    PUBLIC = "公用经费"
    PROJECT = "项目支出"


class ProjectType(StrEnum):
    RUNNING = "其他运转类"
    TARGETED = "特定目标类"


@dataclass(frozen=True, slots=True)
class Line:
    """One budget line: an amount of one unit, for one functional 项 and economic item, from one
    source of money. Basic (人员/公用) when `project` is None, else the named project's."""

    unit: str  # the unit's code (309001); the department's own code for a one-unit department
    function: str  # 支出功能分类 项, 7 digits (2010301)
    economic: str  # 部门预算支出经济分类 款, 5 digits (30101)
    source: Source
    amount: Decimal  # this year's 预算数 (a 决算: the 决算数)
    gov_economic: str | None = None  # 政府预算支出经济分类 款 (50101); None: by correspondence
    use: Use | None = None  # None: 项目支出 with a project, else by the economic class
    project: str | None = None  # the `Project.code` the line is spent on
    carried_over: bool = False  # money of 上年结转结余, not this year's income
    fiscal: bool = True  # 一般公共预算 money that is 财政拨款 (false: e.g. 财政专户 within it)
    where: str = ""  # where the line was read from (sheet!row, file:line), for messages


@dataclass(frozen=True, slots=True)
class Indicator:
    """A performance indicator: 一级/二级/三级指标, its value, and for a money value the amount."""

    level1: str  # 产出指标 / 效益指标 / 满意度指标 / 成本指标
    level2: str  # 数量指标 / 质量指标 / 时效指标 / 经济成本指标 …
    name: str  # 三级指标
    value: str  # 指标值 as printed (≥95%, 12次, ≤30万元)
    amount: Decimal | None = None  # the money a cost indicator states, never above the project


@dataclass(frozen=True, slots=True)
class Project:
    code: str  # as the budget system numbers it (may be 21 digits)
    name: str
    unit: str  # the unit code that carries it
    type: ProjectType
    purpose: str = ""  # 主要用于…, the narrative's wording
    period: str = ""  # 实施期 (2023年 / 2023—2025年)
    goal: str = ""  # 年度绩效目标
    indicators: tuple[Indicator, ...] = ()


@dataclass(frozen=True, slots=True)
class Unit:
    code: str
    name: str
    kind: str = "行政单位"  # 行政单位 / 参照公务员法管理事业单位 / 事业单位


@dataclass(frozen=True, slots=True)
class Staff:
    label: str  # 编制 / 在编 / 聘用 / 离退休 …
    count: int
    scope: str | None = None  # an internal unit; None: the department


@dataclass(frozen=True, slots=True)
class Profile:
    duties: tuple[str, ...] = ()
    internal_units: tuple[str, ...] = ()
    staff: tuple[Staff, ...] = ()
    # 机构设置 as the input words it, one paragraph each (Shanghai's workbook: its own sheet)
    structure: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Prior:
    """Last year's figures the year-over-year sentences need (上年预算数, or a 决算's 上年决算数),
    by what they are of: `totals` keyed 收入总计 / 支出总计 / 财政拨款 / 一般公共预算 / 基本支出 /
    项目支出 / 政府性基金 …, `functions` by 7-digit functional 项, `sangong` by the 三公 columns
    (因公出国（境）费 / 公务用车购置费 / 公务用车运行费 / 公务接待费), `operating` 机关运行经费."""

    totals: dict[str, Decimal] = field(default_factory=dict)
    functions: dict[str, Decimal] = field(default_factory=dict)
    sangong: dict[str, Decimal] = field(default_factory=dict)
    operating: Decimal | None = None


@dataclass(frozen=True, slots=True)
class Reason:
    """Why a figure changed or differs from its budget, for the narrative (主要原因是…)."""

    of: str  # what it explains: a 7-digit function code, or 三公 / 机关运行经费 / 收入总计 …
    text: str


@dataclass(frozen=True, slots=True)
class Sangong:
    """The 三公 plan: amounts come from the lines (economic 30212, 30217, 30231, 31013); the
    activity counts and vehicles are stated here."""

    trips: int | None = None  # 因公出国（境）团组数
    travellers: int | None = None  # 人次
    vehicles_bought: int | None = None  # 公务用车购置数（辆）
    vehicles_held: int | None = None  # 公务用车保有量（辆）
    receptions: int | None = None  # 国内公务接待批次
    guests: int | None = None  # 人次


@dataclass(frozen=True, slots=True)
class Procurement:
    goods: Decimal = Decimal(0)
    works: Decimal = Decimal(0)
    services: Decimal = Decimal(0)
    sme_reserved: Decimal | None = None  # 面向中小企业预留


@dataclass(frozen=True, slots=True)
class Assets:
    vehicles: int | None = None  # 车辆（辆）
    equipment_over_million: int | None = None  # 单位价值100万元以上专用设备（台、套）
    buildings_m2: Decimal | None = None
    note: str = ""


@dataclass(frozen=True, slots=True)
class FinalItem:
    """A 决算's figures for one functional 项: 年初预算数, 调整预算数 (全年预算数) and the reason
    the 决算数 (summed from the lines) differs from the budget."""

    function: str
    initial: Decimal
    adjusted: Decimal | None = None
    reason: str = ""


@dataclass(frozen=True, slots=True)
class Balance:
    """A 决算's 结转和结余 of one functional 项 and one source: 年初 (None: what its carried-over
    lines spent, as if the opening money was all used) and 年末. The 项's 本年收入 follows from
    年初 + 本年收入 − 本年支出 = 年末, 本年支出 summed from the lines."""

    function: str  # 7-digit 支出功能分类 项
    source: Source
    closing: Decimal  # 年末结转和结余
    opening: Decimal | None = None  # 年初结转和结余
    where: str = ""  # where the entry was read from, for messages


@dataclass(frozen=True, slots=True)
class Budget:
    department: str
    code: str  # the department's code (309)
    year: int
    kind: DocKind = DocKind.BUDGET
    unit: MoneyUnit = MoneyUnit.WAN
    template: str = "prov12"  # the template family the tables are derived for
    # whose budget the tables are titled for: 部门, or 单位 (Shanghai's 单位预算 workbook)
    scope: str = "部门"
    units: tuple[Unit, ...] = ()
    profile: Profile = field(default_factory=Profile)
    lines: tuple[Line, ...] = ()
    projects: tuple[Project, ...] = ()
    prior: Prior = field(default_factory=Prior)
    reasons: tuple[Reason, ...] = ()
    sangong: Sangong = field(default_factory=Sangong)
    # 机关运行经费: None derives it (行政单位's and 参公单位's 一般公共预算 basic 公用经费)
    operating: Decimal | None = None
    procurement: Procurement = field(default_factory=Procurement)
    assets: Assets = field(default_factory=Assets)
    final_items: tuple[FinalItem, ...] = ()  # a 决算 only
    # 年终结转结余 of a 决算 by source; a budget has none
    closing_balance: dict[Source, Decimal] = field(default_factory=dict)
    # A 决算's 结转和结余 by 项 and source (the tables print them by function); none: all spent
    balances: tuple[Balance, ...] = ()
    # A 决算's 本年收入 by source as the input states it, held against 年初 + 收入 − 支出 = 年末
    income: dict[Source, Decimal] = field(default_factory=dict)
    # Names of codes the bundled catalog does not list (a 项 of its partial copy), by code
    names: dict[str, str] = field(default_factory=dict)
    # A 决算's 三公 预算数 (年初预算) by the 三公 columns of `Prior.sangong`; a budget has none
    sangong_budget: dict[str, Decimal] = field(default_factory=dict)
    # What each functional 项's money is for (主要用于…), by 7-digit code, for the narrative
    uses: dict[str, str] = field(default_factory=dict)
