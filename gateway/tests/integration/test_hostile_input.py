"""What a hostile client can send the gateway: deep JSON, a forged Host, ids that do not fit."""
from __future__ import annotations

from typing import Callable

import pytest
from flask import Flask

from servicekit.testing import ServiceHarness

pytestmark = pytest.mark.integration


def test_deeply_nested_json_at_the_gateway_answers_400(make_gateway: Callable[..., ServiceHarness]) -> None:
    gateway = make_gateway()
    body = "[" * 100_000 + "]" * 100_000
    response = gateway.client.post("/api/v1/auth/token", data=body, content_type="application/json")
    assert response.status_code == 400 and response.mimetype == "application/problem+json"


def test_a_forged_host_gets_no_redirect_to_it(make_gateway: Callable[..., ServiceHarness], echo: tuple[Flask, str]) -> None:
    gateway = make_gateway(upstreams={"echo": echo[1]})
    for path in ("/api/v1//auth/token", "/api//docs", "/api/v1/auth//token"):
        response = gateway.client.get(path, headers={"Host": "evil.example"})
        assert "evil.example" not in response.headers.get("Location", ""), (path, response.headers.get("Location"))
        assert response.status_code in (404, 405), (path, response.status_code)


def test_only_accepted_ids_are_forwarded(make_gateway: Callable[..., ServiceHarness], echo: tuple[Flask, str]) -> None:
    gateway = make_gateway(upstreams={"echo": echo[1]})
    hostile = {"X-Request-ID": "r" * 300, "X-Correlation-ID": "saga 1; <script>"}
    answer = gateway.client.get("/api/v1/echo/anything", headers=hostile)
    forwarded = answer.json["headers"]
    assert forwarded["X-Request-Id"] == answer.headers["X-Request-ID"] != hostile["X-Request-ID"]
    assert forwarded["X-Correlation-Id"] == answer.headers["X-Request-ID"]
    fitting = gateway.client.get("/api/v1/echo/anything", headers={"X-Request-ID": "req-1", "X-Correlation-ID": "saga-1"})
    assert fitting.json["headers"]["X-Correlation-Id"] == "saga-1"
