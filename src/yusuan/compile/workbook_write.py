"""Write the blank input workbook `yusuan template` hands a unit's finance staff.

Every sheet of `workbook_layout` with its headers (row 1, frozen), widths, text format on code
columns (so 001 keeps its zeros), drop-downs for the fixed choices and list validation of codes
against a hidden 代码表 sheet holding the bundled catalog of the year. No sample row: a sample
left in place would be read as a real line; the 填表说明 sheet shows one instead.

The file is deterministic for the same year and kind: document times are fixed and the zip
entries carry a fixed date, so regenerating it changes no byte.
"""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from yusuan.catalog import Catalog, Part, load_catalog
from yusuan.compile import workbook_layout as lay
from yusuan.files import fixed_instant, settle
from yusuan.model import DocKind

DATA_ROWS = 2000  # rows the validations cover below each header
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_REQUIRED_FONT = Font(bold=True, color="C00000")
_HEADER_FONT = Font(bold=True)
_MONEY_FORMAT = "#,##0.00"

# The catalog columns of the hidden 代码表: (part, level of the codes a line uses, first column).
_CODE_LISTS = ((Part.FUNCTION, 3, 1), (Part.ECON_DEPT, 2, 3), (Part.ECON_GOV, 2, 5))
_CODE_COLUMN = {
    "功能分类科目编码": Part.FUNCTION,
    "部门经济分类科目编码": Part.ECON_DEPT,
    "政府经济分类科目编码": Part.ECON_GOV,
}


def template_families() -> tuple[str, ...]:
    """The template family names the 模板 drop-down offers (`yusuan templates`)."""
    from yusuan.templates import template_sets

    return tuple(t.name for t in template_sets())


def build_template(year: int, kind: DocKind = DocKind.BUDGET) -> Workbook:
    """The blank input workbook for fiscal `year`, its 类型 preset to `kind`."""
    catalog = load_catalog(year)
    wb = Workbook()
    first = wb.active
    assert first is not None
    first.title = lay.INSTRUCTIONS
    _instructions(first, year, catalog)
    ranges = _code_sheet(wb.create_sheet(lay.CODES), catalog)
    for name in lay.SHEETS[1:]:
        ws = wb.create_sheet(name)
        if name in lay.FORMS:
            _form(ws, lay.FORMS[name])
        else:
            _table(ws, lay.TABLES[name], 1, ranges)
    department = wb[lay.DEPARTMENT]
    _table(department, lay.STAFF_COLUMNS, lay.STAFF_FIRST_COLUMN, ranges)
    department.freeze_panes = "A2"
    _table(wb[lay.FINAL], lay.CLOSING_COLUMNS, lay.CLOSING_FIRST_COLUMN, ranges)
    first = lay.SANGONG_BUDGET_FIRST_COLUMN
    _table(wb[lay.FINAL], lay.SANGONG_BUDGET_COLUMNS, first, ranges)
    _table(wb[lay.BALANCES], lay.INCOME_COLUMNS, lay.INCOME_FIRST_COLUMN, ranges)
    _preset(department, "年度", year)
    _preset(department, "类型", kind.value)
    wb.move_sheet(lay.CODES, offset=len(wb.sheetnames))  # last, out of the way
    wb[lay.CODES].sheet_state = "hidden"
    stamp = datetime(2000, 1, 1)
    wb.properties.creator = "yusuan"
    wb.properties.title = f"{year}年部门{kind.value}录入表"
    wb.properties.created = stamp
    wb.properties.modified = stamp
    return wb


def write_template(path: Path, year: int, kind: DocKind = DocKind.BUDGET) -> None:
    """Write the blank workbook to `path` (byte-for-byte the same for the same arguments)."""
    path.write_bytes(deterministic_bytes(build_template(year, kind)))


def deterministic_bytes(wb: Workbook) -> bytes:
    """The XLSX bytes of `wb` with no clock in them (openpyxl stamps the time of writing)."""
    raw = io.BytesIO()
    wb.save(raw)
    return settle(raw.getvalue(), fixed_instant(None))


def _instructions(ws: Worksheet, year: int, catalog: Catalog) -> None:
    lines = [
        f"{year}年部门预算（决算）录入表 填表说明",
        "",
        "一、先填“部门信息”（部门名称、编码、年度、类型、金额单位）和“单位”（部门所含各单位）。",
        "二、“预算明细”每行一笔：一个单位、一个功能分类项、一个经济分类款、一种资金来源的金额。",
        "    各公开表和情况说明都由这些行汇总生成，请勿另填合计行。",
        "    示例：309001 | 2010301 | 30101 | 50101 | 一般公共预算 | 人员经费 | | 否 | 是 | 120.50",
        "三、项目支出的行须填“项目编码”，项目在“项目”表登记；一个项目的多条绩效指标，"
        "从第二条起项目编码可留空。",
        "四、“上年数”填同比所需的上年数字；“说明”填增减变化的原因（说明对象写7位功能分类编码或"
        "三公、机关运行经费等）。",
        "五、“三公”填团组、人次、车辆数；“其他事项”填机关运行经费、政府采购、资产情况。",
        "    决算另填“决算”表：每个功能分类项的年初预算数、调整预算数和差异原因，以及按资金来源的"
        "年终结转结余、三公经费年初预算数（决算数由预算明细汇总）；预算不填此表。",
        "    决算另填“结转结余”表：每个功能分类项、每种资金来源的年初和年末结转和结余，"
        "以及按资金来源的本年收入。",
        "    “科目说明”填自带目录没有的科目名称，和各功能分类项资金“主要用于”的说明（可不填）。",
        "六、编码按文本录入（单元格已设为文本格式），不要删去前导0；金额为非负数，至多两位小数。",
        "七、红色表头为必填。工作表名称和表头文字请勿修改，列的先后可以调整。",
        f"八、科目编码的下拉列表来自{catalog.year}年分类科目目录（yusuan 自带，尚不完整）："
        "不在列表中的编码会提示，确属新科目可继续录入。",
        "    " + (catalog.standing_in() or "目录为本年度的。"),
        "九、填好后运行：yusuan compile 本文件.xlsx -o 输出目录（全部问题一次列出，逐条注明表、行、列）。",
    ]
    for row, text in enumerate(lines, start=1):
        ws.cell(row=row, column=1, value=text)
    ws["A1"].font = Font(bold=True, size=14)
    ws.column_dimensions["A"].width = 110


def _code_sheet(ws: Worksheet, catalog: Catalog) -> dict[Part, str]:
    """Fill the hidden 代码表 with the codes lines use (功能 项, 经济 款) and their names; the
    range of each list, as a validation formula."""
    ranges: dict[Part, str] = {}
    for part, level, column in _CODE_LISTS:
        ws.cell(row=1, column=column, value=f"{part.label}编码")
        ws.cell(row=1, column=column + 1, value=f"{part.label}名称")
        entries = [e for e in catalog.entries(part) if e.level == level]
        for row, entry in enumerate(sorted(entries, key=lambda e: e.code), start=2):
            ws.cell(row=row, column=column, value=entry.code).number_format = "@"
            ws.cell(row=row, column=column + 1, value=entry.name)
        letter = lay.column_letter(column)
        ranges[part] = f"'{lay.CODES}'!${letter}$2:${letter}${max(len(entries) + 1, 2)}"
    return ranges


def _header(ws: Worksheet, row: int, column: int, text: str, required: bool, note: str) -> None:
    cell = ws.cell(row=row, column=column, value=text)
    cell.font = _REQUIRED_FONT if required else _HEADER_FONT
    cell.fill = _HEADER_FILL
    cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    if note:
        from openpyxl.comments import Comment

        cell.comment = Comment(note, "yusuan")


def _table(
    ws: Worksheet, columns: tuple[lay.Column, ...], first: int, ranges: dict[Part, str]
) -> None:
    for offset, column in enumerate(columns):
        index = first + offset
        letter = lay.column_letter(index)
        _header(ws, 1, index, column.header, column.required, column.note)
        ws.column_dimensions[letter].width = column.width
        cells = f"{letter}2:{letter}{DATA_ROWS + 1}"
        if column.kind == "code":
            for row in range(2, DATA_ROWS + 2):
                ws.cell(row=row, column=index).number_format = "@"
        if column.kind == "money":
            for row in range(2, DATA_ROWS + 2):
                ws.cell(row=row, column=index).number_format = _MONEY_FORMAT
        _validate(ws, column.kind, column.choices, column.header, cells, ranges)
    ws.freeze_panes = "A2"


def _form(ws: Worksheet, fields: tuple[lay.Field, ...]) -> None:
    for index, title in enumerate(("项目", "内容", "说明"), start=1):
        _header(ws, 1, index, title, False, "")
    for width, letter in ((34, "A"), (40, "B"), (48, "C")):
        ws.column_dimensions[letter].width = width
    for row, field in enumerate(fields, start=2):
        label = ws.cell(row=row, column=1, value=field.label)
        label.font = _REQUIRED_FONT if field.required else _HEADER_FONT
        ws.cell(row=row, column=3, value=field.note)
        value = ws.cell(row=row, column=2)
        if field.kind == "code":
            value.number_format = "@"
        if field.kind == "money":
            value.number_format = _MONEY_FORMAT
        if field.kind == "lines":
            value.alignment = Alignment(wrap_text=True, vertical="top")
        choices = field.choices or (template_families() if field.label == "模板" else ())
        _validate(ws, field.kind, choices, field.label, f"B{row}", {})
    ws.freeze_panes = "A2"


def _preset(ws: Worksheet, label: str, value: object) -> None:
    for row in range(2, ws.max_row + 1):
        if ws.cell(row=row, column=1).value == label:
            ws.cell(row=row, column=2, value=value)


def _validate(
    ws: Worksheet,
    kind: str,
    choices: tuple[str, ...],
    title: str,
    cells: str,
    ranges: dict[Part, str],
) -> None:
    """Attach the validation a value of `kind` needs to `cells` (none for free text)."""
    dv: DataValidation | None = None
    if choices:
        dv = DataValidation(type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True)
        dv.error = f"“{title}”请从下拉列表中选择"
    elif kind == "code" and title in _CODE_COLUMN:
        dv = DataValidation(type="list", formula1=ranges[_CODE_COLUMN[title]], allow_blank=True)
        # a warning, not a stop: the bundled catalog is incomplete, a real new code may be missing
        dv.errorStyle = "warning"
        dv.error = f"“{title}”不在自带的分类科目目录中，请核对"
    elif kind == "money":
        dv = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0")
        dv.error = f"“{title}”须为不小于0的数"
    elif kind == "count":
        dv = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0")
        dv.error = f"“{title}”须为不小于0的整数"
    elif kind == "year":
        dv = DataValidation(type="whole", operator="between", formula1="2000", formula2="2100")
        dv.error = f"“{title}”须为四位年份"
    if dv is None:
        return
    dv.allow_blank = True
    dv.errorStyle = dv.errorStyle or "stop"  # Excel's default, said outright
    dv.showErrorMessage = True
    dv.errorTitle = "输入有误"
    dv.add(cells)
    ws.add_data_validation(dv)
