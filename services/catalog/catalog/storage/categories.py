"""The category tree: categories with their parent's slug, and the whole tree as parent links."""
from __future__ import annotations

from typing import Any

from sqlalchemy import Row, Select, delete, exists, insert, select, update
from sqlalchemy.orm import Session, aliased

from servicekit.storage.paging import Page, SortKey, keyset_page

from catalog.domain.categories import Category, ParentOf
from catalog.storage.tables import categories, products

_parent = aliased(categories, name="parent")


def _with_parent_slug() -> Select[Any]:
    return select(categories, _parent.c.slug.label("parent")).select_from(
        categories.outerjoin(_parent, _parent.c.id == categories.c.parent_id)
    )


class CategoryRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def by_slug(self, slug: str) -> Category | None:
        row = self.session.execute(_with_parent_slug().where(categories.c.slug == slug)).first()
        return None if row is None else _category_from(row)

    def page(self, *, limit: int, cursor: str | None) -> Page[Category]:
        page = keyset_page(
            self.session,
            _with_parent_slug(),
            [SortKey(categories.c.slug)],
            limit=limit,
            cursor=cursor,
            sort_name="slug",
            scalars=False,
        )
        return Page(items=[_category_from(row) for row in page.items], next=page.next)

    def parent_map(self) -> ParentOf:
        """Every category id with its parent's id: the whole tree, small enough to walk in Python."""
        return {row.id: row.parent_id for row in self.session.execute(select(categories.c.id, categories.c.parent_id))}

    def slugs_requiring_halal(self) -> frozenset[str]:
        statement = select(categories.c.slug).where(categories.c.requires_halal.is_(True))
        return frozenset(self.session.execute(statement).scalars())

    def add(self, category: Category) -> None:
        self.session.execute(insert(categories).values(id=category.id, **_columns_of(category)))

    def replace(self, category: Category) -> None:
        self.session.execute(update(categories).where(categories.c.id == category.id).values(**_columns_of(category)))

    def remove(self, category_id: str) -> None:
        self.session.execute(delete(categories).where(categories.c.id == category_id))

    def has_children(self, category_id: str) -> bool:
        return bool(self.session.execute(select(exists().where(categories.c.parent_id == category_id))).scalar())

    def has_products(self, category_id: str) -> bool:
        return bool(self.session.execute(select(exists().where(products.c.category_id == category_id))).scalar())


def _columns_of(category: Category) -> dict[str, Any]:
    return {
        "slug": category.slug,
        "name": category.name,
        "parent_id": category.parent_id,
        "requires_halal": category.requires_halal,
        "created_at": category.created_at,
        "updated_at": category.updated_at,
    }


def _category_from(row: Row[Any]) -> Category:
    return Category(
        id=row.id,
        slug=row.slug,
        name=row.name,
        parent=row.parent,
        parent_id=row.parent_id,
        requires_halal=row.requires_halal,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )
