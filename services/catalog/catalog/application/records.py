"""Stored product rows turned into what the rules and the audit trail need."""
from __future__ import annotations

from dataclasses import asdict
from typing import Any

from catalog.domain.products import ProductDetails
from catalog.domain.visibility import PublicFace


def details_of(row: Any) -> ProductDetails:
    """The vendor-stated details of a product row (one joined with its category slug)."""
    return ProductDetails(
        name=row.name,
        description=row.description,
        category=row.category,
        unit=row.unit,
        price=row.price,
        min_order_quantity=row.min_order_quantity,
        fulfilment=row.fulfilment,
        stock=row.stock,
        daily_capacity=row.daily_capacity,
        lead_time_days=row.lead_time_days,
        halal_certificate=row.halal_certificate,
        photo_urls=tuple(row.photo_urls),
        local_content_percent=row.local_content_percent,
    )


def detail_columns(details: ProductDetails, category_id: str) -> dict[str, Any]:
    """The product columns that hold ``details`` (the category by id, photos as a JSON list)."""
    columns = {name: getattr(details, name) for name in ProductDetails.field_names() if name != "category"}
    columns["photo_urls"] = list(details.photo_urls)
    columns["category_id"] = category_id
    return columns


def face_of(row: Any) -> PublicFace:
    listed = bool(row.listed)
    return PublicFace(
        listed=listed,
        name=row.name,
        unit=row.unit,
        price=row.price,
        category=row.category,
        available=listed and bool(row.has_supply),
    )


def event_data(row: Any) -> dict[str, Any]:
    """The payload of product.listed / product.updated / product.delisted."""
    face = face_of(row)
    return {
        "id": row.id,
        "vendor_id": row.vendor_id,
        "name": face.name,
        "unit": face.unit,
        "price": face.price,
        "category": face.category,
        "available": face.available,
        "version": row.version,
    }


def snapshot(row: Any) -> dict[str, Any]:
    """A product as the audit trail keeps it (JSON only)."""
    return {**asdict(details_of(row)), "state": row.state, "listed": bool(row.listed), "version": row.version}
