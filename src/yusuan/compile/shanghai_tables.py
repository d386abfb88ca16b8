"""One table sheet of Shanghai's budget workbook: its title, its money unit, its columns by
header and its rows by code (a functional 项 from its 类/款/项 columns, or an economic 款 from
类/款). Only the finest rows are kept: the 类 and 款 rows above them are their sums, which the
derivation recomputes and the audit checks."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from yusuan.compile import workbook_cells as cells
from yusuan.compile.workbook_cells import Problems
from yusuan.model import MoneyUnit

_UNIT = re.compile(r"单位[:：]\s*(万元|元)")
_LEVELS = ("类", "款", "项")
_HEADER_ROWS = 10  # the header of each sheet ends within its first rows
_PLACEHOLDER = ("…", "...", "……")


def _key(value: Any) -> str:
    """A header as compared: no spaces or line breaks, ASCII brackets."""
    return "".join(cells.text(value).split()).replace("（", "(").replace("）", ")")


@dataclass(slots=True)
class Table:
    sheet: str
    title: str = ""
    unit: MoneyUnit = MoneyUnit.YUAN
    columns: dict[str, int] = field(default_factory=dict)  # header → 0-based column
    rows: dict[str, int] = field(default_factory=dict)  # code → row number, in sheet order
    values: dict[tuple[str, str], Decimal] = field(default_factory=dict)
    scalars: dict[str, Decimal] = field(default_factory=dict)  # a one-row table's figures
    scalar_row: int | None = None  # the row they are on
    problems: Problems = field(default_factory=Problems)

    @property
    def codes(self) -> list[str]:
        return list(self.rows)

    def get(self, code: str, header: str) -> Decimal:
        return self.values.get((code, header), Decimal(0))

    def scalar(self, header: str) -> Decimal | None:
        return self.scalars.get(header)

    def where(self, code: str) -> str:
        return f"{self.sheet}!{self.rows[code]}"

    def problem(self, code: str, header: str, message: str) -> None:
        column = self.columns.get(header)
        self.problems.add(
            self.sheet, message, self.rows.get(code), None if column is None else column + 1
        )

    def convert(self, amount: Decimal, unit: MoneyUnit) -> Decimal:
        """`amount` of this table in `unit` (the 三公 table is in 万元, the others in 元)."""
        if unit is self.unit:
            return amount
        return amount * self.unit.in_yuan / unit.in_yuan


def read_table(sheet: str, rows: list[tuple[Any, ...]], problems: Problems) -> Table:
    table = Table(sheet, problems=problems)
    head = rows[:_HEADER_ROWS]
    for row in head:
        for value in row:
            text = cells.text(value)
            if not table.title and re.search(r"20\d\d年", text):
                table.title = text
            match = _UNIT.search(text)
            if match:
                table.unit = MoneyUnit(match.group(1))
    levels: dict[str, int] = {}
    last_header = 0
    for number, row in enumerate(head, start=1):
        keys = [_key(v) for v in row]
        if "类" in keys and "款" in keys:
            levels = {k: i for i, k in enumerate(keys) if k in _LEVELS}
            last_header = number
            continue
        if "合计" in keys or any(k.endswith("预算数") for k in keys) or "小计" in keys:
            for index, k in enumerate(keys):
                if k and k not in table.columns:
                    table.columns[k] = index
            last_header = number
    if not table.columns:
        problems.add(sheet, "找不到表头（含“合计”的行）", None)
        return table
    body = list(enumerate(rows, start=1))[last_header:]
    if levels:
        _coded_rows(table, body, levels)
    else:
        _scalar_row(table, body)
    return table


def _coded_rows(
    table: Table, body: list[tuple[int, tuple[Any, ...]]], levels: dict[str, int]
) -> None:
    finest = "项" if "项" in levels else "款"
    width = 7 if finest == "项" else 5
    for number, row in body:
        parts = {level: cells.text(row[i]) if i < len(row) else "" for level, i in levels.items()}
        first = parts["类"]
        if not first or first in _PLACEHOLDER or "合计" in first:
            continue
        if first.isdigit() and len(first) == width:
            code = first  # the whole code typed in the 类 column
        elif not parts[finest]:
            continue  # a 类 or 款 row: a sum of the rows below it
        else:
            pieces = [parts[level] for level in _LEVELS if level in levels]
            if not all(p.isdigit() for p in pieces):
                table.problems.add(table.sheet, f"科目编码“{'/'.join(pieces)}”不是数字", number, 1)
                continue
            code = pieces[0] + "".join(p.zfill(2) for p in pieces[1:])
        if len(code) != width:
            table.problems.add(table.sheet, f"科目编码“{code}”应为{width}位", number, 1)
            continue
        if code in table.rows:
            table.problems.add(
                table.sheet, f"科目{code}重复（已在第{table.rows[code]}行）", number, 1
            )
            continue
        figures = {
            header: row[index]
            for header, index in table.columns.items()
            if index < len(row) and header not in _LEVELS
            if "编码" not in header and "名称" not in header and not cells.is_blank(row[index])
        }
        if not figures:
            continue  # a row with no figure: the template's sample, or a 项 left unused
        table.rows[code] = number
        for header, raw in figures.items():
            index = table.columns[header]
            amount, message = cells.money(raw)
            if message is not None or amount is None:
                table.problems.add(table.sheet, f"“{header}”：{message}", number, index + 1)
                continue
            table.values[code, header] = amount


def _scalar_row(table: Table, body: list[tuple[int, tuple[Any, ...]]]) -> None:
    """The one data row of a table without codes (the 三公 table)."""
    for number, row in body:
        if all(cells.is_blank(v) for v in row):
            continue
        for header, index in table.columns.items():
            raw = row[index] if index < len(row) else None
            if cells.is_blank(raw):
                continue
            amount, message = cells.money(raw)
            if message is not None or amount is None:
                table.problems.add(table.sheet, f"“{header}”：{message}", number, index + 1)
                continue
            table.scalars[header] = amount
        table.scalar_row = number
        return
