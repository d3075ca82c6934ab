"""Repeated failures slow down and lock; unknown users and wrong passwords look the same."""
from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Callable

import pytest
import requests
from sqlalchemy import select

from servicekit.testing import ServiceHarness

from gateway.components import gateway_of
from gateway.domain.lockout import ANY_CLIENT
from gateway.storage.tables import sign_in_failures
from gateway.testing import served

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


def test_parallel_failures_each_count(make_gateway: Callable[..., ServiceHarness]) -> None:
    """Twenty wrong passwords at once lock at a threshold of twenty: none is lost to a race."""
    gateway = make_gateway(
        db="postgresql",
        demo=True,
        EORDER_GATEWAY_LOCKOUT_THRESHOLD="20",
        EORDER_GATEWAY_TOKEN_RATE_LIMIT="1000/minute",
        EORDER_GATEWAY_SIGN_IN_FAILURE_RATE_LIMIT="1000/minute",
    )
    start = threading.Barrier(20)

    def wrong_password(_: int) -> int:
        start.wait()
        return requests.post(f"{url}/api/v1/auth/token", json={"username": "po1", "password": "wrong"}, timeout=30).status_code

    with served(gateway.app) as url, ThreadPoolExecutor(max_workers=20) as pool:
        statuses = list(pool.map(wrong_password, range(20)))
        assert statuses == [401] * 20
        locked = requests.post(f"{url}/api/v1/auth/token", json={"username": "po1", "password": "demo"}, timeout=30)
        assert locked.status_code == 423, "the twentieth failure locked this client out of po1"
    with gateway.runtime.uow() as uow:
        counts = dict(uow.session.execute(select(sign_in_failures.c.client, sign_in_failures.c.failures)).all())
    assert counts == {"127.0.0.1": 20, ANY_CLIENT: 20}


def test_a_guesser_cannot_lock_the_owner_out(make_gateway: Callable[..., ServiceHarness], db: str) -> None:
    gateway = make_gateway(db=db, demo=True, EORDER_GATEWAY_LOCKOUT_THRESHOLD="5")
    guesser, owner = {"REMOTE_ADDR": "203.0.113.9"}, {"REMOTE_ADDR": "10.20.0.7"}

    def attempt_from(client: dict[str, str], password: str) -> int:
        answer = gateway.client.post(
            "/api/v1/auth/token", json={"username": "admin", "password": password}, environ_base=client
        )
        return answer.status_code

    assert [attempt_from(guesser, f"guess {n}") for n in range(5)] == [401] * 5
    assert attempt_from(guesser, "demo") == 423, "the guessing client is locked out even with the password"
    assert attempt_from(owner, "demo") == 200, "the owner, from a client that has not failed, gets in"
    assert attempt_from(guesser, "demo") == 423, "the owner's success does not lift the guesser's lock"


def test_the_delay_grows_with_failures_from_every_client(make_gateway: Callable[..., ServiceHarness]) -> None:
    gateway = make_gateway(demo=True, EORDER_GATEWAY_LOCKOUT_THRESHOLD="5", EORDER_GATEWAY_FAILURE_DELAY_SECONDS="0.5")
    delays: list[float] = []
    gateway_of(gateway.runtime).sign_in.sleep = delays.append
    for client in ("203.0.113.1", "203.0.113.2", "203.0.113.3"):
        refused = gateway.client.post(
            "/api/v1/auth/token", json={"username": "po2", "password": "x"}, environ_base={"REMOTE_ADDR": client}
        )
        assert refused.status_code == 401
    assert delays == [0.5, 1.0, 1.5]
