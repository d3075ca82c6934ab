"""/api/v1/catalog/categories: the category tree; anyone reads it, admins change it."""
from __future__ import annotations

from typing import Any

from flask import url_for

from servicekit.http.access import current_principal, require_roles
from servicekit.http.app import Blueprint
from servicekit.http.idempotency import idempotent
from servicekit.http.schemas import PageQuerySchema, page_of
from servicekit.storage.paging import Page

from catalog.api.access import ADMIN
from catalog.api.category_schemas import CategoryChangesSchema, CategorySchema, NewCategorySchema
from catalog.application.categories import (
    category_page,
    create_category,
    delete_category,
    find_category,
    update_category,
)
from catalog.application.queries import Catalog
from catalog.domain.categories import Category


def categories_blueprint(uows: Catalog) -> Blueprint:
    blp = Blueprint("categories", __name__, url_prefix="/api/v1/catalog/categories", description="The category tree")

    @blp.route("", methods=["GET"])
    @blp.arguments(PageQuerySchema, location="query")
    @blp.response(200, page_of(CategorySchema))
    def list_categories(query: dict[str, Any]) -> Page[Category]:
        """Every category, by slug (``parent`` links a child to its parent)."""
        return category_page(uows, limit=query["limit"], cursor=query["cursor"])

    @blp.route("", methods=["POST"])
    @require_roles(ADMIN)
    @idempotent
    @blp.arguments(NewCategorySchema)
    @blp.response(201, CategorySchema)
    def create(data: dict[str, Any]) -> Any:
        created = create_category(uows, data, actor=current_principal().actor)
        return created, 201, {"Location": url_for("categories.read", slug=created.slug)}

    @blp.route("/<slug>", methods=["GET"])
    @blp.response(200, CategorySchema)
    def read(slug: str) -> Category:
        return find_category(uows, slug)

    @blp.route("/<slug>", methods=["PATCH"])
    @require_roles(ADMIN)
    @blp.arguments(CategoryChangesSchema)
    @blp.response(200, CategorySchema)
    def change(changes: dict[str, Any], slug: str) -> Category:
        return update_category(uows, slug, changes, actor=current_principal().actor)

    @blp.route("/<slug>", methods=["DELETE"])
    @require_roles(ADMIN)
    @blp.response(204)
    def remove(slug: str) -> None:
        """Only a category without children and products can go."""
        delete_category(uows, slug, actor=current_principal().actor)

    return blp
