"""PP 7/2021 scale: each ceiling is inclusive, and the larger class of capital and sales wins."""
from __future__ import annotations

import pytest

from vendors.domain.scale import BILLION, Scale, classify

pytestmark = pytest.mark.unit

SMALLEST = 0


@pytest.mark.parametrize(
    ("capital", "annual_sales", "scale"),
    [
        (SMALLEST, SMALLEST, Scale.MICRO),
        (1 * BILLION, SMALLEST, Scale.MICRO),
        (1 * BILLION + 1, SMALLEST, Scale.SMALL),
        (SMALLEST, 2 * BILLION, Scale.MICRO),
        (SMALLEST, 2 * BILLION + 1, Scale.SMALL),
        (5 * BILLION, SMALLEST, Scale.SMALL),
        (5 * BILLION + 1, SMALLEST, Scale.MEDIUM),
        (SMALLEST, 15 * BILLION, Scale.SMALL),
        (SMALLEST, 15 * BILLION + 1, Scale.MEDIUM),
        (10 * BILLION, SMALLEST, Scale.MEDIUM),
        (10 * BILLION + 1, SMALLEST, Scale.LARGE),
        (SMALLEST, 50 * BILLION, Scale.MEDIUM),
        (SMALLEST, 50 * BILLION + 1, Scale.LARGE),
    ],
)
def test_each_criterion_on_its_own_at_and_just_past_each_ceiling(capital: int, annual_sales: int, scale: Scale) -> None:
    assert classify(capital, annual_sales) is scale


@pytest.mark.parametrize(
    ("capital", "annual_sales", "scale"),
    [
        (1 * BILLION, 2 * BILLION, Scale.MICRO),
        (1 * BILLION, 2 * BILLION + 1, Scale.SMALL),
        (1 * BILLION + 1, 2 * BILLION, Scale.SMALL),
        (100_000_000, 20 * BILLION, Scale.MEDIUM),
        (6 * BILLION, 500_000_000, Scale.MEDIUM),
        (100_000_000, 60 * BILLION, Scale.LARGE),
    ],
)
def test_the_larger_class_of_the_two_criteria_is_the_scale(capital: int, annual_sales: int, scale: Scale) -> None:
    assert classify(capital, annual_sales) is scale
