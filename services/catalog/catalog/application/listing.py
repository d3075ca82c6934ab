"""Telling other services when a product's public face changed (product.listed/updated/delisted)."""
from __future__ import annotations

from catalog.application.records import event_data, face_of
from catalog.domain.products import Product
from catalog.domain.visibility import PublicFace, listing_event
from catalog.storage.unit_of_work import CatalogUnitOfWork


def announce_change(uow: CatalogUnitOfWork, product_id: str, before: PublicFace | None) -> Product:
    """Within a use case's unit of work: publish the event for the change from ``before`` to the
    product as it is now, if any; answers the product as it is now (what the audit entry records as
    ``after``)."""
    product = uow.products.get(product_id)
    if product is None:
        raise LookupError(f"product {product_id} vanished within its own unit of work")
    event = listing_event(before, face_of(product))
    if event is not None:
        uow.publish(event, product_id, event_data(product))
    return product
