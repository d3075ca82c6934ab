"""The HTTP conventions every service inherits from the app factory, shown on the toy service."""
from __future__ import annotations

import pytest

from servicekit.testing import ServiceHarness, auth_header, mint_token

pytestmark = pytest.mark.integration

PROBLEM = "application/problem+json"


def create(toy: ServiceHarness, body: object, **headers: str):  # type: ignore[no-untyped-def]
    return toy.client.post("/api/v1/notes", json=body, headers={**toy.headers("admin"), **headers})


def test_create_commits_the_change_and_its_event(toy: ServiceHarness) -> None:
    response = create(toy, {"text": "nasi kotak", "price": 35000})
    assert response.status_code == 201, response.json
    note = response.json
    assert note["likes"] == 0 and note["price"] == 35000
    [event] = toy.outbox("note.created")
    assert event.subject == note["id"] and event.source == "/eorder/toy"
    assert event.data == {"id": note["id"], "text": "nasi kotak", "price": 35000}
    assert event.requestid == response.headers["X-Request-ID"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"text": "x", "price": 1, "likes": 9}, "likes"),
        ({"text": "x", "price": 1, "colour": "red"}, "colour"),
        ({"text": "x", "price": 1.5}, "price"),
        ({"text": "x", "price": "1000"}, "price"),
        ({"text": "x", "price": -1}, "price"),
        ({"price": 1}, "text"),
        ({"text": "", "price": 1}, "text"),
        ({"text": "nasi\u0000kotak", "price": 1}, "text"),
    ],
)
def test_bad_bodies_answer_400_with_the_field_at_fault(toy: ServiceHarness, body: dict, field: str) -> None:
    response = create(toy, body)
    assert response.status_code == 400
    assert response.mimetype == PROBLEM
    assert field in response.json["errors"], response.json
    assert toy.outbox() == []


def test_non_json_body_answers_415(toy: ServiceHarness) -> None:
    response = toy.client.post(
        "/api/v1/notes", data="text=x", content_type="application/x-www-form-urlencoded", headers=toy.headers("admin")
    )
    assert response.status_code == 415 and response.mimetype == PROBLEM


def test_malformed_json_answers_400(toy: ServiceHarness) -> None:
    response = toy.client.post("/api/v1/notes", data="{not json", content_type="application/json", headers=toy.headers("admin"))
    assert response.status_code == 400 and response.mimetype == PROBLEM


def test_oversized_body_answers_413(toy: ServiceHarness) -> None:
    huge = {"text": "x" * (toy.settings.max_body_bytes + 10), "price": 1}
    response = create(toy, huge)
    assert response.status_code == 413 and response.mimetype == PROBLEM


def test_unknown_route_and_wrong_method(toy: ServiceHarness) -> None:
    assert toy.client.get("/api/v1/nothing-here").status_code == 404
    response = toy.client.delete("/api/v1/notes")
    assert response.status_code == 405 and response.mimetype == PROBLEM and "POST" in response.headers["Allow"]


def test_missing_and_insufficient_credentials(toy: ServiceHarness) -> None:
    response = toy.client.post("/api/v1/notes", json={"text": "x", "price": 1})
    assert response.status_code == 401 and response.mimetype == PROBLEM
    response = toy.client.post("/api/v1/notes", json={"text": "x", "price": 1}, headers=toy.headers("vendor"))
    assert response.status_code == 403


def test_request_id_is_echoed_or_made(toy: ServiceHarness) -> None:
    assert toy.client.get("/healthz", headers={"X-Request-ID": "abc-123"}).headers["X-Request-ID"] == "abc-123"
    made = toy.client.get("/healthz", headers={"X-Request-ID": "bad id with spaces"}).headers["X-Request-ID"]
    assert made and made != "bad id with spaces"


def test_idempotency_key_replays_and_refuses_other_bodies(toy: ServiceHarness) -> None:
    first = create(toy, {"text": "snack box", "price": 20000}, **{"Idempotency-Key": "k-1"})
    again = create(toy, {"text": "snack box", "price": 20000}, **{"Idempotency-Key": "k-1"})
    assert first.status_code == again.status_code == 201
    assert again.json == first.json and again.headers["Idempotent-Replayed"] == "true"
    assert len(toy.outbox("note.created")) == 1
    other = create(toy, {"text": "other", "price": 1}, **{"Idempotency-Key": "k-1"})
    assert other.status_code == 422 and "Idempotency-Key" in other.json["errors"]


def test_unexpected_error_answers_500_without_internals(toy: ServiceHarness) -> None:
    response = toy.client.get("/api/v1/notes/" + "x" * 5000)
    assert response.status_code in (404, 500)
    assert "Traceback" not in response.get_data(as_text=True) and "SELECT" not in response.get_data(as_text=True)


def test_health_readiness_metrics_and_openapi(toy: ServiceHarness) -> None:
    assert toy.client.get("/healthz").json["status"] == "ok"
    ready = toy.client.get("/readyz")
    assert ready.status_code == 200 and ready.json["checks"] == {"database": "ok", "broker": "ok"}
    create(toy, {"text": "x", "price": 1})
    metrics = toy.client.get("/metrics").get_data(as_text=True)
    assert 'eorder_http_requests_total{method="POST",route="/api/v1/notes",service="toy",status="201"}' in metrics
    assert 'eorder_outbox_backlog{service="toy"}' in metrics
    spec = toy.client.get("/openapi.json").json
    assert "/api/v1/notes" in spec["paths"]
    assert spec["paths"]["/api/v1/notes"]["post"]["security"] == [{"bearerAuth": []}]


def test_a_bad_token_is_refused_even_on_public_routes(toy: ServiceHarness) -> None:
    response = toy.client.get("/api/v1/notes/abc", headers=auth_header(mint_token(expires_in=-120)))
    assert response.status_code == 401


def test_units_of_work_carry_the_service_settings(toy: ServiceHarness) -> None:
    with toy.runtime.uow() as uow:
        assert uow.settings is toy.settings
