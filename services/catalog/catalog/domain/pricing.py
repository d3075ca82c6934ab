"""The price reference: each product is compared with the median price of the approved products of
its category and unit, and flagged when it is more than a set share above it (a mark-up a buyer, an
approver and an auditor should notice)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Sequence


@dataclass(frozen=True)
class PricePoint:
    """An approved price of a product, from when it took effect."""

    price: int
    effective_at: datetime


def median(sorted_prices: Sequence[int]) -> int:
    """The median of prices in ascending order, in whole rupiah (a half rupiah rounds up).

    Also right when given only the middle one or two prices of a longer sorted list, which is how
    storage reads a median without loading the whole group.
    """
    if not sorted_prices:
        raise ValueError("the median of no prices")
    middle = len(sorted_prices) // 2
    if len(sorted_prices) % 2:
        return sorted_prices[middle]
    low, high = sorted_prices[middle - 1], sorted_prices[middle]
    return (low + high + 1) // 2


def middle_positions(count: int) -> tuple[int, int]:
    """Zero-based offset and length of the one or two prices a median of ``count`` sorted ones needs."""
    if count <= 0:
        raise ValueError("no prices")
    return ((count - 1) // 2, 1 if count % 2 else 2)


@dataclass(frozen=True)
class MarkupRule:
    """A price is *above reference* when it exceeds the reference by more than ``threshold_percent``.

    Kept as a whole-number ratio (``price * denominator > reference * numerator``) so that the database
    can count flagged products with exactly the comparison Python makes, without floats.
    """

    threshold_percent: int

    def __post_init__(self) -> None:
        if self.threshold_percent < 0:
            raise ValueError("the markup threshold cannot be negative")

    @property
    def numerator(self) -> int:
        return 100 + self.threshold_percent

    @property
    def denominator(self) -> int:
        return 100

    def is_above(self, price: int, reference: int | None) -> bool:
        return reference is not None and price * self.denominator > reference * self.numerator
