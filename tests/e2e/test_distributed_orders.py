"""Orders, catalog and vendors as separate processes on PostgreSQL and RabbitMQ: an order is drafted
from the products catalog announced, submitted, reserved by catalog, approved, accepted, shipped and
received (catalog commits the stock on order.received); the last unit of stock wanted by two orders
goes to one and rejects the other; duplicate and out-of-date events change nothing."""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Callable, Iterator

import pytest
import requests

from servicekit.events.brokers import OutgoingMessage, broker_for
from servicekit.events.envelope import Envelope
from servicekit.testing import EventCapture, RABBITMQ_URL, auth_header, mint_token, require_rabbitmq
from servicekit.testing.infrastructure import postgres_database
from servicekit.testing.processes import ServiceProcesses, wait_until
from catalog.testing import product_body
from vendors.testing import valid_application

pytestmark = pytest.mark.e2e

WORK_UNIT = "DPPKUKM"
OFFICIALS = {"admin": ("admin-bppbj", "admin"), "budget": ("budget1", "budget_holder"),
             "ppk": ("ppk1", "commitment_officer"), "po": ("po1", "procurement_officer")}


def token(who: str) -> dict[str, str]:
    """A fresh token (one made when the module is imported would expire in a long run)."""
    subject, role = OFFICIALS[who]
    return auth_header(mint_token(subject, [role], work_unit=None if who == "admin" else WORK_UNIT))


@dataclass
class Platform:
    vendors: ServiceProcesses
    catalog: ServiceProcesses
    orders: ServiceProcesses
    bus: EventCapture
    exchange: str

    def orders_url(self, path: str = "") -> str:
        return f"{self.orders.base_url}/api/v1/orders{path}"

    def republish(self, envelope: Envelope) -> None:
        """Deliver an event again, as a broker redelivery would."""
        self.bus.broker.publish(self.exchange, [OutgoingMessage(envelope.id, envelope.type, envelope.to_json())])


@pytest.fixture
def platform() -> Iterator[Platform]:
    require_rabbitmq()
    prefix = f"e2e-{uuid.uuid4().hex[:8]}."
    exchange = f"{prefix}eorder.events"
    broker = broker_for(RABBITMQ_URL)
    with (
        postgres_database("eorder_e2e_o_vendors") as vendors_db,
        postgres_database("eorder_e2e_o_catalog") as catalog_db,
        postgres_database("eorder_e2e_o_orders") as orders_db,
    ):
        env = {
            "EORDER_VENDORS_DATABASE_URL": vendors_db,
            "EORDER_CATALOG_DATABASE_URL": catalog_db,
            "EORDER_ORDERS_DATABASE_URL": orders_db,
            "EORDER_BROKER_URL": RABBITMQ_URL,
            "EORDER_EVENTS_PREFIX": prefix,
            "EORDER_RELAY_POLL_SECONDS": "0.05",
        }
        with (
            ServiceProcesses("orders", env) as orders,
            ServiceProcesses("catalog", env) as catalog,
            ServiceProcesses("vendors", env) as vendors,
            EventCapture(broker, exchange, ["product.#", "stock.#", "order.#"]) as bus,
        ):
            yield Platform(vendors, catalog, orders, bus, exchange)
    broker.close()


def post(url: str, body: Any, headers: dict[str, str], expected: int = 200) -> dict[str, Any]:
    response = requests.post(url, json=body, headers=headers, timeout=10)
    assert response.status_code == expected, response.text
    return response.json()


def answered_once_heard(what: str, send: Callable[[], requests.Response], not_yet: int) -> requests.Response:
    """The first answer other than ``not_yet``: the answer a service gives until an event reaches it."""
    answer = wait_until(what, lambda: (response := send()).status_code != not_yet and (response,), timeout=90)
    return answer[0]


def verified_vendor_with_product(platform: Platform, stock: int) -> tuple[str, str]:
    base = platform.vendors.base_url
    vendor_id = post(f"{base}/api/v1/vendors", valid_application(categories=["office-supplies"]), token("admin"), 201)["id"]
    post(f"{base}/api/v1/vendors/{vendor_id}/verification", {"decision": "verify"}, token("admin"))
    vendor = auth_header(mint_token(f"vendor-{vendor_id[:8]}", ["vendor"], vendor_id=vendor_id))
    response = answered_once_heard(
        "vendor.verified travels vendors -> RabbitMQ -> catalog",
        lambda: requests.post(f"{platform.catalog.base_url}/api/v1/catalog/products", json=product_body(stock=stock), headers=vendor, timeout=10),
        not_yet=403,
    )
    assert response.status_code == 201, response.text
    product_id = response.json()["id"]
    post(f"{platform.catalog.base_url}/api/v1/catalog/products/{product_id}/curation", {"decision": "approve", "reasons": []}, token("admin"))
    platform.bus.wait_for("product.listed", lambda e: e.subject == product_id)
    return vendor_id, product_id


def assigned_package(platform: Platform) -> str:
    base = f"{platform.orders.base_url}/api/v1/packages"
    body = {"rup_code": f"RUP-{uuid.uuid4().hex[:8]}", "name": "ATK", "budget_account": "5.1.02.01.01.0024", "fiscal_year": 2026, "amount": 10_000_000}
    package_id = post(base, body, token("budget"), 201)["id"]
    requests.put(f"{base}/{package_id}/commitment-officer", json={"subject": "ppk1"}, headers=token("budget"), timeout=10).raise_for_status()
    requests.put(f"{base}/{package_id}/procurement-officers", json={"subjects": ["po1"]}, headers=token("ppk"), timeout=10).raise_for_status()
    return package_id


def drafted_order(platform: Platform, package_id: str, product_id: str, quantity: int) -> str:
    body = {"package_id": package_id, "lines": [{"product_id": product_id, "quantity": quantity}],
            "delivery_address": "Jl. Perintis Kemerdekaan No. 2, Jakarta Pusat",
            "requested_delivery_date": (date.today() + timedelta(days=30)).isoformat()}
    response = answered_once_heard(
        "product.listed and vendor.verified travel to orders' read model",
        lambda: requests.post(platform.orders_url(), json=body, headers=token("po"), timeout=10),
        not_yet=400,
    )
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


def submit(platform: Platform, order_id: str) -> None:
    post(platform.orders_url(f"/{order_id}/submission"), {}, token("po"))


def state_of(platform: Platform, order_id: str) -> str:
    return str(requests.get(platform.orders_url(f"/{order_id}"), headers=token("po"), timeout=10).json()["state"])


def wait_for_state(platform: Platform, order_id: str, state: str) -> None:
    """Until the order is in ``state`` (orders commits a consumed event a moment after the bus saw it)."""
    wait_until(f"order {order_id} {state}", lambda: state_of(platform, order_id) == state, timeout=30)


def consumed(platform: Platform, metric: str) -> float:
    text = requests.get(f"{platform.orders.base_url}/metrics", timeout=10).text
    return sum(float(line.rsplit(" ", 1)[1]) for line in text.splitlines() if line.startswith(metric))


def test_an_order_runs_its_saga_across_processes_and_the_last_unit_goes_once(platform: Platform) -> None:
    vendor_id, product_id = verified_vendor_with_product(platform, stock=1)
    vendor = auth_header(mint_token(f"vendor-{vendor_id[:8]}", ["vendor"], vendor_id=vendor_id))
    package_id = assigned_package(platform)

    # Two orders want the last unit: both are drafted and submitted before catalog answers either.
    both = {drafted_order(platform, package_id, product_id, 1), drafted_order(platform, package_id, product_id, 1)}
    for order_id in both:
        submit(platform, order_id)
    [reserved] = platform.bus.wait_for("stock.reserved", lambda e: e.data["order_id"] in both)
    [failed] = platform.bus.wait_for("stock.reservation_failed", lambda e: e.data["order_id"] in both)
    winner, loser = reserved.data["order_id"], failed.data["order_id"]
    assert {winner, loser} == both
    [rejected] = platform.bus.wait_for("order.rejected", lambda e: e.data["order_id"] == loser)
    assert "insufficient_stock" in rejected.data["reason"]

    wait_for_state(platform, winner, "awaiting_approval")
    post(platform.orders_url(f"/{winner}/approval"), {"decision": "approve"}, token("ppk"))
    accepted = post(platform.orders_url(f"/{winner}/vendor-response"), {"decision": "accept"}, vendor)
    assert accepted["order_letter_number"].startswith(f"SP-{WORK_UNIT}-")
    shipped = post(platform.orders_url(f"/{winner}/shipments"), {"lines": [{"product_id": product_id, "quantity": 1}]}, vendor, 201)
    shipment_id = shipped["shipments"][0]["id"]
    received = post(platform.orders_url(f"/{winner}/shipments/{shipment_id}/check"), {"lines": [{"product_id": product_id, "accepted": 1}]}, token("ppk"))
    assert received["state"] == "received"
    [bast] = platform.bus.wait_for("order.received", lambda e: e.data["order_id"] == winner)
    assert bast.data["bast_number"] == received["bast_number"] and bast.data["lines"][0]["quantity"] == 1
    platform.bus.wait_for("stock.committed", lambda e: e.data["order_id"] == winner)

    # A redelivered stock.reserved, and one arriving late for the rejected order, change nothing.
    handled = consumed(platform, 'eorder_events_consumed_total{service="orders",type="stock.reserved"}')
    platform.republish(reserved)
    late = Envelope.new(service="catalog", type="stock.reserved", subject=loser,
                        data={"order_id": loser, "lines": reserved.data["lines"], "total": reserved.data["total"]})
    platform.republish(late)
    wait_until(
        "orders handled the late event and counted the redelivery as a duplicate",
        lambda: consumed(platform, 'eorder_events_consumed_total{service="orders",type="stock.reserved"}') >= handled + 1
        and consumed(platform, 'eorder_inbox_duplicates_total{service="orders",type="stock.reserved"}') >= 1,
        timeout=30,
    )
    assert state_of(platform, winner) == "received"
    assert state_of(platform, loser) == "rejected"
