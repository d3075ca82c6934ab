"""Event handlers: ``(uow, envelope) -> None``, thin, the consumer commits."""
from servicekit.events.consumer import Handler

from vendors.handlers.order_rated import on_order_rated

HANDLERS: dict[str, Handler] = {"order.rated": on_order_rated}
