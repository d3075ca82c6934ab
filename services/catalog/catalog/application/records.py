"""A product as other services and the audit trail are told of it."""
from __future__ import annotations

from dataclasses import asdict
from typing import Any

from catalog.domain.products import Product
from catalog.domain.visibility import PublicFace


def face_of(product: Product) -> PublicFace:
    details = product.details
    return PublicFace(
        listed=product.listed,
        name=details.name,
        unit=details.unit,
        price=details.price,
        category=details.category,
        available=product.available,
    )


def event_data(product: Product) -> dict[str, Any]:
    """The payload of product.listed / product.updated / product.delisted."""
    face = face_of(product)
    return {
        "id": product.id,
        "vendor_id": product.vendor_id,
        "name": face.name,
        "unit": face.unit,
        "price": face.price,
        "category": face.category,
        "available": face.available,
        "version": product.version,
    }


def snapshot(product: Product) -> dict[str, Any]:
    """A product as the audit trail keeps it (JSON only)."""
    return {**asdict(product.details), "state": product.state, "listed": product.listed, "version": product.version}
