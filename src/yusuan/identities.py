"""Arithmetic identities between columns of a row, and the tolerance rounding allows.

An identity is written as data (in a template) as `A = B + C - D` or `A <= B` (A is a
`其中` part of B). The reader uses them to place values whose blank cells vanished; the
audit uses them to find errors.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

ZERO = Decimal(0)
HALF_CENT = Decimal("0.005")


@dataclass(frozen=True, slots=True)
class Identity:
    left: str
    terms: tuple[tuple[int, str], ...]  # (+1 | -1, column)
    part_of: bool = False  # `left <= right`: a 其中 line, never added to its parent

    @property
    def columns(self) -> tuple[str, ...]:
        return (self.left, *(c for _, c in self.terms))

    def expected(self, values: Mapping[str, Decimal]) -> Decimal:
        return sum((sign * values.get(col, ZERO) for sign, col in self.terms), ZERO)

    def __str__(self) -> str:
        if self.part_of:
            return f"{self.left} <= {self.terms[0][1]}"
        rhs = " ".join(("+ " if s > 0 else "- ") + c for s, c in self.terms)
        return f"{self.left} = {rhs.removeprefix('+ ')}"


_TERM = re.compile(r"\s*([+-])\s*")


def parse_identity(text: str) -> Identity:
    """Parse `A = B + C - D` or `A <= B`; raises ValueError with the text on bad syntax."""
    if "<=" in text:
        left, right = (s.strip() for s in text.split("<=", 1))
        if not left or not right:
            raise ValueError(f"bad identity: {text!r}")
        return Identity(left, ((1, right),), part_of=True)
    if text.count("=") != 1:
        raise ValueError(f"bad identity: {text!r}")
    left, right = (s.strip() for s in text.split("=", 1))
    pieces = _TERM.split(" + " + right)
    terms: list[tuple[int, str]] = []
    for sign, col in zip(pieces[1::2], pieces[2::2], strict=True):
        if not col.strip():
            raise ValueError(f"bad identity: {text!r}")
        terms.append((1 if sign == "+" else -1, col.strip()))
    if not left or not terms:
        raise ValueError(f"bad identity: {text!r}")
    return Identity(left, tuple(terms))


def quantum_of(values: list[Decimal] | tuple[Decimal, ...]) -> Decimal:
    """The finest precision printed among `values` (0.01 for `12.30`, 1 for `1,200`)."""
    exponent = 0
    for v in values:
        exp = v.as_tuple().exponent
        if isinstance(exp, int):
            exponent = min(exponent, exp)
    return Decimal(1).scaleb(exponent)


def tolerance(count: int, quantum: Decimal = Decimal("0.01")) -> Decimal:
    """The most independent rounding of `count` printed figures can explain."""
    return quantum / 2 * max(count, 1)


def holds(identity: Identity, values: Mapping[str, Decimal], quantum: Decimal) -> bool:
    """Whether the identity holds within rounding; blank columns count as zero."""
    left = values.get(identity.left, ZERO)
    if identity.part_of:
        parent = values.get(identity.terms[0][1], ZERO)
        if left == ZERO:
            return True
        return parent != ZERO and left <= parent + quantum / 2
    filled = 1 + sum(1 for _, c in identity.terms if values.get(c, ZERO) != ZERO)
    return abs(left - identity.expected(values)) <= tolerance(filled, quantum)
