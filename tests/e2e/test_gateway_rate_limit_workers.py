"""The gateway's rate limit holds across gunicorn workers: the counters live in Redis, not a worker."""
from __future__ import annotations

import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Iterator

import pytest
import redis
import requests
from flask import Flask

from servicekit.testing.processes import ServiceProcesses

from gateway.testing import served

pytestmark = pytest.mark.e2e

LIMIT = 20
REDIS_URL = "redis://127.0.0.1:6379/0"


@pytest.fixture
def slow_upstream() -> Iterator[str]:
    """Holds each request a moment, so that a gunicorn sync worker is busy and the other one accepts."""
    app = Flask("slow")

    @app.get("/api/v1/slow/item")
    def item() -> str:
        time.sleep(0.2)
        return "ok"

    app.get("/readyz")(lambda: "ready")
    with served(app) as url:
        yield url


def test_two_workers_share_one_budget(tmp_path: Path, slow_upstream: str) -> None:
    # A fresh key prefix: this run's counters are its own.
    prefix = f"test-{uuid.uuid4().hex[:10]}"
    env = {
        "EORDER_ENV": "test",
        "EORDER_GATEWAY_DATABASE_URL": f"sqlite:///{tmp_path / 'gateway.db'}",
        "EORDER_GATEWAY_REDIS_URL": REDIS_URL,
        "EORDER_GATEWAY_RATE_LIMIT_PREFIX": prefix,
        "EORDER_GATEWAY_RATE_LIMIT": f"{LIMIT}/minute",
        "EORDER_GATEWAY_UPSTREAMS": f"slow={slow_upstream}",
        "EORDER_LOG_LEVEL": "WARNING",
    }
    with ServiceProcesses("gateway", env, worker=False, web_workers=2, log_dir=tmp_path) as gateway:

        def fetch(_: int) -> int:
            # A new connection per request, so that gunicorn spreads them over both workers.
            url = f"{gateway.base_url}/api/v1/slow/item"
            return requests.get(url, headers={"Connection": "close"}, timeout=10).status_code

        with ThreadPoolExecutor(max_workers=8) as pool:
            statuses = list(pool.map(fetch, range(LIMIT * 3)))
        refused = requests.get(f"{gateway.base_url}/api/v1/slow/item", timeout=10)
    assert statuses.count(200) == LIMIT, (statuses, gateway.logs())
    assert statuses.count(429) == 2 * LIMIT
    assert refused.status_code == 429 and refused.headers["Content-Type"] == "application/problem+json"
    assert int(refused.headers["Retry-After"]) > 0
    counters = redis.Redis.from_url(REDIS_URL)
    try:
        assert counters.keys(f"*{prefix}*"), "the budget is counted in Redis, not in a worker"
    finally:
        counters.close()
