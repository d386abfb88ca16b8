"""A compiled disclosure as plain text, laid out as pdftotext prints a published one: the
narrative, then each table (its id, title, department line, header words, one line per row
with its code, name and every figure, blanks printed as 0.00). `yusuan parse` reads it back.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from yusuan.model import Disclosure, Row, RowKind, Section, Side, Table

_EXPENDITURE_HEADER = """科目编码
单位代码
单位（科目名称） 合计
基本支出  项目支出
小计
人员经费 公用经费
小计 其他运转类 特定目标类
类 款 项
工资福利支出
对个人和家庭的补助
商品和服务支出
资本性支出"""
_INCOME_HEADER = """部门（单位）代码
部门（单位）名称 总计
本年收入 上年结转结余
合计
一般公共预算
政府性基金
国有资本经营预算
财政专户管理资金收入
事业收入
事业单位经营收入
上级补助收入
附属单位上缴收入
 其他收入  合计
一般公共预算
政府性基金
国有资本经营预算
财政专户管理资金
单位资金
小计
其中：财政拨款"""
_BASIC_HEADER = """部门预算支出经济分类科目 政府预算支出经济分类科目编码 本年一般公共预算基本支出
科目编码 科目名称 科目编码 科目名称 合计 人员经费 公用经费"""
_ECONOMIC_HEADER = """ 部门预算经济分类  政府预算经济分类
总计
一般公共预算
政府性基金
国有资本经营预算
上年结转结余
财政专户管理资金收入
事业收入
上级补助收入
附属单位上缴收入
事业单位经营收入
 其他收入
 类 款 科目名称  类 款 科目名称 小计
其中：财政拨款"""
_SANGONG_HEADER = """“三公”经费合计 因公出国（境）费
公务用车购置及运行费
公务接待费
小计 公务用车购置费 公务用车运行费"""
_PROJECTS_HEADER = """类型 项目名称 项目单位 合计
本年拨款 财政拨款结转结余
财政专户管理资金
单位资金一般公共预算
政府性基金预算
国有资本经营预算
一般公共预算
政府性基金预算
国有资本经营预算"""
_TARGETS_HEADER = """单位编码（项目编码） 项目单位 （项目名称）
项目金额（万元）
绩效目标
成本指标  产出指标  效益指标  满意度指标
资金总额
政府预算资金
财政专户管理资金
单位资金 三级指标 指标值 三级指标 指标值 三级指标 指标值 三级指标 指标值"""
_PANEL_HEADERS = {
    "summary": " 收入 支出\n\n 项目   金额  项目  金额",
    "fiscal_summary": " 收入   支出  \n\n 项 目  金　额  项 目  合计\n一般公共预算  \n\n"
    " 政府性基金  \n国有资本经营预算 小计  其中：财政拨款",
}
HEADERS = {
    "expenditure": _EXPENDITURE_HEADER,
    "gpb_expenditure": _EXPENDITURE_HEADER,
    "gov_fund": _EXPENDITURE_HEADER,
    "income": _INCOME_HEADER,
    "gpb_basic": _BASIC_HEADER,
    "economic_summary": _ECONOMIC_HEADER,
    "sangong": _SANGONG_HEADER,
    "projects": _PROJECTS_HEADER,
    "performance_projects": _TARGETS_HEADER,
}


def amount(value: Decimal) -> str:
    return f"{value:,.2f}"


def values(row: Row) -> str:
    return " ".join(amount(cell.value) for cell in row.cells)


def function_code(code: str) -> str:
    """2010301 → 201 03 01, as the tables print 类 款 项 in three columns."""
    return " ".join(code[i : i + n] for i, n in ((0, 3), (3, 2), (5, 2)) if code[i : i + n])


def _coded(table: Table) -> list[str]:
    out: list[str] = []
    for row in table.rows:
        if row.kind is RowKind.TOTAL:
            out.append(f"合计 {values(row)}")
        elif row.gov_code is not None or (
            table.key in ("gpb_basic", "economic_summary") and row.kind is RowKind.CODE
        ):
            out.append(
                f"{row.code} {row.name} {row.gov_code or ''} {row.gov_name or ''} {values(row)}"
            )
        elif row.kind is RowKind.CODE:
            out.append(f"{function_code(row.code or '')} {row.name} {values(row)}")
        elif table.key == "performance_projects" and row.kind is RowKind.PROJECT:
            out += [row.code or "", row.name, values(row), *row.text]
        elif table.key == "performance_projects" and not row.name:
            out.append(f"{row.code} {values(row)}")
        else:
            out.append(f"{row.code} {row.name} {values(row)}")
        out.append("")
    return out


def _projects(table: Table) -> list[str]:
    out: list[str] = []
    for row in table.rows:
        if row.kind is RowKind.TOTAL:
            out.append(f"合计 {values(row)}")
        elif row.kind is RowKind.UNIT:
            out.append(f"{row.code} {row.name} {values(row)}")
        else:
            out += [f"{row.category} {row.name}", row.owner or "", values(row)]
        out.append("")
    return out


def _label(row: Row) -> str:
    return f"{row.number or ''}{row.name} {values(row)}".strip()


def _panels(table: Table) -> list[str]:
    names = ("本年收入合计", "本年支出合计", "上年结转结余", "年终结转结余", "收入总计", "支出总计")
    closing = {"收入合计", "支出合计"} if table.key == "fiscal_summary" else set(names)
    left = [r for r in table.rows if r.side is Side.INCOME and r.name not in closing]
    right = [r for r in table.rows if r.side is Side.EXPENSE and r.name not in closing]
    out: list[str] = []
    for i in range(max(len(left), len(right))):
        parts = [_label(side[i]) for side in (left, right) if i < len(side)]
        out += [" ".join(parts), ""]
    by_name = {r.name: r for r in table.rows if r.name in closing}
    if table.key == "summary":
        for a, b in zip(names[::2], names[1::2], strict=True):
            out += [f"{_label(by_name[a])} {_label(by_name[b])}", ""]
    else:
        income, expense = by_name["收入合计"], by_name["支出合计"]
        out.append(f"收入合计： {values(income)} 支出合计 {values(expense)}")
    return out


def _form(doc: Disclosure, table: Table) -> list[str]:
    figures = {row.name: values(row) for row in table.rows}
    goal = doc.profile.duties[0] if doc.profile.duties else "保障机构正常运转，完成年度工作任务。"
    return [
        f"（{doc.meta.year}年度）",
        "",
        f"部门（单位）名称  {doc.meta.department}",
        "",
        f"年度履职目标 {goal}",
        "",
        "预算情况",
        "",
        f"部门预算总额（万元） {figures['部门预算总额（万元）']}",
        "",
        f"1、资金来源：（1）政府预算资金 {figures['政府预算资金']}",
        "",
        f"       （2）财政专户管理资金 {figures['财政专户管理资金']}",
        "",
        f"       （3）单位资金 {figures['单位资金']}",
        "",
        f"2、资金结构：（1）基本支出 {figures['基本支出']}",
        "",
        f"       （2）项目支出 {figures['项目支出']}",
    ]


def table_lines(doc: Disclosure, table: Table) -> list[str]:
    head = [table.id or "", "", table.title]
    department = doc.meta.department or ""
    if table.key in ("summary", "performance_projects"):
        head.append(f"部门名称：{department}")
    elif table.key != "performance_overall":
        head.append(f"部门名称：{department} 单位：万元")
    head.append("")
    if table.key in _PANEL_HEADERS:
        return head + _PANEL_HEADERS[table.key].split("\n") + [""] + _panels(table)
    if table.key == "performance_overall":
        return head + _form(doc, table)
    body = [*HEADERS[table.key].split("\n"), ""]
    if table.key == "sangong":
        return head + body + [values(table.rows[0])]
    if table.key == "projects":
        return head + body + _projects(table)
    lines = head + body + _coded(table)
    if table.key == "gpb_expenditure":
        lines.append("备注：本表仅含当年财政拨款安排的支出")
    return lines


def section_lines(sections: Sequence[Section]) -> list[str]:
    """Each part's heading, each section's numbered title, each paragraph on a line of its own."""
    out: list[str] = []
    part = None
    for s in sections:
        if s.part != part:
            part = s.part
            out += [part or "", ""]
        if not s.number:
            out += [s.title, ""]
        else:
            out += [f"（{s.number}）{s.title}" if s.level == 2 else f"{s.number}、{s.title}", ""]
        for paragraph in s.text.split("\n"):
            if paragraph:
                out += [paragraph, ""]
    return out


def render_text(doc: Disclosure) -> str:
    """The disclosure as flattened text (UTF-8, \\n line ends, deterministic)."""
    if doc.meta.template == "shanghai-budget":
        from yusuan.compile.sh_text import render_shanghai_text

        return render_shanghai_text(doc)
    lines = section_lines(doc.sections)
    layout = table_lines
    if doc.meta.template == "national-final":
        from yusuan.compile.final_text import final_table_lines as layout
    for table in doc.tables:
        lines += ["", *layout(doc, table), "", ""]
    return "\n".join(lines).rstrip("\n") + "\n"
