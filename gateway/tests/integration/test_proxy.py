"""Forwarding to upstreams: headers, bodies, limits, failures, retries and services not deployed."""
from __future__ import annotations

from typing import Any, Callable

import pytest
from flask import Flask

from servicekit.testing import ServiceHarness, auth_header, mint_token

from gateway.testing import closed_port_url

pytestmark = pytest.mark.integration

PROBLEM = "application/problem+json"


@pytest.fixture
def via(make_gateway: Callable[..., ServiceHarness], echo: tuple[Flask, str]) -> ServiceHarness:
    return make_gateway(upstreams={"echo": echo[1]}, EORDER_GATEWAY_UPSTREAM_READ_TIMEOUT="0.5")


def test_requests_arrive_as_sent_with_forwarding_headers(via: ServiceHarness) -> None:
    token = mint_token("po1", ["procurement_officer"], work_unit="DPPKUKM")
    response = via.client.post(
        "/api/v1/echo/orders/7?expand=lines&x=%2F",
        data=b'{"total": 1250000}',
        content_type="application/json",
        headers={
            **auth_header(token),
            "X-Request-ID": "req-42",
            "Idempotency-Key": "k-9",
            "Connection": "keep-alive, X-Hop",
            "X-Hop": "drop me",
            "Keep-Alive": "timeout=5",
            "X-Forwarded-For": "203.0.113.7",
        },
    )
    assert response.status_code == 200
    seen: dict[str, Any] = response.json
    headers = {k.lower(): v for k, v in seen["headers"].items()}
    assert seen["method"] == "POST" and seen["path"] == "/api/v1/echo/orders/7"
    assert seen["query"] == "expand=lines&x=%2F" and seen["body"] == '{"total": 1250000}'
    assert headers["authorization"] == f"Bearer {token}", "services verify the token themselves"
    assert headers["x-request-id"] == "req-42" and headers["idempotency-key"] == "k-9"
    assert headers["x-forwarded-for"] == "203.0.113.7, 127.0.0.1" and headers["x-forwarded-proto"] == "http"
    assert "x-hop" not in headers and "keep-alive" not in headers
    assert response.headers["X-Request-ID"] == "req-42" and response.headers["X-Upstream"] == "echo"
    assert "Keep-Alive" not in response.headers


def test_status_and_body_pass_through_and_request_ids_are_made(via: ServiceHarness) -> None:
    response = via.client.delete("/api/v1/echo/status/418")
    assert response.status_code == 418 and response.json["method"] == "DELETE"
    made = response.headers["X-Request-ID"]
    assert made and {k.lower(): v for k, v in response.json["headers"].items()}["x-request-id"] == made


def test_an_oversized_body_is_refused_before_forwarding(
    make_gateway: Callable[..., ServiceHarness], echo: tuple[Flask, str]
) -> None:
    app, url = echo
    gateway = make_gateway(upstreams={"echo": url}, EORDER_MAX_BODY_BYTES="1000")
    response = gateway.client.post("/api/v1/echo/x", json={"text": "x" * 2000})
    assert response.status_code == 413 and response.mimetype == PROBLEM
    assert app.config["hits"] == 0


def test_an_upstream_that_refuses_connections_answers_503(make_gateway: Callable[..., ServiceHarness]) -> None:
    gateway = make_gateway(upstreams={"catalog": closed_port_url()})
    response = gateway.client.get("/api/v1/catalog/products")
    assert response.status_code == 503 and response.mimetype == PROBLEM
    assert response.json["service"] == "catalog" and response.headers["Retry-After"]


def test_a_slow_upstream_answers_504(via: ServiceHarness, echo: tuple[Flask, str]) -> None:
    response = via.client.get("/api/v1/echo/slow?seconds=1.5")
    assert response.status_code == 504 and response.mimetype == PROBLEM
    assert echo[0].config["hits"] == 2, "a GET is retried once (EORDER_GATEWAY_UPSTREAM_RETRIES=1)"


def test_only_idempotent_requests_are_retried_after_the_request_was_sent(
    make_gateway: Callable[..., ServiceHarness], hang_up: Any
) -> None:
    gateway = make_gateway(upstreams={"flaky": hang_up.url}, EORDER_GATEWAY_UPSTREAM_RETRIES="2")
    get = gateway.client.get("/api/v1/flaky/items")
    assert get.status_code == 502 and get.mimetype == PROBLEM
    assert hang_up.attempts == 3
    post = gateway.client.post("/api/v1/flaky/items", json={"a": 1})
    assert post.status_code == 502
    assert hang_up.attempts == 4, "a POST that reached the upstream is never sent twice"


def test_a_service_not_deployed_answers_404_saying_so(via: ServiceHarness) -> None:
    response = via.client.get("/api/v1/orders/123")
    assert response.status_code == 404 and response.mimetype == PROBLEM
    assert response.json["detail"] == "service 'orders' is not deployed here"
    assert via.client.get("/api/v1/auth/unknown").json["type"].endswith("/not-found")
    assert via.client.get("/api/v1/echo/../../metrics").status_code == 404


def test_the_gateway_own_routes_keep_their_methods(via: ServiceHarness) -> None:
    assert via.client.get("/api/v1/auth/token").status_code == 405
    # The bare service paths are forwarded too: the echo upstream's own 404 page comes back.
    for bare in ("/api/v1/echo", "/api/v1/echo/"):
        answer = via.client.get(bare)
        assert answer.status_code == 404 and answer.mimetype == "text/html", bare


def test_upstream_calls_are_counted_in_metrics(via: ServiceHarness) -> None:
    via.client.get("/api/v1/echo/status/201")
    metrics = via.client.get("/metrics").get_data(as_text=True)
    assert 'eorder_gateway_upstream_requests_total{method="GET",outcome="201",upstream="echo"}' in metrics
