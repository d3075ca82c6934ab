"""The NPWP blacklist: kept by admins, read by auditors, enforced on registration, every change audited."""
from __future__ import annotations

from typing import Any

import pytest

from servicekit.http.problems import PROBLEM_MEDIA_TYPE
from vendors.api.blueprint import URL_PREFIX as API

pytestmark = pytest.mark.integration

BLACKLIST = f"{API}/blacklist"


def blacklist(api, npwp: str, reason: str = "fictitious invoices in 2025", **headers: str) -> Any:
    return api.client.post(BLACKLIST, json={"npwp": npwp, "reason": reason}, headers={**api.admin(), **headers})


def test_a_blacklisted_npwp_cannot_register_and_the_reason_is_given(api) -> None:
    application = api.application()
    added = blacklist(api, application["npwp"])
    assert added.status_code == 201
    assert added.json["npwp"] == application["npwp"] and added.json["added_by"] == "admin-bppbj"
    response = api.client.post(f"{API}/registrations", json=application)
    assert response.status_code == 422 and response.mimetype == PROBLEM_MEDIA_TYPE
    assert response.json["errors"] == {"npwp": ["fictitious invoices in 2025"]}
    assert "fictitious invoices in 2025" in response.json["detail"]


def test_the_16_digit_form_of_a_blacklisted_entity_is_refused_too(api) -> None:
    application = api.application()
    assert blacklist(api, application["npwp"]).status_code == 201
    response = api.client.post(f"{API}/registrations", json={**application, "npwp": "0" + application["npwp"]})
    assert response.status_code == 422


def test_lifting_a_blacklisting_lets_the_taxpayer_register(api) -> None:
    application = api.application()
    blacklist(api, application["npwp"])
    formatted = api.formatted_npwp(application["npwp"])
    assert api.client.delete(f"{BLACKLIST}/{formatted}", headers=api.admin()).status_code == 204
    assert api.client.post(f"{API}/registrations", json=application).status_code == 201
    assert api.client.delete(f"{BLACKLIST}/{application['npwp']}", headers=api.admin()).status_code == 404


def test_every_blacklist_change_is_audited(api) -> None:
    npwp = api.application()["npwp"]
    blacklist(api, npwp, "bid rigging")
    api.client.delete(f"{BLACKLIST}/{npwp}", headers=api.admin())
    trail = api.harness.audit_trail(npwp)
    assert [(e["entity_type"], e["action"], e["actor"]) for e in trail] == [
        ("blacklist", "blacklist.added", "admin-bppbj"),
        ("blacklist", "blacklist.removed", "admin-bppbj"),
    ]
    assert trail[0]["after"] == {"npwp": npwp, "reason": "bid rigging", "added_by": "admin-bppbj"} and trail[0]["reason"] == "bid rigging"
    assert trail[1]["before"] == trail[0]["after"] and trail[1]["after"] is None


def test_admins_and_auditors_read_the_list_newest_first_in_pages(api) -> None:
    first, second = api.application()["npwp"], api.application()["npwp"]
    blacklist(api, first)
    blacklist(api, second)
    for headers in (api.admin(), api.auditor()):
        page = api.client.get(BLACKLIST, query_string={"limit": 1}, headers=headers)
        assert page.status_code == 200 and page.json["items"][0]["npwp"] == second
        following = api.client.get(BLACKLIST, query_string={"limit": 1, "cursor": page.json["next"]}, headers=headers)
        assert following.json["items"][0]["npwp"] == first


def test_blacklisting_twice_or_with_bad_input_is_refused(api) -> None:
    npwp = api.application()["npwp"]
    assert blacklist(api, npwp).status_code == 201
    again = blacklist(api, "0" + npwp)
    assert again.status_code == 409 and again.json["errors"] == {"npwp": ["already blacklisted"]}
    bad = api.client.post(BLACKLIST, json={"npwp": "12-34", "reason": " "}, headers=api.admin())
    assert bad.status_code == 400 and set(bad.json["errors"]) == {"npwp", "reason"}
    assert api.client.delete(f"{BLACKLIST}/not-an-npwp", headers=api.admin()).status_code == 400


def test_an_idempotency_key_replays_a_blacklisting(api) -> None:
    npwp = api.application()["npwp"]
    first = blacklist(api, npwp, **{"Idempotency-Key": f"blacklist-{npwp}"})
    again = blacklist(api, npwp, **{"Idempotency-Key": f"blacklist-{npwp}"})
    assert first.status_code == again.status_code == 201 and again.headers["Idempotent-Replayed"] == "true"
    assert again.json == first.json
    assert [e["action"] for e in api.harness.audit_trail(npwp)] == ["blacklist.added"]  # added once


@pytest.mark.parametrize(("roles", "status"), [((), 401), (("vendor",), 403), (("auditor",), 403), (("procurement_officer",), 403)])
def test_only_admins_change_the_blacklist(api, roles: tuple[str, ...], status: int) -> None:
    npwp = api.application()["npwp"]
    headers = api.harness.headers(*roles) if roles else {}
    assert api.client.post(BLACKLIST, json={"npwp": npwp, "reason": "x"}, headers=headers).status_code == status
    assert api.client.delete(f"{BLACKLIST}/{npwp}", headers=headers).status_code == status


@pytest.mark.parametrize(("roles", "status"), [((), 401), (("vendor",), 403), (("procurement_officer",), 403)])
def test_only_admins_and_auditors_read_the_blacklist(api, roles: tuple[str, ...], status: int) -> None:
    headers = api.harness.headers(*roles) if roles else {}
    assert api.client.get(BLACKLIST, headers=headers).status_code == status
