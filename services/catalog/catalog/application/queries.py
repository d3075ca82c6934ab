"""Reading products as a given caller may see them: listed ones by anyone, the rest by their vendor
and by overseers, who also see a pending revision."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

from sqlalchemy.orm import Session

from servicekit.auth import Principal
from servicekit.storage.paging import Page

from catalog.application.callers import may_see_unlisted
from catalog.domain.categories import subtree
from catalog.domain.errors import Missing
from catalog.domain.search import Sort, default_sort
from catalog.storage import categories, prices, products, revisions
from catalog.storage.search import SearchFilters, search


@dataclass(frozen=True)
class ShownProduct:
    row: Any
    """A row of catalog.storage.products.view_select."""
    revision: Any | None = None
    """The open revision, for those who may see it."""


def product_for(session: Session, caller: Principal, product_id: str) -> ShownProduct:
    row = _visible(products.get_view(session, product_id), caller)
    revision = revisions.open_revision(session, product_id) if may_see_unlisted(caller, row.vendor_id) else None
    return ShownProduct(row, revision)


def price_history(session: Session, caller: Principal, product_id: str, *, limit: int, cursor: str | None) -> Page[Any]:
    _visible(products.get_state(session, product_id), caller)  # the history is as visible as the product
    return prices.history_page(session, product_id, limit=limit, cursor=cursor)


def vendor_products(
    session: Session, caller: Principal, vendor_id: str, state: str | None, *, limit: int, cursor: str | None
) -> Page[ShownProduct]:
    if not may_see_unlisted(caller, vendor_id):
        raise Missing("vendor")
    return _with_revisions(session, products.page_of_vendor(session, vendor_id, state, limit=limit, cursor=cursor))


def curation_queue(session: Session, *, limit: int, cursor: str | None) -> Page[ShownProduct]:
    return _with_revisions(session, products.curation_queue(session, limit=limit, cursor=cursor))


def search_listed(session: Session, params: Mapping[str, Any]) -> Page[ShownProduct]:
    """The public catalogue search; ``params`` are the validated query parameters."""
    query = params.get("q")
    sort = Sort(params["sort"]) if "sort" in params else default_sort(query is not None)
    filters = SearchFilters(
        query=query,
        vendor_id=str(params["vendor"]) if "vendor" in params else None,
        category_ids=_category_subtree(session, params["category"]) if "category" in params else None,
        min_price=params.get("min_price"),
        max_price=params.get("max_price"),
        city=params.get("city"),
        kecamatan=params.get("kecamatan"),
        scale=params.get("scale"),
        halal=params.get("halal"),
        available=params.get("available"),
    )
    page = search(session, filters, sort, limit=params["limit"], cursor=params.get("cursor"))
    return Page(items=[ShownProduct(row) for row in page.items], next=page.next)


def _visible(row: Any | None, caller: Principal) -> Any:
    """The product's row if the caller may see it; missing otherwise, alike for no product and for
    another vendor's unlisted one."""
    if row is None or not (row.listed or may_see_unlisted(caller, row.vendor_id)):
        raise Missing("product")
    return row


def _category_subtree(session: Session, slug: str) -> frozenset[str]:
    """The category and its descendants; a filter on a category that does not exist matches nothing."""
    category = categories.by_slug(session, slug)
    if category is None:
        return frozenset()
    return subtree(category.id, categories.parent_map(session))


def _with_revisions(session: Session, page: Page[Any]) -> Page[ShownProduct]:
    open_revisions = revisions.open_revisions(session, [row.id for row in page.items])
    return Page(items=[ShownProduct(row, open_revisions.get(row.id)) for row in page.items], next=page.next)
