"""The median reference price and the markup flag."""
from __future__ import annotations

import random

import pytest

from catalog.domain.pricing import MarkupRule, median, middle_positions

pytestmark = pytest.mark.unit


def test_median_of_odd_and_even_counts() -> None:
    assert median([35000]) == 35000
    assert median([30000, 35000, 90000]) == 35000
    assert median([30000, 35000]) == 32500
    assert median([30000, 35001]) == 32501  # half a rupiah rounds up


def test_median_of_nothing_is_an_error() -> None:
    with pytest.raises(ValueError):
        median([])
    with pytest.raises(ValueError):
        middle_positions(0)


def test_the_middle_prices_alone_give_the_median_of_all() -> None:
    generator = random.Random(7)
    for count in range(1, 60):
        prices = sorted(generator.randrange(1000, 100000) for _ in range(count))
        offset, length = middle_positions(count)
        assert median(prices[offset : offset + length]) == median(prices)


@pytest.mark.parametrize(("price", "above"), [(52500, False), (52501, True), (35000, False), (100000, True)])
def test_the_flag_needs_more_than_the_threshold(price: int, above: bool) -> None:
    assert MarkupRule(50).is_above(price, 35000) is above


def test_no_reference_means_no_flag() -> None:
    assert MarkupRule(50).is_above(10**9, None) is False


def test_a_zero_threshold_flags_anything_above_the_median() -> None:
    assert MarkupRule(0).is_above(35001, 35000) and not MarkupRule(0).is_above(35000, 35000)


def test_a_negative_threshold_is_refused() -> None:
    with pytest.raises(ValueError):
        MarkupRule(-1)
