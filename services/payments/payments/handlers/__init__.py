"""Event handlers: ``(uows, envelope) -> None``, thin: they read the event and call a use case.

The handlers need the deployment's payment policy (tax rules, calendar); ``handlers_for`` binds it
once per runtime through ``bind_policy``, so the definition stays a plain mapping of event types."""
from eorder_contracts.events import ORDER_CANCELLED, ORDER_RECEIVED, VENDOR_PAYMENT_DETAILS

from servicekit.events.consumer import Handler
from servicekit.events.contracts import EventTypeLike

from payments.handlers.orders import on_order_cancelled, on_order_received
from payments.handlers.vendors import on_payment_details

HANDLERS: dict[EventTypeLike, Handler] = {
    ORDER_RECEIVED: on_order_received,
    ORDER_CANCELLED: on_order_cancelled,
    VENDOR_PAYMENT_DETAILS: on_payment_details,
}
