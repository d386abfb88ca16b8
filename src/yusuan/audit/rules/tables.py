"""Identities within one table: each row's columns, and each column's totals."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING

from yusuan.audit.compare import Verdict, agree, fmt, sum_slack
from yusuan.audit.engine import Context, rule
from yusuan.audit.finding import Check, Severity
from yusuan.audit.groupsums import GroupSums
from yusuan.audit.nesting import settle
from yusuan.identities import Identity, quantum_of
from yusuan.model import Row, Side, Table
from yusuan.structure import panel_groups, tree_groups
from yusuan.templates import Layout, TableTemplate, template_sets

if TYPE_CHECKING:
    from yusuan.audit.quantities import Quantity

ZERO = Decimal(0)
# The 三公 table's own sum is its own rule (sangong.sum), with the narrative to confirm it.
OWN_RULES = {"sangong"}


def template_of(table: Table) -> TableTemplate | None:
    return _template_of(table.template, table.key, table.columns)


# (every rule asks it of every table, and the bundled templates do not change: once per form)
@lru_cache(maxsize=1024)
def _template_of(name: str | None, key: str, columns: tuple[str, ...]) -> TableTemplate | None:
    for tset in template_sets():
        if tset.name == name:
            return tset.form_of(key, columns)
    return None


# The quantum of the tables audited last, by identity: the row, column and nesting rules and
# the reliability check each ask it of every table. An entry holds its table, so no other
# table can take its id while it is kept.
_QUANTA: dict[int, tuple[Table, Decimal]] = {}
_QUANTA_KEPT = 256


def table_quantum(table: Table) -> Decimal:
    """The finest precision the table's figures are printed to."""
    kept = _QUANTA.get(id(table))
    if kept is not None and kept[0] is table:
        return kept[1]
    quantum = quantum_of([c.value for r in table.rows for c in r.cells])
    if len(_QUANTA) >= _QUANTA_KEPT:
        _QUANTA.clear()
    _QUANTA[id(table)] = (table, quantum)
    return quantum


def implied_by_parts(q: Quantity) -> Decimal | None:
    """What the table's own parts say a total cell should be (None when it is no total)."""
    template = template_of(q.table)
    if template is None or q.row is None:
        return None
    values = {c.column: c.value for c in q.row.cells}
    for identity in identities_for(template, q.row.side):
        if identity.left == q.column and not identity.part_of:
            return identity.expected(values)
    return None


def row_name(table: Table, row: Row) -> str:
    name = table.id or table.title
    return f"{name}“{row.label}”" if row.label else name


def identities_for(template: TableTemplate, side: Side) -> tuple[Identity, ...]:
    if template.layout is Layout.PANELS:
        return template.panel(side).identities
    return template.identities


def check_identity(
    ctx: Context,
    table: Table,
    row: Row,
    identity: Identity,
    quantum: Decimal,
    values: dict[str, Decimal] | None = None,
) -> Check:
    """The identity checked on one row; `values`: the row's cells by column, when the
    caller has them already (one row, several identities)."""
    if values is None:
        values = {c.column: c.value for c in row.cells}
    left = values.get(identity.left, ZERO)
    if identity.part_of:
        parent = values.get(identity.terms[0][1], ZERO)
        if left <= parent + quantum / 2:
            return ctx.ok()
        where = ctx.at_table(table, row, identity.left)
        return ctx.fail(
            f"{row_name(table, row)}的“{identity.left}”{fmt(left)}"
            f"大于其所属的“{identity.terms[0][1]}”{fmt(parent)}，“其中”项不应超过总数。",
            where,
            stated=left,
            expected=parent,
            evidence=[(identity.terms[0][1], parent)],
        )
    expected = identity.expected(values)
    filled = 1 + sum(1 for _, c in identity.terms if values.get(c, ZERO))
    verdict = agree(left, expected, sum_slack(filled, quantum))
    if verdict is Verdict.SAME:
        return ctx.ok()
    where = ctx.at_table(table, row, identity.left)
    parts = " + ".join(f"{c} {fmt(values.get(c, ZERO))}" for _, c in identity.terms)
    evidence = [(c, values.get(c, ZERO)) for _, c in identity.terms]
    if verdict is Verdict.ROUNDING:
        return ctx.fail(
            f"{row_name(table, row)}：{identity.left} {fmt(left)} 与各项之和"
            f" {fmt(expected)} 相差 {fmt(abs(left - expected))}，可由各数分别四舍五入解释。",
            where,
            stated=left,
            expected=expected,
            evidence=evidence,
            severity=Severity.INFO,
        )
    return ctx.fail(
        f"{row_name(table, row)}：{identity.left} 填列 {fmt(left)}，"
        f"但 {parts} = {fmt(expected)}，两者不符。",
        where,
        stated=left,
        expected=expected,
        evidence=evidence,
    )


@rule("table.row-sum", Severity.ERROR)
def row_sum(ctx: Context) -> Iterator[Check]:
    """Each row's columns add up: 合计 = 基本支出 + 项目支出, 基本支出 = its economic columns …

    The identities come from the table's template (data); a `其中` column must not exceed
    the column it is part of. A difference that independent rounding explains is `info`.
    """
    for table in ctx.doc.tables:
        template = template_of(table)
        if template is None or table.key in OWN_RULES:
            continue
        quantum = table_quantum(table)
        for row in table.rows:
            if not row.cells:
                continue
            values = {c.column: c.value for c in row.cells}
            for identity in identities_for(template, row.side):
                if identity.left not in values and not any(c in values for _, c in identity.terms):
                    continue  # none of its columns printed in this row
                yield check_identity(ctx, table, row, identity, quantum, values)


def groups_of(
    table: Table, template: TableTemplate
) -> list[tuple[Side, list[tuple[int, list[int]]]]]:
    """Each side's total rows with the rows they sum: the layout's nesting, settled by the
    figures where a summary row is printed among its own parts (`yusuan.audit.nesting`)."""
    money = [c for c in table.columns if c not in template.not_money]
    return _groups(table, template, GroupSums(table.rows, money, table_quantum(table)))


def _groups(
    table: Table, template: TableTemplate, sums: GroupSums
) -> list[tuple[Side, list[tuple[int, list[int]]]]]:
    """`groups_of`, with the table's money figures `sums` holds (see `column_sum`)."""
    rows = table.rows
    holds = sums.holds
    out = []
    for side in table.sides:
        members = [i for i, r in enumerate(rows) if r.side is side]
        if template.layout is Layout.PANELS:
            groups = panel_groups(rows, members)
        elif template.layout in (Layout.CODED, Layout.PROJECTS):
            groups = tree_groups(rows, members)
        else:
            continue
        out.append((side, settle(groups, rows, holds)))
    return out


def group_verdict(parent: Row, children: list[Row], column: str, quantum: Decimal) -> Verdict:
    """How a total row's figure in one column agrees with the rows under it."""
    if parent.get(column) is None and not any(c.get(column) for c in children):
        return Verdict.SAME
    stated = parent.value(column)
    expected = sum((c.value(column) for c in children), ZERO)
    count = 1 + sum(1 for c in children if c.get(column) is not None)
    return agree(stated, expected, sum_slack(count, quantum))


@rule("table.column-sum", Severity.ERROR)
def column_sum(ctx: Context) -> Iterator[Check]:
    """Each total row equals the sum of the rows under it, column by column.

    合计 over the units, a unit over its functional or economic rows, a 类 over its 款, a
    款 over its 项; in a two-panel table 本年收入合计 over its items (a `其中` row is part
    of the row above it and never added) and 收入总计 over 本年收入合计 and 上年结转.
    """
    for table in ctx.doc.tables:
        template = template_of(table)
        if template is None:
            continue
        quantum = table_quantum(table)
        money = [c for c in table.columns if c not in template.not_money]
        # each row's money figures, looked up once for the nesting and every group's columns
        sums = GroupSums(table.rows, money, quantum)
        values = sums.values
        for _, groups in _groups(table, template, sums):
            for parent_index, children_index in groups:
                parent = table.rows[parent_index]
                children = [table.rows[i] for i in children_index]
                for j, column in enumerate(money):
                    # `group_verdict`, each child's figure looked up once, not three times
                    printed = values[parent_index][j]
                    got = [values[i][j] for i in children_index]
                    if printed is None and not any(got):
                        continue
                    stated = ZERO if printed is None else printed
                    expected = sum((ZERO if g is None else g for g in got), ZERO)
                    count = 1 + sum(1 for g in got if g is not None)
                    verdict = agree(stated, expected, sum_slack(count, quantum))
                    if verdict is Verdict.SAME:
                        yield ctx.ok()
                        continue
                    names = "、".join(c.label for c in children[:4])
                    more = f"等{len(children)}行" if len(children) > 4 else ""
                    where = ctx.at_table(table, parent, column)
                    evidence = [(c.label, c.value(column)) for c in children]
                    if verdict is Verdict.ROUNDING:
                        yield ctx.fail(
                            f"{table.id or table.title}“{parent.label}”的“{column}”{fmt(stated)}"
                            f"与下属各行之和 {fmt(expected)} 相差 {fmt(abs(stated - expected))}，"
                            "可由四舍五入解释。",
                            where,
                            stated=stated,
                            expected=expected,
                            evidence=evidence,
                            severity=Severity.INFO,
                        )
                    else:
                        yield ctx.fail(
                            f"{table.id or table.title}“{parent.label}”的“{column}”填列 {fmt(stated)}，"
                            f"但{names}{more}合计为 {fmt(expected)}。",
                            where,
                            stated=stated,
                            expected=expected,
                            evidence=evidence,
                        )
