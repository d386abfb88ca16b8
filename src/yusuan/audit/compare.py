"""Comparing a stated figure with an expected one, at the precision each was printed to.

Printed figures are rounded independently, so a total may differ from the sum of its parts
by up to half a unit of the last digit per figure without anyone having erred. A comparison
says which it saw: the same figure, a difference rounding explains, or a real difference.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Context, Decimal
from enum import StrEnum

from yusuan.model import MoneyUnit

HUNDRED = Decimal(100)


class Verdict(StrEnum):
    SAME = "same"
    ROUNDING = "rounding"
    DIFFERENT = "different"


def precision(value: Decimal) -> Decimal:
    """The unit of the last printed digit: 0.01 for 12.30, 1 for 36."""
    exp = value.as_tuple().exponent
    return Decimal(1).scaleb(exp) if isinstance(exp, int) and exp < 0 else Decimal(1)


def rounded(value: Decimal, like: Decimal, rounding: str = ROUND_HALF_UP) -> Decimal:
    """`value` to the digits `like` was printed with (half up, or as `rounding` says)."""
    unit = precision(like)
    # As many digits as the result has: a figure of more digits than the default context's 28
    # (digits of garbled text run together) must not make quantize raise InvalidOperation.
    digits = max(value.adjusted(), 0) - unit.adjusted() + 2
    return value.quantize(unit, rounding=rounding, context=Context(prec=max(28, digits)))


def agree(stated: Decimal, expected: Decimal, slack: Decimal = Decimal(0)) -> Verdict:
    """`stated` against the exact `expected`, which its inputs' rounding makes uncertain by
    `slack`. The same figure once `expected` is rounded as `stated` was printed is SAME."""
    if stated == expected:
        return Verdict.SAME  # rounding a figure to the digits it was printed with keeps it
    diff = abs(stated - expected)
    half = precision(stated) / 2
    if diff > half and diff > slack + half:
        # Rounding moves `expected` by half a unit at most, so it cannot print as `stated`:
        # the common failing case, decided without quantizing.
        return Verdict.DIFFERENT
    if stated == rounded(expected, stated):
        return Verdict.SAME
    if diff <= slack + half:
        return Verdict.ROUNDING
    return Verdict.DIFFERENT


def sum_slack(count: int, quantum: Decimal = Decimal("0.01")) -> Decimal:
    """What independent rounding of `count` printed figures can explain."""
    return quantum / 2 * max(count, 1)


def to_unit(value: Decimal, unit: MoneyUnit, target: MoneyUnit) -> Decimal:
    return value * unit.in_yuan / target.in_yuan


def share(
    part: Decimal, whole: Decimal, quantum: Decimal = Decimal("0.01")
) -> tuple[Decimal, Decimal]:
    """part / whole × 100 and how far rounding of both figures can move it."""
    value = part / whole * HUNDRED
    half = quantum / 2
    low = (part - half) / (whole + half) * HUNDRED if whole + half else value
    high = (part + half) / (whole - half) * HUNDRED if whole - half else value
    return value, max(abs(high - value), abs(value - low))


def fmt(value: Decimal | None) -> str:
    if value is None:
        return "—"
    return format(value.normalize() if value == value.to_integral() else value, "f")
