"""The catalog search: listed products, full text over name and description, filters, sort keys and
cursor pages.

Full text differs by database. PostgreSQL: a generated ``search_vector`` column (name weighted over
description, the 'simple' configuration since PostgreSQL has none for Indonesian) with a GIN index,
matched by ``websearch_to_tsquery``. SQLite: the ``products_fts`` FTS5 table, kept in sync by
triggers, matched by an expression of quoted words. Both are made by the migrations. The user's
query only ever travels as a bound parameter.
"""
from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Double, Float, Select, String, cast, func, literal_column, select, text
from sqlalchemy.orm import Session

from servicekit.storage.paging import Page, SortKey, keyset_page

from catalog.domain.search import SearchFilters, Sort, fts5_expression, query_words
from catalog.domain.shown import ShownProduct
from catalog.storage.products import shown_from, shown_select
from catalog.storage.tables import LISTED, products, vendors

_TSQUERY_CONFIG = literal_column("'simple'::regconfig")
_SEARCH_VECTOR = literal_column("products.search_vector")


class SearchRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def search(self, filters: SearchFilters, sort: Sort, *, limit: int, cursor: str | None) -> Page[ShownProduct]:
        """A page of listed products matching ``filters`` in ``sort`` order.

        Two steps: the page's product ids are found through the narrow, indexed columns alone, then
        what is shown (vendor, category, reference price) is read for those ids only, not for every
        match.
        """
        session = self.session
        statement = _filtered(select(products.c.id).where(LISTED), filters)
        relevance: ColumnElement[float] | None = None
        if filters.query is not None:
            words = query_words(filters.query)
            if not words:
                return Page(items=[], next=None)  # nothing searchable in it (only punctuation): no match
            if session.get_bind().dialect.name == "postgresql":
                statement, relevance = _match_postgresql(statement, filters.query)
            else:
                statement, relevance = _match_sqlite(statement, words)
        keys = _sort_keys(sort, relevance)
        page = keyset_page(session, statement, keys, limit=limit, cursor=cursor, sort_name=sort.value)
        rows = session.execute(shown_select().where(products.c.id.in_(page.items)))
        shown = {row.id: shown_from(row) for row in rows}
        return Page(items=[shown[product_id] for product_id in page.items], next=page.next)


def _filtered(statement: Select[Any], filters: SearchFilters) -> Select[Any]:
    if filters.city is not None or filters.kecamatan is not None or filters.scale is not None:
        statement = statement.join(vendors, vendors.c.id == products.c.vendor_id)
    if filters.vendor_id is not None:
        statement = statement.where(products.c.vendor_id == filters.vendor_id)
    if filters.category_ids is not None:
        statement = statement.where(products.c.category_id.in_(sorted(filters.category_ids)))
    if filters.min_price is not None:
        statement = statement.where(products.c.price >= filters.min_price)
    if filters.max_price is not None:
        statement = statement.where(products.c.price <= filters.max_price)
    if filters.city is not None:
        statement = statement.where(func.lower(vendors.c.city) == filters.city.lower())
    if filters.kecamatan is not None:
        statement = statement.where(func.lower(vendors.c.kecamatan) == filters.kecamatan.lower())
    if filters.scale is not None:
        statement = statement.where(vendors.c.scale == filters.scale)
    if filters.halal is not None:
        certified = products.c.halal_certificate.is_not(None)
        statement = statement.where(certified if filters.halal else ~certified)
    if filters.available is not None:
        statement = statement.where(products.c.has_supply.is_(filters.available))
    return statement


def _match_postgresql(statement: Select[Any], query: str) -> tuple[Select[Any], ColumnElement[float]]:
    tsquery = func.websearch_to_tsquery(_TSQUERY_CONFIG, query)
    # ts_rank is a float4, whose text form does not round-trip through a Python float; as a float8
    # it does, so the rank in a cursor compares equal to the rank recomputed for the next page.
    relevance = cast(func.ts_rank(_SEARCH_VECTOR, tsquery), Double)
    return statement.where(_SEARCH_VECTOR.bool_op("@@")(tsquery)), relevance


def _match_sqlite(statement: Select[Any], words: list[str]) -> tuple[Select[Any], ColumnElement[float]]:
    # bm25() is lower for better matches; the name column weighs twice the description.
    hits = (
        text(
            "SELECT product_id, -bm25(products_fts, 0.0, 2.0, 1.0) AS relevance "
            "FROM products_fts WHERE products_fts MATCH :expression"
        )
        .bindparams(expression=fts5_expression(words))
        .columns(product_id=String, relevance=Float)
        .subquery("hits")
    )
    return statement.join(hits, hits.c.product_id == products.c.id), hits.c.relevance


def _sort_keys(sort: Sort, relevance: ColumnElement[float] | None) -> list[SortKey]:
    if sort == Sort.RELEVANCE:
        if relevance is None:
            raise ValueError("relevance sort needs a query")
        return [SortKey(relevance, descending=True), SortKey(products.c.id)]
    if sort == Sort.PRICE:
        return [SortKey(products.c.price), SortKey(products.c.id)]
    if sort == Sort.PRICE_DESCENDING:
        return [SortKey(products.c.price, descending=True), SortKey(products.c.id, descending=True)]
    return [SortKey(products.c.created_at, descending=True), SortKey(products.c.id, descending=True)]
