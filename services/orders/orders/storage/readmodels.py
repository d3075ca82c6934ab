"""The catalog's products and the vendors as orders knows them: the newest version wins."""
from __future__ import annotations

from dataclasses import asdict
from typing import Iterable

from sqlalchemy import Table, insert, select, update
from sqlalchemy.orm import Session

from orders.domain.readmodels import Product, Vendor
from orders.storage.tables import products, vendors


class ProductRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def of(self, product_ids: Iterable[str]) -> dict[str, Product]:
        rows = self.session.execute(select(products).where(products.c.id.in_(list(product_ids))))
        return {row.id: Product(**row._mapping) for row in rows}

    def orderable_of_vendor(self, vendor_id: str, *, limit: int = 5) -> list[Product]:
        rows = self.session.execute(
            select(products)
            .where(products.c.vendor_id == vendor_id, products.c.listed.is_(True), products.c.available.is_(True))
            .order_by(products.c.name, products.c.id)
            .limit(limit)
        )
        return [Product(**row._mapping) for row in rows]

    def keep_newest(self, product: Product) -> bool:
        """Store the product unless a version as new or newer is stored; whether it was stored."""
        return _keep_newest(self.session, products, asdict(product))


class VendorRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, vendor_id: str) -> Vendor | None:
        row = self.session.execute(select(vendors).where(vendors.c.id == vendor_id)).first()
        return None if row is None else Vendor(**row._mapping)

    def keep_newest(self, vendor: Vendor) -> bool:
        return _keep_newest(self.session, vendors, asdict(vendor))


def _keep_newest(session: Session, table: Table, values: dict[str, object]) -> bool:
    stored = session.execute(select(table.c.version).where(table.c.id == values["id"]).with_for_update()).scalar_one_or_none()
    if stored is None:
        session.execute(insert(table).values(**values))
        return True
    if stored >= values["version"]:  # type: ignore[operator]
        return False
    session.execute(update(table).where(table.c.id == values["id"]).values(**values))
    return True
