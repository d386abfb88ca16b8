"""Cells of an input workbook turned into values, each problem kept with its place.

Amounts: openpyxl hands a number cell over as the float Excel stored. The XLSX file keeps the
shortest decimal that round-trips that double (what Excel shows when asked for full precision),
and Python's `str(float)` gives the same shortest form, so `Decimal(str(v))` is exactly the
number typed for anything up to 15 significant digits; a value with more than two decimals
(a formula's 0.1+0.2 → 0.30000000000000004, or a typed 1.005) is refused, never rounded. A
number typed as text (`1,234.50`) is read from its text.

Codes: kept as text. A code typed as a number arrives as an int (or a float): it is written
back as digits, which is exact below 10^15; a longer one (a 21-digit project code) has lost its
last digits in Excel already and is refused. Leading zeros a number cell dropped are restored
only where the code must match a known one (see `workbook.read_workbook`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from yusuan.compile.workbook_layout import NO, YES, Column, column_letter

_EXACT_INTEGERS = 10**15  # Excel keeps 15 significant digits
_CODE_TEXT = re.compile(r"[0-9A-Za-z][0-9A-Za-z._-]*")
_CENT = Decimal("0.01")


@dataclass(slots=True)
class Problems:
    """Every problem found in one workbook, each `表!C12：说明`, in the order found."""

    items: list[str] = field(default_factory=list)

    def add(
        self, sheet: str, message: str, row: int | None = None, column: int | None = None
    ) -> None:
        place = sheet
        if row is not None:
            place += f"!{column_letter(column) if column else ''}{row}"
        self.items.append(f"{place}：{message}")


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def text(value: Any) -> str:
    """A cell as text: a number as its digits (12.0 → 12), a string stripped."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def code(value: Any) -> tuple[str, str | None]:
    """(the code as text, the problem or None)."""
    if isinstance(value, bool | datetime | date):
        return "", f"“{value}”不是编码"
    if isinstance(value, float):
        if not value.is_integer():
            return "", f"编码“{value}”含小数点，请按文本录入"
        value = int(value)
    if isinstance(value, int):
        if abs(value) >= _EXACT_INTEGERS:
            return "", "编码以数值录入，超过15位的数字已被 Excel 截断，请把单元格设为文本后重新录入"
        return str(value), None
    found = "".join(str(value).split())
    if not _CODE_TEXT.fullmatch(found):
        return "", f"编码“{text(value)}”含非法字符"
    return found, None


def money(value: Any) -> tuple[Decimal | None, str | None]:
    """(the amount as Decimal, the problem or None): ≥ 0, at most two decimals."""
    if isinstance(value, bool | datetime | date):
        return None, f"“{value}”不是金额"
    if isinstance(value, int):
        amount = Decimal(value)
    elif isinstance(value, float):
        amount = Decimal(str(value))
    else:
        raw = str(value).strip().replace(",", "").replace("，", "")
        try:
            amount = Decimal(raw)
        except InvalidOperation:
            return None, f"“{text(value)}”不是金额"
    if not amount.is_finite():
        return None, f"“{text(value)}”不是金额"
    if amount < 0:
        return None, f"金额{text(value)}为负数，此处不允许"
    if amount != amount.quantize(_CENT):
        return None, f"金额{text(value)}超过两位小数（请勿用公式算出未取整的数）"
    return amount, None


def count(value: Any) -> tuple[int | None, str | None]:
    """(a whole number ≥ 0, the problem or None)."""
    if isinstance(value, bool):
        return None, f"“{value}”不是整数"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if not isinstance(value, int):
        return None, f"“{text(value)}”不是整数"
    if value < 0:
        return None, f"{value}为负数，此处不允许"
    return value, None


def choice(value: Any, choices: tuple[str, ...]) -> tuple[str, str | None]:
    """(one of `choices`, the problem or None); a flag also takes TRUE/FALSE."""
    if isinstance(value, bool) and choices == (YES, NO):
        return (YES if value else NO), None
    found = text(value)
    if found in choices:
        return found, None
    return "", f"“{found}”不是可选值（可选：{'、'.join(choices)}）"


@dataclass(frozen=True, slots=True)
class Row:
    """One record of a table sheet: its row number and raw values by header."""

    number: int
    values: dict[str, Any]
    columns: dict[str, int]  # header → column index, for the places of problems

    def blank(self, header: str) -> bool:
        return is_blank(self.values.get(header))


def header_map(
    sheet: str,
    rows: list[tuple[Any, ...]],
    columns: Iterable[Column],
    first: int,
    problems: Problems,
) -> dict[str, int] | None:
    """Header text → column index (1-based) for `columns`, read from row 1 at or after column
    `first`; None (with a problem each) when one is missing."""
    header_row = rows[0] if rows else ()
    found: dict[str, int] = {}
    for index, value in enumerate(header_row, start=1):
        name = "".join(text(value).split())
        if index >= first and name and name not in found:
            found[name] = index
    missing = [c.header for c in columns if c.header not in found]
    for name in missing:
        problems.add(sheet, f"缺少表头“{name}”（表头文字不可修改）", 1)
    if missing:
        return None
    return {c.header: found[c.header] for c in columns}


def records(rows: list[tuple[Any, ...]], columns: dict[str, int]) -> list[Row]:
    """The non-blank records under the header row, by header."""
    out: list[Row] = []
    for number, raw in enumerate(rows[1:], start=2):
        values = {h: raw[i - 1] if i - 1 < len(raw) else None for h, i in columns.items()}
        if all(is_blank(v) for v in values.values()):
            continue
        out.append(Row(number, values, columns))
    return out
