"""From the BAST to an accepted invoice through the API, on SQLite and PostgreSQL."""
from __future__ import annotations

import uuid

import pytest
from eorder_contracts.events import ORDER_CANCELLED, ORDER_RECEIVED

from payments.testing import order_received
from payments.testing import PaymentsApi

pytestmark = pytest.mark.integration


def test_a_bast_drafts_the_vendors_invoice_once(api: PaymentsApi) -> None:
    data = order_received(subtotal=4_000_000)
    api.harness.deliver(ORDER_RECEIVED, data["order_id"], data, source="orders")
    api.harness.deliver(ORDER_RECEIVED, data["order_id"], data, source="orders")  # a second delivery (another id)
    invoice = api.invoice_of_order(data["order_id"], data)
    assert (invoice["state"], invoice["amount"], invoice["subtotal"], invoice["vat"]) == ("drafted", 4_440_000, 4_000_000, 440_000)
    drafted = [e for e in api.harness.outbox("invoice.drafted") if e.subject == invoice["id"]]
    assert [e.data["amount"] for e in drafted] == [4_440_000]


def test_the_vendor_submits_and_the_treasurer_accepts(api: PaymentsApi) -> None:
    invoice = api.bast()
    submitted = api.submit(invoice, tax_invoice_number="02.00-2500000000017")
    assert submitted.status_code == 200, submitted.json
    assert (submitted.json["state"], submitted.json["tax_invoice_number"]) == ("submitted", "02002500000000017")
    accepted = api.accept(invoice)
    assert accepted.status_code == 200 and accepted.json["state"] == "accepted"
    types = [e.type for e in api.harness.outbox() if e.subject == invoice["id"]]
    assert types == ["invoice.drafted", "invoice.submitted", "invoice.accepted"]
    assert [row["action"] for row in api.harness.audit_trail(invoice["id"])][-2:] == ["submitted", "accepted"]


def test_the_treasurer_returns_it_with_reasons_and_the_vendor_fixes_it(api: PaymentsApi) -> None:
    invoice = api.bast(vat_registered=False)
    assert api.submit(invoice).status_code == 200
    returned = api.post(f"/invoices/{invoice['id']}/return", api.treasurer(), {"reasons": ["the invoice date is wrong"]})
    assert returned.status_code == 200 and returned.json["return_reasons"] == ["the invoice date is wrong"]
    [event] = [e for e in api.harness.outbox("invoice.returned") if e.subject == invoice["id"]]
    assert event.data["reasons"] == ["the invoice date is wrong"]
    again = api.submit(invoice)
    assert again.status_code == 200 and again.json["state"] == "submitted" and again.json["return_reasons"] == []


def test_an_amount_other_than_the_basts_is_refused_with_the_field(api: PaymentsApi) -> None:
    invoice = api.bast()
    response = api.submit(invoice, amount=invoice["amount"] + 1)
    assert response.status_code == 422
    assert response.json["errors"] == {"amount": [f"must be {invoice['amount']} (the BAST's amount)"]}


@pytest.mark.parametrize(
    ("tax_invoice_number", "status", "message"),
    [
        (None, 422, "required for a VAT-registered vendor"),
        ("0100123", 400, "must be the 17-digit code and serial number of the faktur pajak (2 transaction + 2 status + 13 serial)"),
        ("11002500000000017", 400, "the transaction code (first 2 digits) must be 01 to 10"),
        ("02072500000000017", 400, "the status code (digits 3-4) must be 00 (normal) or 01 (replacement)"),
    ],
)
def test_a_vat_registered_vendor_needs_a_well_formed_faktur_pajak(api: PaymentsApi, tax_invoice_number: str | None, status: int, message: str) -> None:
    invoice = api.bast(vat_registered=True)
    response = api.submit(invoice, tax_invoice_number=tax_invoice_number)
    assert response.status_code == status
    assert response.json["errors"] == {"tax_invoice_number": [message]}


def test_unknown_fields_and_floats_are_refused(api: PaymentsApi) -> None:
    invoice = api.bast()
    assert api.submit(invoice, state="accepted").status_code == 400
    response = api.submit(invoice, amount=float(invoice["amount"]))
    assert response.status_code == 400 and "amount" in response.json["errors"]


def test_a_cancelled_order_has_no_invoice(api: PaymentsApi) -> None:
    data = order_received()
    api.harness.deliver(ORDER_CANCELLED, data["order_id"], {"order_id": data["order_id"], "reason": "dibatalkan"}, source="orders")
    api.harness.deliver(ORDER_RECEIVED, data["order_id"], data, source="orders")
    response = api.get("/invoices", api.vendor(data["vendor_id"]))
    assert response.json["items"] == []


def test_a_cancellation_arriving_after_the_bast_voids_the_draft_and_reverses_its_entry(api: PaymentsApi) -> None:
    invoice = api.bast()
    api.harness.deliver(ORDER_CANCELLED, invoice["order_id"], {"order_id": invoice["order_id"]}, source="orders")
    assert api.get(f"/invoices/{invoice['id']}", api.auditor()).json["state"] == "void"
    assert api.trial_balance_total() == 0
    statement = api.get(f"/ledger/statement?account=Expenses:Spending:DPPKUKM", api.auditor()).json["lines"]
    mine = [line["amount"] for line in statement if invoice["amount"] in (line["amount"], -line["amount"])]
    assert invoice["amount"] in mine and -invoice["amount"] in mine


def test_an_order_received_without_the_bast_figures_is_dead_lettered(api: PaymentsApi) -> None:
    order_id = str(uuid.uuid4())
    event = api.harness.deliver(ORDER_RECEIVED, order_id, {"order_id": order_id, "received_at": "2026-03-04T07:30:00Z"}, source="orders")
    assert api.harness.consumer.wait_settled(event.id) == "dead_lettered"
