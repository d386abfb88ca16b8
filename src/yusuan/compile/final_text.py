"""The national 决算 tables as text, laid out as pdftotext prints Foshan's set: the id line
(`表 1`), the title, `部门： … 单位：万元`, the header and 栏次 lines, then one line per row
(panels side by side with their 行次; 表 6's 人员经费 and 公用经费 halves side by side)."""

from __future__ import annotations

from itertools import zip_longest

from yusuan.compile.text import values
from yusuan.model import Disclosure, Row, RowKind, Side, Table

HEADERS = {
    "summary": "收入 支出\n项目 行次 决算数 项目 行次 决算数\n栏次 1 栏次 2",
    "income": "项目 本年收入合计 财政拨款收入 上级补助收入 事业收入 经营收入 附属单位上缴收入 其他收入\n"
    "功能分类科目编码 科目名称\n栏次 1 2 3 4 5 6 7",
    "expenditure": "项目 本年支出合计 基本支出 项目支出 上缴上级支出 经营支出 对附属单位补助支出\n"
    "功能分类科目编码 科目名称\n栏次 1 2 3 4 5 6",
    "fiscal_summary": "收入 支出\n项目 行次 金额 项目 行次 合计 一般公共预算财政拨款 政府性基金预算财政拨款 国有资本经营预算财政拨款\n"
    "栏次 1 栏次 2 3 4 5",
    "gpb_expenditure": "项目 本年支出合计 基本支出 项目支出\n功能分类科目编码 科目名称\n栏次 1 2 3",
    "gpb_basic": "人员经费 公用经费\n经济分类科目编码 科目名称 金额 经济分类科目编码 科目名称 金额",
    "sangong": "预算数 决算数\n"
    "合计 因公出国（境）费 公务用车购置及运行费 公务接待费 合计 因公出国（境）费 公务用车购置及运行费 公务接待费\n"
    "小计 公务用车购置费 公务用车运行费 小计 公务用车购置费 公务用车运行费",
    "gov_fund": "项目 年初结转和结余 本年收入 本年支出 年末结转和结余\n"
    "功能分类科目编码 科目名称 小计 基本支出 项目支出\n栏次 1 2 3 4 5 6",
}


def _number(row: Row) -> str:
    return next((f"{c.value:f}" for c in row.cells if c.column == "行次"), "")


def _money(row: Row) -> str:
    return " ".join(f"{c.value:.2f}" for c in row.cells if c.column != "行次")


def _panel(row: Row | None) -> str:
    if row is None:
        return ""
    # 表 4's carried-over lines by fund are parts of 年初财政拨款结转和结余: printed indented
    indent = "  " if row.indent else ""
    return f"{indent}{row.number or ''}{row.name} {_number(row)} {_money(row)}".rstrip()


def _panels(table: Table) -> list[str]:
    """The lists of sources and of classes side by side, then the closing lines facing each
    other (本年收入合计 | 本年支出合计 …; 表 4's two carried-over lines face nothing)."""
    left = [r for r in table.rows if r.side is Side.INCOME]
    right = [r for r in table.rows if r.side is Side.EXPENSE]
    lead = 7 if table.key == "summary" else 2
    pairs: list[tuple[Row | None, Row | None]] = list(
        zip_longest(left[:lead], right[: -4 if table.key == "summary" else -3])
    )
    foot_left, foot_right = left[lead:], right[-4 if table.key == "summary" else -3 :]
    if table.key == "fiscal_summary":
        foot_right = [foot_right[0], foot_right[1], None, None, foot_right[2]]  # type: ignore[list-item]
    pairs += list(zip_longest(foot_left, foot_right))
    return [f"{_panel(a)} {_panel(b)}".rstrip() for a, b in pairs]


def _coded(table: Table) -> list[str]:
    out = []
    for row in table.rows:
        label = "合计" if row.kind is RowKind.TOTAL else f"{row.code} {row.name}"
        out.append(f"{label} {values(row).replace(',', '')}")
    return out


def _basic(table: Table) -> list[str]:
    personnel = [r for r in table.rows if (r.code or "")[:3] in ("301", "303")]
    public = [r for r in table.rows if r not in personnel]

    def cell(row: Row | None) -> str:
        return "" if row is None else f"{row.code} {row.name} {_money(row)}"

    out = [f"{cell(a)} {cell(b)}".strip() for a, b in zip_longest(personnel, public)]
    staff = sum((r.value("合计") for r in personnel if len(r.code or "") == 3), start=0)
    other = sum((r.value("合计") for r in public if len(r.code or "") == 3), start=0)
    return [*out, f"人员经费合计 {staff:.2f} 公用经费合计 {other:.2f}"]


def _sangong(table: Table) -> list[str]:
    cells = table.rows[0].cells
    numbers = " ".join(f"{c.value:f}" for c in cells if c.column.startswith("栏次/"))
    money = " ".join(f"{c.value:.2f}" for c in cells if not c.column.startswith("栏次/"))
    return [numbers, money]


def final_table_lines(doc: Disclosure, table: Table) -> list[str]:
    head = [table.id or "", table.title, f"部门： {doc.meta.department} 单位：万元"]
    body = HEADERS[table.key].split("\n")
    if table.key in ("summary", "fiscal_summary"):
        lines = _panels(table)
    elif table.key == "gpb_basic":
        lines = _basic(table)
    elif table.key == "sangong":
        lines = _sangong(table)
    else:
        lines = _coded(table)
    return [*head, *body, *lines]
