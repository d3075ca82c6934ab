"""Event handlers, by event type: ``(uows, envelope) -> None``, thin: they read the event and call a
use case (which joins the consumer's transaction, so the inbox row and the change commit together)."""
from __future__ import annotations

from eorder_contracts.events import (
    ORDER_AMENDED,
    ORDER_CANCELLED,
    ORDER_DECLINED,
    ORDER_RECEIVED,
    ORDER_REJECTED,
    ORDER_SUBMITTED,
    VENDOR_EVENTS,
)

from servicekit.events.consumer import Handler
from servicekit.events.contracts import EventTypeLike

from catalog.handlers.orders import on_order_amended, on_order_ended, on_order_received, on_order_submitted
from catalog.handlers.vendors import on_vendor_event

HANDLERS: dict[EventTypeLike, Handler] = {
    **{event_type: on_vendor_event for event_type in VENDOR_EVENTS},
    ORDER_SUBMITTED: on_order_submitted,
    ORDER_AMENDED: on_order_amended,
    ORDER_CANCELLED: on_order_ended,
    ORDER_DECLINED: on_order_ended,
    ORDER_REJECTED: on_order_ended,
    ORDER_RECEIVED: on_order_received,
}
