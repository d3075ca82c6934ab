from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest

from servicekit.testing import ServiceHarness, database_url_for
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
