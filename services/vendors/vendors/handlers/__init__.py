"""Event handlers: ``(uows, envelope) -> None``, thin: they read the event and call a use case."""
from eorder_contracts.events import ORDER_RATED

from servicekit.events.consumer import Handler
from servicekit.events.contracts import EventTypeLike

from vendors.handlers.order_rated import on_order_rated

HANDLERS: dict[EventTypeLike, Handler] = {ORDER_RATED: on_order_rated}
