"""Fixtures of the orders tests: the service on SQLite and PostgreSQL, and a driver for its API that
sets up a fresh work unit, vendor, products and package per test (tests sharing a database never
collide)."""
from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator, Mapping

import pytest
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from eorder_contracts.events import PRODUCT_LISTED, STOCK_RESERVED, VENDOR_VERIFIED
from servicekit.testing import ServiceHarness, database_url_for

from orders.service import DEFINITION
from orders.testing import draft_body, package_body, product_face, vendor_snapshot

ORDERS = "/api/v1/orders"
PACKAGES = "/api/v1/packages"


@dataclass
class Buyer:
    """One work unit's people, a vendor with products, and a package assigned down the chain."""

    work_unit: str
    budget_holder: str
    commitment_officer: str
    procurement_officer: str
    vendor_id: str
    products: list[dict[str, Any]] = field(default_factory=list)
    package_id: str = ""


class OrdersApi:
    """Drives the orders service as its clients would; each helper asserts that its step succeeded."""

    def __init__(self, harness: ServiceHarness) -> None:
        self.harness = harness
        self.client: FlaskClient = harness.client

    # -- tokens ----------------------------------------------------------------------------------
    def budget(self, buyer: Buyer) -> dict[str, str]:
        return self.harness.headers("budget_holder", subject=buyer.budget_holder, work_unit=buyer.work_unit)

    def ppk(self, buyer: Buyer) -> dict[str, str]:
        return self.harness.headers("commitment_officer", subject=buyer.commitment_officer, work_unit=buyer.work_unit)

    def po(self, buyer: Buyer) -> dict[str, str]:
        return self.harness.headers("procurement_officer", subject=buyer.procurement_officer, work_unit=buyer.work_unit)

    def vendor(self, buyer: Buyer) -> dict[str, str]:
        return self.harness.headers("vendor", subject=f"vendor-{buyer.vendor_id[:8]}", vendor_id=buyer.vendor_id)

    def auditor(self) -> dict[str, str]:
        return self.harness.headers("auditor", subject="inspektorat")

    # -- the catalog and vendors, as their events tell it -------------------------------------------
    def vendor_known(self, **overrides: Any) -> str:
        snapshot = vendor_snapshot(**overrides)
        self.harness.deliver(VENDOR_VERIFIED, snapshot["id"], snapshot, source="vendors")
        return snapshot["id"]

    def product_listed(self, vendor_id: str, **overrides: Any) -> dict[str, Any]:
        face = product_face(vendor_id, **overrides)
        self.harness.deliver(PRODUCT_LISTED, face["id"], face, source="catalog")
        return face

    # -- setting up a buyer ---------------------------------------------------------------------------
    def buyer(self, *, amount: int = 100_000_000, prices: tuple[int, ...] = (50_000,), pkp: bool = True, **vendor: Any) -> Buyer:
        tag = uuid.uuid4().hex[:8].upper()
        buyer = Buyer(f"WU{tag}", f"budget-{tag}", f"ppk-{tag}", f"po-{tag}", self.vendor_known(pkp=pkp, **vendor))
        buyer.products = [self.product_listed(buyer.vendor_id, price=price, name=f"Produk {i}") for i, price in enumerate(prices)]
        buyer.package_id = self.package(buyer, amount=amount)["id"]
        return buyer

    def package(self, buyer: Buyer, **overrides: Any) -> dict[str, Any]:
        response = self.client.post(PACKAGES, json=package_body(**overrides), headers=self.budget(buyer))
        assert response.status_code == 201, response.json
        package_id = response.json["id"]
        response = self.client.put(f"{PACKAGES}/{package_id}/commitment-officer", json={"subject": buyer.commitment_officer}, headers=self.budget(buyer))
        assert response.status_code == 200, response.json
        response = self.client.put(f"{PACKAGES}/{package_id}/procurement-officers", json={"subjects": [buyer.procurement_officer]}, headers=self.ppk(buyer))
        assert response.status_code == 200, response.json
        return response.json

    # -- the saga -------------------------------------------------------------------------------------
    def draft(self, buyer: Buyer, quantities: tuple[int, ...] = (10,), **overrides: Any) -> TestResponse:
        lines = [(product["id"], quantity) for product, quantity in zip(buyer.products, quantities)]
        return self.client.post(ORDERS, json=draft_body(buyer.package_id, lines, **overrides), headers=self.po(buyer))

    def drafted(self, buyer: Buyer, quantities: tuple[int, ...] = (10,), **overrides: Any) -> dict[str, Any]:
        response = self.draft(buyer, quantities, **overrides)
        assert response.status_code == 201, response.json
        return response.json

    def submit(self, buyer: Buyer, order_id: str, body: Mapping[str, Any] | None = None) -> TestResponse:
        return self.client.post(f"{ORDERS}/{order_id}/submission", json=dict(body or {}), headers=self.po(buyer))

    def submitted(self, buyer: Buyer, quantities: tuple[int, ...] = (10,)) -> dict[str, Any]:
        order = self.drafted(buyer, quantities)
        response = self.submit(buyer, order["id"])
        assert response.status_code == 200, response.json
        return response.json

    def stock_reserved(self, order: Mapping[str, Any]) -> None:
        lines = [
            {"product_id": l["product_id"], "quantity": l["quantity"], "unit_price": l["unit_price"], "unit": l["unit"], "name": l["name"]}
            for l in order["lines"]
        ]
        data = {"order_id": order["id"], "lines": lines, "total": order["amounts"]["subtotal"]}
        self.harness.deliver(STOCK_RESERVED, order["id"], data, source="catalog", correlationid=order["id"])

    def awaiting_approval(self, buyer: Buyer, quantities: tuple[int, ...] = (10,)) -> dict[str, Any]:
        order = self.submitted(buyer, quantities)
        self.stock_reserved(order)
        return self.read(buyer, order["id"])

    def decide(self, buyer: Buyer, order_id: str, decision: str = "approve", reason: str | None = None) -> TestResponse:
        body = {"decision": decision, **({"reason": reason} if reason else {})}
        return self.client.post(f"{ORDERS}/{order_id}/approval", json=body, headers=self.ppk(buyer))

    def approved(self, buyer: Buyer, quantities: tuple[int, ...] = (10,)) -> dict[str, Any]:
        order = self.awaiting_approval(buyer, quantities)
        response = self.decide(buyer, order["id"])
        assert response.status_code == 200, response.json
        return response.json

    def respond(self, buyer: Buyer, order_id: str, decision: str = "accept", reason: str | None = None) -> TestResponse:
        body = {"decision": decision, **({"reason": reason} if reason else {})}
        return self.client.post(f"{ORDERS}/{order_id}/vendor-response", json=body, headers=self.vendor(buyer))

    def accepted(self, buyer: Buyer, quantities: tuple[int, ...] = (10,)) -> dict[str, Any]:
        order = self.approved(buyer, quantities)
        response = self.respond(buyer, order["id"])
        assert response.status_code == 200, response.json
        return response.json

    def ship(self, buyer: Buyer, order_id: str, lines: list[tuple[str, int]]) -> TestResponse:
        body = {"lines": [{"product_id": p, "quantity": q} for p, q in lines]}
        return self.client.post(f"{ORDERS}/{order_id}/shipments", json=body, headers=self.vendor(buyer))

    def check(self, buyer: Buyer, order_id: str, shipment_id: str, lines: list[dict[str, Any]]) -> TestResponse:
        return self.client.post(f"{ORDERS}/{order_id}/shipments/{shipment_id}/check", json={"lines": lines}, headers=self.ppk(buyer))

    def received(self, buyer: Buyer, quantities: tuple[int, ...] = (10,)) -> dict[str, Any]:
        order = self.accepted(buyer, quantities)
        lines = [(l["product_id"], l["quantity"]) for l in order["lines"]]
        shipped = self.ship(buyer, order["id"], lines)
        assert shipped.status_code == 201, shipped.json
        shipment = shipped.json["shipments"][-1]
        checked = self.check(buyer, order["id"], shipment["id"], [{"product_id": p, "accepted": q} for p, q in lines])
        assert checked.status_code == 200, checked.json
        return checked.json

    def read(self, buyer: Buyer, order_id: str, headers: Mapping[str, str] | None = None) -> dict[str, Any]:
        response = self.client.get(f"{ORDERS}/{order_id}", headers=dict(headers or self.po(buyer)))
        assert response.status_code == 200, response.json
        return response.json

    def package_of(self, buyer: Buyer) -> dict[str, Any]:
        response = self.client.get(f"{PACKAGES}/{buyer.package_id}", headers=self.budget(buyer))
        assert response.status_code == 200, response.json
        return response.json

    def events_of(self, order_id: str, *types: str) -> list[Any]:
        return [event for event in self.harness.outbox(*types) if event.subject == order_id]


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def service(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServiceHarness]:
    with (
        database_url_for(request.param, tmp_path_factory.mktemp("orders")) as url,
        ServiceHarness(DEFINITION, database_url=url) as harness,
    ):
        yield harness


@pytest.fixture
def api(service: ServiceHarness) -> OrdersApi:
    return OrdersApi(service)


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    with database_url_for(request.param, tmp_path) as url:
        yield url


@pytest.fixture
def driver() -> type[OrdersApi]:
    """The API driver, for tests that run a service of their own (another setting, demo data)."""
    return OrdersApi
