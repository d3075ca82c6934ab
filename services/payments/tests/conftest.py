"""Fixtures of the payments tests: the service on SQLite and PostgreSQL, driven by ``PaymentsApi``."""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest

from payments.service import DEFINITION
from payments.testing import PaymentsApi
from servicekit.testing import RABBITMQ_URL, ServiceHarness, database_url_for, require_rabbitmq


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def service(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServiceHarness]:
    """The payments service on each database, on the in-process bus, shared by tests that make their
    own invoices (fresh ids every time) and never count what others may have added."""
    with (
        database_url_for(request.param, tmp_path_factory.mktemp("payments")) as url,
        ServiceHarness(DEFINITION, database_url=url) as harness,
    ):
        yield harness


@pytest.fixture
def api(service: ServiceHarness) -> PaymentsApi:
    return PaymentsApi(service)


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    with database_url_for(request.param, tmp_path) as url:
        yield url


@pytest.fixture(scope="module", params=["sqlite-memory", "postgresql-rabbitmq"])
def bus_api(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[PaymentsApi]:
    """The service on the in-process bus with SQLite, and on RabbitMQ with PostgreSQL, for event tests."""
    database, bus = request.param.split("-")
    broker_url = "memory://"
    if bus == "rabbitmq":
        require_rabbitmq()
        broker_url = RABBITMQ_URL
    with (
        database_url_for(database, tmp_path_factory.mktemp("payments-bus")) as url,
        ServiceHarness(DEFINITION, database_url=url, broker_url=broker_url) as harness,
    ):
        yield PaymentsApi(harness)
