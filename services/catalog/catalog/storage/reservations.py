"""One reservation record per order: its state, what it reserved (or why it failed) and the total."""
from __future__ import annotations

from typing import Any, Mapping

from sqlalchemy import Row, insert, select, update
from sqlalchemy.orm import Session

from catalog.storage.tables import reservations


def get(session: Session, order_id: str, *, lock: bool = False) -> Row[Any] | None:
    statement = select(reservations).where(reservations.c.order_id == order_id)
    if lock:
        statement = statement.with_for_update()
    return session.execute(statement).first()


def insert_reservation(session: Session, values: Mapping[str, Any]) -> None:
    """The order id is the primary key: a second reservation for one order cannot be committed."""
    session.execute(insert(reservations).values(**values))


def update_reservation(session: Session, order_id: str, values: Mapping[str, Any]) -> None:
    session.execute(update(reservations).where(reservations.c.order_id == order_id).values(**values))
