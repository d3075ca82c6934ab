"""Price history per product, and the reference (median) price per category and unit."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from servicekit.storage.paging import Page, SortKey, keyset_page

from catalog.domain.pricing import PricePoint, median, middle_positions
from catalog.storage.tables import APPROVED, categories, price_history, products, reference_prices


class PriceRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def record(self, product_id: str, price: int, *, at: datetime, approved_by: str) -> None:
        self.session.execute(
            insert(price_history).values(product_id=product_id, price=price, effective_at=at, approved_by=approved_by)
        )

    def history(self, product_id: str, *, limit: int, cursor: str | None) -> Page[PricePoint]:
        """The product's approved prices, the newest first."""
        statement = select(price_history.c.price, price_history.c.effective_at).where(
            price_history.c.product_id == product_id
        )
        keys = [SortKey(price_history.c.id, descending=True)]
        page = keyset_page(self.session, statement, keys, limit=limit, cursor=cursor, sort_name="prices", scalars=False)
        return Page(items=[PricePoint(row.price, row.effective_at) for row in page.items], next=page.next)

    def refresh_reference(self, category_id: str, unit: str, *, at: datetime) -> None:
        """Recompute the median approved price of one (category, unit) group.

        Reads only the one or two middle prices, through the partial index on (category, unit, price)
        of approved products, so the cost stays small however large the group grows.
        """
        session = self.session
        # Approvals in one category queue here, so each sees the others' committed prices: two
        # concurrent refreshes would otherwise each miss the other's product.
        session.execute(select(categories.c.id).where(categories.c.id == category_id).with_for_update())
        in_group = (products.c.category_id == category_id, products.c.unit == unit, APPROVED)
        count = int(session.execute(select(func.count()).where(*in_group)).scalar_one())
        key = (reference_prices.c.category_id == category_id, reference_prices.c.unit == unit)
        if count == 0:
            session.execute(delete(reference_prices).where(*key))
            return
        offset, length = middle_positions(count)
        middle = list(
            session.execute(
                select(products.c.price).where(*in_group).order_by(products.c.price).offset(offset).limit(length)
            ).scalars()
        )
        values = {"median_price": median(middle), "product_count": count, "refreshed_at": at}
        if session.execute(update(reference_prices).where(*key).values(**values)).rowcount == 0:
            session.execute(insert(reference_prices).values(category_id=category_id, unit=unit, **values))

    def refresh_all_references(self, *, at: datetime) -> int:
        """Recompute every group that has approved products (bulk loads use it); answers how many."""
        groups = self.session.execute(select(products.c.category_id, products.c.unit).where(APPROVED).distinct()).all()
        for category_id, unit in groups:
            self.refresh_reference(category_id, unit, at=at)
        return len(groups)
