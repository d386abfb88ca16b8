"""Whether two disclosures are the same department's, and whether one can be checked against the other.

Departments are matched by their code when both documents print one, else by name — normalised
(width, spaces, 中国共产党 → 中共, 委员会 → 委, a read cut short) and tolerant of the renames a
document states (原XX局 / 更名为 / 机构改革 … 组建). A document whose name the reader did not find
is matched by the other's name printed in its own titles (表名, the cover). Every answer says why:
a reviewer given "不是同一部门" must see what differed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from yusuan.departments import normalise
from yusuan.model import Disclosure, DocKind

# A department's name ends in one of these (the longest first, so 办公厅 wins over 办).
_ORGAN = "委员会|办公厅|办公室|办事处|管理局|领导小组|中心|局|厅|委|办|院|会|部|处|所|站|室|馆|队|署|社|团|庭"
_NAME = rf"[\u4e00-\u9fa5（）()]{{2,30}}?(?:{_ORGAN})"
# Sentences that speak of a reorganisation: only in them is 原XX a former name of the department.
_REFORM = re.compile(r"更名|改名|机构改革|组建|整合|合并|划入|划转|撤销|挂牌|不再保留|改设")
_FORMER = (
    re.compile(rf"原({_NAME})"),  # 原江苏省文化厅
    re.compile(rf"({_NAME})(?:更名|改名)为"),  # 江苏省文化厅更名为…
)
_COMPLETE = re.compile(rf"(?:{_ORGAN}|政府|机关)$")
_SENTENCE = re.compile(r"[^。；;！!\n]+")
# The shortest name that may be matched as the end, or the start, of a longer one (高级人民法院
# printed without its 江苏省; a name the reader cut short at a line's end).
_MIN_SUFFIX = 5
_MIN_PREFIX = 6
# Lines of the cover and the table titles: where a document prints its own department's name.
_COVER_LINES = 30


@dataclass(frozen=True, slots=True)
class DepartmentMatch:
    """The answer of `same_department`: true or false, and why, in a reviewer's words."""

    same: bool
    reason: str

    def __bool__(self) -> bool:
        return self.same


def stated_former_names(doc: Disclosure) -> set[str]:
    """The former names the document says the department had (原XX局, XX局更名为…), normalised,
    read only from sentences that speak of a reorganisation."""
    text = "".join(line.strip() for line in doc.all_lines)
    text += "。".join(section.text.replace("\n", "") for section in doc.sections)
    found: set[str] = set()
    for sentence in _SENTENCE.findall(text):
        if not _REFORM.search(sentence):
            continue
        for pattern in _FORMER:
            found.update(normalise(m.group(1)) for m in pattern.finditer(sentence))
    return {name for name in found if len(name) >= 3}


def printed_names(doc: Disclosure) -> str:
    """The document's table titles and cover, normalised and run together: where it prints its
    own name (2018 年度江苏省高级人民法院收支预算总表)."""
    titles = [t.title for t in doc.tables]
    cover = [line.strip() for line in doc.all_lines[:_COVER_LINES]]
    return normalise("".join([*titles, *cover]).replace("中国共产党", "中共"))


def scope_of(doc: Disclosure) -> str | None:
    """部门 or 单位: whether the disclosure is a department's (its units together) or one unit's,
    as its headings say (as `text.dept-wording` reads them); None when they say neither."""
    from yusuan.audit.engine import Context
    from yusuan.audit.rules.text import DEPT_TITLE, UNIT_TITLE, heading_lines

    headings = heading_lines(Context(doc))
    if any(DEPT_TITLE.search(h) for h in headings):
        return "部门"
    return "单位" if any(UNIT_TITLE.search(h) for h in headings) else None


def _names_agree(a: str, b: str) -> str | None:
    """Why two normalised names are one department's, or None."""
    if a == b:
        return f"部门名称相同（{a}）"
    short, long = sorted((a, b), key=len)
    if len(short) >= _MIN_SUFFIX and long.endswith(short):
        return f"部门名称一致（{short} 即 {long}）"
    # a name cut short ends mid-word: one ending in 局, 政府 … is complete, and the longer is
    # another body under it (上海市普陀区人民政府 / …人民政府万里街道办事处)
    if len(short) >= _MIN_PREFIX and long.startswith(short) and not _COMPLETE.search(short):
        return f"部门名称一致（{short} 为 {long} 读取时截短）"
    return None


@dataclass(frozen=True, slots=True)
class Identity:
    """What `same_department` knows of a document's department: its code and name as read,
    whether it is a 部门's or a 单位's disclosure, the former names it states and the names
    its titles and cover print. Small and plain, so that a store can keep it beside the
    document and match departments without reading the documents again."""

    code: str | None
    name: str | None
    scope: str | None  # 部门 / 单位 / None
    former: tuple[str, ...]  # normalised (stated_former_names)
    printed: str  # normalised (printed_names)


def identity_of(doc: Disclosure) -> Identity:
    """The facts `same_department` matches `doc`'s department by."""
    return Identity(
        code=doc.meta.department_code,
        name=doc.meta.department,
        scope=scope_of(doc),
        former=tuple(sorted(stated_former_names(doc))),
        printed=printed_names(doc),
    )


def same_department(current: Disclosure, other: Disclosure) -> DepartmentMatch:
    """Whether `other` is the same department's disclosure as `current`, and why.

    By code when both print a department code; else by name, a stated rename (原XX / 更名为 /
    机构改革 in either document) or, when one document's name was not read, the other's name
    printed in its titles (see `same_identity`).
    """
    return same_identity(identity_of(current), identity_of(other))


def same_identity(a: Identity, b: Identity) -> DepartmentMatch:
    """`same_department` of two documents known by their `Identity` (`a` the current one)."""
    scopes = (a.scope, b.scope)
    if None not in scopes and scopes[0] != scopes[1]:
        return DepartmentMatch(
            False, f"一为{scopes[0]}公开、一为{scopes[1]}公开：所含单位不同，数字不可相比"
        )
    if a.code and b.code:
        if a.code == b.code:
            return DepartmentMatch(True, f"部门编码相同（{a.code}）")
        code_differs = f"部门编码不同（{a.code} 与 {b.code}）"
    else:
        code_differs = ""
    na, nb = normalise(a.name), normalise(b.name)
    if na and nb:
        why = _names_agree(na, nb)
        if why and not code_differs:
            return DepartmentMatch(True, why)
    for who, name, then in ((a, nb, b.name), (b, na, a.name)):
        if name and name in who.former:
            said = "本年" if who is a else "对照文件"
            return DepartmentMatch(True, f"{said}公开说明由原{then}更名或改组")
    if code_differs:
        return DepartmentMatch(False, code_differs)
    for who, name in ((a, nb), (b, na)):
        if name and len(name) >= _MIN_SUFFIX and name in who.printed:
            return DepartmentMatch(True, f"表名或封面印有同一部门名称（{name}）")
    if not na or not nb:
        known = a.name or b.name
        which = "对照文件" if na else "本文件"
        if not known:
            return DepartmentMatch(False, "两个文件都未能读出部门名称")
        return DepartmentMatch(False, f"未能读出{which}的部门名称，其表名与封面中也未见“{known}”")
    return DepartmentMatch(False, f"部门名称不同（{a.name} 与 {b.name}），也未见更名说明")


def pairing(current: Disclosure, other: Disclosure) -> str | None:
    """What `other` is to `current` when one can be checked against the other: 上年 (the year
    before's disclosure of the same kind) or 预算 (the budget a 决算 executes); None otherwise."""
    a, b = current.meta, other.meta
    if a.year is None or b.year is None or a.kind is None or b.kind is None:
        return None
    if b.year == a.year - 1 and a.kind is b.kind:
        return "上年"
    if b.year == a.year and a.kind is DocKind.FINAL and b.kind is DocKind.BUDGET:
        return "预算"
    return None


def why_not_paired(current: Disclosure, other: Disclosure) -> str:
    """Why `other` cannot be checked against `current` (its year or kind), in one phrase."""
    a, b = current.meta, other.meta
    if a.year is None or b.year is None:
        return "未能读出年度"
    if a.kind is None or b.kind is None:
        return "未能读出是预算还是决算"
    return (
        f"对照文件为 {b.year} 年{b.kind.value}，本文件为 {a.year} 年{a.kind.value}："
        f"应为上一年度的{a.kind.value}" + ("或同年的预算" if a.kind is DocKind.FINAL else "")
    )
