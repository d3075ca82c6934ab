"""Repeated failures slow down and lock; unknown users and wrong passwords look the same."""
from __future__ import annotations

from typing import Callable

import pytest

from servicekit.testing import ServiceHarness

from gateway.components import gateway_of

pytestmark = pytest.mark.integration


def attempt(gateway: ServiceHarness, username: str, password: str):  # type: ignore[no-untyped-def]
    return gateway.client.post("/api/v1/auth/token", json={"username": username, "password": password})


def test_failures_slow_down_then_lock(make_gateway: Callable[..., ServiceHarness], db: str) -> None:
    gateway = make_gateway(
        db=db,
        demo=True,
        EORDER_GATEWAY_LOCKOUT_THRESHOLD="3",
        EORDER_GATEWAY_LOCKOUT_SECONDS="600",
        EORDER_GATEWAY_FAILURE_DELAY_SECONDS="0.5",
        EORDER_GATEWAY_TOKEN_RATE_LIMIT="100/minute",
    )
    delays: list[float] = []
    gateway_of(gateway.runtime).sign_in.sleep = delays.append
    for _ in range(3):
        refused = attempt(gateway, "ppk2", "wrong password")
        assert refused.status_code == 401 and refused.json["detail"] == "invalid username or password"
    assert delays == [0.5, 1.0, 1.5]
    locked = attempt(gateway, "ppk2", "demo")
    assert locked.status_code == 423 and locked.mimetype == "application/problem+json"
    assert 590 <= int(locked.headers["Retry-After"]) <= 600
    assert attempt(gateway, "ppk1", "demo").status_code == 200, "another username is not affected"


def test_unknown_users_get_the_same_answer_and_the_same_lock(make_gateway: Callable[..., ServiceHarness]) -> None:
    gateway = make_gateway(demo=True, EORDER_GATEWAY_LOCKOUT_THRESHOLD="2", EORDER_GATEWAY_TOKEN_RATE_LIMIT="100/minute")
    known, unknown = attempt(gateway, "po1", "not the password"), attempt(gateway, "nobody-here", "not the password")
    assert known.status_code == unknown.status_code == 401
    assert known.json == unknown.json
    attempt(gateway, "nobody-here", "again")
    assert attempt(gateway, "nobody-here", "again").status_code == 423


def test_success_clears_the_count(make_gateway: Callable[..., ServiceHarness]) -> None:
    gateway = make_gateway(demo=True, EORDER_GATEWAY_LOCKOUT_THRESHOLD="2", EORDER_GATEWAY_TOKEN_RATE_LIMIT="100/minute")
    assert attempt(gateway, "budget2", "wrong").status_code == 401
    assert attempt(gateway, "budget2", "demo").status_code == 200
    assert attempt(gateway, "budget2", "wrong").status_code == 401
    assert attempt(gateway, "budget2", "demo").status_code == 200
