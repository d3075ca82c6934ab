"""Curation by admins: the queue of products awaiting a decision, and the decision itself."""
from __future__ import annotations

from typing import Any
from uuid import UUID

from servicekit.http.access import current_principal, require_roles
from servicekit.http.app import Blueprint, current_uow
from servicekit.http.schemas import PageQuerySchema, page_of

from catalog.api.presenting import present, present_page
from catalog.api.product_schemas import CurationSchema, ProductOutSchema
from catalog.application.curation import curate
from catalog.application.queries import curation_queue, product_for
from catalog.domain.curation import Decision
from catalog.domain.pricing import MarkupRule


def curation_blueprint(markup: MarkupRule) -> Blueprint:
    blp = Blueprint("curation", __name__, url_prefix="/api/v1/catalog", description="Curation of products")

    @blp.route("/curation", methods=["GET"])
    @require_roles("admin", "auditor")
    @blp.arguments(PageQuerySchema, location="query")
    @blp.response(200, page_of(ProductOutSchema))
    def queue(query: dict[str, Any]) -> Any:
        """New products and pending revisions awaiting a decision, the longest-waiting first."""
        page = curation_queue(current_uow().session, limit=query["limit"], cursor=query["cursor"])
        return present_page(page, markup)

    @blp.route("/products/<uuid:product_id>/curation", methods=["POST"])
    @require_roles("admin")
    @blp.arguments(CurationSchema)
    @blp.response(200, ProductOutSchema)
    def decide(data: dict[str, Any], product_id: UUID) -> Any:
        """Approve or reject the new product, or its pending revision (reasons required to reject)."""
        uow = current_uow()
        caller = current_principal()
        curate(uow, caller, str(product_id), Decision(data["decision"]), data["reasons"])
        decided = present(product_for(uow.session, caller, str(product_id)), markup)
        uow.commit()
        return decided

    return blp
