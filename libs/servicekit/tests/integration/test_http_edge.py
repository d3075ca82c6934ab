"""The HTTP edge against hostile input, and the headers and documents every service answers with."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator

import pytest
from flask import redirect

from servicekit.testing import ServiceHarness
from toy_service.service import DEFINITION

pytestmark = pytest.mark.integration

PROBLEM = "application/problem+json"
NOTE = {"text": "nasi kotak", "price": 35000}


@pytest.fixture
def sqlite_toy(tmp_path: Path) -> Iterator[ServiceHarness]:
    with ServiceHarness(DEFINITION, database_url=f"sqlite:///{tmp_path / 'toy.db'}") as harness:
        yield harness


@pytest.mark.parametrize("depth", [100_000, 900, 33])
def test_deeply_nested_json_answers_400(toy: ServiceHarness, depth: int) -> None:
    body = "[" * depth + "]" * depth
    response = toy.client.post("/api/v1/notes", data=body, content_type="application/json", headers=toy.headers("admin"))
    assert response.status_code == 400, response.get_data(as_text=True)[:300]
    assert response.mimetype == PROBLEM
    assert toy.outbox() == []


def test_nesting_within_the_bound_is_read_as_usual(toy: ServiceHarness) -> None:
    response = toy.client.post(
        "/api/v1/notes", json={"text": "x", "price": [[[1]]]}, headers=toy.headers("admin")
    )
    assert response.status_code == 400 and "price" in response.json["errors"]


def test_repeated_slashes_are_not_redirected_to_the_host_header(toy: ServiceHarness) -> None:
    for path in ("/api/v1//notes/abc", "/api//v1/notes/abc", "/api/v1/notes//abc"):
        response = toy.client.get(path, headers={"Host": "evil.example"})
        assert response.status_code == 404, (path, response.status_code, response.headers.get("Location"))
        assert "Location" not in response.headers


def test_a_redirect_to_the_own_host_is_relative(sqlite_toy: ServiceHarness) -> None:
    sqlite_toy.app.add_url_rule("/api/v1/moved/", endpoint="moved", view_func=lambda: redirect("/api/v1/notes"))
    slash = sqlite_toy.client.get("/api/v1/moved", headers={"Host": "evil.example"})
    assert slash.status_code == 308 and slash.headers["Location"] == "/api/v1/moved/"
    view = sqlite_toy.client.get("/api/v1/moved/", headers={"Host": "evil.example"})
    assert view.status_code == 302 and view.headers["Location"] == "/api/v1/notes"


def test_request_and_correlation_ids_that_do_not_fit_are_replaced(toy: ServiceHarness) -> None:
    too_long = "r" * 101  # the audit trail keeps 100 characters
    response = toy.client.post(
        "/api/v1/notes",
        json=NOTE,
        headers={**toy.headers("admin"), "X-Request-ID": too_long, "X-Correlation-ID": "<script>alert(1)</script>"},
    )
    assert response.status_code == 201, response.json
    request_id = response.headers["X-Request-ID"]
    assert request_id != too_long and len(request_id) <= 100
    [event] = toy.outbox("note.created")
    assert event.requestid == request_id and event.correlationid == request_id


def test_an_id_of_exactly_the_audit_width_is_kept(toy: ServiceHarness) -> None:
    fits = "r" * 100
    response = toy.client.post(
        "/api/v1/notes", json=NOTE, headers={**toy.headers("admin"), "X-Request-ID": fits, "X-Correlation-ID": "saga-7"}
    )
    assert response.headers["X-Request-ID"] == fits
    [event] = toy.outbox("note.created")
    assert event.correlationid == "saga-7"


def test_every_answer_forbids_content_sniffing(sqlite_toy: ServiceHarness) -> None:
    client = sqlite_toy.client
    answers = [
        client.get("/healthz"),
        client.get("/metrics"),
        client.get("/openapi.json"),
        client.get("/docs"),
        client.get("/docs/assets/swagger-ui-bundle.js"),
        client.get("/api/v1/nothing-here"),
        client.post("/api/v1/notes", json=NOTE),
    ]
    assert [a.headers.get("X-Content-Type-Options") for a in answers] == ["nosniff"] * len(answers)


def test_authenticated_answers_and_writes_are_not_stored_by_caches(sqlite_toy: ServiceHarness) -> None:
    client = sqlite_toy.client
    created = client.post("/api/v1/notes", json=NOTE, headers=sqlite_toy.headers("admin"))
    assert created.headers["Cache-Control"] == "no-store"
    read = client.get(f"/api/v1/notes/{created.json['id']}", headers=sqlite_toy.headers("admin"))
    assert read.status_code == 200 and read.headers["Cache-Control"] == "no-store"
    refused = client.post("/api/v1/notes", json=NOTE)
    assert refused.status_code == 401 and refused.headers["Cache-Control"] == "no-store"
    public = client.get(f"/api/v1/notes/{created.json['id']}")
    assert public.status_code == 200 and "no-store" not in public.headers.get("Cache-Control", "")


def test_hsts_is_sent_over_https_when_configured(tmp_path: Path) -> None:
    with ServiceHarness(
        DEFINITION, database_url=f"sqlite:///{tmp_path / 'toy.db'}", environ={"EORDER_HSTS_SECONDS": "600"}
    ) as harness:
        secure = harness.client.get("/healthz", base_url="https://api.example")
        assert secure.headers["Strict-Transport-Security"] == "max-age=600; includeSubDomains"
        assert "Strict-Transport-Security" not in harness.client.get("/healthz").headers


def test_hsts_is_off_by_default_outside_production(sqlite_toy: ServiceHarness) -> None:
    assert "Strict-Transport-Security" not in sqlite_toy.client.get("/healthz", base_url="https://api.example").headers


def test_the_docs_page_loads_everything_from_the_service(sqlite_toy: ServiceHarness) -> None:
    page = sqlite_toy.client.get("/docs")
    assert page.status_code == 200 and page.mimetype == "text/html"
    csp = page.headers["Content-Security-Policy"]
    assert "default-src 'none'" in csp and "script-src 'self'" in csp and "http" not in csp
    html = page.get_data(as_text=True)
    assert "<script>" not in html  # no inline script: the policy allows none
    referenced = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert referenced and all(url.startswith("/docs/assets/") for url in referenced), referenced
    for url in referenced:
        asset = sqlite_toy.client.get(url)
        assert asset.status_code == 200 and len(asset.data) > 100, url
    assert 'data-spec-url="/openapi.json"' in html
    assert sqlite_toy.client.get("/docs/assets/index.html").status_code == 404


def test_every_operation_documents_its_problem_responses(sqlite_toy: ServiceHarness) -> None:
    spec = sqlite_toy.client.get("/openapi.json").json
    problem = spec["components"]["schemas"]["Problem"]
    assert {"type", "title", "status", "detail", "errors"} <= set(problem["properties"])
    assert problem["properties"]["errors"]["additionalProperties"] == {"type": "array", "items": {"type": "string"}}
    responses = spec["components"]["responses"]
    create = spec["paths"]["/api/v1/notes"]["post"]["responses"]
    read = spec["paths"]["/api/v1/notes/{note_id}"]["get"]["responses"]
    assert set(create) == {"201", "400", "401", "403", "404", "409", "413", "415", "422", "500", "default"}
    assert set(read) == {"200", "400", "401", "404", "500", "default"}  # public: no 403; no body: no 413/415
    for answers in (create, read):
        for status, answer in answers.items():
            if status[0] in "45" or status == "default":
                name = answer["$ref"].rsplit("/", 1)[-1]
                content = responses[name]["content"]
                assert list(content) == [PROBLEM]
                assert content[PROBLEM]["schema"] == {"$ref": "#/components/schemas/Problem"}

