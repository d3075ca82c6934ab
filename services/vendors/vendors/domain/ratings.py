"""Ratings buyers give vendors after an order (``order.rated``), and the summary shown on a profile.

One order has at most one rating: a later rating of the same order replaces the earlier one, and a
copy that arrives late (older ``rated_at``) changes nothing, whatever order the events come in.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Mapping

from vendors.domain.validation import InvalidValue


@dataclass(frozen=True)
class Rating:
    order_id: str
    vendor_id: str
    work_unit: str
    stars: int
    comment: str | None
    rated_at: datetime

    def supersedes(self, existing: "Rating") -> bool:
        return self.rated_at > existing.rated_at


def rating_from_event(data: Mapping[str, Any]) -> Rating:
    """The rating in an ``order.rated`` payload (already checked against its schema)."""
    try:
        rated_at = datetime.fromisoformat(data["rated_at"])
    except ValueError:
        raise InvalidValue(f"rated_at is not an RFC 3339 time: {data['rated_at']!r}") from None
    if rated_at.tzinfo is None:
        raise InvalidValue("rated_at must carry a UTC offset")
    return Rating(
        order_id=data["order_id"],
        vendor_id=data["vendor_id"],
        work_unit=data["work_unit"],
        stars=data["rating"],
        comment=data.get("comment"),
        rated_at=rated_at,
    )


@dataclass(frozen=True)
class RatingSummary:
    average: float | None
    count: int

    @classmethod
    def of(cls, total_stars: int, count: int) -> "RatingSummary":
        return cls(average=round(total_stars / count, 2) if count else None, count=count)


NO_RATINGS = RatingSummary(average=None, count=0)
