"""Fixtures of the payments tests: the service on SQLite and PostgreSQL, driven by ``PaymentsApi``."""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest

from payments.service import DEFINITION
from payments.testing import PaymentsApi
from servicekit.testing import ServiceHarness, database_url_for


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
