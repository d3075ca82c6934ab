"""Payments' events: an invoice submitted, a payment settled."""
from __future__ import annotations

from servicekit.events.envelope import Envelope

from orders.application.rules import Orders
from orders.application.settlement import invoice_submitted, payment_settled


def on_invoice_submitted(uows: Orders, envelope: Envelope) -> None:
    invoice_submitted(uows, str(envelope.data["order_id"]), str(envelope.data["invoice_id"]))


def on_payment_settled(uows: Orders, envelope: Envelope) -> None:
    payment_settled(uows, str(envelope.data["order_id"]), envelope.data)
