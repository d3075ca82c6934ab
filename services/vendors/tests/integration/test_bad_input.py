"""Requests that are malformed answer 400 (or 413, 415) with the field at fault, and change nothing."""
from __future__ import annotations

from typing import Any, Callable

import pytest

from servicekit.http.problems import PROBLEM_MEDIA_TYPE
from vendors.api.blueprint import URL_PREFIX as API

pytestmark = pytest.mark.integration


Change = Callable[[dict[str, Any]], dict[str, Any]]


def without(field: str) -> Change:
    return lambda application: {k: v for k, v in application.items() if k != field}


def with_value(path: str, value: Any) -> Change:
    """Set ``path`` (``address.postal_code``) in the application to ``value``."""

    def change(application: dict[str, Any]) -> dict[str, Any]:
        *parents, leaf = path.split(".")
        target = application
        for parent in parents:
            target = target[parent]
        target[leaf] = value
        return application

    return change


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (with_value("colour", "red"), "colour"),
        (with_value("status", "verified"), "status"),
        (with_value("id", "00000000-0000-0000-0000-000000000000"), "id"),
        (with_value("address.rt_rw", "001/002"), "address.rt_rw"),
        (without("nib"), "nib"),
        (without("address"), "address"),
        (with_value("name", 42), "name"),
        (with_value("pkp", "true"), "pkp"),
        (with_value("pkp", 1), "pkp"),
        (with_value("jakpreneur", None), "jakpreneur"),
        (with_value("capital", 150_000_000.0), "capital"),
        (with_value("capital", 150_000_000.5), "capital"),
        (with_value("annual_sales", "800000000"), "annual_sales"),
        (with_value("capital", True), "capital"),
        (with_value("capital", -1), "capital"),
        (with_value("categories", "catering"), "categories"),
        (with_value("categories", []), "categories"),
        (with_value("categories", ["catering", "jet-engines"]), "categories"),
        (with_value("address", "Jl. Kramat 1"), "address"),
        (with_value("nib", "912030123456"), "nib"),
        (with_value("nib", "91203012345678"), "nib"),
        (with_value("nib", "91203O1234567"), "nib"),
        (with_value("npwp", "01.234.567.8-901"), "npwp"),
        (with_value("npwp", "9912345678901234"), "npwp"),
        (with_value("owner_nik", "3173033208850001"), "owner_nik"),
        (with_value("owner_nik", "317303450885"), "owner_nik"),
        (with_value("address.postal_code", "1045"), "address.postal_code"),
        (with_value("contact.phone", "+1 202 555 0100"), "contact.phone"),
        (with_value("contact.email", "sri-at-umkm"), "contact.email"),
        (with_value("bank_account.account_number", "1234"), "bank_account.account_number"),
        (with_value("bank_account.bank_code", "BCA"), "bank_account.bank_code"),
    ],
)
def test_a_bad_registration_answers_400_naming_the_field(api, change: Change, field: str) -> None:
    application = change(api.application())
    response = api.client.post(f"{API}/registrations", json=application)
    assert response.status_code == 400, response.json
    assert response.mimetype == PROBLEM_MEDIA_TYPE
    assert field in response.json["errors"], response.json


def test_several_broken_rules_are_reported_together(api) -> None:
    application = api.application(nib="1", npwp="2", owner_nik="3", contact={"phone": "4"})
    response = api.client.post(f"{API}/registrations", json=application)
    assert response.status_code == 400
    assert {"nib", "npwp", "owner_nik", "contact.phone"} <= set(response.json["errors"])


def test_a_body_that_is_not_json_answers_415(api) -> None:
    response = api.client.post(f"{API}/registrations", data="name=Katering", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 415 and response.mimetype == PROBLEM_MEDIA_TYPE


@pytest.mark.parametrize("body", ['{"name": "Katering"', "[1, 2]", "null"])
def test_malformed_json_answers_400(api, body: str) -> None:
    response = api.client.post(f"{API}/registrations", data=body, content_type="application/json")
    assert response.status_code == 400 and response.mimetype == PROBLEM_MEDIA_TYPE


def test_an_oversized_body_answers_413(api) -> None:
    application = api.application(name="K" * (api.harness.settings.max_body_bytes + 1))
    response = api.client.post(f"{API}/registrations", json=application)
    assert response.status_code == 413 and response.mimetype == PROBLEM_MEDIA_TYPE


def test_a_refused_registration_leaves_no_vendor_and_no_event(api) -> None:
    application = api.application(owner_nik="123")
    events_before = len(api.harness.outbox())
    assert api.client.post(f"{API}/registrations", json=application).status_code == 400
    assert len(api.harness.outbox()) == events_before
    found = api.client.get(API, query_string={"q": application["nib"]}, headers=api.admin())
    assert found.status_code == 200 and found.json["items"] == []


def test_an_edit_without_a_body_answers_400_not_a_silent_no_op(api) -> None:
    vendor = api.register()
    response = api.client.patch(f"{API}/{vendor['id']}", headers=api.as_vendor(vendor["id"]))
    assert response.status_code == 400 and "(body)" in response.json["errors"], response.json


def test_a_resubmission_may_come_without_a_body(api) -> None:
    vendor = api.register()
    assert api.decide(vendor["id"], "reject", ["the NIB does not match"]).status_code == 200
    response = api.client.post(f"{API}/{vendor['id']}/resubmission", headers=api.as_vendor(vendor["id"]))
    assert response.status_code == 200, response.json
