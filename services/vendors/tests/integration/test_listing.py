"""Listing and searching vendors: who sees which, filters, sort orders and cursor pages.

Each test registers its vendors in a city of its own, so that it counts only what it created.
"""
from __future__ import annotations

import uuid
from typing import Any

import pytest

from servicekit.http.problems import PROBLEM_MEDIA_TYPE
from vendors.api.blueprint import URL_PREFIX as API
from vendors.domain.scale import BILLION

pytestmark = pytest.mark.integration


def a_city() -> str:
    return f"Kota Uji {uuid.uuid4().hex[:8]}"


def listing(api, headers: dict[str, str] | None = None, **query: Any) -> list[dict[str, Any]]:
    response = api.client.get(API, query_string=query, headers=headers or {})
    assert response.status_code == 200, response.json
    return response.json["items"]


def names(items: list[dict[str, Any]]) -> list[str]:
    return [item["name"] for item in items]


def test_the_public_lists_verified_vendors_only_and_admins_and_auditors_list_all(api) -> None:
    city = a_city()
    verified = api.registered_and_verified(address={"city": city}, name="Verified Vendor")
    pending = api.register(address={"city": city}, name="Pending Vendor")
    rejected = api.register(address={"city": city}, name="Rejected Vendor")
    api.decide(rejected["id"], "reject", ["NIB unreadable"])

    public = listing(api, city=city)
    assert [item["id"] for item in public] == [verified["id"]]
    assert "owner_nik" not in public[0] and "bank_account" not in public[0]
    assert [item["id"] for item in listing(api, api.harness.headers("procurement_officer"), city=city)] == [verified["id"]]
    for headers in (api.admin(), api.auditor()):
        everyone = listing(api, headers, city=city)
        assert {item["id"] for item in everyone} == {verified["id"], pending["id"], rejected["id"]}
        assert all("owner_nik" in item for item in everyone)
    assert [item["id"] for item in listing(api, api.admin(), city=city, status="pending")] == [pending["id"]]


def test_only_admins_and_auditors_filter_by_a_status_other_than_verified(api) -> None:
    assert api.client.get(API, query_string={"status": "pending"}).status_code == 401
    response = api.client.get(API, query_string={"status": "pending"}, headers=api.harness.headers("procurement_officer"))
    assert response.status_code == 403 and response.mimetype == PROBLEM_MEDIA_TYPE
    assert api.client.get(API, query_string={"status": "verified"}).status_code == 200


def test_filters_by_scale_place_category_and_name(api) -> None:
    city = a_city()
    sri = api.registered_and_verified(address={"city": city, "kecamatan": "Senen"}, name="Katering Bu Sri")
    maju = api.registered_and_verified(
        address={"city": city, "kecamatan": "Sawah Besar"},
        name="Percetakan Maju Jaya",
        categories=["printing"],
        capital=2 * BILLION,
    )
    assert names(listing(api, city=city.upper())) == ["Katering Bu Sri", "Percetakan Maju Jaya"]
    assert names(listing(api, city=city, scale="small")) == ["Percetakan Maju Jaya"]
    assert names(listing(api, city=city, kecamatan="senen")) == ["Katering Bu Sri"]
    assert names(listing(api, city=city, category="printing")) == ["Percetakan Maju Jaya"]
    assert names(listing(api, city=city, category="meeting-food")) == ["Katering Bu Sri"]
    assert names(listing(api, city=city, q="maju")) == ["Percetakan Maju Jaya"]
    assert listing(api, city=city, q="%") == [] and listing(api, city=city, q="_") == []  # no wildcards
    assert [item["id"] for item in listing(api, api.admin(), q=sri["npwp"])] == [sri["id"]]
    assert [item["id"] for item in listing(api, api.admin(), q=maju["nib"])] == [maju["id"]]
    assert listing(api, q=sri["npwp"]) == []  # the public cannot search by legal ids


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("name", ["apel", "Bakso", "cendol"]),
        ("-name", ["cendol", "Bakso", "apel"]),
        ("created_at", ["Bakso", "cendol", "apel"]),
        ("-created_at", ["apel", "cendol", "Bakso"]),
    ],
)
def test_sort_orders(api, sort: str, expected: list[str]) -> None:
    city = a_city()
    for name in ("Bakso", "cendol", "apel"):
        api.registered_and_verified(address={"city": city}, name=name)
    assert names(listing(api, city=city, sort=sort)) == expected


@pytest.mark.parametrize("sort", ["name", "-name", "created_at", "-created_at"])
def test_a_cursor_walks_every_page_once(api, sort: str) -> None:
    city = a_city()
    created = {api.registered_and_verified(address={"city": city}, name=f"Warung {n}")["id"] for n in "ABCABCA"}
    seen: list[str] = []
    cursor = None
    pages = 0
    while True:
        query = {"city": city, "sort": sort, "limit": 3, **({"cursor": cursor} if cursor else {})}
        response = api.client.get(API, query_string=query)
        assert response.status_code == 200
        seen += [item["id"] for item in response.json["items"]]
        pages += 1
        cursor = response.json["next"]
        if cursor is None:
            break
    assert pages == 3 and len(seen) == len(set(seen)) == 7 and set(seen) == created


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"cursor": "not a cursor!"}, "cursor"),
        ({"sort": "nib"}, "sort"),
        ({"limit": 0}, "limit"),
        ({"limit": 101}, "limit"),
        ({"scale": "large"}, "scale"),
        ({"status": "deleted"}, "status"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_bad_listing_parameters_answer_400(api, query: dict, field: str) -> None:
    response = api.client.get(API, query_string=query, headers=api.admin())
    assert response.status_code == 400 and field in response.json["errors"], response.json


def test_a_cursor_of_another_sort_order_names_no_page(api) -> None:
    city = a_city()
    for name in ("A", "B"):
        api.registered_and_verified(address={"city": city}, name=f"Toko {name}")
    cursor = api.client.get(API, query_string={"city": city, "limit": 1, "sort": "name"}).json["next"]
    response = api.client.get(API, query_string={"city": city, "limit": 1, "sort": "-created_at", "cursor": cursor})
    assert response.status_code == 404 and "cursor" in response.json["errors"]
