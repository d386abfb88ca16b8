"""Reading the sheets of an input workbook: a table sheet's records and a form sheet's labelled
values, converted by the kind of their column, every problem kept with its cell."""

from __future__ import annotations

from typing import Any

from yusuan.compile import workbook_cells as cells
from yusuan.compile.workbook_cells import Problems, Row
from yusuan.compile.workbook_layout import Column, Field


class Record:
    """One row of a table sheet whose values are converted on asking; a blank required cell
    and a bad value add a problem (once) and give None."""

    def __init__(self, sheet: str, row: Row, columns: tuple[Column, ...], problems: Problems):
        self.sheet = sheet
        self.row = row
        self.number = row.number
        self._columns = {c.header: c for c in columns}
        self._problems = problems
        self._done: dict[str, Any] = {}

    @property
    def where(self) -> str:
        return f"{self.sheet}!{self.number}"

    def blank(self, header: str) -> bool:
        return self.row.blank(header)

    def problem(self, header: str, message: str) -> None:
        self._problems.add(self.sheet, message, self.number, self.row.columns[header])

    def raw(self, header: str) -> Any:
        return self.row.values.get(header)

    def get(self, header: str, required: bool | None = None) -> Any:
        """The converted value of `header`'s cell, or None when blank or wrong."""
        if header in self._done:
            return self._done[header]
        column = self._columns[header]
        must = column.required if required is None else required
        value = _convert(column.kind, column.choices, self.raw(header), must, header)
        if isinstance(value, _Bad):
            self.problem(header, value.message)
            value = None
        self._done[header] = value
        return value


class _Bad:
    __slots__ = ("message",)

    def __init__(self, message: str) -> None:
        self.message = message


def _convert(kind: str, choices: tuple[str, ...], raw: Any, required: bool, title: str) -> Any:
    if cells.is_blank(raw):
        return _Bad(f"必填项“{title}”为空") if required else None
    result: tuple[Any, str | None]
    if kind == "code":
        result = cells.code(raw)
    elif kind == "money":
        result = cells.money(raw)
    elif kind in ("count", "year"):
        result = cells.count(raw)
    elif choices:
        result = cells.choice(raw, choices)
    else:
        result = cells.text(raw), None
    value, message = result
    if message is None and kind == "year" and isinstance(value, int) and not 2000 <= value <= 2100:
        message = f"{value}不在2000—2100之间"
    if message is not None:
        return _Bad(f"“{title}”：{message}")
    return value


def table(
    sheet: str,
    rows: list[tuple[Any, ...]] | None,
    columns: tuple[Column, ...],
    problems: Problems,
    first: int = 1,
) -> list[Record]:
    """The records of a table sheet (none when a header is missing: that is reported; none
    when the sheet is missing, which is reported once by the caller)."""
    if rows is None:
        return []
    found = cells.header_map(sheet, rows, columns, first, problems)
    if found is None:
        return []
    return [Record(sheet, row, columns, problems) for row in cells.records(rows, found)]


def form(
    sheet: str,
    rows: list[tuple[Any, ...]] | None,
    fields: tuple[Field, ...],
    problems: Problems,
    choices: dict[str, tuple[str, ...]] | None = None,
) -> dict[str, Any]:
    """The values of a form sheet by label (absent when blank or wrong). A required label
    missing or blank, an unknown label and a bad value are problems. A missing sheet (`rows`
    None) has no values: it is reported once by the caller."""
    if rows is None:
        return {}
    by_label = {f.label: f for f in fields}
    rows_of: dict[str, int] = {}
    values: dict[str, Any] = {}
    for number, raw in enumerate(rows[1:], start=2):
        label = "".join(cells.text(raw[0] if raw else None).split())
        value = raw[1] if len(raw) > 1 else None
        if not label:
            if not cells.is_blank(value):
                problems.add(sheet, "有内容而无项目名称", number, 2)
            continue
        if label not in by_label:
            problems.add(sheet, f"未知项目“{label}”（项目名称不可修改）", number, 1)
            continue
        if label in rows_of:
            problems.add(sheet, f"项目“{label}”重复（已在第{rows_of[label]}行）", number, 1)
            continue
        rows_of[label] = number
        spec = by_label[label]
        options = spec.choices or (choices or {}).get(label, ())
        converted = _convert(spec.kind, options, value, spec.required, label)
        if isinstance(converted, _Bad):
            problems.add(sheet, converted.message, number, 2)
        elif converted is not None:
            values[label] = converted
    for spec in fields:
        if spec.required and spec.label not in rows_of:
            problems.add(sheet, f"缺少必填项目“{spec.label}”", None)
    return values
