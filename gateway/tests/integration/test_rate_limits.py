"""Rate limits per principal (per IP when anonymous), 429 problem+json with Retry-After."""
from __future__ import annotations

from typing import Callable

import pytest
from flask import Flask

from servicekit.testing import ServiceHarness, auth_header, mint_token

from gateway.testing import sign_in

pytestmark = pytest.mark.integration


def test_anonymous_clients_are_limited_per_ip(make_gateway: Callable[..., ServiceHarness], echo: tuple[Flask, str]) -> None:
    gateway = make_gateway(upstreams={"echo": echo[1]}, EORDER_GATEWAY_RATE_LIMIT="3/minute")
    statuses = [gateway.client.get("/api/v1/echo/x").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    refused = gateway.client.get("/api/v1/echo/x")
    assert refused.mimetype == "application/problem+json" and refused.json["status"] == 429
    assert 0 < int(refused.headers["Retry-After"]) <= 60
    other_ip = gateway.client.get("/api/v1/echo/x", environ_base={"REMOTE_ADDR": "10.1.1.1"})
    assert other_ip.status_code == 200
    assert gateway.client.get("/healthz").status_code == 200, "probes are never limited"
    assert echo[0].config["hits"] == 4


def test_principals_have_their_own_budgets(make_gateway: Callable[..., ServiceHarness], echo: tuple[Flask, str]) -> None:
    gateway = make_gateway(upstreams={"echo": echo[1]}, EORDER_GATEWAY_RATE_LIMIT="2/minute")
    alice = auth_header(mint_token("alice", ["auditor"]))
    bob = auth_header(mint_token("bob", ["auditor"]))
    assert [gateway.client.get("/api/v1/echo/x", headers=alice).status_code for _ in range(3)] == [200, 200, 429]
    assert gateway.client.get("/api/v1/echo/x", headers=bob).status_code == 200
    assert gateway.client.get("/api/v1/echo/x").status_code == 200, "anonymous from the same IP is counted apart"
    assert "Retry-After" not in gateway.client.get("/api/v1/echo/x", headers=bob).headers


def test_sign_in_is_limited_more_strictly_per_ip_and_username(make_gateway: Callable[..., ServiceHarness]) -> None:
    gateway = make_gateway(demo=True, EORDER_GATEWAY_TOKEN_RATE_LIMIT="2/minute", EORDER_GATEWAY_LOCKOUT_THRESHOLD="50")

    def attempt(username: str) -> int:
        return gateway.client.post("/api/v1/auth/token", json={"username": username, "password": "x"}).status_code

    assert [attempt("po1"), attempt("po1"), attempt("po1")] == [401, 401, 429]
    assert attempt("po2") == 401


def test_one_client_trying_many_usernames_is_stopped(make_gateway: Callable[..., ServiceHarness]) -> None:
    """Password spraying: the default cap on failed sign-ins per client, whatever the usernames."""
    gateway = make_gateway(demo=True)
    sprayer = {"REMOTE_ADDR": "198.51.100.23"}
    statuses = [
        gateway.client.post(
            "/api/v1/auth/token", json={"username": f"user{n}", "password": "Musim-Hujan-2026"}, environ_base=sprayer
        ).status_code
        for n in range(40)
    ]
    assert statuses == [401] * 20 + [429] * 20
    refused = gateway.client.post(
        "/api/v1/auth/token", json={"username": "po1", "password": "demo"}, environ_base=sprayer
    )
    assert refused.status_code == 429 and refused.mimetype == "application/problem+json"
    assert 0 < int(refused.headers["Retry-After"]) <= 60
    other = gateway.client.post("/api/v1/auth/token", json={"username": "po1", "password": "demo"})
    assert other.status_code == 200, "another client is not affected"


def test_successful_sign_ins_from_one_office_are_not_capped(make_gateway: Callable[..., ServiceHarness]) -> None:
    gateway = make_gateway(demo=True, EORDER_GATEWAY_SIGN_IN_FAILURE_RATE_LIMIT="3/minute")
    users = ["admin", "auditor", "po1", "ppk1", "treasurer1", "budget1", "po2", "ppk2", "treasurer2", "budget2"]
    assert [sign_in(gateway.client, user)["token_type"] for user in users] == ["Bearer"] * len(users)
