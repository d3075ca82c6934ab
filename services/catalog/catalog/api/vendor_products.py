"""/api/v1/catalog/vendors/<vendor_id>/products: every product of a vendor, in any state, for the
vendor itself and for overseers (another vendor gets 404)."""
from __future__ import annotations

from typing import Any
from uuid import UUID

from servicekit.http.access import current_principal, require_roles
from servicekit.http.app import Blueprint
from servicekit.http.schemas import page_of

from catalog.api.access import ADMIN, AUDITOR, VENDOR, ensure_sees_products_of
from catalog.api.presenting import present_page
from catalog.api.product_schemas import ProductOutSchema
from catalog.api.query_schemas import VendorProductsQuerySchema
from catalog.application.queries import Catalog, vendor_products
from catalog.domain.pricing import MarkupRule


def vendor_products_blueprint(uows: Catalog, markup: MarkupRule) -> Blueprint:
    blp = Blueprint(
        "vendor_products", __name__, url_prefix="/api/v1/catalog/vendors", description="A vendor's products"
    )

    @blp.route("/<uuid:vendor_id>/products", methods=["GET"])
    @require_roles(VENDOR, ADMIN, AUDITOR)
    @blp.arguments(VendorProductsQuerySchema, location="query")
    @blp.response(200, page_of(ProductOutSchema))
    def list_products(query: dict[str, Any], vendor_id: UUID) -> dict[str, Any]:
        ensure_sees_products_of(current_principal(), str(vendor_id))
        page = vendor_products(uows, str(vendor_id), query.get("state"), limit=query["limit"], cursor=query["cursor"])
        return present_page(page, markup)

    return blp
