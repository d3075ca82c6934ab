"""Ratings from order.rated: parsing, which of two ratings of one order wins, and the summary."""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

import pytest

from vendors.domain.ratings import RatingSummary, rating_from_event
from vendors.domain.validation import InvalidValue

pytestmark = pytest.mark.unit


def payload(**overrides: Any) -> dict[str, Any]:
    return {
        "order_id": "8c1e5d2a-7f3b-4a9c-b6e4-2d0f9a1c3e57",
        "vendor_id": "623a1d3b-305b-53b8-9431-654b931d626d",
        "work_unit": "Dinas Kominfotik",
        "rating": 4,
        "comment": None,
        "rated_at": "2026-03-12T07:45:09+07:00",
        **overrides,
    }


def test_an_event_becomes_a_rating_at_an_aware_instant() -> None:
    rating = rating_from_event(payload())
    assert rating.stars == 4 and rating.comment is None
    assert rating.rated_at == datetime(2026, 3, 12, 0, 45, 9, tzinfo=timezone.utc)
    assert rating_from_event(payload(rated_at="2026-03-12T00:45:09Z")).rated_at == rating.rated_at


@pytest.mark.parametrize("rated_at", ["yesterday", "2026-03-12T07:45:09"])
def test_a_time_that_is_not_rfc3339_with_an_offset_is_refused(rated_at: str) -> None:
    with pytest.raises(InvalidValue):
        rating_from_event(payload(rated_at=rated_at))


def test_only_a_later_rating_of_the_same_order_supersedes_the_stored_one() -> None:
    first = rating_from_event(payload(rating=2))
    later = rating_from_event(payload(rating=5, rated_at="2026-03-13T07:45:09+07:00"))
    assert later.supersedes(first)
    assert not first.supersedes(later)
    assert not first.supersedes(first)  # the same instant again changes nothing


def test_the_summary_rounds_the_average_and_has_none_without_ratings() -> None:
    assert RatingSummary.of(total_stars=13, count=3) == RatingSummary(average=4.33, count=3)
    assert RatingSummary.of(total_stars=0, count=0) == RatingSummary(average=None, count=0)
