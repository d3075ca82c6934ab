"""product.* and vendor.* events keep orders' copies of the products and vendors it sells from."""
from __future__ import annotations

from eorder_contracts.events import PRODUCT_DELISTED

from servicekit.events.consumer import PoisonMessage
from servicekit.events.envelope import Envelope

from orders.application.catalog_sync import keep_product, keep_vendor
from orders.application.rules import Orders
from orders.domain.readmodels import Product, Vendor


def on_product_event(uows: Orders, envelope: Envelope) -> None:
    try:
        product = Product.from_event(envelope.data, listed=envelope.type != PRODUCT_DELISTED.name)
    except (KeyError, TypeError, ValueError) as exc:
        raise PoisonMessage(f"{envelope.type} {envelope.id} cannot be read: {exc}") from exc
    keep_product(uows, product)


def on_vendor_event(uows: Orders, envelope: Envelope) -> None:
    try:
        vendor = Vendor.from_event(envelope.data)
    except (KeyError, TypeError, ValueError) as exc:
        raise PoisonMessage(f"{envelope.type} {envelope.id} cannot be read: {exc}") from exc
    keep_vendor(uows, vendor)
