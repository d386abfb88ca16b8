"""The 情况说明 of a 决算: each figure its 决算数 from the tables; the item paragraphs hold it
against the 年初预算数 (and 调整预算数) the input gives, `完成年初预算的 R%` with R = F ÷ B × 100
and the comparison word by F against B. Wording in data/sentences.toml `[final]`."""

from __future__ import annotations

from decimal import Decimal

from yusuan.compile import final_balances as fb
from yusuan.compile.budget import Source, Use
from yusuan.compile.lines import ZERO, cents, total
from yusuan.compile.narrative import Writer, change, money, percent, say
from yusuan.compile.sections import assets_text
from yusuan.model import RowKind, Section


def _f(key: str, **fields: object) -> str:
    return say("final", key, **fields)


class FinalWriter(Writer):
    def budget(self) -> None:
        self.part = say("parts", "budget")
        self.add("", _f("budget_title", **self.fields))
        b, lines = self.b, self.c.lines
        whole = total(lines)
        closing = fb.closing(b)
        # 收入总计 = 本年收入 + 年初结转和结余 = 本年支出 + 年末结转和结余
        text = _f(
            "totals", income=money(whole + closing), expense=money(whole + closing), **self.fields
        )
        if closing:
            text += _f("totals_balances", opening=money(fb.opening(b)), closing=money(closing))
        prior = self.b.prior.totals.get("收入总计")
        if prior is not None:
            text += _f("totals_change", change=change(whole, prior)) + self.reason("收入总计")
        self.add("一", _f("totals_title"), text)
        this_year = fb.income(b)
        parts = []
        for name, sources in (
            ("财政拨款收入", (Source.GENERAL, Source.GOV_FUND)),
            ("上级补助收入", (Source.SUPERIOR,)),
            ("事业收入", (Source.BUSINESS,)),
            ("经营收入", (Source.OPERATING,)),
            ("附属单位上缴收入", (Source.AFFILIATED,)),
            ("其他收入", (Source.OTHER,)),
        ):
            amount = fb.income(b, sources)
            if amount:
                parts.append(
                    _f(
                        "income_part",
                        name=name,
                        amount=money(amount),
                        share=percent(amount, this_year),
                    )
                )
        if this_year:
            self.add(
                "二",
                _f("income_title"),
                _f("income", total=money(this_year), parts="；".join(parts), **self.fields),
            )
        basic, project = total(self.c.basic(lines)), total(self.c.project_lines(lines))
        parts = [
            _f("expense_part", name=n, amount=money(a), share=percent(a, whole))
            for n, a in (("基本支出", basic), ("项目支出", project))
            if a
        ]
        if whole:
            self.add(
                "三",
                _f("expense_title"),
                _f("expense", total=money(whole), parts="；".join(parts), **self.fields),
            )
        both = (Source.GENERAL, Source.GOV_FUND)
        fiscal_closing = fb.closing(b, both)
        fiscal = total(x for x in lines if x.source in both) + fiscal_closing
        text = _f("fiscal", total=money(fiscal), **self.fields)
        if fiscal_closing:
            text += _f("fiscal_closing", closing=money(fiscal_closing))
        self.add("四", _f("fiscal_title"), text)
        self.general()
        self.basic()
        self.sangong()
        self.gov_fund()
        self.other()

    def general(self) -> None:
        table = self.tables["gpb_expenditure"]
        by_code: dict[str, Decimal] = {}
        for r in table.rows:
            if r.code and r.kind is RowKind.CODE:
                by_code[r.code] = by_code.get(r.code, ZERO) + r.value("合计")
        whole = total(self.c.general_lines)
        items = [self.item(k, v) for k, v in sorted(by_code.items()) if len(k) == 7]
        self.add(
            "五", _f("general_title"), _f("general", total=money(whole), **self.fields), *items
        )

    def item(self, code: str, amount: Decimal) -> str:
        # the 决算数 right after the item's name, as the audit binds an item's figure
        names = {
            "klass": self.c.name(code[:3]),
            "kuan": self.c.name(code[:5]),
            "xiang": self.c.name(code),
        }
        text = _f("item", amount=money(amount), **names)
        final = next((f for f in self.b.final_items if f.function == code), None)
        if final is None:
            return text
        initial = cents(final.initial)
        if not initial:
            return text + _f("item_no_budget", amount=money(amount))
        adjusted = (
            _f("item_adjusted", adjusted=money(cents(final.adjusted)))
            if final.adjusted is not None
            else ""
        )
        text += _f(
            "item_budget",
            initial=money(initial),
            adjusted=adjusted,
            amount=money(amount),
            rate=percent(amount, initial),
        )
        if final.reason:
            compare = "大于" if amount > initial else "小于" if amount < initial else "等于"
            text += _f("item_reason", compare=compare, reason=final.reason.rstrip("。"))
        return text

    def basic(self) -> None:
        lines = self.c.basic(self.c.general_lines)
        whole = total(lines)
        parts = []
        for use in (Use.PERSONNEL, Use.PUBLIC):
            mine = sorted((x for x in lines if self.c.use(x) is use), key=lambda x: x.economic)
            if mine:
                items = "、".join(dict.fromkeys(self.c.name(x.economic) for x in mine))
                parts.append(
                    _f("basic_part", name=use.value, amount=money(total(mine)), items=items)
                )
        self.add(
            "六",
            _f("basic_title"),
            _f("basic", total=money(whole), parts="；".join(parts), **self.fields),
        )

    def sangong(self) -> None:
        row = self.tables["sangong"].rows[0]
        budget, spent = row.value("预算数/合计"), row.value("“三公”经费合计")
        text = _f("sangong", budget=money(budget), spent=money(spent), **self.fields)
        if budget:
            text += _f("sangong_rate", rate=percent(spent, budget))
        items = [
            _f(
                "sangong_item",
                name=name,
                budget=money(row.value(f"预算数/{column}")),
                spent=money(row.value(column)),
            )
            for name, column in (
                ("因公出国（境）费", "因公出国（境）费"),
                ("公务用车购置及运行费", "公务用车购置及运行费/小计"),
                ("公务接待费", "公务接待费"),
            )
        ]
        self.add("七", _f("sangong_title"), text, *items)

    def gov_fund(self) -> None:
        amount = total(x for x in self.c.lines if x.source is Source.GOV_FUND)
        closing = fb.closing(self.b, (Source.GOV_FUND,))
        key = "gov_fund" if amount or fb.flows(self.b, (Source.GOV_FUND,)) else "gov_fund_empty"
        text = _f(key, total=money(amount), **self.fields)
        if closing:
            text += _f("gov_fund_closing", closing=money(closing))
        self.add("八", _f("gov_fund_title"), text)

    def other(self) -> None:
        b, f = self.b, self.fields
        self.add("九", say("other", "title"))
        self.add(
            "一",
            say("other", "operating"),
            _f("operating", amount=money(self.c.operating), **f),
            level=2,
        )
        p = b.procurement
        text = _f(
            "procurement",
            total=money(cents(p.goods + p.works + p.services)),
            goods=money(cents(p.goods)),
            works=money(cents(p.works)),
            services=money(cents(p.services)),
            **f,
        )
        self.add("二", say("other", "procurement"), text, level=2)
        text = assets_text(b, f, b.year)
        self.add("三", say("other", "assets"), text, b.assets.note, level=2)
        spent = self.c.project_lines(self.c.lines)
        count = len({x.project for x in spent})
        text = (
            _f("performance", count=count, amount=money(total(spent)), **f)
            if count
            else _f("performance_none", **f)
        )
        self.add("四", say("other", "performance"), text, level=2)


def final_narrative(writer: FinalWriter) -> tuple[Section, ...]:
    writer.profile()
    writer.budget()
    writer.glossary()
    return tuple(writer.sections)
