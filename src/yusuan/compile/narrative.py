"""The 部门概况, 情况说明 and 名词解释 of a compiled budget, written from its derived tables.

Every figure a sentence states is read from the tables (or the budget's other matters), so
the words cannot disagree with them. Shares are part ÷ whole × 100 and changes D ÷ last year ×
100, each rounded half up to two decimals on its own: a set of shares that should make 100 is
stated as each rounds, never adjusted to add up. The wording is data (data/sentences.toml).
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from importlib.resources import files
from typing import Any

from yusuan.compile.budget import Budget, Source, Use
from yusuan.compile.derive import NOWHERE
from yusuan.compile.lines import CENT, ZERO, Classified, total
from yusuan.model import DocKind, RowKind, Section, Table

NUMBERS = "一二三四五六七八九十"


@cache
def sentences() -> dict[str, Any]:
    return tomllib.loads(files("yusuan.compile").joinpath("data/sentences.toml").read_text("utf-8"))


def say(group: str, key: str, **fields: object) -> str:
    return str(sentences()[group][key]).format(**fields)


def money(value: Decimal) -> str:
    return f"{value.quantize(CENT):f}"


def percent(part: Decimal, whole: Decimal) -> str:
    return f"{(part * 100 / whole).quantize(CENT, rounding=ROUND_HALF_UP):f}"


def change(now: Decimal, before: Decimal) -> str:
    """比上年增加/减少 D 万元，增长/下降 R% (R = D ÷ last year); the direction by the sign."""
    diff = now - before
    if diff == 0:
        return say("change", "same")
    if before == 0:
        return say("change", "from_zero", change=money(diff))
    key = "up" if diff > 0 else "down"
    return say("change", key, change=money(abs(diff)), rate=percent(abs(diff), before))


class Writer:
    """Writes the sections of one budget from its tables."""

    def __init__(self, c: Classified, tables: Iterable[Table]) -> None:
        self.c = c
        self.b: Budget = c.budget
        self.tables = {t.key: t for t in tables}
        self.sections: list[Section] = []
        self.part = ""
        self.fields = {"department": self.b.department, "year": self.b.year}

    def reason(self, of: str) -> str:
        found = [r.text.rstrip("。") for r in self.b.reasons if r.of == of and r.text]
        return say("change", "reason", reason="；".join(found)) + "。" if found else ""

    def changed(self, group: str, now: Decimal, before: Decimal | None, of: str) -> str:
        if before is None:
            return ""
        return say(group, "change", change=change(now, before)) + self.reason(of)

    def add(self, number: str, title: str, *paragraphs: str, level: int = 1) -> None:
        text = "\n".join(p for p in paragraphs if p)
        self.sections.append(Section(self.part, number, title, text, NOWHERE, level))

    def start(self, key: str) -> None:
        self.part = say("parts", key)
        self.add("", say("parts", f"{key}_title", **self.fields))

    # -- 第一部分
    def profile(self) -> None:
        b, p = self.b, self.b.profile
        self.start("profile")
        self.add("一", say("profile", "duties"), *(d for d in p.duties))

        def counts(scope: str | None) -> str:
            mine = [x for x in p.staff if x.scope == scope]
            return "，".join(say("profile", "staff", label=x.label, count=x.count) for x in mine)

        staff = counts(None)
        internal = ""
        if p.internal_units:
            names = "、".join(p.internal_units)
            internal = say(
                "profile", "internal", count=len(p.internal_units), names=names, **self.fields
            )
        # a 预算 states its staff as at the end of last year, a 决算 as at the end of its year
        as_at = b.year if b.kind is DocKind.FINAL else b.year - 1
        lead = say("profile", "staff_lead", year=as_at) + staff + "。" if staff else ""
        # an internal unit with staff of its own gets a line of its own (秘书科：在编人员1人。)
        own = [f"{name}：{counts(name)}。" for name in p.internal_units if counts(name)]
        self.add("二", say("profile", "organisation"), internal, lead, *own)
        names = "、".join(u.name for u in b.units)
        self.add(
            "三",
            say("profile", "units"),
            say("profile", "units_text", count=len(b.units), names=names, **self.fields),
        )

    # -- 第二部分
    def budget(self) -> None:
        self.start("budget")
        summary = self.tables["summary"]
        income_total = _value(summary, "收入总计", "金额")
        expense_total = _value(summary, "支出总计", "金额")
        prior = self.b.prior.totals
        self.add(
            "一",
            say("totals", "title"),
            say(
                "totals",
                "text",
                income=money(income_total),
                expense=money(expense_total),
                **self.fields,
            )
            + self.changed("totals", income_total, prior.get("收入总计"), "收入总计"),
        )
        self.income(income_total)
        self.expense()
        fiscal = _value(self.tables["fiscal_summary"], "收入合计", "金额")
        self.add(
            "四",
            say("fiscal", "title"),
            say("fiscal", "text", total=money(fiscal), **self.fields)
            + self.changed("fiscal", fiscal, prior.get("财政拨款"), "财政拨款"),
        )
        self.general()
        self.basic()
        self.sangong()
        self.gov_fund()
        self.other()

    def income(self, whole: Decimal) -> None:
        lines = self.c.lines
        parts: list[tuple[str, Decimal]] = []
        for source in Source:
            amount = total(x for x in lines if x.source is source and not x.carried_over)
            if amount:
                name = "一般公共预算拨款收入" if source is Source.GENERAL else _income_name(source)
                parts.append((name, amount))
        carried = total(x for x in lines if x.carried_over)
        if carried:
            parts.append(("上年结转结余", carried))
        text = "；".join(
            say("income", "part", name=n, amount=money(a), share=percent(a, whole))
            for n, a in parts
        )
        self.add(
            "二",
            say("income", "title"),
            say("income", "text", total=money(whole), parts=text, **self.fields) if whole else "",
        )

    def expense(self) -> None:
        lines = self.c.lines
        whole = total(lines)
        parts = [
            ("基本支出", total(self.c.basic(lines))),
            ("项目支出", total(self.c.project_lines(lines))),
        ]
        text = "；".join(
            say("expense", "part", name=n, amount=money(a), share=percent(a, whole))
            for n, a in parts
            if a
        )
        self.add(
            "三",
            say("expense", "title"),
            say("expense", "text", total=money(whole), parts=text, **self.fields) if whole else "",
        )

    def general(self) -> None:
        table = self.tables["gpb_expenditure"]
        whole = _value(table, "合计", "合计")
        # by code over the whole department: a table of several units repeats a code per unit
        by_code: dict[str, Decimal] = {}
        for r in table.rows:
            if r.code and r.kind is RowKind.CODE:
                by_code[r.code] = by_code.get(r.code, ZERO) + r.value("合计")
        classes = [(self.c.name(k), v) for k, v in sorted(by_code.items()) if len(k) == 3]
        text = say("general", "text", total=money(whole), **self.fields)
        text += self.changed(
            "general", whole, self.b.prior.totals.get("一般公共预算"), "一般公共预算"
        )
        if classes and whole:
            parts = "；".join(
                say("general", "class_part", name=n, amount=money(a), share=percent(a, whole))
                for n, a in classes
            )
            text += say("general", "classes", parts=parts)
        items = [self.item(k, v) for k, v in sorted(by_code.items()) if len(k) == 7]
        self.add("五", say("general", "title"), text, *items)

    def item(self, code: str, amount: Decimal) -> str:
        names = {len(k): self.c.name(k) for k in (code[:3], code[:5], code)}
        xiang = names[7]
        use = self.b.uses.get(code, "").rstrip("。") or say("general", "default_use", xiang=xiang)
        text = say(
            "general",
            "item",
            klass=names[3],
            kuan=names[5],
            xiang=xiang,
            amount=money(amount),
            use=use,
        )
        prior = self.b.prior.functions.get(code)
        if prior is None:
            return text
        if prior == 0 and amount:
            return text + say("general", "item_new", amount=money(amount)) + self.reason(code)
        body = say(
            "general",
            "item_prior",
            prior=money(prior),
            amount=money(amount),
            change=change(amount, prior),
        )
        return text + body + self.reason(code)

    def basic(self) -> None:
        basic = [x for x in self.c.basic(self.c.general_lines)]
        whole = total(basic)
        if not whole:
            self.add("六", say("basic", "title"), say("basic", "none", **self.fields))
            return
        parts = []
        for use in (Use.PERSONNEL, Use.PUBLIC):
            mine = [x for x in basic if self.c.use(x) is use]
            amount = total(mine)
            if amount:
                items = "、".join(
                    dict.fromkeys(
                        self.c.name(x.economic) for x in sorted(mine, key=lambda x: x.economic)
                    )
                )
                parts.append(
                    say(
                        "basic",
                        "part",
                        name=use.value,
                        amount=money(amount),
                        share=percent(amount, whole),
                        items=items,
                    )
                )
        self.add(
            "六",
            say("basic", "title"),
            say("basic", "text", total=money(whole), parts="；".join(parts), **self.fields),
        )

    def sangong(self) -> None:
        from yusuan.compile.sections import sangong_paragraphs

        self.add("七", say("sangong", "title"), *sangong_paragraphs(self))

    def gov_fund(self) -> None:
        amount = _value(self.tables["gov_fund"], "合计", "合计")
        key = "text" if amount else "empty"
        self.add(
            "八", say("gov_fund", "title"), say("gov_fund", key, total=money(amount), **self.fields)
        )

    def other(self) -> None:
        from yusuan.compile.sections import other_sections

        self.add("九", say("other", "title"))
        other_sections(self)

    def glossary(self) -> None:
        self.start("glossary")
        for i, (term, meaning) in enumerate(sentences()["glossary"]["items"]):
            self.add(_number(i + 1), term, meaning)


def _number(n: int) -> str:
    from yusuan.compile.derive import chinese_number

    return chinese_number(n)


def _income_name(source: Source) -> str:
    return {
        Source.GOV_FUND: "政府性基金预算拨款收入",
        Source.STATE_CAPITAL: "国有资本经营预算拨款收入",
        Source.SPECIAL_ACCOUNT: "财政专户管理资金收入",
    }.get(source, source.value)


def _value(table: Table, name: str, column: str) -> Decimal:
    for row in table.rows:
        if row.name == name:
            return row.value(column)
    return ZERO


def narrative(c: Classified, tables: Iterable[Table]) -> tuple[Section, ...]:
    """The sections of the budget's disclosure, in the order they are published."""
    if c.budget.kind is DocKind.FINAL:
        from yusuan.compile.final_narrative import FinalWriter, final_narrative

        return final_narrative(FinalWriter(c, tables))
    writer = Writer(c, tables)
    writer.profile()
    writer.budget()
    writer.glossary()
    return tuple(writer.sections)
