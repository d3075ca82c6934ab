"""The order saga through the API, on SQLite and PostgreSQL: from draft to completion, and each exit
releasing what the order held."""
from __future__ import annotations

import uuid
from typing import Any

import pytest

from eorder_contracts.events import INVOICE_SUBMITTED, PAYMENT_SETTLED, STOCK_RESERVATION_FAILED

pytestmark = pytest.mark.integration

ORDERS = "/api/v1/orders"


def test_an_order_goes_from_draft_to_completed_and_is_rated(api: Any) -> None:
    buyer = api.buyer(prices=(50_000,))
    order = api.drafted(buyer, (30,))
    assert order["state"] == "draft"
    assert order["amounts"] == {"subtotal": 1_500_000, "vat": 165_000, "total": 1_665_000}

    submitted = api.submit(buyer, order["id"]).json
    assert submitted["state"] == "submitted"
    [event] = api.events_of(order["id"], "order.submitted")
    assert event.data["lines"] == [{"product_id": buyer.products[0]["id"], "quantity": 30}]
    assert event.data["package_id"] == buyer.package_id and event.data["total"] == 1_665_000

    api.stock_reserved(submitted)
    waiting = api.read(buyer, order["id"])
    assert waiting["state"] == "awaiting_approval" and waiting["deadline_kind"] == "approval"

    approved = api.decide(buyer, order["id"]).json
    assert approved["state"] == "awaiting_vendor" and approved["deadline_kind"] == "vendor_response"
    assert api.package_of(buyer)["committed"] == 1_665_000

    accepted = api.respond(buyer, order["id"]).json
    assert accepted["state"] == "accepted"
    assert accepted["order_letter_number"].startswith(f"SP-{buyer.work_unit}-")
    [accepted_event] = api.events_of(order["id"], "order.accepted")
    assert accepted_event.data["order_letter_number"] == accepted["order_letter_number"]

    product_id = buyer.products[0]["id"]
    first = api.ship(buyer, order["id"], [(product_id, 20)])
    assert first.status_code == 201 and first.json["state"] == "shipped"
    shipment = first.json["shipments"][0]
    checked = api.check(
        buyer, order["id"], shipment["id"],
        [{"product_id": product_id, "accepted": 18, "refused": 2, "reason": "kemasan rusak"}],
    )
    assert checked.status_code == 200 and checked.json["state"] == "shipped"
    # 10 never shipped and 2 refused go (again) to the buyer: 12 are left to ship, not 13.
    too_many = api.ship(buyer, order["id"], [(product_id, 13)])
    assert too_many.status_code == 422 and "lines.0.quantity" in too_many.json["errors"]
    second = api.ship(buyer, order["id"], [(product_id, 12)])
    assert second.status_code == 201
    received = api.check(buyer, order["id"], second.json["shipments"][1]["id"], [{"product_id": product_id, "accepted": 12}])
    assert received.status_code == 200 and received.json["state"] == "received"
    assert received.json["bast_number"].startswith(f"BAST-{buyer.work_unit}-")
    [bast_event] = api.events_of(order["id"], "order.received")
    assert bast_event.data["bast_number"] == received.json["bast_number"]
    assert bast_event.data["total"] == 1_665_000 and bast_event.data["vat"] == 165_000 and bast_event.data["vat_registered"] is True
    assert bast_event.data["lines"][0]["line_total"] == 1_500_000 and bast_event.data["supply_kind"] == "goods"

    invoice = {"invoice_id": str(uuid.uuid4()), "order_id": order["id"], "work_unit": buyer.work_unit, "vendor_id": buyer.vendor_id,
               "invoice_number": "INV/1", "amount": 1_665_000, "submitted_at": "2026-12-01T02:00:00Z"}
    payment = {"payment_id": str(uuid.uuid4()), "invoice_id": invoice["invoice_id"], "order_id": order["id"],
               "work_unit": buyer.work_unit, "vendor_id": buyer.vendor_id, "method": "manual_transfer",
               "gross": 1_665_000, "withheld": 22_500, "net": 1_642_500, "settled_at": "2026-12-02T02:00:00Z"}
    api.harness.deliver(PAYMENT_SETTLED, payment["payment_id"], payment, source="payments")  # before its invoice: held
    assert api.read(buyer, order["id"])["state"] == "received"
    api.harness.deliver(INVOICE_SUBMITTED, invoice["invoice_id"], invoice, source="payments")
    assert api.read(buyer, order["id"])["state"] == "completed"
    assert api.events_of(order["id"], "order.completed")
    package = api.package_of(buyer)
    assert (package["committed"], package["realised"], package["remaining"]) == (0, 1_665_000, 100_000_000 - 1_665_000)

    rated = api.client.post(f"{ORDERS}/{order['id']}/rating", json={"rating": 5, "comment": "tepat waktu"}, headers=api.po(buyer))
    assert rated.status_code == 200 and rated.json["rating"] == 5
    [rated_event] = api.events_of(order["id"], "order.rated")
    assert rated_event.data["work_unit"] == buyer.work_unit and rated_event.data["rating"] == 5
    again = api.client.post(f"{ORDERS}/{order['id']}/rating", json={"rating": 1}, headers=api.po(buyer))
    assert again.status_code == 422


def test_no_stock_rejects_the_order_with_the_reason_per_line(api: Any) -> None:
    buyer = api.buyer()
    order = api.submitted(buyer)
    line = {"product_id": buyer.products[0]["id"], "requested": 10, "available": 3, "reason": "insufficient_stock"}
    api.harness.deliver(STOCK_RESERVATION_FAILED, order["id"], {"order_id": order["id"], "lines": [line]}, source="catalog")
    rejected = api.read(buyer, order["id"])
    assert rejected["state"] == "rejected" and "3 available, 10 requested" in rejected["reason"]
    [event] = api.events_of(order["id"], "order.rejected")
    assert event.data["reason"] == rejected["reason"]


@pytest.mark.parametrize("exit_step", ["decline", "cancel"])
def test_exits_after_approval_release_the_committed_amount(api: Any, exit_step: str) -> None:
    buyer = api.buyer()
    order = api.approved(buyer)
    assert api.package_of(buyer)["committed"] == order["amounts"]["total"]
    if exit_step == "decline":
        assert api.respond(buyer, order["id"], "decline").status_code == 400  # no without its reason
        response = api.respond(buyer, order["id"], "decline", "stok bahan habis")
    else:
        response = api.client.post(f"{ORDERS}/{order['id']}/cancellation", json={"reason": "rapat batal"}, headers=api.po(buyer))
    assert response.status_code == 200, response.json
    assert response.json["state"] == {"decline": "declined", "cancel": "cancelled"}[exit_step]
    assert api.package_of(buyer)["committed"] == 0
    assert api.events_of(order["id"], f"order.{response.json['state']}")


def test_rejection_by_the_commitment_officer_needs_a_reason(api: Any) -> None:
    buyer = api.buyer()
    order = api.awaiting_approval(buyer)
    assert api.decide(buyer, order["id"], "reject").status_code == 400
    rejected = api.decide(buyer, order["id"], "reject", "anggaran dialihkan")
    assert rejected.status_code == 200 and rejected.json["reason"] == "anggaran dialihkan"


def test_an_illegal_step_answers_409_with_the_current_state(api: Any) -> None:
    buyer = api.buyer()
    order = api.submitted(buyer)
    response = api.decide(buyer, order["id"])
    assert response.status_code == 409
    assert response.json["current_state"] == "submitted"
    accepted = api.accepted(buyer)
    late_cancel = api.client.post(f"{ORDERS}/{accepted['id']}/cancellation", json={"reason": "x"}, headers=api.po(buyer))
    assert late_cancel.status_code == 409 and late_cancel.json["current_state"] == "accepted"


def test_history_keeps_every_change_as_a_json_patch(api: Any) -> None:
    buyer = api.buyer()
    order = api.approved(buyer)
    response = api.client.get(f"{ORDERS}/{order['id']}/history", headers=api.auditor())
    assert response.status_code == 200
    revisions = response.json["items"]
    assert [r["action"] for r in revisions] == ["drafted", "submitted", "reserved", "approved"]
    assert revisions[3]["actor"] == buyer.commitment_officer
    assert {"op": "replace", "path": "/state", "value": "awaiting_vendor"} in revisions[3]["patch"]
