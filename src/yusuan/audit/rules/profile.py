"""The 概况: staff counts that add up, and internal units as many as the text says.

Staff counts come from the reader as `StaffCount`s: a label as printed (在编人员, 行政人员在编
在岗人员, 聘用), a count, and the internal unit it is stated for (None: the department).
Only what the numbers clearly show is reported: a breakdown whose parts may be partial is
skipped with a reason rather than guessed at.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import replace
from decimal import Decimal

from yusuan.audit.engine import Context, rule
from yusuan.audit.finding import Check, Confidence, Severity
from yusuan.model import Section, Span, StaffCount

# The kinds of headcount a total and its parts must share.
IN_POST = "在编"
CONTRACT = "聘用"
ESTABLISHMENT = "编制"
KINDS = (IN_POST, CONTRACT, ESTABLISHMENT)

_FILLER = re.compile(
    r"人员|人数|在岗|在职|实有|现有|共有|核定|总数|数|人|干部|职工|编制内|编内|"
    r"聘用|聘请|在编|编制|编外|的|及|和"
)
# The categories a headcount is split into (行政编制 / 事业编制 / 工勤编制 …), in families:
# categories of one family partition the total; two families in one breakdown overlap.
_FAMILIES = (
    ("行政", "参公", "参照公务员", "参照公务员法管理", "事业", "工勤", "机关"),
    ("全额", "差额", "自收自支", "全额拨款", "差额拨款", "公益一类", "公益二类"),
)
_BRACKETED = re.compile(
    r"(?P<count>\d{1,6})\s*[人名]\s*[（(](?P<inner>[^（）()]{2,160})[）)]",
)
_ITEM = re.compile(
    r"\s*(?P<label>[^\d\s，,、；;：:]{1,20}?)\s*(?:共|为|有)?\s*(?P<n>\d{1,6})\s*[人名]\s*"
)
_NOT_A_SPLIT = re.compile(r"含|兼|另|借调|挂职|退休|离休|遗属|不在|以外")
_STAFF_WORDS = ("编", "人员", "干部", "职工", "工勤", "聘", "在岗")
_UNIT_COUNT = re.compile(r"(?:内设|下设|设有)\s*(?:\d{1,3}|[一二三四五六七八九十]+)\s*个")


def staff_kind(label: str) -> str | None:
    """在编, 聘用 or 编制: what a count counts; None for ranks, sexes and the like."""
    if "在编" in label:
        return IN_POST
    if "聘" in label or "编外" in label or "编制外" in label:
        return CONTRACT
    if "编制" in label:
        return ESTABLISHMENT
    return None


def category(label: str) -> str | None:
    """`""` for a total of its kind (在编人员), the category for a part (行政人员在编在岗人员 →
    行政; 全额事业编制 → 全额事业), None when the label qualifies the count otherwise (退休,
    a unit's name). The category word ends what is left of the label, so a name before it
    (某局核定行政编制) does not hide it."""
    rest = _FILLER.sub("", label)
    if not rest:
        return ""
    return rest if _family(rest) >= 0 else None


def _family(category_: str) -> int:
    for i, family in enumerate(_FAMILIES):
        if any(category_.endswith(w) for w in family):
            return i
    return -1


_OWNER = re.compile(r"^(?:本|我|全)(?:单位|部门|局|委|办|院|所|中心|厅)")


def _own_label(ctx: Context, label: str) -> str:
    """The label without what the reader may have taken in before it: the section's heading
    (its lines are joined to the text), the department's name, 本单位 / 本局."""
    for prefix in (*(s.title for s in ctx.doc.sections if s.title), ctx.doc.meta.department):
        if prefix and label.startswith(prefix) and len(label) > len(prefix):
            label = label[len(prefix) :]
    return _OWNER.sub("", label) or label


def _first_part(sections: Sequence[Section]) -> list[Section]:
    first = sections[0].part if sections else ""
    return [s for s in sections if s.part == first]


def section_at(sections: Sequence[Section], line: int) -> Section | None:
    for section in sections:
        if section.span.line <= line <= section.span.end_line:
            return section
    return None


def _names(counts: Sequence[StaffCount]) -> str:
    return "、".join(f"{c.label} {c.count}" for c in counts)


def _check_parts(ctx: Context, kind: str, counts: Sequence[StaffCount]) -> Iterator[Check]:
    """The department total of one kind against its categories (行政 + 事业 …)."""
    totals = [c for c in counts if category(c.label) == ""]
    parts = [c for c in counts if category(c.label)]
    if len({c.count for c in totals}) > 1:
        yield ctx.skip(f"the 概况 states several different {kind} totals")
        return
    if not totals or len(parts) < 2:
        return
    by_category: dict[str, int] = {}
    for part in parts:
        cat = category(part.label) or ""
        if by_category.setdefault(cat, part.count) != part.count:
            yield ctx.skip(f"one {kind} category is stated with two different counts")
            return
    if len({_family(c) for c in by_category}) > 1:
        yield ctx.skip(f"the {kind} parts are categories of two overlapping kinds")
        return
    total = totals[0]
    shown = [next(p for p in parts if category(p.label) == cat) for cat in by_category]
    added = sum(by_category.values())
    if added == total.count:
        yield ctx.ok()
        return
    section = section_at(ctx.doc.sections, total.span.line)
    if section is None:
        yield ctx.skip("the staff total lies outside every section")
        return
    more = added > total.count
    yield ctx.fail(
        f"概况称{total.label} {total.count} 人，但分项{_names(shown)}合计 {added} 人，"
        f"{'多于' if more else '少于'}总数。",
        ctx.at_section(section, total.span),
        stated=Decimal(total.count),
        expected=Decimal(added),
        evidence=[(p.label, Decimal(p.count)) for p in shown],
        suggestion=(
            "核对总数与各分项人数。"
            if more
            else "核对总数与各分项人数；若另有未列出的类别（如工勤人员），应一并写明。"
        ),
        confidence=Confidence.HIGH if more else Confidence.MEDIUM,
    )


def _check_units(ctx: Context, kind: str, counts: Sequence[StaffCount]) -> Iterator[Check]:
    """The internal units' counts of one kind, summed, against the department's."""
    department = [c for c in counts if c.scope is None and category(c.label) == ""]
    per_unit: dict[str, StaffCount] = {}
    for count in counts:
        if count.scope is None:
            continue
        # A unit stating two counts of one kind (在编 5, 其中在岗 4): the larger is its total.
        held = per_unit.get(count.scope)
        if held is None or count.count > held.count:
            per_unit[count.scope] = count
    if not per_unit:
        return
    if not department or len({c.count for c in department}) > 1:
        yield ctx.skip(f"internal units state {kind} counts but the department total is unclear")
        return
    total = department[0]
    added = sum(c.count for c in per_unit.values())
    if added <= total.count:
        yield ctx.ok()
        return
    section = section_at(ctx.doc.sections, total.span.line)
    if section is None:
        yield ctx.skip("the staff total lies outside every section")
        return
    listed = "、".join(f"{unit} {c.count}" for unit, c in per_unit.items())
    yield ctx.fail(
        f"概况称{total.label} {total.count} 人，但各内设机构的{kind}人数（{listed}）合计 "
        f"{added} 人，超过总数。",
        ctx.at_section(section, total.span),
        stated=Decimal(total.count),
        expected=Decimal(added),
        evidence=[(f"{unit} {c.label}", Decimal(c.count)) for unit, c in per_unit.items()],
        suggestion="核对单位总人数与各内设机构人数；一人兼任两个科室时应注明。",
    )


def _check_bracketed(ctx: Context, section: Section) -> Iterator[Check]:
    """A count followed by its breakdown in brackets: 共4人（正科级 1人，副科级 2 人，工勤 1人）."""
    for match in _BRACKETED.finditer(section.text):
        before = section.text[max(0, match.start() - 16) : match.start()]
        if not any(w in before for w in _STAFF_WORDS):
            continue
        inner = re.sub(r"^\s*其中\s*[：:]?", "", match.group("inner"))
        if _NOT_A_SPLIT.search(inner):
            continue
        items = [_ITEM.fullmatch(piece) for piece in re.split(r"[，,、；;]", inner)]
        if len(items) < 2 or any(i is None for i in items):
            continue
        labels = [i.group("label") for i in items if i is not None]
        if len(set(labels)) < len(labels):
            continue
        added = sum(int(i.group("n")) for i in items if i is not None)
        total = int(match.group("count"))
        if added == total:
            yield ctx.ok()
        elif added < total:
            yield ctx.skip(
                "a bracketed breakdown adds to less than its total: it may list some only"
            )
        else:
            line = section.line_at(match.start("count"))
            yield ctx.fail(
                f"概况中“{match.group(0).strip()}”括号内各项合计 {added} 人，多于前面的 {total} 人。",
                ctx.at_section(section, Span(section.span.path, line, line)),
                stated=Decimal(total),
                expected=Decimal(added),
                evidence=[
                    (i.group("label"), Decimal(i.group("n"))) for i in items if i is not None
                ],
                suggestion="核对总人数与括号内各项人数。",
            )


@rule("profile.staff-total", Severity.WARNING)
def staff_total(ctx: Context) -> Iterator[Check]:
    """The 概况's staff counts add up.

    A department total and its categories of the same kind (在编人员 13 = 行政在编 4 + 事业在编
    9; 编制 N = 行政编制 + 事业编制); a count and its breakdown in brackets (共4人（正科级 1
    人，副科级 2 人，工勤 1 人）), reported only when the parts exceed it; and the internal
    units' counts of one kind (在编 / 聘用), whose sum cannot exceed the department's.
    """
    staff = ctx.doc.profile.staff
    if not staff:
        yield ctx.skip("the 概况 states no staff counts")
        return
    staff = tuple(replace(c, label=_own_label(ctx, c.label)) for c in staff)
    checks: list[Check] = []
    for kind in KINDS:
        of_kind = [c for c in staff if staff_kind(c.label) == kind]
        checks.extend(_check_parts(ctx, kind, [c for c in of_kind if c.scope is None]))
        checks.extend(_check_units(ctx, kind, of_kind))
    for section in _first_part(ctx.doc.sections):
        checks.extend(_check_bracketed(ctx, section))
    if not checks:
        yield ctx.skip("no staff total is stated with its parts or with per-unit counts")
        return
    yield from checks


@rule("profile.internal-units", Severity.WARNING)
def internal_units(ctx: Context) -> Iterator[Check]:
    """The number of internal units the 概况 states (内设7个科室) is the number it lists."""
    profile = ctx.doc.profile
    stated = profile.internal_unit_count
    if stated is None:
        yield ctx.skip("the 概况 states no number of internal units")
        return
    listed = profile.internal_units
    if not listed:
        yield ctx.skip("the 概况 states a number of internal units but lists none")
        return
    if stated == len(listed):
        yield ctx.ok()
        return
    sections = _first_part(ctx.doc.sections)
    section = next((s for s in sections if _UNIT_COUNT.search(s.text)), None)
    section = section or next((s for s in sections if "机构" in s.title), None)
    if section is None:
        yield ctx.skip("the statement of internal units lies outside every section")
        return
    found = _UNIT_COUNT.search(section.text)
    line = section.line_at(found.start()) if found else section.span.line
    yield ctx.fail(
        f"概况称内设 {stated} 个机构，但列出了 {len(listed)} 个（{'、'.join(listed)}）。",
        ctx.at_section(section, Span(section.span.path, line, line)),
        stated=Decimal(stated),
        expected=Decimal(len(listed)),
        evidence=[(name, "列出") for name in listed],
        suggestion="核对内设机构数与逐一列出的机构，二者应一致。",
    )
