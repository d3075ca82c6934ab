"""Integer rupiah: line totals, subtotal, VAT rounded down to the whole rupiah, total."""
from __future__ import annotations

from fractions import Fraction

import pytest

from orders.domain.amounts import amounts_of, vat_rate

pytestmark = pytest.mark.unit

ELEVEN = Fraction(11, 100)


@pytest.mark.parametrize(
    ("lines", "vat"),
    [
        ([1_500_000], 165_000),
        ([1_234_567], 135_802),  # 135,802.37 rounds down
        ([9], 0),  # 0.99 rounds down to nothing
        ([10, 10], 2),  # 2.2 -> 2: VAT is taken on the subtotal, not per line (which would give 1 + 1)
        ([45_454_545], 4_999_999),  # 4,999,999.95 rounds down, never up
    ],
)
def test_vat_is_rounded_down_on_the_subtotal(lines: list[int], vat: int) -> None:
    amounts = amounts_of(lines, vat_registered=True, rate=ELEVEN)
    assert (amounts.subtotal, amounts.vat, amounts.total) == (sum(lines), vat, sum(lines) + vat)
    assert all(isinstance(value, int) for value in (amounts.subtotal, amounts.vat, amounts.total))


def test_a_vendor_that_is_not_vat_registered_charges_none() -> None:
    assert amounts_of([1_500_000], vat_registered=False, rate=ELEVEN).vat == 0


def test_the_rate_is_a_deployment_setting_in_exact_arithmetic() -> None:
    assert vat_rate("11") == ELEVEN
    assert vat_rate("12") * 11 / 12 == ELEVEN  # 12% on a base of 11/12 is the effective 11%
    assert amounts_of([1_000_001], vat_registered=True, rate=vat_rate("11.5")).vat == 115_000
    for wrong in ("eleven", "-1", "100"):
        with pytest.raises(ValueError):
            vat_rate(wrong)
