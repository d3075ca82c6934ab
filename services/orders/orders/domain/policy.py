"""The rules a deployment sets for orders (read from EORDER_ORDERS_* in orders.settings)."""
from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

DEFAULT_CEILING = 50_000_000


@dataclass(frozen=True)
class OrderPolicy:
    ceiling: int = DEFAULT_CEILING
    vat_rate: Fraction = Fraction(11, 100)
    split_window_days: int = 30
    coached_only: bool = False
    default_lead_time_days: int = 1
    approval_days: int = 3
    vendor_response_days: int = 3
    receipt_check_days: int = 3
    reminder_days: int = 1
    """A reminder leaves when this many working days (or fewer) are left before a deadline."""
    service_categories: frozenset[str] = frozenset()
    """Category slugs that are services rather than goods (income-tax withholding differs)."""
