"""The catalog's copy of vendors (from vendor.* events)."""
from __future__ import annotations

from typing import Any, Mapping

from sqlalchemy import Row, insert, select, update
from sqlalchemy.orm import Session

from catalog.storage.tables import vendors


def get(session: Session, vendor_id: str, *, lock: bool = False) -> Row[Any] | None:
    statement = select(vendors).where(vendors.c.id == vendor_id)
    if lock:
        statement = statement.with_for_update()
    return session.execute(statement).first()


def status_of(session: Session, vendor_id: str) -> str | None:
    return session.execute(select(vendors.c.status).where(vendors.c.id == vendor_id)).scalar()


def insert_vendor(session: Session, values: Mapping[str, Any]) -> None:
    session.execute(insert(vendors).values(**values))


def update_vendor(session: Session, vendor_id: str, values: Mapping[str, Any]) -> None:
    session.execute(update(vendors).where(vendors.c.id == vendor_id).values(**values))
