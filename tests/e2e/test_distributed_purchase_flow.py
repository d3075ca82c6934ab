"""Vendors and catalog as separate processes on PostgreSQL and RabbitMQ, learning about each other
only from events: a vendor verified in vendors may sell in catalog; its approved product is listed;
an order submitted on the bus (as the orders service will) reserves stock all or nothing; a
suspension in vendors hides the product in catalog."""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Iterator

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

def admin() -> dict[str, str]:
    """A fresh admin token (one made when the module is imported would expire in a long run)."""
    return auth_header(mint_token("admin-bppbj", ["admin"]))


@dataclass
class Platform:
    vendors: ServiceProcesses
    catalog: ServiceProcesses
    bus: EventCapture
    exchange: str

    def submit_order(self, vendor_id: str, lines: list[dict[str, Any]]) -> str:
        """Publish order.submitted on the bus, as the orders service does."""
        order_id = str(uuid.uuid4())
        envelope = Envelope.new(
            service="orders",
            type="order.submitted",
            subject=order_id,
            data={
                "order_id": order_id,
                "work_unit": "DKUKMP",
                "vendor_id": vendor_id,
                "lines": lines,
                "submitted_at": datetime.now(UTC).isoformat(),
            },
        )
        self.bus.broker.publish(
            self.exchange, [OutgoingMessage(envelope.id, envelope.type, envelope.to_json())]
        )
        return order_id


@pytest.fixture
def platform() -> Iterator[Platform]:
    require_rabbitmq()
    prefix = f"e2e-{uuid.uuid4().hex[:8]}."
    exchange = f"{prefix}eorder.events"
    broker = broker_for(RABBITMQ_URL)
    with postgres_database("eorder_e2e_vendors") as vendors_db, postgres_database("eorder_e2e_catalog") as catalog_db:
        env = {
            "EORDER_VENDORS_DATABASE_URL": vendors_db,
            "EORDER_CATALOG_DATABASE_URL": catalog_db,
            "EORDER_BROKER_URL": RABBITMQ_URL,
            "EORDER_EVENTS_PREFIX": prefix,
            "EORDER_RELAY_POLL_SECONDS": "0.05",
        }
        with ServiceProcesses("catalog", env) as catalog, ServiceProcesses("vendors", env) as vendors:
            with EventCapture(broker, exchange, ["product.#", "stock.#"]) as bus:
                yield Platform(vendors, catalog, bus, exchange)
    broker.close()


def verified_vendor(platform: Platform) -> str:
    base = platform.vendors.base_url
    response = requests.post(f"{base}/api/v1/vendors", json=valid_application(categories=["office-supplies"]), headers=admin(), timeout=10)
    assert response.status_code == 201, response.text
    vendor_id = str(response.json()["id"])
    response = requests.post(f"{base}/api/v1/vendors/{vendor_id}/verification", json={"decision": "verify"}, headers=admin(), timeout=10)
    assert response.status_code == 200, response.text
    return vendor_id


def offer_product(platform: Platform, vendor_id: str, stock: int) -> str:
    """Create a product as the vendor; catalog accepts it once vendor.verified has reached it."""
    vendor = auth_header(mint_token(f"vendor-{vendor_id[:8]}", ["vendor"], vendor_id=vendor_id))
    body = product_body(stock=stock)
    [response] = wait_until(  # refused (403) until vendor.verified is in catalog's inbox
        "the verification travels vendors -> outbox -> RabbitMQ -> catalog's inbox",
        lambda: (answer := requests.post(f"{platform.catalog.base_url}/api/v1/catalog/products", json=body, headers=vendor, timeout=10)).status_code != 403
        and (answer,),
        timeout=30,
    )
    assert response.status_code == 201, response.text
    product_id = str(response.json()["id"])
    response = requests.post(
        f"{platform.catalog.base_url}/api/v1/catalog/products/{product_id}/curation",
        json={"decision": "approve", "reasons": []},
        headers=admin(),
        timeout=10,
    )
    assert response.status_code == 200, response.text
    return product_id


def test_a_purchase_flows_through_events_between_processes(platform: Platform) -> None:
    vendor_id = verified_vendor(platform)
    product_id = offer_product(platform, vendor_id, stock=10)
    [listed] = platform.bus.wait_for("product.listed", lambda e: e.subject == product_id)
    assert listed.data["vendor_id"] == vendor_id and listed.data["price"] == 55000

    first = platform.submit_order(vendor_id, [{"product_id": product_id, "quantity": 7}])
    [reserved] = platform.bus.wait_for("stock.reserved", lambda e: e.data["order_id"] == first)
    assert reserved.data["total"] == 7 * 55000

    second = platform.submit_order(vendor_id, [{"product_id": product_id, "quantity": 4}])
    [failed] = platform.bus.wait_for("stock.reservation_failed", lambda e: e.data["order_id"] == second)
    assert failed.data["lines"] == [
        {"product_id": product_id, "requested": 4, "available": 3, "reason": "insufficient_stock"}
    ]

    response = requests.post(
        f"{platform.vendors.base_url}/api/v1/vendors/{vendor_id}/suspension",
        json={"reason": "late deliveries under review"},
        headers=admin(),
        timeout=10,
    )
    assert response.status_code == 200, response.text
    platform.bus.wait_for("product.delisted", lambda e: e.subject == product_id)
    assert requests.get(f"{platform.catalog.base_url}/api/v1/catalog/products/{product_id}", timeout=10).status_code == 404
