"""Event handlers, by routing key: thin adapters from an event to catalog.application."""
from __future__ import annotations

from servicekit.events.consumer import Handler

from catalog.handlers.orders import on_order_ended, on_order_received, on_order_submitted
from catalog.handlers.vendors import VENDOR_EVENT_TYPES, on_vendor_event

HANDLERS: dict[str, Handler] = {
    **{event_type: on_vendor_event for event_type in VENDOR_EVENT_TYPES},
    "order.submitted": on_order_submitted,
    "order.cancelled": on_order_ended,
    "order.declined": on_order_ended,
    "order.rejected": on_order_ended,
    "order.received": on_order_received,
}
