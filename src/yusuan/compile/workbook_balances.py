"""The 结转结余 sheet of the input workbook: a 决算's 年初/年末结转和结余 by functional 项 and
source (`Budget.balances`) and, beside it, its 本年收入 by source (`Budget.income`).

A 预算 leaves the sheet blank; a row on it is reported. The sheet came after workbooks were
already filled in, so a workbook without it reads as if it were blank.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from yusuan.catalog import Catalog
from yusuan.compile import workbook_layout as lay
from yusuan.compile import workbook_sheets as sheets
from yusuan.compile.budget import Balance, Source
from yusuan.compile.workbook_cells import Problems
from yusuan.compile.workbook_lines import classification
from yusuan.model import DocKind


def read_balances(
    rows: list[tuple[Any, ...]] | None,
    kind: DocKind | None,
    catalog: Catalog | None,
    problems: Problems,
) -> tuple[tuple[Balance, ...], dict[Source, Decimal]]:
    """The balances by 项 and source, each with `where` = `结转结余!12`, and 本年收入 by source."""
    balances: dict[tuple[str, Source], Balance] = {}
    for record in sheets.table(lay.BALANCES, rows, lay.TABLES[lay.BALANCES], problems):
        if kind is DocKind.BUDGET:
            record.problem("功能分类科目编码", "预算没有结转结余（类型为决算时才填）")
            break
        code = classification(record, "功能分类科目编码", catalog)
        source, closing = record.get("资金来源"), record.get("年末结转和结余")
        if code is None or source is None or closing is None:
            continue
        if (code, Source(source)) in balances:
            record.problem("资金来源", f"功能分类{code}的{source}结转结余重复")
            continue
        opening = record.get("年初结转和结余")
        balances[code, Source(source)] = Balance(
            code, Source(source), closing, opening, where=record.where
        )
    income = {
        Source(source): amount
        for source, amount in keyed_amounts(
            sheets.table(lay.BALANCES, rows, lay.INCOME_COLUMNS, problems, lay.INCOME_FIRST_COLUMN),
            kind,
            ("资金来源", "本年收入"),
            "预算不填本年收入（类型为决算时才填）",
            "{}的本年收入重复",
        ).items()
    }
    return tuple(balances.values()), income


def read_sangong_budget(
    rows: list[tuple[Any, ...]] | None, kind: DocKind | None, problems: Problems
) -> dict[str, Decimal]:
    """A 决算's 三公 年初预算数 by 三公 column, from beside the 决算 sheet's items."""
    return keyed_amounts(
        sheets.table(
            lay.FINAL, rows, lay.SANGONG_BUDGET_COLUMNS, problems, lay.SANGONG_BUDGET_FIRST_COLUMN
        ),
        kind,
        ("三公经费", "三公年初预算数"),
        "预算不填三公年初预算数（类型为决算时才填）",
        "{}的年初预算数重复",
    )


def keyed_amounts(
    records: Iterable[sheets.Record],
    kind: DocKind | None,
    headers: tuple[str, str],
    budget_message: str,
    repeated_message: str,
) -> dict[str, Decimal]:
    """A side table of one amount per key (a source, a 三公 column) that only a 决算 fills: a
    预算 with a row there is a problem at its first row; a key given twice a problem at its row."""
    key_header, amount_header = headers
    found: dict[str, Decimal] = {}
    for record in records:
        if kind is DocKind.BUDGET:
            record.problem(key_header, budget_message)
            break
        key, amount = record.get(key_header), record.get(amount_header)
        if key is not None and key in found:
            record.problem(key_header, repeated_message.format(key))
        elif key is not None and amount is not None:
            found[key] = amount
    return found
