"""Amendments before acceptance, the documents anyone can verify, and the deadline sweeps."""
from __future__ import annotations

import hashlib
from datetime import datetime, timedelta
from typing import Any

import pytest

from servicekit.deadlines import DeadlineScheduler
from servicekit.storage import utcnow
from servicekit.testing import FakeClock

pytestmark = pytest.mark.integration

ORDERS = "/api/v1/orders"


def sweep_at(api: Any, days_ahead: int = 0, *, instant: datetime | None = None) -> dict[str, int]:
    runtime = api.harness.runtime
    clock = FakeClock(instant or utcnow() + timedelta(days=days_ahead))
    return DeadlineScheduler(runtime.sweeps(), runtime.uow.transaction, clock=clock, service="orders").run_all_now()


def test_an_amendment_is_checked_again_releases_the_commitment_and_asks_for_stock_again(api: Any) -> None:
    buyer = api.buyer(prices=(100_000,))
    order = api.approved(buyer, (10,))
    assert api.package_of(buyer)["committed"] == 1_110_000
    lines = [{"product_id": buyer.products[0]["id"], "quantity": 5}]
    response = api.client.post(f"{ORDERS}/{order['id']}/amendment", json={"lines": lines}, headers=api.po(buyer))
    assert response.status_code == 200, response.json
    amended = response.json
    assert amended["state"] == "submitted" and amended["revision"] == 1
    assert amended["amounts"]["total"] == 555_000
    assert api.package_of(buyer)["committed"] == 0
    [event] = api.events_of(order["id"], "order.amended")
    assert event.data["lines"] == [{"product_id": buyer.products[0]["id"], "quantity": 5}] and event.data["revision"] == 1
    api.stock_reserved(order)  # the answer to the first lines is stale: ignored
    assert api.read(buyer, order["id"])["state"] == "submitted"
    api.stock_reserved(amended)
    assert api.read(buyer, order["id"])["state"] == "awaiting_approval"
    over = [{"product_id": buyer.products[0]["id"], "quantity": 1000}]
    refused = api.client.post(f"{ORDERS}/{order['id']}/amendment", json={"lines": over}, headers=api.po(buyer))
    assert refused.status_code == 422 and "total" in refused.json["errors"]


def test_no_amendment_after_the_vendor_accepted(api: Any) -> None:
    buyer = api.buyer()
    order = api.accepted(buyer)
    response = api.client.post(f"{ORDERS}/{order['id']}/amendment", json={"notes": "tambah sambal"}, headers=api.po(buyer))
    assert response.status_code == 409 and response.json["current_state"] == "accepted"


def test_documents_are_verified_by_number_or_digest_without_a_token(api: Any) -> None:
    buyer = api.buyer()
    order = api.received(buyer)
    for kind, number in (("order-letter", order["order_letter_number"]), ("receipt", order["bast_number"])):
        pdf = api.client.get(f"{ORDERS}/{order['id']}/documents/{kind}", headers=api.po(buyer))
        assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
        digest = hashlib.sha256(pdf.data).hexdigest()
        by_number = api.client.get(f"{ORDERS}/documents/{number}")
        by_digest = api.client.get(f"{ORDERS}/documents/{digest}")
        assert by_number.status_code == by_digest.status_code == 200
        assert by_number.json == by_digest.json
        facts = by_number.json
        assert facts["authentic"] is True and facts["digest"] == digest and facts["total"] == order["amounts"]["total"]
        assert set(facts) == {"authentic", "number", "kind", "issued_at", "work_unit", "vendor", "total", "digest"}
    assert api.client.get(f"{ORDERS}/documents/SP-NOWHERE-2026-00001").status_code == 404
    assert api.client.get(f"{ORDERS}/{order['id']}/documents/receipt", headers=api.po(api.buyer())).status_code == 404


def test_document_numbers_run_without_gaps_per_work_unit(api: Any) -> None:
    buyer = api.buyer(amount=900_000_000)
    first, second = api.accepted(buyer), api.accepted(buyer)
    numbers = sorted([first["order_letter_number"], second["order_letter_number"]])
    assert [n.rsplit("-", 1)[1] for n in numbers] == ["00001", "00002"]


def test_overdue_orders_cancel_themselves_and_release_what_they_hold(api: Any) -> None:
    buyer = api.buyer()
    waiting = api.awaiting_approval(buyer)
    approved = api.approved(buyer)
    assert api.package_of(buyer)["committed"] == approved["amounts"]["total"]
    handled = sweep_at(api, 30)
    assert handled["orders-overdue"] >= 2
    for order, kind in ((waiting, "approval"), (approved, "vendor_response")):
        ended = api.read(buyer, order["id"])
        assert ended["state"] == "cancelled" and ended["missed_deadline"] == kind
        [event] = api.events_of(order["id"], "order.cancelled")
        assert "deadline" in event.data["reason"]
    assert api.package_of(buyer)["committed"] == 0


def test_reminders_leave_once_before_a_deadline_and_late_checks_are_flagged(api: Any) -> None:
    buyer = api.buyer()
    waiting = api.awaiting_approval(buyer)
    due = datetime.fromisoformat(waiting["deadline_at"])
    sweep_at(api, instant=due - timedelta(days=7))
    assert api.events_of(waiting["id"], "order.reminder") == []
    sweep_at(api, instant=due - timedelta(hours=1))
    sweep_at(api, instant=due - timedelta(minutes=30))
    [reminder] = api.events_of(waiting["id"], "order.reminder")
    assert reminder.data["deadline"] == "approval" and reminder.data["working_days_left"] == 0

    shipped = api.accepted(buyer)
    response = api.ship(buyer, shipped["id"], [(buyer.products[0]["id"], 10)])
    assert response.status_code == 201
    sweep_at(api, 30)
    flagged = api.read(buyer, shipped["id"])
    assert flagged["state"] == "shipped" and flagged["missed_deadline"] == "receipt_check"


def test_metrics_show_orders_by_state_and_past_deadlines(api: Any) -> None:
    api.awaiting_approval(api.buyer())
    text = api.client.get("/metrics").get_data(as_text=True)
    assert 'eorder_orders_total{service="orders",state="awaiting_approval"}' in text
    assert 'eorder_orders_deadlines_missed_total{deadline="approval",service="orders"}' in text
    assert "eorder_orders_past_deadline" in text and "eorder_orders_state_seconds_total" in text
