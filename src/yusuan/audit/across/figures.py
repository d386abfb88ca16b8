"""The figures one disclosure states of another year's money, and the same figures in the other.

A figure is compared only with one of the same kind: this year's 上年预算数 with last year's
预算数, a 上年决算数 with last year's 决算数, a 决算's 年初预算数 with the 预算 of its year. A
预算's 上年执行数 is no figure last year's 预算 states: it is never compared.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from yusuan.audit.compare import precision
from yusuan.audit.engine import Context
from yusuan.audit.quantities import Quantity
from yusuan.model import UNDECIDED, Disclosure, Level, MoneyUnit, Row, RowKind, Table

# Reading confidence (`yusuan.audit.reliability`) a table needs for its figures to be trusted.
TRUSTED = 0.95
# A column of another year's money: 上年预算数, 上年执行数, 上年/合计 … but not 上年结转结余,
# which is this year's money carried over.
_CARRIED = re.compile(r"结转|结余|结存|实户")
_CHANGE = re.compile(r"^增减(?!率|%|百分)")
_NUMBERING = re.compile(
    r"^[一二三四五六七八九十]+、|^[（(][一二三四五六七八九十\d]+[)）]|^\d+[.、．]"
)
_NAME_NOISE = re.compile(r"[\s　“”\"'：:、，,]|其中")
# Words a column's name may differ by between two years' templates (公务用车购置及运行维护费 /
# 公务用车购置及运行费, 因公出国（境）费用 / 因公出国（境）费).
_COLUMN_NOISE = re.compile(r"维护|费用|经费|费|[“”\"（）()]")


@dataclass(frozen=True, slots=True)
class Figure:
    """One printed figure (or one a change implies), where it is, how far it can be trusted."""

    value: Decimal
    unit: MoneyUnit
    where: str  # 预算03表 201 一般公共服务支出 上年预算数 / 情况说明 “…”
    path: str | None
    line: int | None
    page: int | None
    trusted: bool
    terms: int = 1  # printed figures it is made of: the rounding they can explain

    @property
    def yuan(self) -> Decimal:
        return self.value * self.unit.in_yuan

    @property
    def slack(self) -> Decimal:
        """In 元, what rounding of the printed figures it is made of can explain."""
        return precision(self.value) * self.unit.in_yuan / 2 * self.terms

    def place(self, full: bool = False) -> str:
        """`file.pdf:p7` or `file.txt:133`, the place a reviewer opens (`full`: with the path)."""
        name = (self.path if full else (self.path or "").rsplit("/", 1)[-1]) or "?"
        if self.page is not None:
            return f"{name}:p{self.page}"
        return f"{name}:{self.line}" if self.line else name


def previous_kind(column: str) -> str | None:
    """What another year's money a column prints: 上年预算 / 上年执行 / 上年决算, or None."""
    for part in column.split("/"):
        if part.startswith("上年") and not _CARRIED.search(part):
            if "执行" in part:
                return "上年执行"
            return "上年决算" if "决算" in part else "上年预算"
    return None


def own_column(table: Table, column: str, marker: re.Pattern[str]) -> str | None:
    """This year's column of a 上年 or 增减 column: the same path without that part (上年/合计 →
    合计), the table's 合计 when nothing is left (上年预算数 → 合计)."""
    rest = "/".join(p for p in column.split("/") if not marker.search(p))
    if not rest:
        rest = "合计"
    return rest if rest in table.columns else None


def matching_column(table: Table, column: str) -> str | None:
    """The column of another year's `table` that prints `column`: the same path, else the one
    whose name differs only by words templates vary in (费用 / 费, 运行维护费 / 运行费)."""
    if column in table.columns:
        return column
    want = _COLUMN_NOISE.sub("", column)
    found = [c for c in table.columns if _COLUMN_NOISE.sub("", c) == want]
    return found[0] if len(found) == 1 else None


def _row_name(row: Row) -> str:
    name = _NUMBERING.sub("", row.name.strip())
    return _NAME_NOISE.sub("", name)


def matching_row(table: Table, row: Row) -> Row | None:
    """The same row of another year's table: the total of its side, the one row of a single-row
    table, the row of the same code (and side), else the one row of the same name."""
    if row.kind is RowKind.TOTAL:
        return table.total_row(row.side)
    if row.kind is RowKind.VALUES:
        rows = [r for r in table.rows if r.kind is RowKind.VALUES]
        return rows[0] if len(rows) == 1 else None
    same_side = [r for r in table.rows if r.side is row.side and r.kind is not RowKind.TOTAL]
    if row.code:
        coded = [r for r in same_side if r.code == row.code]
        return coded[0] if len(coded) == 1 else None
    name = _row_name(row)
    named = [r for r in same_side if not r.code and _row_name(r) == name]
    return named[0] if len(named) == 1 else None


def trusted_table(ctx: Context, table: Table) -> bool:
    """Whether a table's figures were read with high confidence: a family that fits, a header
    read, identities that hold (`yusuan.audit.reliability`)."""
    doubtful_family = any(
        d.code == "parse.family" and d.level is not Level.INFO for d in ctx.doc.diagnostics
    )
    reading = ctx.readings.get(table.id or table.title)
    if doubtful_family or reading is None:
        return False
    return reading.unreliable is None and reading.confidence >= TRUSTED


def row_figure(
    ctx: Context, table: Table, row: Row, column: str, trusted: bool | None = None
) -> Figure | None:
    value = row.get(column)
    if value is None:
        return None
    doc = ctx.doc
    path = row.span.path or doc.meta.path
    if trusted is None:
        trusted = trusted_table(ctx, table) and row.placement not in UNDECIDED
    return Figure(
        value=value,
        unit=table.unit,
        where=f"{table.id or table.title} {row.label} {column}",
        path=path,
        line=row.span.line,
        page=row.span.page or doc.page_of(row.span.line, row.span.path),
        trusted=trusted,
    )


def quantity_figure(ctx: Context, q: Quantity) -> Figure:
    """A quantity of the tables (收入总计, a class's 合计 …) as a figure of its document."""
    span = q.row.span if q.row is not None else q.table.span
    trusted = trusted_table(ctx, q.table) and (q.row is None or q.row.placement not in UNDECIDED)
    return Figure(
        value=q.value,
        unit=q.unit,
        where=q.where,
        path=span.path or ctx.doc.meta.path,
        line=span.line,
        page=span.page or ctx.doc.page_of(span.line, span.path),
        trusted=trusted,
        terms=max(q.terms, 1),
    )


@dataclass(frozen=True, slots=True)
class Stated:
    """Another year's figure as the current document states it, with the table and row it is
    printed in (None for the narrative's)."""

    figure: Figure
    kind: str  # 上年预算 / 上年决算 / 年初预算
    exact: bool  # printed as that year's figure itself, not implied by a change
    table: Table | None = None
    row: Row | None = None
    column: str | None = None


def table_statements(ctx: Context) -> Iterator[tuple[Stated, Table, Row, str]]:
    """Each 上年 cell of the current document's tables (上年预算数, 上年/合计 …), and each 增减
    cell of a table with no 上年 column (this year's figure less the change), with the table,
    row and column of this year's figure it stands beside."""
    for table in ctx.doc.tables:
        earlier = [c for c in table.columns if previous_kind(c)]
        changes = [c for c in table.columns if any(_CHANGE.search(p) for p in c.split("/"))]
        for row in table.rows:
            for column in earlier:
                kind = previous_kind(column) or ""
                own = own_column(table, column, re.compile(r"^上年"))
                figure = row_figure(ctx, table, row, column)
                if figure is None or own is None:
                    continue
                yield Stated(figure, kind, True, table, row, column), table, row, own
            if earlier:
                continue  # a change beside a printed 上年 figure adds nothing to compare
            for column in changes:
                own = own_column(table, column, _CHANGE)
                change = row_figure(ctx, table, row, column)
                if own is None or change is None or row.get(own) is None:
                    continue
                value = row.value(own) - change.value
                implied = Figure(
                    value=value,
                    unit=table.unit,
                    where=f"{table.id or table.title} {row.label} {own} 减 {column}",
                    path=change.path,
                    line=change.line,
                    page=change.page,
                    trusted=change.trusted,
                    terms=2,
                )
                kind = "上年决算" if _is_final(ctx.doc) else "上年预算"
                yield Stated(implied, kind, False, table, row, column), table, row, own


def _is_final(doc: Disclosure) -> bool:
    return doc.meta.kind is not None and doc.meta.kind.value == "决算"
