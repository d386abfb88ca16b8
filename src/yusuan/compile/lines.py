"""What each budget line is, as the tables classify it: its basic column, its 人员/公用 use, its
source column in each table, its names from the catalog. Shared by the derivation, the
narrative and the checks so that each rule of classification is written once."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from functools import cached_property

from yusuan.catalog import load_catalog
from yusuan.catalog.entries import UnitType
from yusuan.catalog.load import Catalog
from yusuan.compile.budget import FISCAL_SOURCES, Budget, Line, ProjectType, Source, Use

CENT = Decimal("0.01")
ZERO = Decimal("0.00")

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
EXPENDITURE_COLUMNS = (TOTAL, BASIC, WAGES, FAMILY, GOODS, CAPITAL, PROJECT, RUNNING, TARGETED)
CLASS_COLUMN = {"301": WAGES, "303": FAMILY, "302": GOODS, "310": CAPITAL}
PERSONNEL_CLASSES = ("301", "303")
PUBLIC_CLASSES = ("302", "310")
TYPE_COLUMN = {ProjectType.RUNNING: RUNNING, ProjectType.TARGETED: TARGETED}

# 三公: each column and the economic code its money is paid under
SANGONG_CODES = {
    "因公出国（境）费": "30212",
    "公务用车购置及运行费/公务用车购置费": "31013",
    "公务用车购置及运行费/公务用车运行费": "30231",
    "公务接待费": "30217",
}

ORGAN_KINDS = ("行政单位", "参照公务员法管理事业单位", "参公单位", "机关")


def cents(value: Decimal) -> Decimal:
    """A sum of lines in cents, printed with two places (600 → 600.00)."""
    return value.quantize(CENT)


def total(lines: Iterable[Line]) -> Decimal:
    return cents(sum((line.amount for line in lines), ZERO))


def is_organ(kind: str) -> bool:
    """行政单位 and 参公单位 are 机关 for the economic correspondence and 机关运行经费."""
    return any(word in kind for word in ORGAN_KINDS)


class Classified:
    """A budget with its catalog: names and classes of its lines' codes."""

    def __init__(self, budget: Budget, catalog: Catalog | None = None) -> None:
        self.budget = budget
        self.catalog = catalog or load_catalog(budget.year or None)
        self.units = {unit.code: unit for unit in budget.units}
        self.projects = {project.code: project for project in budget.projects}

    def use(self, line: Line) -> Use:
        """人员经费 / 公用经费 for basic money (by the economic class unless stated), else 项目支出."""
        if line.project is not None:
            return Use.PROJECT
        if line.use is not None:
            return line.use
        return Use.PERSONNEL if line.economic[:3] in PERSONNEL_CLASSES else Use.PUBLIC

    def column(self, line: Line) -> str:
        """The 03 leaf column the line's money is in."""
        if line.project is not None:
            project = self.projects.get(line.project)
            return TYPE_COLUMN[project.type if project else ProjectType.RUNNING]
        return CLASS_COLUMN.get(line.economic[:3], GOODS)

    def gov_code(self, line: Line) -> str:
        """The 政府预算支出经济分类 code: as stated, else by the official correspondence for the
        unit's kind (机关 or 事业单位), else "" (check reports it)."""
        if line.gov_economic:
            return line.gov_economic
        unit = self.units.get(line.unit)
        kind = UnitType.ORGAN if unit is None or is_organ(unit.kind) else UnitType.INSTITUTION
        rows = self.catalog.gov_codes_for(line.economic, kind)
        return rows[0].gov_code if rows else ""

    def name(self, code: str) -> str:
        """A code's name: the input's own (for a code the bundled catalog lacks) or the catalog's."""
        if code in self.budget.names:
            return self.budget.names[code]
        entry = self.catalog.lookup(code)
        return entry.name if entry is not None else ""

    def gov_name(self, code: str) -> str:
        entry = self.catalog.econ_gov(code)
        return self.budget.names.get(code, entry.name if entry is not None else "")

    def unit_name(self, code: str) -> str:
        unit = self.units.get(code)
        return unit.name if unit is not None else code

    @cached_property
    def lines(self) -> tuple[Line, ...]:
        return self.budget.lines

    @cached_property
    def fiscal_lines(self) -> tuple[Line, ...]:
        """财政拨款 money: 一般公共预算, 政府性基金 and 国有资本经营预算."""
        return tuple(line for line in self.lines if line.source in FISCAL_SOURCES)

    @cached_property
    def general_lines(self) -> tuple[Line, ...]:
        return tuple(line for line in self.lines if line.source is Source.GENERAL)

    def basic(self, lines: Iterable[Line]) -> tuple[Line, ...]:
        return tuple(line for line in lines if line.project is None)

    def project_lines(self, lines: Iterable[Line]) -> tuple[Line, ...]:
        return tuple(line for line in lines if line.project is not None)

    @cached_property
    def operating(self) -> Decimal:
        """机关运行经费: the input's figure, else the 机关's 一般公共预算 basic 公用经费."""
        if self.budget.operating is not None:
            return cents(self.budget.operating)
        return total(
            line
            for line in self.basic(self.general_lines)
            if self.use(line) is Use.PUBLIC and is_organ(self.unit_kind(line.unit))
        )

    def unit_kind(self, code: str) -> str:
        unit = self.units.get(code)
        return unit.kind if unit is not None else "行政单位"

    def sangong(self) -> dict[str, Decimal]:
        """The 三公 columns of the 一般公共预算 money, by their economic codes."""
        values = {
            column: total(line for line in self.general_lines if line.economic == code)
            for column, code in SANGONG_CODES.items()
        }
        cars = (
            values["公务用车购置及运行费/公务用车购置费"]
            + values["公务用车购置及运行费/公务用车运行费"]
        )
        return {
            "“三公”经费合计": values["因公出国（境）费"] + cars + values["公务接待费"],
            "因公出国（境）费": values["因公出国（境）费"],
            "公务用车购置及运行费/小计": cars,
            "公务用车购置及运行费/公务用车购置费": values["公务用车购置及运行费/公务用车购置费"],
            "公务用车购置及运行费/公务用车运行费": values["公务用车购置及运行费/公务用车运行费"],
            "公务接待费": values["公务接待费"],
        }
