"""A product as the API shows it: its row, its vendor, its reference price and markup flag, and a
pending revision for those who may see one."""
from __future__ import annotations

from typing import Any

from servicekit.storage.paging import Page

from catalog.application.queries import ShownProduct
from catalog.application.records import face_of
from catalog.domain.pricing import MarkupRule
from catalog.domain.products import ProductDetails


def present(product: ShownProduct, markup: MarkupRule) -> dict[str, Any]:
    row, revision = product.row, product.revision
    face = face_of(row)
    return {
        "id": row.id,
        "vendor": {
            "id": row.vendor_id,
            "name": row.vendor_name,
            "kecamatan": row.vendor_kecamatan,
            "city": row.vendor_city,
            "scale": row.vendor_scale,
        },
        **{name: getattr(row, name) for name in ProductDetails.field_names()},
        "state": row.state,
        "listed": face.listed,
        "available": face.available,
        "rejection_reasons": row.rejection_reasons,
        "reference_price": row.reference_price,
        "above_reference": markup.is_above(row.price, row.reference_price),
        "pending_revision": (
            {"changes": revision.changes, "proposed_at": revision.proposed_at} if revision is not None else None
        ),
        "version": row.version,
        "created_at": row.created_at,
        "updated_at": row.updated_at,
    }


def present_page(page: Page[ShownProduct], markup: MarkupRule) -> dict[str, Any]:
    """A page of products as ``page_of(ProductOutSchema)`` shows it."""
    return {"items": [present(product, markup) for product in page.items], "next": page.next}
