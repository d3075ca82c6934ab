"""Every submission rule refuses through the API with its reason and its field (422)."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from eorder_contracts.events import PRODUCT_DELISTED, PRODUCT_UPDATED, VENDOR_SUSPENDED

from servicekit.testing import ServiceHarness, database_url_for

from orders.service import DEFINITION
from orders.testing import product_face, vendor_snapshot

pytestmark = pytest.mark.integration


def refusal(api: Any, buyer: Any, order: dict[str, Any], body: dict[str, Any] | None = None) -> dict[str, Any]:
    response = api.submit(buyer, order["id"], body)
    assert response.status_code == 422, response.json
    assert response.json["type"].endswith("/submission-refused")
    return response.json


def test_the_ceiling_refuses_a_total_above_it(api: Any) -> None:
    buyer = api.buyer(prices=(1_000_000,), amount=900_000_000)
    order = api.drafted(buyer, (46,))  # 46,000,000 + 11% VAT = 51,060,000
    problem = refusal(api, buyer, order)
    assert "51060000" in problem["errors"]["total"][0] and "50000000" in problem["errors"]["total"][0]


def test_the_package_must_still_cover_the_order(api: Any) -> None:
    buyer = api.buyer(prices=(100_000,), amount=1_000_000)
    order = api.drafted(buyer, (10,))  # 1,110,000
    assert "package_id" in refusal(api, buyer, order)["errors"]


def test_the_splitting_guard_lists_the_orders_that_count(api: Any) -> None:
    buyer = api.buyer(prices=(1_000_000,), amount=900_000_000)
    first = api.submitted(buyer, (20,))  # 22,200,000
    second = api.submitted(buyer, (20,))  # 44,400,000 together
    third = api.drafted(buyer, (10,))  # would make 55,500,000
    problem = refusal(api, buyer, third)
    assert "splitting" in problem["errors"]["vendor_id"][0]
    assert problem["counted_orders"] == [first["id"], second["id"]]


def test_a_cancelled_order_no_longer_counts_for_splitting(api: Any) -> None:
    buyer = api.buyer(prices=(1_000_000,), amount=900_000_000)
    first = api.submitted(buyer, (40,))
    cancelled = api.client.post(f"/api/v1/orders/{first['id']}/cancellation", json={"reason": "salah pesan"}, headers=api.po(buyer))
    assert cancelled.status_code == 200
    assert api.submit(buyer, api.drafted(buyer, (40,))["id"]).status_code == 200


def test_a_suspended_vendor_cannot_take_the_order(api: Any) -> None:
    buyer = api.buyer()
    order = api.drafted(buyer)
    suspended = vendor_snapshot(buyer.vendor_id, version=2, status="suspended")
    api.harness.deliver(VENDOR_SUSPENDED, buyer.vendor_id, suspended, source="vendors")
    assert "suspended" in refusal(api, buyer, order)["errors"]["vendor_id"][0]


def test_a_changed_price_is_shown_and_must_be_confirmed(api: Any) -> None:
    buyer = api.buyer(prices=(50_000,))
    order = api.drafted(buyer, (10,))
    product = buyer.products[0]
    raised = product_face(buyer.vendor_id, product_id=product["id"], price=55_000, version=2, name=product["name"])
    api.harness.deliver(PRODUCT_UPDATED, product["id"], raised, source="catalog")
    problem = refusal(api, buyer, order)
    assert problem["changed_prices"] == [{"product_id": product["id"], "draft_price": 50_000, "current_price": 55_000}]
    assert "lines.0.unit_price" in problem["errors"]
    confirmed = api.submit(buyer, order["id"], {"accept_current_prices": True})
    assert confirmed.status_code == 200
    assert confirmed.json["amounts"] == {"subtotal": 550_000, "vat": 60_500, "total": 610_500}


def test_a_delisted_product_refuses(api: Any) -> None:
    buyer = api.buyer()
    order = api.drafted(buyer)
    product = buyer.products[0]
    gone = product_face(buyer.vendor_id, product_id=product["id"], version=2, available=False, name=product["name"])
    api.harness.deliver(PRODUCT_DELISTED, product["id"], gone, source="catalog")
    assert "no longer listed" in refusal(api, buyer, order)["errors"]["lines.0.product_id"][0]


def test_a_stale_product_event_changes_nothing(api: Any) -> None:
    buyer = api.buyer(prices=(50_000,))
    product = buyer.products[0]
    stale = product_face(buyer.vendor_id, product_id=product["id"], price=1, version=1, name=product["name"])
    api.harness.deliver(PRODUCT_UPDATED, product["id"], stale, source="catalog")
    assert api.drafted(buyer)["lines"][0]["unit_price"] == 50_000


def test_delivery_earlier_than_the_lead_time_allows_refuses(api: Any) -> None:
    buyer = api.buyer()
    slow = api.product_listed(buyer.vendor_id, lead_time_days=10, min_order_quantity=5)
    body = {"package_id": buyer.package_id, "lines": [{"product_id": slow["id"], "quantity": 2}],
            "delivery_address": "Jl. Medan Merdeka Selatan 8-9", "requested_delivery_date": "2026-01-05"}
    created = api.client.post("/api/v1/orders", json=body, headers=api.po(buyer))
    assert created.status_code == 201, created.json
    problem = refusal(api, buyer, created.json)
    assert "requested_delivery_date" in problem["errors"] and "earliest_delivery_date" in problem
    assert "sold from 5" in problem["errors"]["lines.0.quantity"][0]


def test_a_vendor_that_is_not_coached_refuses_where_the_deployment_says_so(driver: Any, tmp_path: Path) -> None:
    with (
        database_url_for("sqlite", tmp_path) as url,
        ServiceHarness(DEFINITION, database_url=url, environ={"EORDER_ORDERS_COACHED_ONLY": "true"}) as harness,
    ):
        coached_only = driver(harness)
        buyer = coached_only.buyer(jakpreneur=False)
        order = coached_only.drafted(buyer)
        assert "coached" in refusal(coached_only, buyer, order)["errors"]["vendor_id"][0]


def test_drafts_take_one_vendors_listed_products(api: Any) -> None:
    buyer = api.buyer()
    other = api.product_listed(api.vendor_known())
    body = {"package_id": buyer.package_id, "lines": [{"product_id": buyer.products[0]["id"], "quantity": 1}, {"product_id": other["id"], "quantity": 1}],
            "delivery_address": "Jl. Medan Merdeka Selatan 8-9", "requested_delivery_date": "2027-01-05"}
    response = api.client.post("/api/v1/orders", json=body, headers=api.po(buyer))
    assert response.status_code == 400 and "one vendor" in response.json["errors"]["lines"][0]
