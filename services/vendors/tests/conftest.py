"""Fixtures of the vendors tests: the service on SQLite and PostgreSQL, and a driver for its API that
registers vendors with valid, unique data (so that tests sharing a database never collide)."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator, Mapping

import pytest
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from servicekit.testing import RABBITMQ_URL, ServiceHarness, database_url_for, require_rabbitmq
from vendors.api.blueprint import URL_PREFIX as API
from vendors.service import DEFINITION
from vendors.testing import unique_digits, valid_application


class VendorsApi:
    """Drives the vendors service as its clients would; each helper asserts that its step succeeded."""

    def __init__(self, harness: ServiceHarness) -> None:
        self.harness = harness
        self.client: FlaskClient = harness.client

    # -- tokens ----------------------------------------------------------------------------------
    def admin(self) -> dict[str, str]:
        return self.harness.headers("admin", subject="admin-bppbj")

    def auditor(self) -> dict[str, str]:
        return self.harness.headers("auditor", subject="inspektorat")

    def as_vendor(self, vendor_id: str) -> dict[str, str]:
        return self.harness.headers("vendor", subject=f"vendor-user-{vendor_id[:8]}", vendor_id=vendor_id)

    # -- steps -----------------------------------------------------------------------------------
    @staticmethod
    def application(**overrides: Any) -> dict[str, Any]:
        return valid_application(**overrides)

    @staticmethod
    def formatted_npwp(digits: str) -> str:
        """A 15-digit NPWP written the usual way: ``01.234.567.8-901.000``."""
        return f"{digits[:2]}.{digits[2:5]}.{digits[5:8]}.{digits[8]}-{digits[9:12]}.{digits[12:]}"

    def register(self, **overrides: Any) -> dict[str, Any]:
        response = self.client.post(f"{API}/registrations", json=valid_application(**overrides))
        assert response.status_code == 201, response.json
        return response.json

    def decide(self, vendor_id: str, decision: str, reasons: list[str] | None = None) -> TestResponse:
        body: dict[str, Any] = {"decision": decision}
        if reasons is not None:
            body["reasons"] = reasons
        return self.client.post(f"{API}/{vendor_id}/verification", json=body, headers=self.admin())

    def registered_and_verified(self, **overrides: Any) -> dict[str, Any]:
        vendor = self.register(**overrides)
        response = self.decide(vendor["id"], "verify")
        assert response.status_code == 200, response.json
        return response.json

    def read(self, vendor_id: str, headers: Mapping[str, str] | None = None) -> TestResponse:
        return self.client.get(f"{API}/{vendor_id}", headers=dict(headers or {}))

    def edit(self, vendor_id: str, changes: Mapping[str, Any], headers: Mapping[str, str] | None = None) -> TestResponse:
        return self.client.patch(f"{API}/{vendor_id}", json=dict(changes), headers=dict(headers or self.as_vendor(vendor_id)))

    def post(self, path: str, body: Any = None, headers: Mapping[str, str] | None = None) -> TestResponse:
        return self.client.post(f"{API}{path}", json=body, headers=dict(headers or {}))

    def events_of(self, vendor_id: str, *types: str) -> list[Any]:
        return [event for event in self.harness.outbox(*types) if event.subject == vendor_id]


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def service(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServiceHarness]:
    """The vendors service on each database, on the in-process bus, shared by the tests that create
    their own vendors (fresh ids every time) and never count what others may have added."""
    with (
        database_url_for(request.param, tmp_path_factory.mktemp("vendors")) as url,
        ServiceHarness(DEFINITION, database_url=url) as harness,
    ):
        yield harness


@pytest.fixture
def api(service: ServiceHarness) -> VendorsApi:
    return VendorsApi(service)


@pytest.fixture(scope="module", params=["memory", "rabbitmq"])
def broker_url(request: pytest.FixtureRequest) -> str:
    if request.param == "rabbitmq":
        require_rabbitmq()
        return RABBITMQ_URL
    return "memory://"


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def bus_service(
    request: pytest.FixtureRequest, broker_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[ServiceHarness]:
    """The service on each database and each broker (the in-process bus and RabbitMQ), for event tests."""
    with (
        database_url_for(request.param, tmp_path_factory.mktemp("vendors-bus")) as url,
        ServiceHarness(DEFINITION, database_url=url, broker_url=broker_url) as harness,
    ):
        yield harness


@pytest.fixture
def bus_api(bus_service: ServiceHarness) -> VendorsApi:
    return VendorsApi(bus_service)


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database of each kind, for tests that need one to themselves."""
    with database_url_for(request.param, tmp_path) as url:
        yield url


@pytest.fixture
def application() -> dict[str, Any]:
    """A valid registration body with fresh legal ids."""
    return valid_application()
