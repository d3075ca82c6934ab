"""Queries over products: one product's state (optionally locked), the view buyers get, listings per
vendor and for curation, and the counts behind the metrics."""
from __future__ import annotations

from typing import Any, Mapping

from sqlalchemy import Row, Select, and_, func, insert, select, update
from sqlalchemy.orm import Session

from servicekit.storage.paging import Page, SortKey, keyset_page

from catalog.domain.pricing import MarkupRule
from catalog.storage.tables import APPROVED, LISTED, categories, products, reference_prices, vendors

_STATE_JOIN = products.join(categories, categories.c.id == products.c.category_id).join(
    vendors, vendors.c.id == products.c.vendor_id
)
_SAME_GROUP = and_(reference_prices.c.category_id == products.c.category_id, reference_prices.c.unit == products.c.unit)
_STATE_COLUMNS = (products, categories.c.slug.label("category"), vendors.c.status.label("vendor_status"))


def state_select() -> Select[Any]:
    """A product row with its category slug and its vendor's status: what the rules need."""
    return select(*_STATE_COLUMNS).select_from(_STATE_JOIN)


def view_select() -> Select[Any]:
    """A product as it is shown: the state plus where its vendor is and its reference price."""
    return select(
        *_STATE_COLUMNS,
        vendors.c.name.label("vendor_name"),
        vendors.c.kecamatan.label("vendor_kecamatan"),
        vendors.c.city.label("vendor_city"),
        vendors.c.scale.label("vendor_scale"),
        reference_prices.c.median_price.label("reference_price"),
    ).select_from(_STATE_JOIN.outerjoin(reference_prices, _SAME_GROUP))


def get_state(session: Session, product_id: str, *, lock: bool = False) -> Row[Any] | None:
    """The product's row; ``lock`` holds it (on PostgreSQL) until the unit of work ends."""
    statement = state_select().where(products.c.id == product_id)
    if lock:
        statement = statement.with_for_update(of=products)
    return session.execute(statement).first()


def get_view(session: Session, product_id: str) -> Row[Any] | None:
    return session.execute(view_select().where(products.c.id == product_id)).first()


def approved_of_vendor(session: Session, vendor_id: str) -> list[Row[Any]]:
    """The vendor's approved products, locked: their listing follows the vendor's status."""
    statement = (
        state_select()
        .where(products.c.vendor_id == vendor_id, APPROVED)
        .order_by(products.c.id)
        .with_for_update(of=products)
    )
    return list(session.execute(statement))


def insert_product(session: Session, values: Mapping[str, Any]) -> None:
    session.execute(insert(products).values(**values))


def update_product(session: Session, product_id: str, values: Mapping[str, Any]) -> None:
    """Write ``values`` and count the change in the product's version."""
    session.execute(
        update(products).where(products.c.id == product_id).values(version=products.c.version + 1, **values)
    )


def page_of_vendor(session: Session, vendor_id: str, state: str | None, *, limit: int, cursor: str | None) -> Page[Any]:
    statement = view_select().where(products.c.vendor_id == vendor_id)
    if state is not None:
        statement = statement.where(products.c.state == state)
    keys = [SortKey(products.c.created_at, descending=True), SortKey(products.c.id, descending=True)]
    return keyset_page(session, statement, keys, limit=limit, cursor=cursor, sort_name="vendor-newest", scalars=False)


def curation_queue(session: Session, *, limit: int, cursor: str | None) -> Page[Any]:
    """Products awaiting an admin's decision, the longest-waiting first."""
    statement = view_select().where(products.c.awaiting_curation_since.is_not(None))
    keys = [SortKey(products.c.awaiting_curation_since), SortKey(products.c.id)]
    return keyset_page(session, statement, keys, limit=limit, cursor=cursor, sort_name="curation", scalars=False)


def counts_by_state(session: Session) -> dict[str, int]:
    rows = session.execute(select(products.c.state, func.count()).group_by(products.c.state))
    return {state: int(count) for state, count in rows}


def count_listed_above_reference(session: Session, rule: MarkupRule) -> int:
    """Listed products priced above their reference by more than the rule allows (see MarkupRule)."""
    statement = (
        select(func.count())
        .select_from(products.join(reference_prices, _SAME_GROUP))
        .where(LISTED, products.c.price * rule.denominator > reference_prices.c.median_price * rule.numerator)
    )
    return int(session.execute(statement).scalar_one())
