"""Queries over the category tree."""
from __future__ import annotations

from typing import Any, Mapping

from sqlalchemy import Row, delete, exists, insert, select, update
from sqlalchemy.orm import Session, aliased

from servicekit.storage.paging import Page, SortKey, keyset_page

from catalog.storage.tables import categories, products

_parent = aliased(categories, name="parent")


def _with_parent_slug() -> Any:
    return select(categories, _parent.c.slug.label("parent")).select_from(
        categories.outerjoin(_parent, _parent.c.id == categories.c.parent_id)
    )


def by_slug(session: Session, slug: str) -> Row[Any] | None:
    """The category with its parent's slug (``parent``), or None."""
    return session.execute(_with_parent_slug().where(categories.c.slug == slug)).first()


def page(session: Session, *, limit: int, cursor: str | None) -> Page[Any]:
    return keyset_page(
        session,
        _with_parent_slug(),
        [SortKey(categories.c.slug)],
        limit=limit,
        cursor=cursor,
        sort_name="slug",
        scalars=False,
    )


def parent_map(session: Session) -> dict[str, str | None]:
    """Every category id with its parent's id: the whole tree, small enough to walk in Python."""
    return {row.id: row.parent_id for row in session.execute(select(categories.c.id, categories.c.parent_id))}


def slugs_requiring_halal(session: Session) -> frozenset[str]:
    return frozenset(session.execute(select(categories.c.slug).where(categories.c.requires_halal.is_(True))).scalars())


def insert_category(session: Session, values: Mapping[str, Any]) -> None:
    session.execute(insert(categories).values(**values))


def update_category(session: Session, category_id: str, values: Mapping[str, Any]) -> None:
    session.execute(update(categories).where(categories.c.id == category_id).values(**values))


def delete_category(session: Session, category_id: str) -> None:
    session.execute(delete(categories).where(categories.c.id == category_id))


def has_children(session: Session, category_id: str) -> bool:
    return bool(session.execute(select(exists().where(categories.c.parent_id == category_id))).scalar())


def has_products(session: Session, category_id: str) -> bool:
    return bool(session.execute(select(exists().where(products.c.category_id == category_id))).scalar())
