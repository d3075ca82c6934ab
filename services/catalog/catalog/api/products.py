"""/api/v1/catalog/products: the public search, a product, its prices, and a vendor's own writes."""
from __future__ import annotations

from functools import partial
from typing import Any
from uuid import UUID

from flask import Response, url_for

from servicekit.http.access import current_principal, require_roles
from servicekit.http.app import Blueprint
from servicekit.http.idempotency import idempotent
from servicekit.http.schemas import PageQuerySchema, page_of
from servicekit.storage.paging import Page

from catalog.api.access import ADMIN, VENDOR, may_see, own_vendor_id, shown_to, withdrawing_for
from catalog.api.presenting import present, present_page
from catalog.api.public_listing import PublicListing
from catalog.api.product_schemas import (
    PriceSchema,
    ProductChangesSchema,
    ProductOutSchema,
    ProductSchema,
    new_product_details,
)
from catalog.api.query_schemas import SearchQuerySchema
from catalog.application.products import create_product, edit_product, withdraw_product
from catalog.application.queries import Catalog, find_product, price_history, search_products
from catalog.domain.pricing import MarkupRule, PricePoint
from catalog.domain.search import SearchFilters, Sort, default_sort

# One instance for every request: webargs would otherwise build the schema (copying each field) per
# request, a sixth of the listing's time when its page is kept.
SEARCH_QUERY = SearchQuerySchema()


def search_request(query: dict[str, Any]) -> tuple[SearchFilters, Sort]:
    """The filters and sort of the validated query parameters (the category is resolved apart)."""
    text = query.get("q")
    sort = Sort(query["sort"]) if "sort" in query else default_sort(text is not None)
    filters = SearchFilters(
        query=text,
        vendor_id=str(query["vendor"]) if "vendor" in query else None,
        min_price=query.get("min_price"),
        max_price=query.get("max_price"),
        city=query.get("city"),
        kecamatan=query.get("kecamatan"),
        scale=query.get("scale"),
        halal=query.get("halal"),
        available=query.get("available"),
    )
    return filters, sort


def products_blueprint(uows: Catalog, markup: MarkupRule, listing: PublicListing) -> Blueprint:
    blp = Blueprint("products", __name__, url_prefix="/api/v1/catalog/products", description="Products")

    @blp.route("", methods=["GET"])
    @blp.arguments(SEARCH_QUERY, location="query")
    @blp.response(200, page_of(ProductOutSchema))
    def search(query: dict[str, Any]) -> Response:
        """Listed products: full text, filters, sort and cursor pages. Open to everyone; answers carry
        an ETag (send it in If-None-Match for a 304)."""

        def read() -> dict[str, Any]:
            filters, sort = search_request(query)
            page = search_products(
                uows, filters, sort, category=query.get("category"), limit=query["limit"], cursor=query.get("cursor")
            )
            return present_page(page, markup)

        return listing.answer(tuple(sorted(query.items())), read)

    @blp.route("", methods=["POST"])
    @require_roles(VENDOR)
    @idempotent
    @blp.arguments(ProductSchema)
    @blp.response(201, ProductOutSchema)
    def create(data: dict[str, Any]) -> Any:
        """A new product of the caller's (verified) vendor; it waits for curation."""
        caller = current_principal()
        created = create_product(uows, new_product_details(data), vendor_id=own_vendor_id(caller), actor=caller.actor)
        location = url_for("products.read", product_id=created.product.id)
        return present(created, markup), 201, {"Location": location}

    @blp.route("/<uuid:product_id>", methods=["GET"])
    @blp.response(200, ProductOutSchema)
    def read(product_id: UUID) -> dict[str, Any]:
        return present(shown_to(current_principal(), find_product(uows, str(product_id))), markup)

    @blp.route("/<uuid:product_id>", methods=["PATCH"])
    @require_roles(VENDOR)
    @blp.arguments(ProductChangesSchema)
    @blp.response(200, ProductOutSchema)
    def change(changes: dict[str, Any], product_id: UUID) -> dict[str, Any]:
        """Change the caller's product; material changes to an approved one wait as a revision."""
        caller = current_principal()
        edited = edit_product(uows, str(product_id), changes, vendor_id=own_vendor_id(caller), actor=caller.actor)
        return present(edited, markup)

    @blp.route("/<uuid:product_id>", methods=["DELETE"])
    @require_roles(VENDOR, ADMIN)
    @blp.response(204)
    def withdraw(product_id: UUID) -> None:
        """Withdraw a product for good (it is kept for the record, never listed again)."""
        caller = current_principal()
        withdraw_product(uows, str(product_id), vendor_id=withdrawing_for(caller), actor=caller.actor)

    @blp.route("/<uuid:product_id>/prices", methods=["GET"])
    @blp.arguments(PageQuerySchema, location="query")
    @blp.response(200, page_of(PriceSchema))
    def prices(query: dict[str, Any], product_id: UUID) -> Page[PricePoint]:
        """The product's approved prices, the newest first."""
        visible = partial(may_see, current_principal())
        return price_history(uows, str(product_id), visible=visible, limit=query["limit"], cursor=query["cursor"])

    return blp
