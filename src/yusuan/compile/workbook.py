"""Read a filled input workbook (`yusuan template`) into a `Budget`.

Everything wrong is reported at once, each problem with its sheet, row and column
(`预算明细!C12：…`), in a `WorkbookError`; no Budget comes out of a workbook with a problem.
Amounts and codes are read as `workbook_cells` explains (exact decimals, codes as text).
Whether the budget adds up and its codes fit each other is `yusuan.compile.check`'s part: this
reader checks what one cell or one row can show, and that every reference resolves (a line's
unit and project, a project's unit).
"""

from __future__ import annotations

import io
import re
import warnings
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

from yusuan.catalog import Catalog, load_catalog
from yusuan.compile import workbook_layout as lay
from yusuan.compile import workbook_sheets as sheets
from yusuan.compile.budget import (
    Assets,
    Budget,
    FinalItem,
    Prior,
    Procurement,
    Profile,
    Reason,
    Sangong,
    Source,
    Staff,
    Unit,
)
from yusuan.compile.workbook_balances import keyed_amounts, read_balances, read_sangong_budget
from yusuan.compile.workbook_cells import Problems
from yusuan.compile.workbook_lines import classification, read_lines, read_projects
from yusuan.errors import InputError, YusuanError
from yusuan.model import DocKind, MoneyUnit

_FUNCTION_CODE = re.compile(r"2\d{6}")


class WorkbookError(YusuanError):
    """A workbook with problems: `problems` lists each (one line, Chinese, with its place)."""

    def __init__(self, problems: list[str], path: str | None = None) -> None:
        self.problems = tuple(problems)
        head = f"工作簿有{len(problems)}处问题，未生成任何文件"
        super().__init__("\n".join([head, *problems]), path)

    def lines(self) -> list[str]:
        """One line a problem, each naming the file: `FILE: 预算明细!C12：…`."""
        prefix = f"{self.path}: " if self.path else ""
        return [prefix + problem for problem in self.problems]


def load_rows(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Each sheet's rows as raw values (formulas as their cached results), by sheet name."""
    import openpyxl

    from yusuan.read.xlsx import _count_cells

    name = str(path)
    try:
        data = path.read_bytes()
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            _count_cells(archive, name)  # refuse a hostile size before it is parsed
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # unsupported extensions (the data validations' own)
            book = openpyxl.load_workbook(io.BytesIO(data), data_only=True, read_only=True)
    except InputError:
        raise
    except OSError as exc:
        raise InputError(f"无法读取：{exc.strerror or exc}", name) from exc
    except Exception as exc:  # a broken or hostile file may fail the parser in any way
        raise InputError(f"不是可读的 XLSX 工作簿（{type(exc).__name__}）", name) from exc
    try:
        return {
            ws.title: [tuple(r) for r in ws.iter_rows(values_only=True)] for ws in book.worksheets
        }
    finally:
        book.close()


def read_workbook(path: Path, catalog: Catalog | None = None) -> Budget:
    """The Budget a filled workbook states; `WorkbookError` listing every problem otherwise.
    Codes are looked up in `catalog` (the bundled one of the workbook's year when None).
    Shanghai's own 部门/单位预算 workbook is recognised by its sheets and read as it stands
    (`yusuan.compile.shanghai`)."""
    rows = load_rows(path)
    if lay.LINES not in rows:
        from yusuan.compile.shanghai import is_shanghai, read_shanghai

        if is_shanghai(list(rows)):
            return read_shanghai(path, rows=rows)
    problems = Problems()
    missing = [n for n in lay.SHEETS if n not in rows and n not in lay.OPTIONAL_SHEETS]
    unknown = [name for name in rows if name not in lay.SHEETS and name != lay.CODES]
    for name in missing:
        hint = f"；工作簿中有未知工作表“{'”“'.join(unknown)}”，是否改了名？" if unknown else ""
        problems.add(name, f"缺少工作表（工作表名称不可修改）{hint}")
    budget = _assemble(rows, problems, catalog)
    if problems.items or budget is None:
        # in the order of the sheets (lines are read after the projects they refer to)
        order = {name: index for index, name in enumerate(lay.SHEETS)}
        ordered = sorted(problems.items, key=lambda p: order.get(re.split("[!：]", p)[0], 99))
        raise WorkbookError(ordered, str(path))
    return budget


def _sheet(rows: dict[str, list[tuple[Any, ...]]], name: str) -> list[tuple[Any, ...]] | None:
    """A sheet's rows; None for a missing sheet (reported once, not for each of its cells)."""
    return rows.get(name)


def _assemble(
    rows: dict[str, list[tuple[Any, ...]]], problems: Problems, catalog: Catalog | None
) -> Budget | None:
    from yusuan.compile.workbook_write import template_families

    info = sheets.form(
        lay.DEPARTMENT,
        _sheet(rows, lay.DEPARTMENT),
        lay.FORMS[lay.DEPARTMENT],
        problems,
        {"模板": template_families()},
    )
    year = info.get("年度")
    if catalog is None:
        # without a readable year, the newest book still tells a code that cannot be
        catalog = load_catalog(year)
    units = _units(_sheet(rows, lay.UNITS), problems)
    projects = read_projects(_sheet(rows, lay.PROJECTS), units, problems)
    lines = read_lines(_sheet(rows, lay.LINES), units, projects, catalog, problems)
    prior, operating_prior = _prior(_sheet(rows, lay.PRIOR), problems)
    reasons = _reasons(_sheet(rows, lay.REASONS), problems)
    staff = _staff(_sheet(rows, lay.DEPARTMENT), problems)
    counts = sheets.form(lay.SANGONG, _sheet(rows, lay.SANGONG), lay.FORMS[lay.SANGONG], problems)
    other = sheets.form(lay.OTHER, _sheet(rows, lay.OTHER), lay.FORMS[lay.OTHER], problems)
    kind = DocKind(info["类型"]) if "类型" in info else None
    final_items, closing = _final(_sheet(rows, lay.FINAL), kind, catalog, problems)
    names, uses = _subjects(_sheet(rows, lay.SUBJECTS), problems)
    sangong_budget = read_sangong_budget(_sheet(rows, lay.FINAL), kind, problems)
    balances, income = read_balances(_sheet(rows, lay.BALANCES), kind, catalog, problems)
    if problems.items or year is None:
        return None
    return Budget(
        department=info["部门名称"],
        code=info["部门编码"],
        year=year,
        kind=DocKind(info["类型"]),
        final_items=final_items,
        names=names,
        balances=balances,
        income=income,
        sangong_budget=sangong_budget,
        uses=uses,
        closing_balance=closing,
        unit=MoneyUnit(info["金额单位"]),
        template=info.get("模板", "prov12"),
        units=tuple(units.values()),
        profile=Profile(
            duties=_split(info.get("主要职能", ""), "\n"),
            internal_units=_split(info.get("内设机构", ""), "\n、"),
            staff=staff,
            structure=_split(info.get("机构设置", ""), "\n"),
        ),
        lines=lines,
        projects=tuple(projects.values()),
        prior=Prior(
            totals=prior["总计"],
            functions=prior["功能分类"],
            sangong=prior["三公"],
            operating=operating_prior,
        ),
        reasons=reasons,
        sangong=Sangong(
            trips=counts.get("因公出国（境）团组数"),
            travellers=counts.get("因公出国（境）人次"),
            vehicles_bought=counts.get("公务用车购置数（辆）"),
            vehicles_held=counts.get("公务用车保有量（辆）"),
            receptions=counts.get("国内公务接待批次"),
            guests=counts.get("国内公务接待人次"),
        ),
        operating=other.get("机关运行经费"),
        procurement=Procurement(
            goods=other.get("政府采购货物", Decimal(0)),
            works=other.get("政府采购工程", Decimal(0)),
            services=other.get("政府采购服务", Decimal(0)),
            sme_reserved=other.get("面向中小企业预留"),
        ),
        assets=Assets(
            vehicles=other.get("车辆（辆）"),
            equipment_over_million=other.get("单价100万元以上专用设备（台、套）"),
            buildings_m2=other.get("房屋面积（平方米）"),
            note=other.get("资产说明", ""),
        ),
    )


def _split(value: str, separators: str) -> tuple[str, ...]:
    parts = re.split(f"[{re.escape(separators)}]", value)
    return tuple(part.strip() for part in parts if part.strip())


def _units(rows: list[tuple[Any, ...]] | None, problems: Problems) -> dict[str, Unit]:
    columns = lay.TABLES[lay.UNITS]
    units: dict[str, Unit] = {}
    before = len(problems.items)
    records = sheets.table(lay.UNITS, rows, columns, problems)
    for record in records:
        code, name, kind = (record.get(c.header) for c in columns)
        if code is not None and code in units:
            record.problem("单位编码", f"单位编码“{code}”重复")
        elif code is not None and name is not None and kind is not None:
            units[code] = Unit(code, name, kind)
    if rows is not None and not records and len(problems.items) == before:
        problems.add(lay.UNITS, "至少填写一个单位（一个单位的部门填部门本身）", 2)
    return units


def _staff(rows: list[tuple[Any, ...]] | None, problems: Problems) -> tuple[Staff, ...]:
    found: list[Staff] = []
    columns = lay.STAFF_COLUMNS
    for record in sheets.table(lay.DEPARTMENT, rows, columns, problems, lay.STAFF_FIRST_COLUMN):
        label, number, scope = (record.get(c.header) for c in columns)
        if label is not None and number is not None:
            found.append(Staff(label, number, scope))
    return tuple(found)


def _prior(
    rows: list[tuple[Any, ...]] | None, problems: Problems
) -> tuple[dict[str, dict[str, Decimal]], Decimal | None]:
    by_kind: dict[str, dict[str, Decimal]] = {kind: {} for kind in lay.PRIOR_KINDS}
    operating: Decimal | None = None
    seen: dict[tuple[str, str], int] = {}
    for record in sheets.table(lay.PRIOR, rows, lay.TABLES[lay.PRIOR], problems):
        kind, what, amount = record.get("类别"), record.get("项目") or "", record.get("上年数")
        if kind is None:
            continue
        if kind == "功能分类" and not _FUNCTION_CODE.fullmatch(what):
            record.problem("项目", f"功能分类的上年数须写7位项级编码，“{what}”不是")
            continue
        if kind == "三公" and what not in lay.SANGONG_ITEMS:
            record.problem("项目", f"三公的项目须为{'、'.join(lay.SANGONG_ITEMS)}之一")
            continue
        if kind == "总计" and not what:
            record.problem("项目", f"总计的项目须填，如{'、'.join(lay.PRIOR_TOTALS[:4])}")
            continue
        if (kind, what) in seen:
            record.problem("项目", f"“{kind} {what}”的上年数重复（已在第{seen[kind, what]}行）")
            continue
        seen[kind, what] = record.number
        if amount is None:
            continue
        if kind == "机关运行经费":
            operating = amount
        else:
            by_kind[kind][what] = amount
    return by_kind, operating


def _final(
    rows: list[tuple[Any, ...]] | None,
    kind: DocKind | None,
    catalog: Catalog | None,
    problems: Problems,
) -> tuple[tuple[FinalItem, ...], dict[Source, Decimal]]:
    """A 决算's items (年初/调整预算数 and the reason by 项) and 年终结转结余 by source."""
    items: dict[str, FinalItem] = {}
    for record in sheets.table(lay.FINAL, rows, lay.TABLES[lay.FINAL], problems):
        if kind is DocKind.BUDGET:
            record.problem("功能分类科目编码", "预算不填“决算”表（类型为决算时才填）")
            break
        code = classification(record, "功能分类科目编码", catalog)
        initial, adjusted = record.get("年初预算数"), record.get("调整预算数")
        if code is not None and code in items:
            record.problem("功能分类科目编码", f"功能分类{code}重复")
        elif code is not None and initial is not None:
            items[code] = FinalItem(code, initial, adjusted, record.get("差异原因") or "")
    closing = keyed_amounts(
        sheets.table(lay.FINAL, rows, lay.CLOSING_COLUMNS, problems, lay.CLOSING_FIRST_COLUMN),
        kind,
        ("资金来源", "年终结转结余"),
        "预算没有年终结转结余（类型为决算时才填）",
        "{}的年终结转结余重复",
    )
    return tuple(items.values()), {Source(source): amount for source, amount in closing.items()}


def _subjects(
    rows: list[tuple[Any, ...]] | None, problems: Problems
) -> tuple[dict[str, str], dict[str, str]]:
    """Names of codes the catalog lacks, and what each 7-digit 项's money is for, by code."""
    names: dict[str, str] = {}
    uses: dict[str, str] = {}
    seen: dict[str, int] = {}
    for record in sheets.table(lay.SUBJECTS, rows, lay.TABLES[lay.SUBJECTS], problems):
        code, name, use = record.get("编码"), record.get("名称"), record.get("主要用于")
        if code is None:
            continue
        if code in seen:
            record.problem("编码", f"编码{code}重复（已在第{seen[code]}行）")
            continue
        seen[code] = record.number
        if name is None and use is None:
            record.problem("名称", "名称和主要用于至少填一项")
            continue
        if use is not None and not _FUNCTION_CODE.fullmatch(code):
            record.problem("编码", f"主要用于须对7位功能分类项填写，“{code}”不是")
            continue
        if name is not None:
            names[code] = name
        if use is not None:
            uses[code] = use
    return names, uses


def _reasons(rows: list[tuple[Any, ...]] | None, problems: Problems) -> tuple[Reason, ...]:
    found: list[Reason] = []
    for record in sheets.table(lay.REASONS, rows, lay.TABLES[lay.REASONS], problems):
        of, text = record.get("说明对象"), record.get("原因")
        if of is not None and text is not None:
            found.append(Reason(of, text))
    return tuple(found)


__all__ = ["WorkbookError", "load_rows", "read_workbook"]
