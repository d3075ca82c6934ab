"""Fixtures for the catalog's tests: a catalog service per test module and storage backend, and a
driver that speaks to it the way vendors, admins, buyers and the other services do.

The service is shared by the tests of a module (migrating a PostgreSQL database for every test would
take minutes); each test works on its own vendors and products, in its own city, so tests never see
each other's data.
"""
from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterator, Mapping

import pytest
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from eorder_contracts import EXAMPLES_DIR

from servicekit.events.envelope import Envelope
from servicekit.testing import RABBITMQ_URL, ServiceHarness, database_url_for, require_rabbitmq

from catalog.service import DEFINITION
from catalog.testing import product_body

VENDOR_EVENT_FOR_STATUS = {
    "pending": "vendor.registered",
    "verified": "vendor.verified",
    "rejected": "vendor.rejected",
    "suspended": "vendor.suspended",
}
HALAL_CERTIFICATE = "ID31710000123450823"
MAX_PAGES = 200
# What orders tells on receipt (the BAST facts); the tests vary only the order and the time.
RECEIVED_EXAMPLE = json.loads((EXAMPLES_DIR / "order.received.json").read_text())["data"]


@dataclass
class Vendor:
    id: str
    city: str
    kecamatan: str
    profile: dict[str, Any] = field(default_factory=dict)


class CatalogDriver:
    """Acts on a running catalog service as its users and neighbours would."""

    def __init__(self, harness: ServiceHarness) -> None:
        self.harness = harness
        self.client: FlaskClient = harness.client

    # -- vendors, as the vendors service tells of them -----------------------------------------------
    def vendor(self, status: str = "verified", **profile: Any) -> Vendor:
        """A new vendor in a city of its own (so a test can search only its own products)."""
        tag = uuid.uuid4().hex[:8]
        vendor = Vendor(id=str(uuid.uuid4()), city=f"Kota Uji {tag}", kecamatan=f"Kecamatan {tag}")
        vendor.profile = {
            "name": f"UMKM Uji {tag}",
            "status": status,
            "scale": "micro",
            "kelurahan": "Tebet Barat",
            "kecamatan": vendor.kecamatan,
            "city": vendor.city,
            "pkp": False,
            "categories": ["meeting-food", "office-supplies"],
            "jakpreneur": True,
            "reason": None,
            **profile,
        }
        self.vendor_event(vendor, version=1)
        return vendor

    def vendor_event(self, vendor: Vendor, *, version: int, event_type: str | None = None, **changes: Any) -> Envelope:
        vendor.profile.update(changes)
        data = {"id": vendor.id, "version": version, **vendor.profile}
        event_type = event_type or VENDOR_EVENT_FOR_STATUS[data["status"]]
        return self.harness.deliver(event_type, vendor.id, data, source="vendors")

    # -- tokens --------------------------------------------------------------------------------
    def as_vendor(self, vendor: Vendor) -> dict[str, str]:
        return self.harness.headers("vendor", subject=f"user-of-{vendor.id[:8]}", vendor_id=vendor.id)

    def as_admin(self) -> dict[str, str]:
        return self.harness.headers("admin", subject="admin-bppbj")

    def as_auditor(self) -> dict[str, str]:
        return self.harness.headers("auditor", subject="inspektorat")

    def as_buyer(self) -> dict[str, str]:
        return self.harness.headers("procurement_officer", subject="po-1", work_unit="DINAS-KOMINFOTIK")

    # -- products ------------------------------------------------------------------------------
    product_body = staticmethod(product_body)

    @staticmethod
    def food_body(**overrides: Any) -> dict[str, Any]:
        return CatalogDriver.product_body(
            **{
                "name": "Nasi Kotak Ayam Bakar",
                "description": "Nasi, ayam bakar, lalapan, sambal.",
                "category": "rice-box",
                "unit": "box",
                "price": 35000,
                "min_order_quantity": 10,
                "fulfilment": "made_to_order",
                "stock": None,
                "daily_capacity": 100,
                "halal_certificate": HALAL_CERTIFICATE,
                **overrides,
            }
        )

    def create(self, vendor: Vendor, body: Mapping[str, Any], **headers: str) -> TestResponse:
        return self.client.post("/api/v1/catalog/products", json=body, headers={**self.as_vendor(vendor), **headers})

    def new_product(self, vendor: Vendor, **overrides: Any) -> dict[str, Any]:
        return self._created(vendor, self.product_body(**overrides))

    def curate(self, product_id: str, decision: str, *reasons: str) -> TestResponse:
        return self.client.post(
            f"/api/v1/catalog/products/{product_id}/curation",
            json={"decision": decision, "reasons": list(reasons)},
            headers=self.as_admin(),
        )

    def listed_product(self, vendor: Vendor, **overrides: Any) -> dict[str, Any]:
        return self._approved(self.new_product(vendor, **overrides))

    def listed_food(self, vendor: Vendor, **overrides: Any) -> dict[str, Any]:
        return self._approved(self._created(vendor, self.food_body(**overrides)))

    def _created(self, vendor: Vendor, body: Mapping[str, Any]) -> dict[str, Any]:
        response = self.create(vendor, body)
        assert response.status_code == 201, response.json
        return response.json

    def _approved(self, product: Mapping[str, Any]) -> dict[str, Any]:
        response = self.curate(product["id"], "approve")
        assert response.status_code == 200, response.json
        return response.json

    def change(self, vendor: Vendor, product_id: str, changes: Mapping[str, Any]) -> TestResponse:
        return self.client.patch(f"/api/v1/catalog/products/{product_id}", json=changes, headers=self.as_vendor(vendor))

    def read(self, product_id: str, headers: Mapping[str, str] | None = None) -> TestResponse:
        return self.client.get(f"/api/v1/catalog/products/{product_id}", headers=dict(headers or {}))

    def search(self, **params: Any) -> TestResponse:
        return self.client.get("/api/v1/catalog/products", query_string=params)

    def search_all(self, **params: Any) -> list[dict[str, Any]]:
        """Every item of a search, following the cursor page by page."""
        items: list[dict[str, Any]] = []
        cursor = None
        for _ in range(MAX_PAGES):
            response = self.search(**params, **({"cursor": cursor} if cursor else {}))
            assert response.status_code == 200, response.json
            items += response.json["items"]
            cursor = response.json["next"]
            if cursor is None:
                return items
        raise AssertionError(f"the cursor never ran out after {MAX_PAGES} pages: it does not advance")

    # -- orders, as the orders service sends them ---------------------------------------------------
    def submit_order(
        self,
        vendor: Vendor,
        lines: list[tuple[str, int]],
        *,
        order_id: str | None = None,
        submitted_at: str | None = None,
    ) -> str:
        order_id = order_id or str(uuid.uuid4())
        data = {
            **self._order(vendor, order_id, lines),
            "submitted_at": submitted_at or datetime.now(timezone.utc).isoformat(),
        }
        self.harness.deliver("order.submitted", order_id, data, source="orders", correlationid=order_id)
        return order_id

    def amend_order(
        self,
        vendor: Vendor,
        order_id: str,
        lines: list[tuple[str, int]],
        *,
        revision: int,
        amended_at: str | None = None,
    ) -> Envelope:
        """order.amended as orders sends it: these lines instead of the previous ones (total is the
        buyer's figure, which the catalog does not use)."""
        data = {
            **self._order(vendor, order_id, lines),
            "amended_at": amended_at or datetime.now(timezone.utc).isoformat(),
            "total": 0,
            "revision": revision,
        }
        return self.harness.deliver("order.amended", order_id, data, source="orders", correlationid=order_id)

    @staticmethod
    def _order(vendor: Vendor, order_id: str, lines: list[tuple[str, int]]) -> dict[str, Any]:
        """What order.submitted and order.amended both tell: the order, its buyer, vendor and lines."""
        return {
            "order_id": order_id,
            "work_unit": "DINAS-KOMINFOTIK",
            "vendor_id": vendor.id,
            "lines": [{"product_id": product_id, "quantity": quantity} for product_id, quantity in lines],
        }

    def end_order(self, order_id: str, event_type: str = "order.cancelled") -> Envelope:
        return self.harness.deliver(
            event_type, order_id, {"order_id": order_id, "reason": "rapat dibatalkan"}, source="orders"
        )

    def receive_order(self, order_id: str) -> Envelope:
        data = {**RECEIVED_EXAMPLE, "order_id": order_id, "received_at": datetime.now(timezone.utc).isoformat()}
        return self.harness.deliver("order.received", order_id, data, source="orders")

    def answers(self, order_id: str, *types: str) -> list[Envelope]:
        """The stock.* events the catalog committed about this order, oldest first."""
        return [
            e
            for e in self.harness.outbox(
                *(types or ("stock.reserved", "stock.reservation_failed", "stock.released", "stock.committed"))
            )
            if e.subject == order_id
        ]

    def product_events(self, product_id: str) -> list[Envelope]:
        return [
            e
            for e in self.harness.outbox("product.listed", "product.updated", "product.delisted")
            if e.subject == product_id
        ]

    def stock_of(self, product_id: str) -> int | None:
        return self.read(product_id, self.as_admin()).json["stock"]


def open_catalog(kind: str, tmp_path: Path, **kwargs: Any) -> Iterator[CatalogDriver]:
    with database_url_for(kind, tmp_path) as url, ServiceHarness(DEFINITION, database_url=url, **kwargs) as harness:
        yield CatalogDriver(harness)


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database of each kind, for tests that need one to themselves."""
    with database_url_for(request.param, tmp_path) as url:
        yield url


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def catalog(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[CatalogDriver]:
    """The catalog on each storage backend with the in-process bus, shared by a module's tests."""
    yield from open_catalog(request.param, tmp_path_factory.mktemp(f"catalog-{request.param}"))


@pytest.fixture(scope="module", params=["rabbitmq", "memory"])
def bus_catalog(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[CatalogDriver]:
    """The catalog as deployed: PostgreSQL with RabbitMQ, and SQLite with the in-process bus (embedded)."""
    if request.param == "rabbitmq":
        require_rabbitmq()
        yield from open_catalog("postgresql", tmp_path_factory.mktemp("bus"), broker_url=RABBITMQ_URL)
    else:
        yield from open_catalog("sqlite", tmp_path_factory.mktemp("bus"))


@pytest.fixture(scope="module")
def postgres_catalog(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CatalogDriver]:
    """The catalog on PostgreSQL alone, for what only a server database can show (row locks)."""
    yield from open_catalog("postgresql", tmp_path_factory.mktemp("catalog-postgresql"))


@pytest.fixture
def strict_markup_catalog(tmp_path: Path) -> Iterator[CatalogDriver]:
    """A catalog whose markup threshold is set to 10% (EORDER_CATALOG_MARKUP_THRESHOLD_PERCENT)."""
    yield from open_catalog("sqlite", tmp_path, environ={"EORDER_CATALOG_MARKUP_THRESHOLD_PERCENT": "10"})
