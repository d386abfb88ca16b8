"""Names of functional classes in the narrative, held to the names the tables and the catalog
give them: 医疗卫生与计划生育支出（类） in a 2024 text, a 款 that is not under its 类, a 项 the
tables call otherwise.

The narrative names classes as a chain, 社会保障和就业支出（类）行政事业单位养老支出（款）
机关事业单位基本养老保险缴费支出（项）. Each link is looked up among the codes of the document's
own tables and of the catalog: the bundled catalog is partial, the tables are what the
document itself says.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from yusuan.audit.engine import Context, rule
from yusuan.audit.finding import Check, Location, Severity
from yusuan.audit.rules.codes import catalog_or_none
from yusuan.audit.rules.text import Passage, passages
from yusuan.catalog import Catalog, Part, names_match, normalize_name
from yusuan.catalog.reference import FormerName, former_match, name_in_year
from yusuan.model import MoneyUnit

_LEVELS = {"类": 3, "款": 5, "项": 7}
_CENT = Decimal("0.01")
_CUT_SHORT = 6  # characters a table's name cut short must keep to be taken for a longer one
# the item's first amount after its chain: ”50.37万元, 。……年初预算为 0.88 万元
_AMOUNT = re.compile(r"(?P<figure>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*万元")
_AMOUNT_REACH = 40  # characters after the chain the item's amount may be
# a name and its level: 行政事业单位养老支出（款）
_LINK = re.compile(r"(?P<name>[\u4e00-\u9fff、]{2,30})\s*[（(](?P<level>类|款|项)[）)]")
# what every link ends with
_MARK = re.compile(r"[（(](?:类|款|项)[）)]")
# what may open a chain's first name: 十八、 / 5. / “
_LEAD = re.compile(r"^(?:[一二三四五六七八九十]{1,3}、|、|其中)+")


def same_name(printed: str, name: str) -> bool:
    """`names_match`, with 其它 and 其他 one word (both are printed for 其他…支出)."""
    return names_match(printed.replace("其它", "其他"), name.replace("其它", "其他"))


@dataclass(frozen=True, slots=True)
class Link:
    name: str
    level: int  # code length: 3 类, 5 款, 7 项
    start: int  # offset in the passage


def chains(text: str) -> Iterator[list[Link]]:
    """The chains of a passage: a 类 and the 款/项 printed right after it."""
    current: list[Link] = []
    last_end = -10
    if not _MARK.search(text):
        return  # no level mark: no link (_LINK tries 30 characters before each bracket)
    for match in _LINK.finditer(text):
        level = _LEVELS[match.group("level")]
        joined = match.start() - last_end <= 1 and current and level > current[-1].level
        if not joined:
            if len(current) > 1:
                yield current
            current = []
            if level != 3:
                last_end = -10
                continue
        name = match.group("name")
        start = match.start("name")
        if not current:
            lead = _LEAD.match(name)
            if lead:
                name, start = name[lead.end() :], start + lead.end()
        current.append(Link(name, level, start))
        last_end = match.end()
    if len(current) > 1:
        yield current


class Names:
    """The functional codes the document's tables print, with their names, and the catalog's."""

    def __init__(self, ctx: Context, catalog: Catalog | None):
        self.printed: dict[str, set[str]] = {}
        self.amounts: dict[str, set[Decimal]] = {}  # every figure of the code's rows, in 万元
        for table in ctx.doc.tables:
            scale = Decimal(1) if table.unit is MoneyUnit.WAN else Decimal(10000)
            for row in table.rows:
                code = (row.code or "").strip()
                if code.startswith("2") and len(code) in (3, 5, 7) and row.name:
                    self.printed.setdefault(code, set()).add(row.name)
                    self.amounts.setdefault(code, set()).update(
                        (cell.value / scale).quantize(_CENT, ROUND_HALF_UP) for cell in row.cells
                    )
        self.catalog = catalog

    def names_of(self, code: str) -> set[str]:
        names = set(self.printed.get(code, ()))
        entry = self.catalog.get(Part.FUNCTION, code) if self.catalog else None
        if entry is not None:
            names.add(entry.name)
        return names

    def codes(self, level: int, parent: str | None) -> set[str]:
        found = {c for c in self.printed if len(c) == level}
        if self.catalog is not None:
            found |= {e.code for e in self.catalog.entries(Part.FUNCTION) if len(e.code) == level}
        return {c for c in found if parent is None or c.startswith(parent)}

    def resolve(self, name: str, level: int, parent: str | None) -> list[str]:
        return sorted(
            c
            for c in self.codes(level, parent)
            if any(same_name(name, n) for n in self.names_of(c))
            or any(_cut_short(name, n) for n in self.printed.get(c, ()))
        )

    def tables_list(self, level: int, parent: str) -> list[str]:
        return sorted(c for c in self.printed if len(c) == level and c.startswith(parent))


def _cut_short(narrative: str, printed: str) -> bool:
    """A name the table prints cut short (a cell's second line lost: 机关事业单位基本养老保) is
    the narrative's name it begins; long enough not to be any name's first words."""
    short, long_ = sorted((normalize_name(printed), normalize_name(narrative)), key=len)
    return len(short) >= _CUT_SHORT and long_.startswith(short)


def _former(name: str, level: int, year: int) -> FormerName | None:
    former = former_match(None, name)
    if former is None or len(former.code) != level or not former.gone_by(year):
        return None
    return former


@rule("text.class-name", Severity.ERROR)
def class_name(ctx: Context) -> Iterator[Check]:
    """Classes named in the narrative (……（类）……（款）……（项）) are named as in the tables
    and the year's catalog.

    A renamed class (former_names.csv: 医疗卫生与计划生育支出 → 卫生健康支出 from 2019) is an
    error when the document's own tables print the current name for its code, else a warning.
    A 款 that is none of its 类's 款 in the tables or the catalog, and a 项 that is none of its
    款's 项 while the tables list that 款's 项, are warnings (the tables may be read short),
    unless the tables say which it is: the 项 named below a wrong 款 is printed under one other
    款, or the wrong 项's amount is printed on exactly one 项 of its 款 — then an error.
    """
    year = ctx.doc.meta.year
    if year is None:
        yield ctx.skip("the fiscal year is unknown")
        return
    names = Names(ctx, catalog_or_none(ctx))
    for passage in passages(ctx.doc.sections):
        for chain in chains(passage.text):
            yield from _check_chain(ctx, passage, chain, names, year)


def _check_chain(
    ctx: Context, passage: Passage, chain: list[Link], names: Names, year: int
) -> Iterator[Check]:
    parent: str | None = None
    for link in chain:
        word = "类款项"[(link.level - 3) // 2]
        where = ctx.at_section(passage.section, passage.span(link.start))
        found = names.resolve(link.name, link.level, parent)
        former = _former(link.name, link.level, year)
        if former is not None and not found:
            yield _outdated(ctx, link, word, former, names, year, where)
            parent = former.code
            continue
        if len(found) == 1:
            yield ctx.ok()
            parent = found[0]
            continue
        if parent is None or found or not names.tables_list(link.level, parent):
            yield ctx.skip(f"{link.name}（{word}）: not found with a known parent")
            return
        # named under a parent whose children the tables list, and none of them is it
        yield _misnamed(ctx, passage, chain, chain.index(link), parent, names, where)
        return


def _misnamed(
    ctx: Context,
    passage: Passage,
    chain: list[Link],
    index: int,
    parent: str,
    names: Names,
    where: Location,
) -> Check:
    """A 款 or 项 its parent's rows in the tables do not have. An error when the tables say
    which it is: the 项 below a wrong 款 is printed under one other 款, or the wrong 项's amount
    is printed on exactly one of its 款's 项; else a warning."""
    link, above = chain[index], chain[index - 1]
    word = "类款项"[(link.level - 3) // 2]
    listed = [sorted(names.names_of(c))[0] for c in names.tables_list(link.level, parent)]
    right: str | None = None
    why = ""
    if index + 1 < len(chain):  # a wrong 款: where do the tables print the 项 below it?
        below = chain[index + 1]
        under = [c for c in names.resolve(below.name, below.level, parent) if c in names.printed]
        if len(under) == 1 and under[0][: link.level] in names.printed:
            right = sorted(names.printed[under[0][: link.level]])[0]
            why = f"表中“{below.name}”属于“{right}（{word}）”。"
    elif link.level == 7:  # a wrong 项: whose figure is the item's amount?
        end = passage.text.find("）", link.start) + 1
        amount = _AMOUNT.search(passage.text, end, end + _AMOUNT_REACH)
        if amount is not None:
            figure = Decimal(amount.group("figure").replace(",", "")).quantize(_CENT)
            same = [
                c
                for c in names.tables_list(7, parent)
                if figure and figure in names.amounts.get(c, set())
            ]
            if len(same) == 1:
                right = sorted(names.printed[same[0]])[0]
                why = f"表中该款下金额 {figure} 万元的项为“{right}”。"
    return ctx.fail(
        f"情况说明称“{above.name}……{link.name}（{word}）”，但表中“{above.name}”下的{word}"
        f"为：{'、'.join(listed)}，没有“{link.name}”。{why}",
        where,
        suggestion=f"将“{link.name}（{word}）”改为“{right}（{word}）”。"
        if right
        else f"核对科目名称，按表中的{word}级科目名称填写。",
        severity=None if right else Severity.WARNING,
    )


def _outdated(
    ctx: Context,
    link: Link,
    word: str,
    former: FormerName,
    names: Names,
    year: int,
    where: Location,
) -> Check:
    now = name_in_year(former, year)
    code = former.new_code or former.code
    printed_now = now is not None and any(same_name(now, n) for n in names.printed.get(code, ()))
    current = f"“{now}”" if now else "现行科目"
    return ctx.fail(
        f"情况说明所称“{link.name}（{word}）”是{former.code}的旧名称，"
        f"{former.changed_in}年起改称{current}"
        + ("，本文件的表中也已使用新名称。" if printed_now else "。"),
        where,
        suggestion=f"将“{link.name}”改为{current}。",
        severity=None if printed_now else Severity.WARNING,
    )
