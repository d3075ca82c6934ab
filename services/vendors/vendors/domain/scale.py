"""Business scale per PP 7/2021 (Article 35): micro, small and medium enterprises by capital and annual sales."""
from __future__ import annotations

from enum import StrEnum

BILLION = 1_000_000_000


class Scale(StrEnum):
    MICRO = "micro"
    SMALL = "small"
    MEDIUM = "medium"
    LARGE = "large"


# Smallest first. The ceilings are inclusive: the regulation says "paling banyak" (at most).
_CEILINGS: tuple[tuple[Scale, int, int], ...] = (
    (Scale.MICRO, 1 * BILLION, 2 * BILLION),
    (Scale.SMALL, 5 * BILLION, 15 * BILLION),
    (Scale.MEDIUM, 10 * BILLION, 50 * BILLION),
)
UMKM_SCALES = tuple(scale for scale, _, _ in _CEILINGS)
"""Micro, small and medium: the scales a vendor may have (a large business is never admitted)."""
_ORDER = [*UMKM_SCALES, Scale.LARGE]


def classify(capital: int, annual_sales: int) -> Scale:
    """The scale of a business with this capital (excluding land and buildings) and these annual sales.

    PP 7/2021 classifies a business founded after it by its capital and an existing business by its
    annual sales; the platform does not know which applies, so it takes the larger of the two classes.
    That is the conservative reading: a business is only as small as both figures allow, so one with
    small capital but medium sales (or the reverse) cannot claim the smaller class, and set-asides for
    micro and small vendors go to businesses that really are that small.
    """
    by_capital = next((scale for scale, ceiling, _ in _CEILINGS if capital <= ceiling), Scale.LARGE)
    by_sales = next((scale for scale, _, ceiling in _CEILINGS if annual_sales <= ceiling), Scale.LARGE)
    return max(by_capital, by_sales, key=_ORDER.index)
