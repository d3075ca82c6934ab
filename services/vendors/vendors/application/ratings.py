"""Keeping the rating read model from ``order.rated`` events."""
from __future__ import annotations

from servicekit.storage import UnitOfWork

from vendors.domain.ratings import Rating
from vendors.storage.ratings import RatingRepository


def record_rating(uow: UnitOfWork, rating: Rating) -> None:
    """Store the rating unless a newer one of the same order is already stored (events come in any order)."""
    repository = RatingRepository(uow.session)
    existing = repository.find(rating.order_id)
    if existing is None:
        repository.add(rating)
    elif rating.supersedes(existing):
        repository.replace(rating)
