"""order.* events drive stock reservations: reserve on submission, release when the order ends
without delivery, commit on receipt."""
from __future__ import annotations

from servicekit.events.consumer import PoisonMessage
from servicekit.events.envelope import Envelope

from catalog.application.queries import Catalog
from catalog.application.reservations import OrderSubmission, commit_for_order, release_for_order, reserve_for_order


def on_order_submitted(uows: Catalog, envelope: Envelope) -> None:
    try:
        order = OrderSubmission.from_event(envelope.data)
    except (KeyError, TypeError, ValueError) as exc:
        raise PoisonMessage(f"order.submitted {envelope.id} cannot be read: {exc}") from exc
    reserve_for_order(uows, order)


def on_order_ended(uows: Catalog, envelope: Envelope) -> None:
    """order.cancelled, order.declined and order.rejected all give the stock back."""
    reason = envelope.data.get("reason")
    release_for_order(uows, str(envelope.data["order_id"]), f"{envelope.type}: {reason}" if reason else envelope.type)


def on_order_received(uows: Catalog, envelope: Envelope) -> None:
    commit_for_order(uows, str(envelope.data["order_id"]))
