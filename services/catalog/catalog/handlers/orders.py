"""order.* events drive stock reservations: reserve on submission, reserve the new lines instead on
amendment, release when the order ends without delivery, commit on receipt."""
from __future__ import annotations

from typing import Any, Callable, Mapping

from servicekit.events.consumer import PoisonMessage
from servicekit.events.envelope import Envelope

from catalog.application.queries import Catalog
from catalog.application.reservations import (
    OrderSubmission,
    amend_for_order,
    commit_for_order,
    release_for_order,
    reserve_for_order,
)


def on_order_submitted(uows: Catalog, envelope: Envelope) -> None:
    reserve_for_order(uows, _lines_to_reserve(envelope, OrderSubmission.from_event))


def on_order_amended(uows: Catalog, envelope: Envelope) -> None:
    amend_for_order(uows, _lines_to_reserve(envelope, OrderSubmission.from_amendment))


def _lines_to_reserve(
    envelope: Envelope, read: Callable[[Mapping[str, Any]], OrderSubmission]
) -> OrderSubmission:
    """An event that cannot be read would fail the same way on every retry: dead-lettered at once."""
    try:
        return read(envelope.data)
    except (KeyError, TypeError, ValueError) as exc:
        raise PoisonMessage(f"{envelope.type} {envelope.id} cannot be read: {exc}") from exc


def on_order_ended(uows: Catalog, envelope: Envelope) -> None:
    """order.cancelled, order.declined and order.rejected all give the stock back."""
    reason = envelope.data.get("reason")
    release_for_order(uows, str(envelope.data["order_id"]), f"{envelope.type}: {reason}" if reason else envelope.type)


def on_order_received(uows: Catalog, envelope: Envelope) -> None:
    commit_for_order(uows, str(envelope.data["order_id"]))
