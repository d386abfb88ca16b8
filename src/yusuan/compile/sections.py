"""The 情况说明 paragraphs on the other matters: 三公经费 with their activity counts,
机关运行经费, 政府采购, 国有资产占用 and 绩效目标 (split from `narrative` to keep each short)."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from yusuan.compile.budget import Budget
from yusuan.compile.lines import ZERO, cents, total

if TYPE_CHECKING:
    from yusuan.compile.narrative import Writer

PRIOR_SANGONG = ("因公出国（境）费", "公务用车购置费", "公务用车运行费", "公务接待费")


def _counted(w: Writer, key: str, amount: Decimal, **counts: int | None) -> str:
    """The activity sentence only where the input states every count it needs."""
    from yusuan.compile.narrative import say

    if any(v is None for v in counts.values()) or not amount:
        return ""
    return say("sangong", key, **counts)


def sangong_paragraphs(w: Writer) -> list[str]:
    from yusuan.compile.narrative import change, money, say

    row = w.tables["sangong"].rows[0]
    s = w.b.sangong
    whole = row.value("“三公”经费合计")
    prior = w.b.prior.sangong
    lead = say("sangong", "text", total=money(whole), **w.fields)
    if prior:
        before = sum((prior.get(k, ZERO) for k in PRIOR_SANGONG), ZERO)
        lead += say("sangong", "change", change=change(whole, before)) + w.reason("三公")
    abroad = row.value("因公出国（境）费")
    bought = row.value("公务用车购置及运行费/公务用车购置费")
    running = row.value("公务用车购置及运行费/公务用车运行费")
    cars = row.value("公务用车购置及运行费/小计")
    reception = row.value("公务接待费")
    return [
        lead,
        "（一）"
        + say("sangong", "abroad", amount=money(abroad))
        + _counted(w, "abroad_count", abroad, trips=s.trips, travellers=s.travellers),
        "（二）"
        + say("sangong", "cars", amount=money(cars), bought=money(bought), running=money(running))
        + _counted(
            w, "cars_count", cars, vehicles_bought=s.vehicles_bought, vehicles_held=s.vehicles_held
        ),
        "（三）"
        + say("sangong", "reception", amount=money(reception))
        + _counted(w, "reception_count", reception, receptions=s.receptions, guests=s.guests),
    ]


def assets_text(b: Budget, fields: dict[str, Any], as_of: int) -> str:
    """国有资产占用: the vehicles and equipment held at the end of `as_of` (a budget states last
    year's end, a 决算 its own year's), or nothing when the input states neither."""
    from yusuan.compile.narrative import say

    a = b.assets
    if a.vehicles is None and a.equipment_over_million is None:
        return ""
    return say(
        "other",
        "assets_text",
        prior_year=as_of,
        vehicles=a.vehicles or 0,
        equipment=a.equipment_over_million or 0,
        **fields,
    )


def other_sections(w: Writer) -> None:
    from yusuan.compile.narrative import change, money, percent, say

    b, f = w.b, w.fields
    operating = w.c.operating
    text = say("other", "operating_text", amount=money(operating), **f)
    if b.prior.operating is not None:
        diff = change(operating, b.prior.operating)
        text += say("other", "operating_change", change=diff) + w.reason("机关运行经费")
    w.add("一", say("other", "operating"), text, level=2)

    p = b.procurement
    whole = cents(p.goods + p.works + p.services)
    text = say(
        "other",
        "procurement_text",
        total=money(whole),
        goods=money(cents(p.goods)),
        works=money(cents(p.works)),
        services=money(cents(p.services)),
        **f,
    )
    if p.sme_reserved is not None and whole:
        text += say(
            "other",
            "procurement_sme",
            amount=money(cents(p.sme_reserved)),
            share=percent(p.sme_reserved, whole),
        )
    w.add("二", say("other", "procurement"), text, level=2)

    w.add("三", say("other", "assets"), assets_text(b, f, b.year - 1), b.assets.note, level=2)

    spent = w.c.project_lines(w.c.lines)
    funded = {line.project for line in spent}
    if funded:
        text = say("other", "performance_text", count=len(funded), amount=money(total(spent)), **f)
    else:
        text = say("other", "performance_none", **f)
    w.add("四", say("other", "performance"), text, level=2)
