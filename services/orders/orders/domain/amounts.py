"""Money of an order: line totals, subtotal, VAT (PPN) and total, in integer rupiah.

VAT is charged only when the vendor is VAT-registered (PKP), at the deployment's effective rate
(11% by default: 12% on a base of 11/12 of the price), on the subtotal, and rounded DOWN to the whole
rupiah: ``vat = floor(subtotal * rate)``. Nothing is ever a float.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Iterable

DEFAULT_VAT_PERCENT = "11"


def vat_rate(percent: str) -> Fraction:
    """The VAT rate from a percentage written as a decimal ("11", "11.5"); ValueError otherwise."""
    try:
        rate = Fraction(Decimal(percent)) / 100
    except (InvalidOperation, ValueError) as exc:
        raise ValueError(f"VAT percentage is not a number: {percent!r}") from exc
    if not 0 <= rate < 1:
        raise ValueError(f"VAT percentage must be from 0 to under 100, got {percent!r}")
    return rate


@dataclass(frozen=True)
class Amounts:
    subtotal: int
    vat: int
    total: int


def line_total(quantity: int, unit_price: int) -> int:
    return quantity * unit_price


def amounts_of(line_totals: Iterable[int], *, vat_registered: bool, rate: Fraction) -> Amounts:
    subtotal = sum(line_totals)
    vat = int(subtotal * rate) if vat_registered else 0  # int() of a non-negative Fraction rounds down
    return Amounts(subtotal=subtotal, vat=vat, total=subtotal + vat)
