"""/api/v1/catalog/categories: the category tree; anyone reads it, admins change it."""
from __future__ import annotations

from typing import Any

from flask import url_for

from servicekit.http.access import current_principal, require_roles
from servicekit.http.app import Blueprint, current_uow
from servicekit.http.idempotency import idempotent
from servicekit.http.schemas import PageQuerySchema, page_of

from catalog.api.category_schemas import CategoryChangesSchema, CategorySchema, NewCategorySchema
from catalog.application.categories import category, create_category, delete_category, update_category
from catalog.storage import categories


def categories_blueprint() -> Blueprint:
    blp = Blueprint("categories", __name__, url_prefix="/api/v1/catalog/categories", description="The category tree")

    @blp.route("", methods=["GET"])
    @blp.arguments(PageQuerySchema, location="query")
    @blp.response(200, page_of(CategorySchema))
    def list_categories(query: dict[str, Any]) -> Any:
        """Every category, by slug (``parent`` links a child to its parent)."""
        return categories.page(current_uow().session, limit=query["limit"], cursor=query["cursor"])

    @blp.route("", methods=["POST"])
    @require_roles("admin")
    @idempotent
    @blp.arguments(NewCategorySchema)
    @blp.response(201, CategorySchema)
    def create(data: dict[str, Any]) -> Any:
        uow = current_uow()
        created = create_category(uow, current_principal(), data)
        uow.commit()
        return created, 201, {"Location": url_for("categories.read", slug=data["slug"])}

    @blp.route("/<slug>", methods=["GET"])
    @blp.response(200, CategorySchema)
    def read(slug: str) -> Any:
        return category(current_uow().session, slug)

    @blp.route("/<slug>", methods=["PATCH"])
    @require_roles("admin")
    @blp.arguments(CategoryChangesSchema)
    @blp.response(200, CategorySchema)
    def change(changes: dict[str, Any], slug: str) -> Any:
        uow = current_uow()
        changed = update_category(uow, current_principal(), slug, changes)
        uow.commit()
        return changed

    @blp.route("/<slug>", methods=["DELETE"])
    @require_roles("admin")
    @blp.response(204)
    def remove(slug: str) -> None:
        """Only a category without children and products can go."""
        uow = current_uow()
        delete_category(uow, current_principal(), slug)
        uow.commit()

    return blp
