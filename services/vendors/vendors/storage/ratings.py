"""The rating read model: one row per rated order, summarised per vendor when read."""
from __future__ import annotations

from dataclasses import asdict
from typing import Iterable

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from vendors.domain.ratings import NO_RATINGS, Rating, RatingSummary
from vendors.storage.tables import ratings


class RatingRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def find(self, order_id: str) -> Rating | None:
        row = self.session.execute(select(ratings).where(ratings.c.order_id == order_id)).first()
        return None if row is None else Rating(**row._mapping)  # the columns are the Rating's fields

    def add(self, rating: Rating) -> None:
        self.session.execute(insert(ratings).values(**asdict(rating)))

    def replace(self, rating: Rating) -> None:
        self.session.execute(update(ratings).where(ratings.c.order_id == rating.order_id).values(**asdict(rating)))

    def summaries(self, vendor_ids: Iterable[str]) -> dict[str, RatingSummary]:
        """Average and count per vendor, computed when read: always consistent with the rows, and cheap
        with the index on vendor_id for the 1 to 100 vendors of a page."""
        ids = list(vendor_ids)
        found = {vendor_id: NO_RATINGS for vendor_id in ids}
        if ids:
            rows = self.session.execute(
                select(ratings.c.vendor_id, func.sum(ratings.c.stars), func.count())
                .where(ratings.c.vendor_id.in_(ids))
                .group_by(ratings.c.vendor_id)
            )
            for vendor_id, total, count in rows:
                found[vendor_id] = RatingSummary.of(int(total), int(count))
        return found
