"""Products: one product (optionally locked), products as they are shown (with their vendor and
reference price), listings per vendor and for curation, and the counts behind the metrics."""
from __future__ import annotations

from typing import Any

from sqlalchemy import Row, Select, and_, exists, func, insert, select, update
from sqlalchemy.orm import Session

from servicekit.storage.paging import Page, SortKey, keyset_page

from catalog.domain.curation import CurationState
from catalog.domain.errors import Missing
from catalog.domain.pricing import MarkupRule
from catalog.domain.products import Product, ProductDetails
from catalog.domain.shown import ShownProduct
from catalog.domain.vendors import VendorSummary
from catalog.storage.tables import APPROVED, LISTED, categories, products, reference_prices, vendors

_WITH_CATEGORY = products.join(categories, categories.c.id == products.c.category_id)
_SAME_GROUP = and_(reference_prices.c.category_id == products.c.category_id, reference_prices.c.unit == products.c.unit)
_PRODUCT_COLUMNS = (products, categories.c.slug.label("category"))
_DETAIL_COLUMNS = tuple(name for name in ProductDetails.field_names() if name != "category")


def product_select() -> Select[Any]:
    """A product row with its category's slug (the details name their category by it)."""
    return select(*_PRODUCT_COLUMNS).select_from(_WITH_CATEGORY)


def shown_select() -> Select[Any]:
    """A product as it is shown: the product, where its vendor is, and its reference price."""
    return select(
        *_PRODUCT_COLUMNS,
        vendors.c.name.label("vendor_name"),
        vendors.c.kecamatan.label("vendor_kecamatan"),
        vendors.c.city.label("vendor_city"),
        vendors.c.scale.label("vendor_scale"),
        reference_prices.c.median_price.label("reference_price"),
    ).select_from(
        _WITH_CATEGORY.join(vendors, vendors.c.id == products.c.vendor_id).outerjoin(reference_prices, _SAME_GROUP)
    )


class ProductRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, product_id: str, *, lock: bool = False) -> Product | None:
        """The product; ``lock`` holds its row (on PostgreSQL) until the unit of work ends."""
        statement = product_select().where(products.c.id == product_id)
        if lock:
            statement = statement.with_for_update(of=products)
        row = self.session.execute(statement).first()
        return None if row is None else product_from(row)

    def require(self, product_id: str, *, lock: bool = False) -> Product:
        product = self.get(product_id, lock=lock)
        if product is None:
            raise Missing("product")
        return product

    def shown(self, product_id: str) -> ShownProduct | None:
        row = self.session.execute(shown_select().where(products.c.id == product_id)).first()
        return None if row is None else shown_from(row)

    def approved_of_vendor(self, vendor_id: str) -> list[Product]:
        """The vendor's approved products, locked: their listing follows the vendor's status."""
        statement = (
            product_select()
            .where(products.c.vendor_id == vendor_id, APPROVED)
            .order_by(products.c.id)
            .with_for_update(of=products)
        )
        return [product_from(row) for row in self.session.execute(statement)]

    def any_of_vendor(self, vendor_id: str) -> bool:
        return bool(self.session.execute(select(exists().where(products.c.vendor_id == vendor_id))).scalar())

    def add(self, product: Product) -> None:
        self.session.execute(insert(products).values(id=product.id, **columns_of(product)))

    def replace(self, product: Product) -> None:
        """Write the product as changed (its row is locked: see :meth:`get`)."""
        self.session.execute(update(products).where(products.c.id == product.id).values(**columns_of(product)))

    def page_of_vendor(
        self, vendor_id: str, state: str | None, *, limit: int, cursor: str | None
    ) -> Page[ShownProduct]:
        statement = shown_select().where(products.c.vendor_id == vendor_id)
        if state is not None:
            statement = statement.where(products.c.state == state)
        keys = [SortKey(products.c.created_at, descending=True), SortKey(products.c.id, descending=True)]
        return self._shown_page(statement, keys, limit=limit, cursor=cursor, sort_name="vendor-newest")

    def curation_queue(self, *, limit: int, cursor: str | None) -> Page[ShownProduct]:
        """Products awaiting an admin's decision, the longest-waiting first."""
        statement = shown_select().where(products.c.awaiting_curation_since.is_not(None))
        keys = [SortKey(products.c.awaiting_curation_since), SortKey(products.c.id)]
        return self._shown_page(statement, keys, limit=limit, cursor=cursor, sort_name="curation")

    def counts_by_state(self) -> dict[str, int]:
        rows = self.session.execute(select(products.c.state, func.count()).group_by(products.c.state))
        return {state: int(count) for state, count in rows}

    def count_listed_above_reference(self, rule: MarkupRule) -> int:
        """Listed products priced above their reference by more than the rule allows (see MarkupRule)."""
        statement = (
            select(func.count())
            .select_from(products.join(reference_prices, _SAME_GROUP))
            .where(LISTED, products.c.price * rule.denominator > reference_prices.c.median_price * rule.numerator)
        )
        return int(self.session.execute(statement).scalar_one())

    def _shown_page(
        self, statement: Select[Any], keys: list[SortKey], *, limit: int, cursor: str | None, sort_name: str
    ) -> Page[ShownProduct]:
        page = keyset_page(
            self.session, statement, keys, limit=limit, cursor=cursor, sort_name=sort_name, scalars=False
        )
        return Page(items=[shown_from(row) for row in page.items], next=page.next)


def columns_of(product: Product) -> dict[str, Any]:
    details = product.details
    return {
        "vendor_id": product.vendor_id,
        "category_id": product.category_id,
        **{name: getattr(details, name) for name in _DETAIL_COLUMNS},
        "photo_urls": list(details.photo_urls),
        "state": product.state.value,
        "rejection_reasons": list(product.rejection_reasons) if product.rejection_reasons is not None else None,
        "listed": product.listed,
        "has_supply": product.has_supply,
        "version": product.version,
        "awaiting_curation_since": product.awaiting_curation_since,
        "created_at": product.created_at,
        "updated_at": product.updated_at,
    }


def product_from(row: Row[Any]) -> Product:
    """A product from a row of :func:`product_select` (or of a select with the same columns)."""
    details = {name: getattr(row, name) for name in _DETAIL_COLUMNS}
    details["photo_urls"] = tuple(details["photo_urls"])
    return Product(
        id=row.id,
        vendor_id=row.vendor_id,
        category_id=row.category_id,
        details=ProductDetails(category=row.category, **details),
        state=CurationState(row.state),
        listed=bool(row.listed),
        has_supply=bool(row.has_supply),
        version=row.version,
        rejection_reasons=tuple(row.rejection_reasons) if row.rejection_reasons is not None else None,
        awaiting_curation_since=row.awaiting_curation_since,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def shown_from(row: Row[Any]) -> ShownProduct:
    """A shown product from a row of :func:`shown_select` (without its revision)."""
    vendor = VendorSummary(
        id=row.vendor_id,
        name=row.vendor_name,
        kecamatan=row.vendor_kecamatan,
        city=row.vendor_city,
        scale=row.vendor_scale,
    )
    return ShownProduct(product=product_from(row), vendor=vendor, reference_price=row.reference_price)
