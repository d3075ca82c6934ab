"""Stock and daily capacity, changed only under the product's row lock.

A reservation locks its products (in product-id order, so that orders sharing products queue
instead of deadlocking), decides with exact figures, then writes. The conditions in the UPDATEs
repeat the guard anyway, and a CHECK constraint keeps stock from ever going below zero.
"""
from __future__ import annotations

from datetime import date, datetime
from typing import Sequence

from sqlalchemy import and_, insert, update
from sqlalchemy.orm import Session

from catalog.domain.reservations import LockedSupply
from catalog.storage.products import product_from, product_select
from catalog.storage.tables import capacity_bookings, products


class SupplyChanged(RuntimeError):
    """A guarded write found less than the locked read promised: a bug, never a normal outcome."""


class SupplyRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def lock_for_reservation(self, product_ids: Sequence[str], day: date | None) -> dict[str, LockedSupply]:
        """The products, locked in id order, each with what the day's capacity has already taken."""
        statement = (
            product_select()
            .add_columns(capacity_bookings.c.booked)
            .outerjoin(
                capacity_bookings, and_(capacity_bookings.c.product_id == products.c.id, capacity_bookings.c.day == day)
            )
            .where(products.c.id.in_(sorted(product_ids)))
            .order_by(products.c.id)
            .with_for_update(of=products)
        )
        return {row.id: LockedSupply(product_from(row), row.booked) for row in self.session.execute(statement)}

    def take_stock(self, product_id: str, quantity: int, *, at: datetime) -> int:
        """Take units from stock; answers the stock left."""
        left = self.session.execute(
            update(products)
            .where(products.c.id == product_id, products.c.stock >= quantity)
            .values(stock=products.c.stock - quantity, version=products.c.version + 1, updated_at=at)
            .returning(products.c.stock)
        ).scalar()
        if left is None:
            raise SupplyChanged(f"product {product_id} no longer has {quantity} in stock")
        return int(left)

    def give_back_stock(self, product_id: str, quantity: int, *, at: datetime) -> int | None:
        """Return units to stock; None when the product no longer keeps stock (now made to order)."""
        left = self.session.execute(
            update(products)
            .where(products.c.id == product_id, products.c.stock.is_not(None))
            .values(stock=products.c.stock + quantity, version=products.c.version + 1, updated_at=at)
            .returning(products.c.stock)
        ).scalar()
        return None if left is None else int(left)

    def book_capacity(self, product_id: str, day: date, quantity: int, *, booked_before: int | None) -> None:
        """Take units of the day's capacity. The product's lock makes the caller the only one booking
        this product now, so a missing row can simply be inserted."""
        if booked_before is None:
            self.session.execute(insert(capacity_bookings).values(product_id=product_id, day=day, booked=quantity))
            return
        self.session.execute(
            update(capacity_bookings)
            .where(capacity_bookings.c.product_id == product_id, capacity_bookings.c.day == day)
            .values(booked=capacity_bookings.c.booked + quantity)
        )

    def release_capacity(self, product_id: str, day: date, quantity: int) -> None:
        self.session.execute(
            update(capacity_bookings)
            .where(
                capacity_bookings.c.product_id == product_id,
                capacity_bookings.c.day == day,
                capacity_bookings.c.booked >= quantity,
            )
            .values(booked=capacity_bookings.c.booked - quantity)
        )

    def set_has_supply(self, product_id: str, has_supply: bool) -> None:
        """Keep the flag true to the stock a guarded write just left (that write counted the version)."""
        self.session.execute(update(products).where(products.c.id == product_id).values(has_supply=has_supply))
