"""/api/v1/catalog/products: the public search, a product, its prices, and a vendor's own writes."""
from __future__ import annotations

from typing import Any
from uuid import UUID

from flask import url_for

from servicekit.http.access import current_principal, require_roles
from servicekit.http.app import Blueprint, current_uow
from servicekit.http.idempotency import idempotent
from servicekit.http.schemas import PageQuerySchema, page_of

from catalog.api.presenting import present, present_page
from catalog.api.product_schemas import (
    PriceSchema,
    ProductChangesSchema,
    ProductOutSchema,
    ProductSchema,
    new_product_details,
)
from catalog.api.query_schemas import SearchQuerySchema
from catalog.application.products import create_product, edit_product, withdraw_product
from catalog.application.queries import price_history, product_for, search_listed
from catalog.domain.pricing import MarkupRule


def products_blueprint(markup: MarkupRule) -> Blueprint:
    blp = Blueprint("products", __name__, url_prefix="/api/v1/catalog/products", description="Products")

    # Responses are read before the unit of work commits: reading after it would open another
    # transaction, which on SQLite holds the write lock until the request ends.
    def shown(product_id: str) -> dict[str, Any]:
        return present(product_for(current_uow().session, current_principal(), product_id), markup)

    @blp.route("", methods=["GET"])
    @blp.arguments(SearchQuerySchema, location="query")
    @blp.response(200, page_of(ProductOutSchema))
    def search(query: dict[str, Any]) -> Any:
        """Listed products: full text, filters, sort and cursor pages. Open to everyone."""
        page = search_listed(current_uow().session, query)
        return present_page(page, markup)

    @blp.route("", methods=["POST"])
    @require_roles("vendor")
    @idempotent
    @blp.arguments(ProductSchema)
    @blp.response(201, ProductOutSchema)
    def create(data: dict[str, Any]) -> Any:
        """A new product of the caller's (verified) vendor; it waits for curation."""
        uow = current_uow()
        product_id = create_product(uow, current_principal(), new_product_details(data))
        created = shown(product_id)
        uow.commit()
        return created, 201, {"Location": url_for("products.read", product_id=product_id)}

    @blp.route("/<uuid:product_id>", methods=["GET"])
    @blp.response(200, ProductOutSchema)
    def read(product_id: UUID) -> Any:
        return shown(str(product_id))

    @blp.route("/<uuid:product_id>", methods=["PATCH"])
    @require_roles("vendor")
    @blp.arguments(ProductChangesSchema)
    @blp.response(200, ProductOutSchema)
    def change(changes: dict[str, Any], product_id: UUID) -> Any:
        """Change the caller's product; material changes to an approved one wait as a revision."""
        uow = current_uow()
        edit_product(uow, current_principal(), str(product_id), changes)
        changed = shown(str(product_id))
        uow.commit()
        return changed

    @blp.route("/<uuid:product_id>", methods=["DELETE"])
    @require_roles("vendor", "admin")
    @blp.response(204)
    def withdraw(product_id: UUID) -> None:
        """Withdraw a product for good (it is kept for the record, never listed again)."""
        uow = current_uow()
        withdraw_product(uow, current_principal(), str(product_id))
        uow.commit()

    @blp.route("/<uuid:product_id>/prices", methods=["GET"])
    @blp.arguments(PageQuerySchema, location="query")
    @blp.response(200, page_of(PriceSchema))
    def prices(query: dict[str, Any], product_id: UUID) -> Any:
        """The product's approved prices, the newest first."""
        session = current_uow().session
        return price_history(
            session, current_principal(), str(product_id), limit=query["limit"], cursor=query["cursor"]
        )

    return blp
