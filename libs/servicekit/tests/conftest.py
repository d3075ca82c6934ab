from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest

from servicekit.testing import RABBITMQ_URL, ServiceHarness, database_url_for, require_rabbitmq
from toy_service.service import DEFINITION, FAILURES


@pytest.fixture(autouse=True)
def _reset_toy_failures() -> Iterator[None]:
    FAILURES.update(always_fail=False, fail_times=0, database_down_times=0)
    yield
    FAILURES.update(always_fail=False, fail_times=0, database_down_times=0)


@pytest.fixture(params=["sqlite", "postgresql"])
def toy(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[ServiceHarness]:
    """The toy service on each storage backend, with the in-process bus."""
    with database_url_for(request.param, tmp_path) as url, ServiceHarness(DEFINITION, database_url=url) as harness:
        yield harness


@pytest.fixture(params=["rabbitmq", "sqlite-bus", "memory"])
def broker_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Each broker the same code runs on: RabbitMQ, the embedded mode's SQLite bus, the in-process bus."""
    if request.param == "rabbitmq":
        require_rabbitmq()
        return RABBITMQ_URL
    if request.param == "sqlite-bus":
        return f"sqlite:///{tmp_path / 'bus.db'}"
    return "memory://"
