from __future__ import annotations

import pytest

from gateway.domain.routing import UpstreamConfigError, has_dot_segments, parse_upstreams, requested_service

pytestmark = pytest.mark.unit


def test_upstreams_parse_into_names_and_base_urls() -> None:
    assert parse_upstreams(" vendors=http://127.0.0.1:8082/ , catalog=https://catalog.svc:8081,") == {
        "vendors": "http://127.0.0.1:8082",
        "catalog": "https://catalog.svc:8081",
    }
    assert parse_upstreams("") == {}


def test_packages_go_to_the_orders_service_unless_routed_elsewhere() -> None:
    assert parse_upstreams("orders=http://127.0.0.1:8083") == {
        "orders": "http://127.0.0.1:8083",
        "packages": "http://127.0.0.1:8083",
    }
    assert parse_upstreams("orders=http://orders:8083,packages=http://budget:9000")["packages"] == "http://budget:9000"
    assert "packages" not in parse_upstreams("vendors=http://127.0.0.1:8082")


@pytest.mark.parametrize(
    "text",
    [
        "vendors",
        "vendors=",
        "Vendors=http://x:1",
        "auth=http://x:1",
        "storefront=http://x:1",
        "vendors=http://x:1,vendors=http://y:1",
        "vendors=ftp://x:1",
        "vendors=http://x:1/api",
    ],
)
def test_unusable_upstream_tables_are_refused(text: str) -> None:
    with pytest.raises(UpstreamConfigError):
        parse_upstreams(text)


@pytest.mark.parametrize(
    ("path", "service"),
    [
        ("/api/v1/orders/123", "orders"),
        ("/api/v1/orders", "orders"),
        ("/api/v1/auth/whatever", None),
        ("/api/v1/", None),
        ("/healthz", None),
        ("/api/v1/UPPER/x", None),
    ],
)
def test_requested_service(path: str, service: str | None) -> None:
    assert requested_service(path) == service


def test_dot_segments() -> None:
    assert has_dot_segments("/api/v1/vendors/../../metrics")
    assert has_dot_segments("/api/v1/vendors/./x")
    assert not has_dot_segments("/api/v1/vendors/a.b/..c")
