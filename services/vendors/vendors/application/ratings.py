"""Keeping the rating read model from ``order.rated`` events."""
from __future__ import annotations

from vendors.application.reading import Vendors
from vendors.domain.ratings import Rating


def record_rating(uows: Vendors, rating: Rating) -> None:
    """Store the rating unless a newer one of the same order is already stored (events come in any order)."""
    with uows() as uow:
        existing = uow.ratings.find(rating.order_id)
        if existing is None:
            uow.ratings.add(rating)
        elif rating.supersedes(existing):
            uow.ratings.replace(rating)
        uow.commit()
