"""A product as the API shows it: the product, its vendor, its reference price and markup flag, and
a pending revision for those who may see one."""
from __future__ import annotations

from dataclasses import asdict
from typing import Any

from servicekit.storage.paging import Page

from catalog.domain.pricing import MarkupRule
from catalog.domain.shown import ShownProduct


def present(shown: ShownProduct, markup: MarkupRule) -> dict[str, Any]:
    product, revision = shown.product, shown.revision
    return {
        "id": product.id,
        "vendor": asdict(shown.vendor),
        **asdict(product.details),
        "state": product.state,
        "listed": product.listed,
        "available": product.available,
        "rejection_reasons": product.rejection_reasons,
        "reference_price": shown.reference_price,
        "above_reference": markup.is_above(product.details.price, shown.reference_price),
        "pending_revision": (
            {"changes": revision.changes, "proposed_at": revision.proposed_at} if revision is not None else None
        ),
        "version": product.version,
        "created_at": product.created_at,
        "updated_at": product.updated_at,
    }


def present_page(page: Page[ShownProduct], markup: MarkupRule) -> dict[str, Any]:
    """A page of products as ``page_of(ProductOutSchema)`` shows it."""
    return {"items": [present(shown, markup) for shown in page.items], "next": page.next}
