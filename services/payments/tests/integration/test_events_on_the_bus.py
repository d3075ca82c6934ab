"""What orders and other subscribers receive from payments, and what payments takes from them, on the
in-process bus and on RabbitMQ: a BAST in, the invoice's and the payment's events out, in order."""
from __future__ import annotations

import pytest
from eorder_contracts.events import ORDER_RECEIVED

from payments.testing import PaymentsApi, manual_transfer, order_received
from servicekit.testing import EventCapture

pytestmark = pytest.mark.integration


def test_a_bast_becomes_an_invoice_and_a_payment_on_the_bus(bus_api: PaymentsApi) -> None:
    harness = bus_api.harness
    with EventCapture(harness.runtime.broker, harness.settings.exchange_name, ["invoice.#", "payment.#"]) as subscriber:
        data = order_received(subtotal=10_000_000, vat_registered=True)
        harness.deliver(ORDER_RECEIVED, data["order_id"], data, source="orders", correlationid=data["order_id"])
        harness.deliver(ORDER_RECEIVED, data["order_id"], data, source="orders", correlationid=data["order_id"])
        [drafted] = subscriber.wait_for("invoice.drafted", where=lambda e: e.data["order_id"] == data["order_id"])
        invoice = bus_api.invoice_of_order(data["order_id"], data)
        assert bus_api.submit(invoice).status_code == 200
        assert bus_api.accept(invoice).status_code == 200
        assert bus_api.pay(invoice, manual_transfer("BUS-TRF-1")).status_code == 201
        for event_type in ("invoice.submitted", "invoice.accepted", "payment.settled"):
            subscriber.wait_for(event_type, where=lambda e: e.data["order_id"] == data["order_id"])
        mine = [e for e in subscriber.events if e.data["order_id"] == data["order_id"]]
    assert [e.type for e in mine] == ["invoice.drafted", "invoice.submitted", "invoice.accepted", "payment.settled"]
    assert drafted.data["amount"] == 11_100_000 and drafted.correlationid == data["order_id"]
    settled = mine[-1]
    assert (settled.data["gross"], settled.data["withheld"], settled.data["net"]) == (11_100_000, 1_250_000, 9_850_000)
    for event in mine:
        assert event.source == "/eorder/payments"
        harness.runtime.definition.contracts.validate(event)
