"""The layout of our own input workbook (`yusuan template`): sheet names, column headers and the
labels of the form-like sheets, shared by the writer and the reader so the two cannot drift.

Table sheets (单位, 预算明细, 项目, 上年数, 说明) have their headers in row 1 and one record a row
from row 2; the reader finds each column by its header text, so a user may reorder columns but
not rename them. Form sheets (部门信息, 三公, 其他事项) have a label in column A and its value in
column B; the reader finds each value by its label.
"""

from __future__ import annotations

from dataclasses import dataclass

from yusuan.compile.budget import ProjectType, Source, Use
from yusuan.model import DocKind, MoneyUnit

INSTRUCTIONS = "填表说明"
DEPARTMENT = "部门信息"
UNITS = "单位"
LINES = "预算明细"
PROJECTS = "项目"
PRIOR = "上年数"
REASONS = "说明"
SANGONG = "三公"
OTHER = "其他事项"
FINAL = "决算"  # a 决算's 年初/调整预算数 by 项 and its 年终结转结余; a 预算 leaves it blank
SUBJECTS = "科目说明"  # names of codes the catalog lacks and what each 项's money is for
BALANCES = "结转结余"  # a 决算's 结转和结余 by 项 and source, and its 本年收入 by source
CODES = "代码表"  # hidden: the catalog's codes the drop-downs list

# The sheets a filled workbook must have, in the order the template writes them.
SHEETS = (
    INSTRUCTIONS,
    DEPARTMENT,
    UNITS,
    LINES,
    PROJECTS,
    PRIOR,
    REASONS,
    SANGONG,
    OTHER,
    FINAL,
    SUBJECTS,
    BALANCES,
)
# Sheets added after workbooks were filled in: one without them reads as if they were blank.
OPTIONAL_SHEETS = (SUBJECTS, BALANCES)

YES, NO = "是", "否"
UNIT_KINDS = ("行政单位", "参照公务员法管理事业单位", "事业单位")
PRIOR_KINDS = ("总计", "功能分类", "三公", "机关运行经费")
PRIOR_TOTALS = (
    "收入总计",
    "支出总计",
    "财政拨款",
    "一般公共预算",
    "政府性基金",
    "国有资本经营预算",
    "基本支出",
    "项目支出",
)
SANGONG_ITEMS = ("因公出国（境）费", "公务用车购置费", "公务用车运行费", "公务接待费")
INDICATOR_LEVELS = ("产出指标", "效益指标", "满意度指标", "成本指标")


@dataclass(frozen=True, slots=True)
class Column:
    """One column of a table sheet: its header, whether a record needs it, its width and the
    drop-down values it takes (empty: free) — `kind` says how the reader converts the cell."""

    header: str
    kind: str  # text / code / money / count / choice / flag
    required: bool = False
    width: int = 14
    choices: tuple[str, ...] = ()
    note: str = ""


def _values(enum: type[Source] | type[Use] | type[ProjectType]) -> tuple[str, ...]:
    return tuple(member.value for member in enum)


TABLES: dict[str, tuple[Column, ...]] = {
    UNITS: (
        Column("单位编码", "code", True, 14, note="如 309001；一个单位的部门填部门编码"),
        Column("单位名称", "text", True, 36),
        Column("单位类型", "choice", True, 26, UNIT_KINDS),
    ),
    LINES: (
        Column("单位编码", "code", True, 12, note="须为“单位”表中的单位"),
        Column("功能分类科目编码", "code", True, 18, note="7位，项级，如 2010301"),
        Column("部门经济分类科目编码", "code", True, 20, note="5位，款级，如 30101"),
        Column("政府经济分类科目编码", "code", False, 20, note="5位；空：按对照表"),
        Column("资金来源", "choice", True, 22, _values(Source)),
        Column(
            "支出类型",
            "choice",
            False,
            12,
            _values(Use),
            "空：有项目编码为项目支出，否则按经济分类",
        ),
        Column("项目编码", "code", False, 24, note="项目支出须填，须为“项目”表中的项目"),
        Column("上年结转", "flag", False, 10, (YES, NO), "空：否"),
        Column("财政拨款", "flag", False, 10, (YES, NO), "空：是；财政专户等非财政拨款填否"),
        Column("金额", "money", True, 16, note="本年预算数（决算：决算数），≥0，至多2位小数"),
    ),
    PROJECTS: (
        Column("项目编码", "code", True, 24, note="空：续上一项目的绩效指标"),
        Column("项目名称", "text", False, 30),
        Column("单位编码", "code", False, 12),
        Column("项目类型", "choice", False, 14, _values(ProjectType)),
        Column("主要用途", "text", False, 30, note="情况说明的“主要用于…”"),
        Column("实施期", "text", False, 14, note="如 2026年、2026—2028年"),
        Column("年度绩效目标", "text", False, 30),
        Column("一级指标", "choice", False, 12, INDICATOR_LEVELS),
        Column("二级指标", "text", False, 12, note="数量指标、质量指标、时效指标…"),
        Column("三级指标", "text", False, 24),
        Column("指标值", "text", False, 14, note="如 ≥95%、12次"),
        Column("指标金额", "money", False, 14, note="成本指标的金额，不超过项目金额"),
    ),
    PRIOR: (
        Column("类别", "choice", True, 14, PRIOR_KINDS),
        Column("项目", "text", False, 24, note="总计：收入总计等；功能分类：7位编码；三公：费用名"),
        Column("上年数", "money", True, 16),
    ),
    FINAL: (
        Column("功能分类科目编码", "code", True, 18, note="7位项级；决算数由预算明细汇总"),
        Column("年初预算数", "money", True, 16),
        Column("调整预算数", "money", False, 16, note="全年预算数；空：未调整"),
        Column("差异原因", "text", False, 50, note="决算数与预算数不同的原因"),
    ),
    BALANCES: (
        Column("功能分类科目编码", "code", True, 18, note="7位项级"),
        Column("资金来源", "choice", True, 22, _values(Source)),
        Column("年初结转和结余", "money", False, 16, note="空：按上年结转的行的支出计"),
        Column("年末结转和结余", "money", True, 16),
    ),
    SUBJECTS: (
        Column("编码", "code", True, 18, note="任一级科目编码；主要用于须为7位功能分类项"),
        Column("名称", "text", False, 30, note="自带目录没有的科目的名称；空：按目录"),
        Column("主要用于", "text", False, 50, note="情况说明的“主要用于…”"),
    ),
    REASONS: (
        Column(
            "说明对象", "text", True, 20, note="7位功能分类编码，或 三公、机关运行经费、收入总计…"
        ),
        Column("原因", "text", True, 60),
    ),
}

# A project's own columns; a 项目 row with these blank continues the project above.
PROJECT_OWN = ("项目名称", "单位编码", "项目类型", "主要用途", "实施期", "年度绩效目标")
INDICATOR_OWN = ("一级指标", "二级指标", "三级指标", "指标值", "指标金额")


@dataclass(frozen=True, slots=True)
class Field:
    """One labelled value of a form sheet (label in column A, value in column B)."""

    label: str
    kind: str  # text / code / year / count / money / choice / lines
    required: bool = False
    choices: tuple[str, ...] = ()
    note: str = ""


FORMS: dict[str, tuple[Field, ...]] = {
    DEPARTMENT: (
        Field("部门名称", "text", True, note="如 某市某局"),
        Field("部门编码", "code", True, note="如 309"),
        Field("年度", "year", True, note="预算年度，如 2026"),
        Field("类型", "choice", True, (DocKind.BUDGET.value, DocKind.FINAL.value)),
        Field("金额单位", "choice", True, (MoneyUnit.WAN.value, MoneyUnit.YUAN.value)),
        Field("模板", "choice", False, note="公开表的模板族（yusuan templates 列出）；空：prov12"),
        Field("主要职能", "lines", False, note="一条一行（单元格内 Alt+Enter 换行）"),
        Field("内设机构", "lines", False, note="一个一行"),
        Field("机构设置", "lines", False, note="情况说明的机构设置，一段一行"),
    ),
    SANGONG: (
        Field("因公出国（境）团组数", "count"),
        Field("因公出国（境）人次", "count"),
        Field("公务用车购置数（辆）", "count"),
        Field("公务用车保有量（辆）", "count"),
        Field("国内公务接待批次", "count"),
        Field("国内公务接待人次", "count"),
    ),
    OTHER: (
        Field("机关运行经费", "money", note="空：由预算明细推算"),
        Field("政府采购货物", "money"),
        Field("政府采购工程", "money"),
        Field("政府采购服务", "money"),
        Field("面向中小企业预留", "money", note="空：不说明"),
        Field("车辆（辆）", "count"),
        Field("单价100万元以上专用设备（台、套）", "count"),
        Field("房屋面积（平方米）", "money"),
        Field("资产说明", "text"),
    ),
}

# 部门信息 also holds the staff table, beside the form: columns D–F, headers in row 1.
STAFF_COLUMNS = (
    Column("人员类别", "text", True, 14, note="编制、在编、聘用、离退休…"),
    Column("人数", "count", True, 8),
    Column("所属内设机构", "text", False, 18, note="空：全部门"),
)
STAFF_FIRST_COLUMN = 4  # D

# 决算 also holds the 年终结转结余 by source, beside its items: columns F–G, headers in row 1.
CLOSING_COLUMNS = (
    Column("资金来源", "choice", True, 22, tuple(member.value for member in Source)),
    Column("年终结转结余", "money", True, 16),
)
CLOSING_FIRST_COLUMN = 6  # F

# 结转结余 also holds the 本年收入 by source, beside the balances: columns G–H, headers in row 1.
INCOME_COLUMNS = (
    Column("资金来源", "choice", True, 22, tuple(member.value for member in Source)),
    Column("本年收入", "money", True, 16, note="决算的本年收入，按资金来源"),
)
INCOME_FIRST_COLUMN = 7  # G

# 决算 also holds the 三公 年初预算数 by 三公 column, beside the balances: columns I–J.
SANGONG_BUDGET_COLUMNS = (
    Column("三公经费", "choice", True, 18, SANGONG_ITEMS),
    Column("三公年初预算数", "money", True, 16, note="决算的三公经费年初预算数"),
)
SANGONG_BUDGET_FIRST_COLUMN = 9  # I


def column_letter(index: int) -> str:
    """The letter of the 1-based column `index` (1 → A, 27 → AA)."""
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters
