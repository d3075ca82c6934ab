"""A vendor's audit trail over HTTP: admins and auditors read it in cursor pages."""
from __future__ import annotations

import uuid

import pytest

from vendors.api.blueprint import URL_PREFIX as API

pytestmark = pytest.mark.integration


def test_the_trail_shows_who_did_what_when_why_before_and_after_in_pages(api) -> None:
    vendor = api.registered_and_verified()
    api.client.post(f"{API}/{vendor['id']}/suspension", json={"reason": "late deliveries"}, headers=api.admin())
    entries, cursor = [], None
    while True:
        query = {"limit": 1, **({"cursor": cursor} if cursor else {})}
        response = api.client.get(f"{API}/{vendor['id']}/audit", query_string=query, headers=api.auditor())
        assert response.status_code == 200
        entries += response.json["items"]
        cursor = response.json["next"]
        if cursor is None:
            break
    assert [e["action"] for e in entries] == ["registered", "verified", "suspended"]
    assert len({e["id"] for e in entries}) == 3
    suspended = entries[-1]
    assert (suspended["actor"], suspended["actor_roles"], suspended["reason"]) == ("admin-bppbj", ["admin"], "late deliveries")
    assert suspended["before"]["status"] == "verified" and suspended["after"]["status"] == "suspended"
    assert suspended["occurred_at"] and suspended["request_id"]


def test_only_admins_and_auditors_read_a_trail(api) -> None:
    vendor = api.register()
    assert api.client.get(f"{API}/{vendor['id']}/audit", headers=api.admin()).status_code == 200
    assert api.client.get(f"{API}/{vendor['id']}/audit", headers=api.as_vendor(vendor["id"])).status_code == 403
    assert api.client.get(f"{API}/{vendor['id']}/audit").status_code == 401


def test_the_trail_of_an_unknown_vendor_answers_404_and_a_bad_cursor_400(api) -> None:
    assert api.client.get(f"{API}/{uuid.uuid4()}/audit", headers=api.admin()).status_code == 404
    vendor = api.register()
    response = api.client.get(f"{API}/{vendor['id']}/audit", query_string={"cursor": "%%%"}, headers=api.admin())
    assert response.status_code == 400 and "cursor" in response.json["errors"]
