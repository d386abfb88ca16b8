"""How a disclosure is printed, whatever the format: the narrative's blocks, then each table as
a grid (a multi-level header of merged cells over rows of codes, names and money).

Every writer (XLSX, DOCX, PDF, HTML) draws the same `Printed` tables, so the four formats
print the same words in the same places, and what the reader reads back from one it reads
from the others. The header comes from the column paths (`本年收入/一般公共预算/小计` is three
levels: 本年收入 spans every column under it, 一般公共预算 its two, 小计 one); a column whose
path is shorter than the deepest reaches down to the last header row. The id, title and
columns are the model's, the template family's data filling what the model lacks.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from yusuan.model import Disclosure, Row, RowKind, Section, Side, Table
from yusuan.templates import CodeKind, Layout, TableTemplate, TemplateSet, template_sets

# A cell of a printed table: text, money, or nothing.
Value = str | Decimal | None


@dataclass(frozen=True, slots=True)
class HeadCell:
    """One cell of the header, at (row, col) of the header rows, spanning rowspan × colspan."""

    text: str
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1


@dataclass(frozen=True, slots=True)
class Printed:
    """A table as a page prints it: id, title, the department and unit line, the header and
    the body (each body row as wide as the header)."""

    id: str | None
    title: str
    department: str | None
    unit: str  # 单位：万元
    head: tuple[HeadCell, ...]
    head_rows: int
    width: int
    body: tuple[tuple[Value, ...], ...]
    money: tuple[bool, ...]  # per column: holds money (right-aligned, #,##0.00)

    @property
    def department_line(self) -> str:
        """`部门名称：…` as the line under the title prints it; empty when the model names no
        department (a tables-only file), so that no other word is taken for one."""
        return f"部门名称：{self.department}" if self.department else ""


@dataclass(frozen=True, slots=True)
class Block:
    """A block of the narrative: a heading (level 0 a part, 1 一、, 2 （一）) or a paragraph."""

    text: str
    level: int | None = None  # None: a paragraph

    @property
    def is_heading(self) -> bool:
        return self.level is not None


def money_text(value: Decimal) -> str:
    """Money as a page prints it: thousands separated, at least two decimals, never fewer
    than the value has (a figure is never rounded by printing it)."""
    exponent = value.as_tuple().exponent
    places = max(2, -exponent) if isinstance(exponent, int) else 2
    return f"{value:,.{places}f}"


def cover(doc: Disclosure) -> str:
    """The document's title: department, year and kind (`某局2026年部门预算`)."""
    year = f"{doc.meta.year}年" if doc.meta.year else ""
    kind = f"部门{doc.meta.kind.value}" if doc.meta.kind else "部门预算"
    return f"{doc.meta.department or ''}{year}{kind}"


def narrative(doc: Disclosure) -> list[Block]:
    """The 情况说明 as headings and paragraphs: each part's heading once, then its sections."""
    blocks: list[Block] = []
    part = None
    for section in doc.sections:
        if section.part and section.part != part:
            part = section.part
            lead = section.title if section.level == 0 else ""
            blocks.append(Block(f"{section.part} {lead}".strip(), 0))
        elif section.level == 0 and section.title:
            blocks.append(Block(section.title, 0))
        if section.level > 0:
            number = printed_number(section.number, section.level)
            blocks.append(Block(f"{number}{section.title}", min(section.level, 2)))
        blocks.extend(Block(p) for p in _paragraphs(section))
    return blocks


_NUMERALS = frozenset("一二三四五六七八九十百零〇")


def printed_number(number: str, level: int) -> str:
    """A heading's number as a page prints it. A model read from a page keeps the punctuation
    it was printed with (`一、`, `（一）`, `1.`); a compiled one holds the bare numeral (`一`),
    its level saying how it is printed: `一、` a section, `（一）` a subsection."""
    if number and all(ch in _NUMERALS for ch in number):
        return f"（{number}）" if level >= 2 else f"{number}、"
    return number


_PARAGRAPH_END = ("。", "：", ":", "；", "！", "？")


def _paragraphs(section: Section) -> list[str]:
    """The section's text in paragraphs. The model keeps the text joined, with the offset at
    which each of its source's lines began: a paragraph ends where a line ended a sentence
    (。) or opened a list (：), so `秘书科：在编人员1人…` starts its own paragraph as it did on
    the page, and a line the page merely wrapped is joined to the next."""
    text = section.text
    cuts = sorted({start for start, _ in section.line_offsets if 0 < start < len(text)})
    lines = [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True)]
    out: list[str] = []
    current = ""
    for line in lines:
        current += line
        if current.rstrip().endswith(_PARAGRAPH_END):
            out.append(current.strip())
            current = ""
    if current.strip():
        out.append(current.strip())
    return [p for p in out if p]


def _family(doc: Disclosure, table: Table) -> TemplateSet | None:
    name = table.template or doc.meta.template
    return next((s for s in template_sets() if s.name == name), None)


def _form(doc: Disclosure, table: Table) -> TableTemplate | None:
    family = _family(doc, table)
    return family.form_of(table.key, table.columns) if family else None


def printed_tables(doc: Disclosure) -> list[Printed]:
    """Every table the family prints, in the model's order. A table the family does not print
    as such (`derived`: the reader builds it from another) is left out when its source is
    there, as the family's own document leaves it out."""
    keys = {t.key for t in doc.tables}
    out = []
    for table in doc.tables:
        form = _form(doc, table)
        if form is not None and form.derived is not None and form.derived.source in keys:
            continue
        out.append(print_table(doc, table, form))
    return out


def print_table(doc: Disclosure, table: Table, form: TableTemplate | None = None) -> Printed:
    """One table laid out as its family prints it (`form`: its template, found when not given)."""
    form = form if form is not None else _form(doc, table)
    computed = {i.left for i in form.computed} if form is not None else set()
    columns = [c for c in table.columns if c not in computed]
    # The id as the model has it: a table whose id the source printed only inside its title
    # (收支总表（预算表 1）) keeps it there, so it reads back under the same name.
    ident = table.id
    title = table.title or (form.titles[0] if form and form.titles else table.key)
    unit = f"单位：{table.unit.value}"
    if len(table.sides) > 1 or (form is not None and form.layout is Layout.PANELS):
        head, rows, width, body, money = _panels(table, columns, form)
    elif form is not None and form.layout is Layout.FORM:
        head, rows, width, body, money = _form_rows(table, columns)
    else:
        head, rows, width, body, money = _listed(table, columns, form)
    return Printed(
        # not the table's `notes`: those are what the reader noted about it, not printed text
        ident,
        title,
        doc.meta.department,
        unit,
        head,
        rows,
        width,
        body,
        money,
    )


_Laid = tuple[tuple[HeadCell, ...], int, int, tuple[tuple[Value, ...], ...], tuple[bool, ...]]


def column_header(columns: list[str], left: int, depth: int) -> list[HeadCell]:
    """The merged header cells of `columns` (paths), placed from column `left`, `depth` rows."""
    paths = [c.split("/") for c in columns]
    cells = []
    for level in range(depth):
        i = 0
        while i < len(paths):
            path = paths[i]
            if len(path) <= level:
                i += 1
                continue
            j = i + 1
            leaf = len(path) == level + 1
            while (
                not leaf
                and j < len(paths)
                and len(paths[j]) > level + 1
                and paths[j][: level + 1] == path[: level + 1]
            ):
                j += 1
            rowspan = depth - level if leaf else 1
            cells.append(HeadCell(path[level], level, left + i, rowspan, j - i))
            i = j
    return cells


def _depth(columns: list[str]) -> int:
    return max((len(c.split("/")) for c in columns), default=1)


def _labels(table: Table, form: TableTemplate | None) -> list[tuple[str, str]]:
    """The label columns of a listed table: (heading, which field of the row) left to right."""
    rows = table.rows
    layout = form.layout if form is not None else None
    if layout is Layout.SINGLE or (rows and all(r.kind is RowKind.VALUES for r in rows)):
        return []
    labels = []
    if any(r.category for r in rows):
        labels.append(("项目类型", "category"))
    by_unit = form is not None and form.code_kind is CodeKind.UNIT
    heading = "项目" if layout is Layout.PROJECTS else "单位" if by_unit else "科目"
    if any(r.code and r.indent is None for r in rows):  # a code column was printed
        labels.append((f"{heading}编码", "code"))
    name = f"{heading}名称"
    labels.append((name, "name"))
    if any(r.gov_code for r in rows):
        labels.append(("政府预算支出经济分类科目编码", "gov_code"))
        labels.append(("政府预算支出经济分类科目名称", "gov_name"))
    if any(r.owner for r in rows):
        labels.append(("项目单位", "owner"))
    return labels


def _label(row: Row, field: str) -> str:
    if field == "name":
        # A row placed by its name (indent known) is printed as it stood: set in by its depth
        # (full-width spaces, as a page indents a 款 under its 类).
        steps = "\u3000" * (row.indent or 0) if row.code is None or row.indent is not None else ""
        return f"{steps}{row.number or ''}{row.name}"
    if field == "code" and row.indent is not None:
        # a code the reader found from the row's name (its catalog), never printed: the name
        # alone gives it again
        return ""
    if field == "text":
        return "\n".join(row.text)  # one indicator line a line of the cell, as printed
    return getattr(row, field) or ""


# Columns numbered rather than filled with money: a 行次 (row number) or a 栏次 (column number,
# `栏次/3`, as a 决算's 栏次 line is read). Printed as the plain numbers they are, never `3.00`.
_NUMBERING = ("行次", "栏次")


def _is_money(column: str, form: TableTemplate | None) -> bool:
    if column.split("/")[0] in _NUMBERING:
        return False
    return form is None or column not in form.not_money


def _figure(row: Row, column: str, form: TableTemplate | None) -> Value:
    """The row's figure in `column`: money as an amount, a number that is no money (行次) as
    the plain number it is (never `28.00`)."""
    value = row.get(column)
    if value is None or _is_money(column, form):
        return value
    return format(value, "f")


def _listed(table: Table, columns: list[str], form: TableTemplate | None) -> _Laid:
    labels = _labels(table, form)
    # Free text (a performance target's indicators) stands right of the money, as printed.
    texts = any(r.text for r in table.rows)
    depth = _depth(columns)
    head = [HeadCell(text, 0, i, depth, 1) for i, (text, _) in enumerate(labels)]
    head += column_header(columns, len(labels), depth)
    if texts:
        head.append(HeadCell("绩效指标", 0, len(labels) + len(columns), depth, 1))
    body = tuple(
        (
            *(_label(row, f) for _, f in labels),
            *(_figure(row, c, form) for c in columns),
            *((_label(row, "text"),) if texts else ()),
        )
        for row in table.rows
    )
    money = (False,) * len(labels) + tuple(_is_money(c, form) for c in columns) + (False,) * texts
    return tuple(head), depth, len(labels) + len(columns) + texts, body, money


def _side_columns(
    table: Table, side: Side, columns: list[str], form: TableTemplate | None
) -> list[str]:
    """The columns of one panel: the family's for that side, as far as the table has them or
    the side's rows fill them. A column the side's rows fill is printed even when the table's
    list leaves it out: its figures are never dropped, nor printed under another heading."""
    used = list(dict.fromkeys(c.column for r in table.rows_on(side) for c in r.cells))
    known = [c for c in columns if c in used] + [c for c in used if c not in columns]
    if form is not None:
        spec = form.panel(side)
        picked = [c for c in spec.columns if c in columns or c in used]
        if picked:
            return picked + [c for c in known if c not in picked]
    return known or columns[:1]


def _panels(table: Table, columns: list[str], form: TableTemplate | None) -> _Laid:
    """A two-panel table: 收入 on the left, 支出 on the right, each 项目 then its columns."""
    sides = [s for s in (Side.INCOME, Side.EXPENSE) if s in table.sides] or [Side.INCOME]
    per_side = {s: _side_columns(table, s, columns, form) for s in sides}
    depth = 1 + max(_depth(cs) for cs in per_side.values())
    head: list[HeadCell] = []
    left = 0
    for side in sides:
        cs = per_side[side]
        head.append(HeadCell(side.value, 0, left, 1, 1 + len(cs)))
        head.append(HeadCell("项目", 1, left, depth - 1, 1))
        head += [
            HeadCell(h.text, h.row + 1, h.col, h.rowspan, h.colspan)
            for h in column_header(cs, left + 1, depth - 1)
        ]
        left += 1 + len(cs)
    lists = _aligned({s: list(table.rows_on(s)) for s in sides})
    height = max(len(rs) for rs in lists.values())
    body = []
    for i in range(height):
        line: list[Value] = []
        for side in sides:
            cs = per_side[side]
            row = lists[side][i] if i < len(lists[side]) else None
            if row is None:
                line += [""] + [None] * len(cs)
            else:
                line += [_label(row, "name")] + [_figure(row, c, form) for c in cs]
        body.append(tuple(line))
    money = tuple(b for s in sides for b in (False, *(_is_money(c, form) for c in per_side[s])))
    return tuple(head), depth, left, tuple(body), money


def _aligned(lists: dict[Side, list[Row]]) -> dict[Side, list[Row | None]]:
    """Each panel's rows as printed, a blank line (None) where one side is shorter: the two
    panels' totals side by side (本年收入合计 beside 本年支出合计, 总计 beside 总计), as a page
    prints them and as the reader pairs them. A line holding one side's total alone would be
    read as the other side's. Panels with different numbers of totals are printed top-aligned."""
    runs: dict[Side, list[list[Row]]] = {}
    for side, rows in lists.items():
        runs[side] = [[]]
        for row in rows:
            runs[side][-1].append(row)
            if row.kind is RowKind.TOTAL:
                runs[side].append([])
    if len({len(r) for r in runs.values()}) != 1:
        return {side: list[Row | None](rows) for side, rows in lists.items()}
    out: dict[Side, list[Row | None]] = {side: [] for side in lists}
    for i in range(len(next(iter(runs.values())))):
        height = max(len(r[i]) for r in runs.values())
        for side, run in runs.items():
            rows = run[i]
            closing = rows[-1:] if rows and rows[-1].kind is RowKind.TOTAL else []
            body = rows[: len(rows) - len(closing)]
            out[side] += [*body, *[None] * (height - len(rows)), *closing]
    return out


def _form_rows(table: Table, columns: list[str]) -> _Laid:
    """A form (整体绩效目标表): `label | amount` lines under a `项目 | 金额` header; its free
    text (the 说明 above the figures) one line a row, and its indicators after a `一级指标`
    line, as the form prints them."""
    column = columns[0] if columns else "金额"
    head = (HeadCell("项目", 0, 0), HeadCell(column, 0, 1))
    body: list[tuple[Value, ...]] = []
    after: list[tuple[Value, ...]] = []
    for row in table.rows:
        if row.cells:
            body.append((_label(row, "name"), row.get(column)))
            body.extend((line, None) for line in row.text)
        elif row.name == "绩效指标":
            after.append(("一级指标", None))
            after.extend((line, None) for line in row.text)
        else:
            lines = row.text if row.name == "说明" else (row.name, *row.text)
            body.extend((line, None) for line in lines)
    return head, 1, 2, (*body, *after), (False, True)
