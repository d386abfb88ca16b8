"""Shanghai's 9 tables as plain text, laid out as pdftotext prints a district's published
预算 (title, 编制部门 and 单位 line, the header words, one line per row with its 类 款 项 split
and every figure — zeros printed, so each figure reads back into its column without guessing).
`yusuan parse` reads it back as the `shanghai-budget` family."""

from __future__ import annotations

from yusuan.compile.text import amount, section_lines
from yusuan.model import Disclosure, Row, RowKind, Side, Table

_FUNCTION_HEAD = {
    "income": "项目 收入预算\n功能分类科目编码\n类 款 项 功能分类科目名称 合计 财政拨款收入 事业收入 "
    "事业单位经营收入 其他收入",
    "expenditure": "项目 支出预算\n功能分类科目编码\n类 款 项 功能分类科目名称 合计 基本支出 项目支出",
}
_SOURCE_HEAD = "项目 {0}支出\n功能分类科目编码\n类 款 项 功能分类科目名称 合计 基本支出 项目支出"
_SOURCE_OF = {
    "gpb_expenditure": "一般公共预算",
    "gov_fund": "政府性基金预算",
    "state_capital": "国有资本经营预算",
}
_BASIC_HEAD = "项目 一般公共预算基本支出\n部门预算经济分类科目编码\n类 款 经济分类科目名称 合计 人员经费 公用经费"
_PANEL_HEAD = {
    "summary": "本年收入 本年支出\n项目 预算数 项目 预算数",
    "fiscal_summary": "财政拨款收入 财政拨款支出\n项目 预算数 项目 合计 一般公共预算 政府性基金预算 "
    "国有资本经营预算",
}
_SANGONG_HEAD = (
    "“三公”经费预算数 机关运行经费预算数\n合计 因公出国(境)费 公务接待费 公务用车购置及运行费\n"
    "小计 购置费 运行费"
)


def _values(row: Row) -> str:
    return " ".join(amount(cell.value) for cell in row.cells)


def _code(code: str) -> str:
    """2010301 → 201 03 01; 30101 → 301 01."""
    return " ".join(code[i : i + n] for i, n in ((0, 3), (3, 2), (5, 2)) if code[i : i + n])


def _label(row: Row) -> str:
    return f"{row.number or ''}{row.name} {_values(row)}"


_SPLIT_HEAD = "本年收入 本年支出\n项目 预算数 项目 合计 人员经费 公用经费 项目支出"


def _panels(table: Table) -> list[str]:
    closing = ("收入总计", "支出总计")
    left = [r for r in table.rows if r.side is Side.INCOME and r.name not in closing]
    right = [r for r in table.rows if r.side is Side.EXPENSE and r.name not in closing]
    out = [
        " ".join(_label(side[i]) for side in (left, right) if i < len(side))
        for i in range(max(len(left), len(right)))
    ]
    totals = {r.name: r for r in table.rows if r.name in closing}
    out += ["", f"收入总计 {_values(totals['收入总计'])} 支出总计 {_values(totals['支出总计'])}"]
    return out


def _coded(table: Table) -> list[str]:
    out = []
    for row in table.rows:
        if row.kind is RowKind.TOTAL:
            out.append(f"合计 {_values(row)}")
        else:
            out.append(f"{_code(row.code or '')} {row.name} {_values(row)}")
    return out


def table_lines(doc: Disclosure, table: Table) -> list[str]:
    """One table: title, 编制部门/单位 line, header, rows, and the note of an empty table."""
    unit = "单位:万元" if table.key == "sangong" else f"单位：{table.unit.value}"
    who = "编制部门" if "年部门" in table.title else "编制单位"
    head = [table.title, f"{who}：{doc.meta.department or ''} {unit}", ""]
    if table.key in _PANEL_HEAD:
        split = table.key == "summary" and len(table.columns) > 1
        words = _SPLIT_HEAD if split else _PANEL_HEAD[table.key]
        return head + words.split("\n") + _panels(table)
    if table.key == "sangong":
        return head + _SANGONG_HEAD.split("\n") + ["", _values(table.rows[0])]
    if table.key == "gpb_basic":
        body = _BASIC_HEAD
    elif table.key in _SOURCE_OF:
        body = _SOURCE_HEAD.format(_SOURCE_OF[table.key])
    else:
        body = _FUNCTION_HEAD[table.key]
    return head + body.split("\n") + _coded(table) + list(table.notes)


def render_shanghai_text(doc: Disclosure) -> str:
    """The whole disclosure: the narrative parts, then the 9 tables (UTF-8, deterministic)."""
    lines = section_lines(doc.sections)
    for table in doc.tables:
        lines += ["", *table_lines(doc, table), "", ""]
    return "\n".join(lines).rstrip("\n") + "\n"
