"""The 人员经费 / 公用经费 split of basic spending by functional 类 that a Shanghai 单位预算
workbook states in its 收支总表, honoured by the lines.

The other sheets state basic spending by 项 and, apart, 一般公共预算 basic spending by economic
item: the reader crosses those margins (`shanghai.north_west`), which fixes no split by 类. A
单位's 收支总表 does state one (基本支出: 人员经费 | 公用经费 for each 类), so when it is filled
the crossing is redone within each 类 — 一般公共预算 personnel and public items go to the 类 in
the amounts the statement allows, and non-fiscal basic money (whose economic 款 no sheet states)
takes the rest of the 类's 人员经费 — and every other table derives as before. A statement the
lines cannot honour is a problem at its cell.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal
from typing import Any

from yusuan.compile import workbook_cells as cells
from yusuan.compile.budget import Line, Source, Use
from yusuan.compile.workbook_cells import Problems

ZERO = Decimal(0)
_NUMBERED = re.compile(r"^\s*[一二三四五六七八九十]+\s*[、.．]\s*")
Stated = dict[str, tuple[Decimal, Decimal, int]]  # 类 code → (人员经费, 公用经费, sheet row)


def read_stated(
    sheet: str,
    rows: list[tuple[Any, ...]],
    names: dict[str, str],
    problems: Problems,
) -> Stated:
    """Each 类's 人员经费 and 公用经费 from the 支出 panel of the 单位收支总表; `names`: 类 name
    → code of the 类 that have spending. Empty when the panel is not filled in."""
    head = next(
        (i for i, row in enumerate(rows[:12]) if "人员经费" in [cells.text(v) for v in row]), None
    )
    if head is None:
        return {}
    keys = [cells.text(v) for v in rows[head]]
    personnel, public = keys.index("人员经费"), keys.index("公用经费")
    label = max(0, personnel - 2)  # the 支出 项目 column, two left of 人员经费 (合计 between)
    out: Stated = {}
    for number, row in enumerate(rows[head + 1 :], start=head + 2):
        name = _NUMBERED.sub("", cells.text(row[label]) if label < len(row) else "")
        if not name or "总计" in name or "合计" in name:
            continue
        figures = []
        for index in (personnel, public):
            raw = row[index] if index < len(row) else None
            amount, message = (ZERO, None) if cells.is_blank(raw) else cells.money(raw)
            if message is not None or amount is None:
                problems.add(sheet, f"“{keys[index]}”：{message}", number, index + 1)
                amount = ZERO
            figures.append(amount)
        if not any(figures):
            continue
        code = names.get(name)
        if code is None:
            problems.add(
                sheet, f"“{name}”不是支出总表中有支出的功能分类类级科目", number, label + 1
            )
            continue
        out[code] = (figures[0], figures[1], number)
    return out


def apply_split(
    lines: Sequence[Line], stated: Stated, sheet: str, problems: Problems
) -> list[Line]:
    """The lines with basic spending re-crossed so that each 类's 人员经费 and 公用经费 are the
    stated ones; the lines unchanged when nothing is stated."""
    from yusuan.compile.shanghai import north_west

    if not stated:
        return list(lines)
    general = [x for x in lines if _general_basic(x)]
    other = [x for x in lines if _other_basic(x)]
    rest = [x for x in lines if not _general_basic(x) and not _other_basic(x)]
    classes = sorted({x.function[:3] for x in general + other})
    g = {k: _sum(x for x in general if x.function[:3] == k) for k in classes}
    n = {k: _sum(x for x in other if x.function[:3] == k) for k in classes}
    items: dict[tuple[str, Use], Decimal] = {}
    for x in general:
        key = (x.economic, x.use or Use.PUBLIC)
        items[key] = items.get(key, ZERO) + x.amount
    gp = sum((a for (_, use), a in items.items() if use is Use.PERSONNEL), ZERO)
    ok = True
    for k in classes:
        p, u, row = stated.get(k, (ZERO, ZERO, 0))
        if p + u != g[k] + n[k]:
            problems.add(
                sheet,
                f"{k}类的人员经费与公用经费之和{p + u}不等于其基本支出{g[k] + n[k]}",
                row or None,
            )
            ok = False
    for k, (p, u, row) in stated.items():
        if k not in classes:  # 人员/公用 stated for a 类 with no basic spending at all
            problems.add(sheet, f"{k}类没有基本支出，却填了人员经费或公用经费{p + u}", row)
            ok = False
    low = {k: max(ZERO, stated.get(k, (ZERO, ZERO, 0))[0] - n[k]) for k in classes}
    high = {k: min(g[k], stated.get(k, (ZERO, ZERO, 0))[0]) for k in classes}
    if ok and not sum(low.values(), ZERO) <= gp <= sum(high.values(), ZERO):
        problems.add(sheet, f"各类人员经费与一般公共预算基本支出明细表的人员经费{gp}无法对应")
        ok = False
    if not ok:
        return list(lines)
    share = dict(low)  # each 类's 一般公共预算 人员经费: its least, then the rest in order
    left = gp - sum(low.values(), ZERO)
    for k in classes:
        take = min(left, high[k] - low[k])
        share[k] += take
        left -= take
    personnel = [(key, a) for key, a in items.items() if key[1] is Use.PERSONNEL]
    public = [(key, a) for key, a in items.items() if key[1] is not Use.PERSONNEL]
    by_class = north_west([(k, share[k]) for k in classes], personnel)
    by_class += north_west([(k, g[k] - share[k]) for k in classes], public)
    out: list[Line] = []
    for k in classes:
        functions = _by_function([x for x in general if x.function[:3] == k])
        mine = [(key, a) for c, key, a in by_class if c == k]
        for (function, first), (code, use), amount in north_west(functions, mine):
            out.append(replace(first, function=function, economic=code, use=use, amount=amount))
        nonfiscal = [(x, x.amount) for x in other if x.function[:3] == k]
        p_other = stated.get(k, (ZERO, ZERO, 0))[0] - share[k]
        uses = [(Use.PERSONNEL, p_other), (Use.PUBLIC, n[k] - p_other)]
        for line, use, amount in north_west(nonfiscal, uses):
            out.append(replace(line, use=use, amount=amount))
    return out + rest


def _general_basic(x: Line) -> bool:
    return x.source is Source.GENERAL and x.project is None and x.use is not Use.PROJECT


def _other_basic(x: Line) -> bool:
    return x.source is not Source.GENERAL and x.project is None and x.use is not Use.PROJECT


def _sum(lines: Any) -> Decimal:
    return sum((x.amount for x in lines), ZERO)


def _by_function(lines: list[Line]) -> list[tuple[tuple[str, Line], Decimal]]:
    """Each 项's total, keyed by the 项 and its first line (whose place the new lines keep)."""
    firsts: dict[str, Line] = {}
    totals: dict[str, Decimal] = {}
    for x in lines:
        firsts.setdefault(x.function, x)
        totals[x.function] = totals.get(x.function, ZERO) + x.amount
    return [((f, firsts[f]), totals[f]) for f in sorted(totals)]
