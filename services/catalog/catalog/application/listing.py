"""Telling other services when a product's public face changed (product.listed/updated/delisted)."""
from __future__ import annotations

from typing import Any

from servicekit.storage import UnitOfWork

from catalog.application.records import event_data, face_of
from catalog.domain.visibility import PublicFace, listing_event
from catalog.storage import products


def announce_change(uow: UnitOfWork, product_id: str, before: PublicFace | None) -> Any:
    """Publish the event for the change from ``before`` to the product as it is now, if any; answers
    the product's row as it is now (what the caller's audit entry records as ``after``)."""
    row = products.get_state(uow.session, product_id)
    if row is None:
        raise LookupError(f"product {product_id} vanished within its own unit of work")
    event = listing_event(before, face_of(row))
    if event is not None:
        uow.publish(event, product_id, event_data(row))
    return row
