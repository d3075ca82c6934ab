"""Keeping the local copies of products and vendors from product.* and vendor.* events: the newest
version wins; stale and repeated events change nothing."""
from __future__ import annotations

from orders.application.rules import Orders
from orders.domain.readmodels import Product, Vendor


def keep_product(uows: Orders, product: Product) -> bool:
    with uows() as uow:
        stored = uow.products.keep_newest(product)
        uow.commit()
    return stored


def keep_vendor(uows: Orders, vendor: Vendor) -> bool:
    with uows() as uow:
        stored = uow.vendors.keep_newest(vendor)
        uow.commit()
    return stored
