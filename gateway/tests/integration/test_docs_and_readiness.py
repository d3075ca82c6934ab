"""The merged OpenAPI document and Swagger UI, and readiness of each upstream."""
from __future__ import annotations

import re
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Callable

import pytest
import requests
from flask import Flask

from servicekit.testing import ServiceHarness

from gateway.testing import closed_port_url, served

pytestmark = pytest.mark.integration


def test_docs_merge_the_gateway_and_every_upstream(make_gateway: Callable[..., ServiceHarness], fake_vendors: Any) -> None:
    gateway = make_gateway(upstreams={"vendors": fake_vendors[1]})
    page = gateway.client.get("/api/docs")
    assert page.status_code == 200 and "swagger-ui" in page.get_data(as_text=True)
    assert "/api/docs/openapi.json" in page.get_data(as_text=True)
    document = gateway.client.get("/api/docs/openapi.json").json
    assert {"/api/v1/auth/token", "/api/v1/accounts", "/api/v1/vendors/{vendor_id}"} <= set(document["paths"])
    assert {"gateway_TokenOut", "vendors_Vendor"} <= set(document["components"]["schemas"])
    vendor_get = document["paths"]["/api/v1/vendors/{vendor_id}"]["get"]
    assert vendor_get["responses"]["200"]["content"]["application/json"]["schema"]["$ref"] == "#/components/schemas/vendors_Vendor"
    assert "bearerAuth" in document["components"]["securitySchemes"]
    assert "x-unavailable-services" not in document["info"]


def test_the_docs_page_works_without_the_internet(make_gateway: Callable[..., ServiceHarness]) -> None:
    gateway = make_gateway()
    page = gateway.client.get("/api/docs")
    assert "default-src 'none'" in page.headers["Content-Security-Policy"]
    html = page.get_data(as_text=True)
    referenced = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert referenced and all(url.startswith("/api/docs/assets/") for url in referenced), referenced
    assert all(gateway.client.get(url).status_code == 200 for url in referenced)


def test_the_merged_document_names_what_the_gateway_answers_for_a_service(
    make_gateway: Callable[..., ServiceHarness], fake_vendors: Any
) -> None:
    document = make_gateway(upstreams={"vendors": fake_vendors[1]}).client.get("/api/docs/openapi.json").json
    proxied = document["paths"]["/api/v1/vendors/{vendor_id}"]["get"]["responses"]
    for status in ("429", "502", "503", "504"):
        name = proxied[status]["$ref"].rsplit("/", 1)[-1]
        answer = document["components"]["responses"][name]
        assert answer["content"]["application/problem+json"]["schema"]["$ref"] == "#/components/schemas/gateway_Problem"
    own = document["paths"]["/api/v1/auth/token"]["post"]["responses"]
    assert "429" in own and "502" not in own
    assert own["401"]["description"].startswith("wrong username or password")
    assert list(own["401"]["content"]) == ["application/problem+json"]


def test_docs_name_the_services_that_could_not_be_asked(make_gateway: Callable[..., ServiceHarness]) -> None:
    document = make_gateway(upstreams={"catalog": closed_port_url()}).client.get("/api/docs/openapi.json").json
    assert document["info"]["x-unavailable-services"] == ["catalog"]
    assert "/api/v1/auth/token" in document["paths"]


def test_upstream_documents_are_fetched_once_while_fresh(
    make_gateway: Callable[..., ServiceHarness], fake_vendors: Any
) -> None:
    vendors, url = fake_vendors
    complete = make_gateway(upstreams={"vendors": url})
    for _ in range(3):
        assert "/api/v1/vendors/{vendor_id}" in complete.client.get("/api/docs/openapi.json").json["paths"]
    assert vendors.openapi_fetches == 1
    # With another service away the merged document is not kept, but the one already fetched is:
    # only the missing service is asked again.
    vendors.openapi_fetches = 0
    partial = make_gateway(upstreams={"vendors": url, "catalog": closed_port_url()})
    for _ in range(3):
        document = partial.client.get("/api/docs/openapi.json").json
        assert document["info"]["x-unavailable-services"] == ["catalog"]
        assert "/api/v1/vendors/{vendor_id}" in document["paths"]
    assert vendors.openapi_fetches == 1
    expired = make_gateway(upstreams={"vendors": url}, EORDER_GATEWAY_DOCS_CACHE_SECONDS="0")
    expired.client.get("/api/docs/openapi.json")
    expired.client.get("/api/docs/openapi.json")
    assert vendors.openapi_fetches == 3, "without a cache every request asks again"


def test_readiness_reports_each_upstream(make_gateway: Callable[..., ServiceHarness], fake_vendors: Any) -> None:
    gateway = make_gateway(upstreams={"vendors": fake_vendors[1], "catalog": closed_port_url()})
    response = gateway.client.get("/readyz")
    # one upstream down leaves the gateway in service for the others: degraded, not unready
    assert response.status_code == 200 and response.json["status"] == "degraded"
    assert response.json["checks"] == {"database": "ok", "upstream:vendors": "ok", "upstream:catalog": "unreachable"}
    healthy = make_gateway(upstreams={"vendors": fake_vendors[1]}).client.get("/readyz")
    assert healthy.status_code == 200 and healthy.json["status"] == "ready"
    assert healthy.json["checks"] == {"database": "ok", "upstream:vendors": "ok"}


def test_readiness_reports_the_shared_rate_limit_store(make_gateway: Callable[..., ServiceHarness]) -> None:
    up = make_gateway(EORDER_GATEWAY_REDIS_URL="redis://127.0.0.1:6379/15").client.get("/readyz")
    assert up.status_code == 200 and up.json["checks"]["rate_limit_storage"] == "ok", up.json
    down_url = closed_port_url().replace("http", "redis")
    down = make_gateway(EORDER_GATEWAY_REDIS_URL=down_url).client.get("/readyz")
    assert down.status_code == 503 and down.json["checks"]["rate_limit_storage"] == "unreachable"


def test_readiness_asks_each_upstream_once_per_interval_however_many_call(
    make_gateway: Callable[..., ServiceHarness], echo: tuple[Flask, str]
) -> None:
    upstream, url = echo
    gateway = make_gateway(upstreams={"echo": url}, EORDER_GATEWAY_READINESS_CACHE_SECONDS="60")
    start = threading.Barrier(50)

    def ready(_: int) -> int:
        start.wait()
        return requests.get(f"{served_url}/readyz", timeout=30).status_code

    with served(gateway.app) as served_url, ThreadPoolExecutor(max_workers=50) as pool:
        assert list(pool.map(ready, range(50))) == [200] * 50
    assert upstream.config["readiness_probes"] == 1


def test_metrics_are_for_the_monitoring_networks_only(make_gateway: Callable[..., ServiceHarness]) -> None:
    gateway = make_gateway(EORDER_GATEWAY_METRICS_ALLOWED_NETWORKS="127.0.0.0/8,10.0.0.0/8")
    scrape = gateway.client.get("/metrics", environ_base={"REMOTE_ADDR": "10.42.0.17"})
    assert scrape.status_code == 200 and "eorder_http_requests_total" in scrape.get_data(as_text=True)
    public = gateway.client.get("/metrics", environ_base={"REMOTE_ADDR": "203.0.113.50"})
    assert public.status_code == 403 and public.mimetype == "application/problem+json"
    through_the_ingress = gateway.client.get(
        "/metrics", headers={"X-Forwarded-For": "203.0.113.50"}, environ_base={"REMOTE_ADDR": "10.42.0.3"}
    )
    assert through_the_ingress.status_code == 403
    assert gateway.client.get("/healthz", environ_base={"REMOTE_ADDR": "203.0.113.50"}).status_code == 200
