"""Curation by admins: the queue of products awaiting a decision, and the decision itself."""
from __future__ import annotations

from typing import Any
from uuid import UUID

from servicekit.http.access import current_principal, require_roles
from servicekit.http.app import Blueprint
from servicekit.http.schemas import PageQuerySchema, page_of

from catalog.api.access import ADMIN, AUDITOR
from catalog.api.presenting import present, present_page
from catalog.api.product_schemas import CurationSchema, ProductOutSchema
from catalog.application.curation import curate
from catalog.application.queries import Catalog, curation_queue
from catalog.domain.curation import Decision
from catalog.domain.pricing import MarkupRule


def curation_blueprint(uows: Catalog, markup: MarkupRule) -> Blueprint:
    blp = Blueprint("curation", __name__, url_prefix="/api/v1/catalog", description="Curation of products")

    @blp.route("/curation", methods=["GET"])
    @require_roles(ADMIN, AUDITOR)
    @blp.arguments(PageQuerySchema, location="query")
    @blp.response(200, page_of(ProductOutSchema))
    def queue(query: dict[str, Any]) -> dict[str, Any]:
        """New products and pending revisions awaiting a decision, the longest-waiting first."""
        return present_page(curation_queue(uows, limit=query["limit"], cursor=query["cursor"]), markup)

    @blp.route("/products/<uuid:product_id>/curation", methods=["POST"])
    @require_roles(ADMIN)
    @blp.arguments(CurationSchema)
    @blp.response(200, ProductOutSchema)
    def decide(data: dict[str, Any], product_id: UUID) -> dict[str, Any]:
        """Approve or reject the new product, or its pending revision (reasons required to reject)."""
        decision = Decision(data["decision"])
        decided = curate(uows, str(product_id), decision, data["reasons"], actor=current_principal().actor)
        return present(decided, markup)

    return blp
