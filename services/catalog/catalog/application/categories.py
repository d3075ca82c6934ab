"""The category tree, managed by admins. The slug is a category's lasting identity (vendors name
their business categories by it), so it never changes once created."""
from __future__ import annotations

import uuid
from typing import Any, Mapping

from sqlalchemy.orm import Session

from servicekit.auth import Principal
from servicekit.storage import UnitOfWork, utcnow

from catalog.domain.categories import SLUG_PATTERN, check_parent, check_slug
from catalog.domain.errors import Missing, RuleViolation, StateConflict
from catalog.storage import categories

ENTITY = "category"


def create_category(uow: UnitOfWork, caller: Principal, values: Mapping[str, Any]) -> Any:
    """``values``: slug, name, parent (a slug or None) and, optionally, requires_halal, which
    otherwise follows the parent's (a child of a food category is food too). Answers the new row."""
    slug = values["slug"]
    check_slug(slug)
    if categories.by_slug(uow.session, slug) is not None:
        raise StateConflict(f"category {slug!r} already exists", "exists")
    parent = _parent(uow, values.get("parent"))
    requires_halal = values.get("requires_halal")
    if requires_halal is None:
        requires_halal = bool(parent is not None and parent.requires_halal)
    now = utcnow()
    row = {
        "id": str(uuid.uuid4()),
        "slug": slug,
        "name": values["name"],
        "parent_id": parent.id if parent is not None else None,
        "requires_halal": requires_halal,
        "created_at": now,
        "updated_at": now,
    }
    categories.insert_category(uow.session, row)
    created = category(uow.session, slug)
    uow.audit(caller.actor, "category.created", ENTITY, created.id, after=_snapshot(created))
    return created


def update_category(uow: UnitOfWork, caller: Principal, slug: str, changes: Mapping[str, Any]) -> Any:
    """Answers the changed row."""
    current = category(uow.session, slug)
    values: dict[str, Any] = {key: changes[key] for key in ("name", "requires_halal") if key in changes}
    if "parent" in changes:
        parent = _parent(uow, changes["parent"])
        parent_id = parent.id if parent is not None else None
        check_parent(current.id, parent_id, categories.parent_map(uow.session))
        values["parent_id"] = parent_id
    categories.update_category(uow.session, current.id, {**values, "updated_at": utcnow()})
    after = category(uow.session, slug)
    uow.audit(caller.actor, "category.changed", ENTITY, current.id, before=_snapshot(current), after=_snapshot(after))
    return after


def delete_category(uow: UnitOfWork, caller: Principal, slug: str) -> None:
    """Only an empty leaf goes: products and children would be left without their place."""
    current = category(uow.session, slug)
    if categories.has_children(uow.session, current.id):
        raise StateConflict("the category has children; move or delete them first", "has_children")
    if categories.has_products(uow.session, current.id):
        raise StateConflict("products are in this category; it cannot be deleted", "has_products")
    categories.delete_category(uow.session, current.id)
    uow.audit(caller.actor, "category.deleted", ENTITY, current.id, before=_snapshot(current))


def category(session: Session, slug: str) -> Any:
    """The category with this slug; a string that cannot be a slug is simply not found."""
    row = categories.by_slug(session, slug) if SLUG_PATTERN.match(slug) else None
    if row is None:
        raise Missing("category")
    return row


def referenced_category(session: Session, slug: str, *, field: str) -> Any:
    """The category a request names in ``field``; naming none that exists breaks a rule (422)."""
    row = categories.by_slug(session, slug)
    if row is None:
        raise RuleViolation({field: [f"no category {slug!r}"]})
    return row


def _parent(uow: UnitOfWork, slug: str | None) -> Any:
    return None if slug is None else referenced_category(uow.session, slug, field="parent")


def _snapshot(row: Any) -> dict[str, Any]:
    return {"slug": row.slug, "name": row.name, "parent": row.parent, "requires_halal": row.requires_halal}
