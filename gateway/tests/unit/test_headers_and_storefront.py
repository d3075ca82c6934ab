from __future__ import annotations

import pytest

from gateway.proxy.headers import request_headers, response_headers
from gateway.domain.storefront import storefront

pytestmark = pytest.mark.unit


def test_request_headers_drop_hop_by_hop_and_set_forwarding() -> None:
    incoming = [
        ("Host", "gateway:8080"),
        ("Connection", "keep-alive, X-Secret-Hop"),
        ("Keep-Alive", "timeout=5"),
        ("X-Secret-Hop", "1"),
        ("TE", "trailers"),
        ("Upgrade", "websocket"),
        ("Proxy-Authorization", "Basic abc"),
        ("Authorization", "Bearer t"),
        ("X-Request-ID", "client-chosen"),
        ("X-Correlation-ID", "<script>not-checked"),
        ("X-Forwarded-For", "203.0.113.9"),
        ("Content-Length", "12"),
        ("Idempotency-Key", "k-1"),
    ]
    headers = request_headers(
        incoming, request_id="rid-1", client_ip="10.0.0.2", scheme="https", host="api.example", correlation_id="corr-1"
    )
    assert headers == {
        "Authorization": "Bearer t",
        "Idempotency-Key": "k-1",
        "X-Forwarded-For": "203.0.113.9, 10.0.0.2",
        "X-Forwarded-Proto": "https",
        "X-Forwarded-Host": "api.example",
        "X-Request-ID": "rid-1",
        "X-Correlation-ID": "corr-1",
    }


def test_response_headers_drop_hop_by_hop_and_what_the_gateway_sets() -> None:
    upstream = [
        ("Content-Type", "application/json"),
        ("Transfer-Encoding", "chunked"),
        ("Connection", "close"),
        ("Content-Length", "99"),
        ("Server", "gunicorn"),
        ("Location", "/api/v1/vendors/1"),
        ("Set-Cookie", "a=b"),
    ]
    assert response_headers(upstream) == [
        ("Content-Type", "application/json"),
        ("Location", "/api/v1/vendors/1"),
        ("Set-Cookie", "a=b"),
    ]


def test_storefront_lifts_the_rating_and_marks_missing_parts() -> None:
    vendor = {"id": "v", "name": "Katering Bu Sri", "rating": {"average": 4.5, "count": 2}}
    full = storefront(vendor, [{"id": "p"}])
    assert full == {
        "vendor": {"id": "v", "name": "Katering Bu Sri"},
        "rating": {"average": 4.5, "count": 2},
        "products": [{"id": "p"}],
        "partial": False,
        "missing": [],
    }
    partial = storefront(vendor, None)
    assert partial["partial"] is True and partial["missing"] == ["products"] and partial["products"] == []
