"""The category tree, managed by admins. The slug is a category's lasting identity (vendors name
their business categories by it), so it never changes once created."""
from __future__ import annotations

import uuid
from dataclasses import replace
from typing import TYPE_CHECKING, Any, Mapping

from servicekit.actors import Actor
from servicekit.storage import utcnow
from servicekit.storage.paging import Page

from catalog.domain.categories import SLUG_PATTERN, Category, check_parent, check_slug
from catalog.domain.errors import Missing, RuleViolation, StateConflict
from catalog.storage.unit_of_work import CatalogUnitOfWork

if TYPE_CHECKING:
    from catalog.application.queries import Catalog

ENTITY = "category"


def create_category(uows: Catalog, values: Mapping[str, Any], *, actor: Actor) -> Category:
    """``values``: slug, name, parent (a slug or None) and, optionally, requires_halal, which
    otherwise follows the parent's (a child of a food category is food too)."""
    slug = values["slug"]
    check_slug(slug)
    with uows() as uow:
        if uow.categories.by_slug(slug) is not None:
            raise StateConflict(f"category {slug!r} already exists", "exists")
        parent = _parent(uow, values.get("parent"))
        requires_halal = values.get("requires_halal")
        if requires_halal is None:
            requires_halal = bool(parent is not None and parent.requires_halal)
        now = utcnow()
        created = Category(
            id=str(uuid.uuid4()),
            slug=slug,
            name=values["name"],
            parent=parent.slug if parent is not None else None,
            parent_id=parent.id if parent is not None else None,
            requires_halal=requires_halal,
            created_at=now,
            updated_at=now,
        )
        uow.categories.add(created)
        uow.audit(actor, "category.created", ENTITY, created.id, after=created.snapshot())
        uow.commit()
    return created


def update_category(uows: Catalog, slug: str, changes: Mapping[str, Any], *, actor: Actor) -> Category:
    with uows() as uow:
        current = _require(uow, slug)
        values: dict[str, Any] = {key: changes[key] for key in ("name", "requires_halal") if key in changes}
        if "parent" in changes:
            parent = _parent(uow, changes["parent"])
            parent_id = parent.id if parent is not None else None
            check_parent(current.id, parent_id, uow.categories.parent_map())
            values.update(parent_id=parent_id, parent=parent.slug if parent is not None else None)
        changed = replace(current, **values, updated_at=utcnow())
        uow.categories.replace(changed)
        uow.audit(actor, "category.changed", ENTITY, current.id, before=current.snapshot(), after=changed.snapshot())
        uow.commit()
    return changed


def delete_category(uows: Catalog, slug: str, *, actor: Actor) -> None:
    """Only an empty leaf goes: products and children would be left without their place."""
    with uows() as uow:
        current = _require(uow, slug)
        if uow.categories.has_children(current.id):
            raise StateConflict("the category has children; move or delete them first", "has_children")
        if uow.categories.has_products(current.id):
            raise StateConflict("products are in this category; it cannot be deleted", "has_products")
        uow.categories.remove(current.id)
        uow.audit(actor, "category.deleted", ENTITY, current.id, before=current.snapshot())
        uow.commit()


def find_category(uows: Catalog, slug: str) -> Category:
    with uows.read() as uow:
        return _require(uow, slug)


def category_page(uows: Catalog, *, limit: int, cursor: str | None) -> Page[Category]:
    """Every category, by slug."""
    with uows.read() as uow:
        return uow.categories.page(limit=limit, cursor=cursor)


def referenced_category(uow: CatalogUnitOfWork, slug: str, *, field: str) -> Category:
    """Within a use case's unit of work: the category a request names in ``field``; naming none that
    exists breaks a rule (422)."""
    category = uow.categories.by_slug(slug)
    if category is None:
        raise RuleViolation({field: [f"no category {slug!r}"]})
    return category


def _require(uow: CatalogUnitOfWork, slug: str) -> Category:
    """The category with this slug; a string that cannot be a slug is simply not found."""
    category = uow.categories.by_slug(slug) if SLUG_PATTERN.match(slug) else None
    if category is None:
        raise Missing("category")
    return category


def _parent(uow: CatalogUnitOfWork, slug: str | None) -> Category | None:
    return None if slug is None else referenced_category(uow, slug, field="parent")
