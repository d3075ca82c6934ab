"""Health, readiness, the business metric read at scrape time, and the OpenAPI document."""
from __future__ import annotations

import pytest
from prometheus_client.parser import text_string_to_metric_families

from vendors.api.blueprint import URL_PREFIX as API
from vendors.domain.scale import BILLION

pytestmark = pytest.mark.integration


def vendor_counts(api) -> dict[tuple[str, str], float]:
    text = api.client.get("/metrics").get_data(as_text=True)
    [family] = [f for f in text_string_to_metric_families(text) if f.name == "eorder_vendors_total"]
    assert {sample.labels["service"] for sample in family.samples} == {"vendors"}
    return {(s.labels["status"], s.labels["scale"]): s.value for s in family.samples}


def test_vendors_are_counted_by_status_and_scale_when_scraped(api) -> None:
    before = vendor_counts(api)
    assert len(before) == 4 * 3  # every status and scale, zeros included
    api.register()
    api.registered_and_verified(capital=3 * BILLION)
    after = vendor_counts(api)
    changed = {key: after[key] - before[key] for key in after if after[key] != before[key]}
    assert changed == {("pending", "micro"): 1, ("verified", "small"): 1}


def test_health_and_readiness(api) -> None:
    assert api.client.get("/healthz").json == {"status": "ok", "service": "vendors"}
    ready = api.client.get("/readyz")
    assert ready.status_code == 200 and ready.json["checks"] == {"database": "ok", "broker": "ok"}


def test_every_response_carries_a_request_id_that_reaches_the_event(api) -> None:
    response = api.client.post(f"{API}/registrations", json=api.application(), headers={"X-Request-ID": "req-vendors-42"})
    assert response.headers["X-Request-ID"] == "req-vendors-42"
    [event] = api.events_of(response.json["id"], "vendor.registered")
    assert event.requestid == "req-vendors-42"


def test_the_openapi_document_lists_every_route_and_its_security(api) -> None:
    paths = api.client.get("/openapi.json").json["paths"]
    assert set(paths) == {
        API,
        f"{API}/registrations",
        f"{API}/{{vendor_id}}",
        f"{API}/{{vendor_id}}/verification",
        f"{API}/{{vendor_id}}/resubmission",
        f"{API}/{{vendor_id}}/suspension",
        f"{API}/{{vendor_id}}/reinstatement",
        f"{API}/{{vendor_id}}/audit",
        f"{API}/blacklist",
        f"{API}/blacklist/{{npwp}}",
    }
    assert "security" not in paths[f"{API}/registrations"]["post"]
    assert paths[f"{API}/{{vendor_id}}"]["patch"]["security"] == [{"bearerAuth": []}]
    assert set(paths[API]) == {"get", "post"}
