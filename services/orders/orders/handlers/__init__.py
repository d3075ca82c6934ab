"""Event handlers: ``(uows, envelope) -> None``, thin: they read the event and call a use case."""
from __future__ import annotations

from eorder_contracts.events import (
    INVOICE_SUBMITTED,
    PAYMENT_SETTLED,
    PRODUCT_DELISTED,
    PRODUCT_LISTED,
    PRODUCT_UPDATED,
    STOCK_RESERVATION_FAILED,
    STOCK_RESERVED,
    VENDOR_EVENTS,
)

from servicekit.events.consumer import Handler
from servicekit.events.contracts import EventTypeLike

from orders.handlers.catalog import on_product_event, on_vendor_event
from orders.handlers.payments import on_invoice_submitted, on_payment_settled
from orders.handlers.stock import on_stock_reservation_failed, on_stock_reserved

HANDLERS: dict[EventTypeLike, Handler] = {
    PRODUCT_LISTED: on_product_event,
    PRODUCT_UPDATED: on_product_event,
    PRODUCT_DELISTED: on_product_event,
    **{event: on_vendor_event for event in VENDOR_EVENTS},
    STOCK_RESERVED: on_stock_reserved,
    STOCK_RESERVATION_FAILED: on_stock_reservation_failed,
    INVOICE_SUBMITTED: on_invoice_submitted,
    PAYMENT_SETTLED: on_payment_settled,
}
