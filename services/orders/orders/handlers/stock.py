"""The catalog's answers to an order's submission or amendment."""
from __future__ import annotations

from servicekit.events.envelope import Envelope

from orders.application.reservation import stock_reservation_failed, stock_reserved
from orders.application.rules import Orders
from orders.rules import rules_of


def on_stock_reserved(uows: Orders, envelope: Envelope) -> None:
    assert uows.settings is not None
    stock_reserved(uows, str(envelope.data["order_id"]), envelope.data["lines"], rules=rules_of(uows.settings))


def on_stock_reservation_failed(uows: Orders, envelope: Envelope) -> None:
    stock_reservation_failed(uows, str(envelope.data["order_id"]), envelope.data["lines"])
