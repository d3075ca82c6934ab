"""Reading the catalog: products as they are shown (with a pending revision, which the API shows only
to those who may see it), prices, a vendor's products, the curation queue, the search, the figures."""
from __future__ import annotations

from dataclasses import replace
from typing import Callable

from servicekit.storage import UnitOfWorkFactory
from servicekit.storage.paging import Page

from catalog.domain.categories import subtree
from catalog.domain.errors import Missing
from catalog.domain.pricing import MarkupRule, PricePoint
from catalog.domain.products import Product
from catalog.domain.search import SearchFilters, Sort
from catalog.domain.shown import ShownProduct
from catalog.storage.unit_of_work import CatalogUnitOfWork

Catalog = UnitOfWorkFactory[CatalogUnitOfWork]


def find_product(uows: Catalog, product_id: str) -> ShownProduct | None:
    with uows.read() as uow:
        return _shown_or_none(uow, product_id)


def shown_product(uow: CatalogUnitOfWork, product_id: str) -> ShownProduct:
    """Within a use case's unit of work: the product as it is shown now, with its open revision."""
    shown = _shown_or_none(uow, product_id)
    if shown is None:
        raise LookupError(f"product {product_id} vanished within its own unit of work")
    return shown


def price_history(
    uows: Catalog, product_id: str, *, visible: Callable[[Product], bool], limit: int, cursor: str | None
) -> Page[PricePoint]:
    """The product's approved prices, newest first; the history is as ``visible`` as the product."""
    with uows.read() as uow:
        product = uow.products.get(product_id)
        if product is None or not visible(product):
            raise Missing("product")
        return uow.prices.history(product_id, limit=limit, cursor=cursor)


def vendor_products(
    uows: Catalog, vendor_id: str, state: str | None, *, limit: int, cursor: str | None
) -> Page[ShownProduct]:
    """All the vendor's products in any state, newest first, with their open revisions."""
    with uows.read() as uow:
        return _with_revisions(uow, uow.products.page_of_vendor(vendor_id, state, limit=limit, cursor=cursor))


def curation_queue(uows: Catalog, *, limit: int, cursor: str | None) -> Page[ShownProduct]:
    with uows.read() as uow:
        return _with_revisions(uow, uow.products.curation_queue(limit=limit, cursor=cursor))


def search_products(
    uows: Catalog, filters: SearchFilters, sort: Sort, *, category: str | None, limit: int, cursor: str | None
) -> Page[ShownProduct]:
    """The public catalogue search; ``category`` (a slug) includes its descendants."""
    with uows.read() as uow:
        if category is not None:
            # A filter on a category that does not exist matches nothing, as a filter on any value
            # that nothing has: a well-formed slug is a valid request, not a broken rule.
            root = uow.categories.by_slug(category)
            root_ids = subtree(root.id, uow.categories.parent_map()) if root is not None else frozenset()
            filters = replace(filters, category_ids=root_ids)
        return uow.search.search(filters, sort, limit=limit, cursor=cursor)


def product_figures(uows: Catalog, markup: MarkupRule) -> tuple[dict[str, int], int]:
    """Products by curation state, and how many listed ones are priced above their reference."""
    with uows.read() as uow:
        return uow.products.counts_by_state(), uow.products.count_listed_above_reference(markup)


def _shown_or_none(uow: CatalogUnitOfWork, product_id: str) -> ShownProduct | None:
    shown = uow.products.shown(product_id)
    return None if shown is None else replace(shown, revision=uow.revisions.open_for(product_id))


def _with_revisions(uow: CatalogUnitOfWork, page: Page[ShownProduct]) -> Page[ShownProduct]:
    revisions = uow.revisions.open_for_each([shown.product.id for shown in page.items])
    items = [replace(shown, revision=revisions.get(shown.product.id)) for shown in page.items]
    return Page(items=items, next=page.next)
