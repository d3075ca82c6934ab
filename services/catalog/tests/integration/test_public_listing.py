"""The public listing as it is answered: the documented schema without marshmallow on the way, ETags
and 304s, who may keep it, and pages kept for a moment that the process's own writes end at once."""
from __future__ import annotations

import itertools
from dataclasses import replace

import pytest
from flask import Flask

from servicekit.storage import UnitOfWorkFactory
from servicekit.testing import ServiceHarness

from catalog.api.presenting import present
from catalog.api.product_schemas import ProductOutSchema
from catalog.api.public_listing import PublicListing
from catalog.application.queries import find_product
from catalog.settings import CatalogSettings

pytestmark = pytest.mark.integration


@pytest.fixture
def shop(catalog):
    """A vendor in a city of its own with two listed products."""
    vendor = catalog.vendor()
    made = [catalog.listed_product(vendor, name=name) for name in ("Kertas HVS A4 70 gsm", "Pulpen Gel Hitam")]
    return vendor, made, None


def test_listed_items_are_what_the_documented_schema_dumps(catalog, shop) -> None:
    vendor, _, _ = shop
    items = catalog.search(city=vendor.city, limit=100).json["items"]
    assert items
    runtime = catalog.harness.runtime
    markup = CatalogSettings.from_settings(runtime.settings).markup_rule
    for item in items:
        shown = find_product(runtime.uow, item["id"])
        assert shown is not None
        assert item == ProductOutSchema().dump(present(replace(shown, revision=None), markup))


def test_a_client_holding_the_page_gets_304(catalog, shop) -> None:
    vendor, _, _ = shop
    first = catalog.search(city=vendor.city)
    assert first.status_code == 200 and first.headers["ETag"].startswith('"')
    assert first.headers["Cache-Control"] == "public, no-cache"
    again = catalog.client.get(
        "/api/v1/catalog/products", query_string={"city": vendor.city}, headers={"If-None-Match": first.headers["ETag"]}
    )
    assert again.status_code == 304 and again.data == b"" and again.headers["ETag"] == first.headers["ETag"]
    other_page = catalog.client.get(
        "/api/v1/catalog/products", query_string={"city": vendor.city, "limit": 1}, headers={"If-None-Match": first.headers["ETag"]}
    )
    assert other_page.status_code == 200 and other_page.json["items"]


def test_an_answer_to_a_request_with_credentials_is_not_kept_by_anyone(catalog, shop) -> None:
    vendor, _, _ = shop
    response = catalog.client.get("/api/v1/catalog/products", query_string={"city": vendor.city}, headers=catalog.as_buyer())
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"


def test_own_writes_show_at_once(catalog, shop) -> None:
    vendor, _, _ = shop
    before = {item["id"] for item in catalog.search(city=vendor.city, limit=100).json["items"]}
    created = catalog.listed_product(vendor, name="Map Plastik Kancing Biru")
    after = {item["id"] for item in catalog.search(city=vendor.city, limit=100).json["items"]}
    assert after == before | {created["id"]}


class _Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _counting_reader() -> tuple[list[int], object]:
    reads: list[int] = []
    counter = itertools.count(1)

    def read() -> dict[str, int]:
        reads.append(1)
        return {"read": next(counter)}

    return reads, read


def test_a_page_is_kept_for_its_moment_and_until_this_process_commits(catalog) -> None:
    uows: UnitOfWorkFactory = catalog.harness.runtime.uow
    fresh_for = 0.4
    clock = _Clock()
    listing = PublicListing(uows, fresh_for=fresh_for, clock=clock)
    reads, read = _counting_reader()
    with Flask("listing-test").test_request_context("/"):
        assert listing.answer(("k",), read).get_json() == {"read": 1}
        clock.now += fresh_for / 2
        assert listing.answer(("k",), read).get_json() == {"read": 1}, "kept within its moment"
        assert listing.answer(("other",), read).get_json() == {"read": 2}, "a page per query"
        clock.now += fresh_for / 2
        assert listing.answer(("k",), read).get_json() == {"read": 3}, "read again once its moment is over"
        with uows() as uow:
            uow.commit()
        assert listing.answer(("k",), read).get_json() == {"read": 4}, "read again after this process committed"
    assert len(reads) == 4


def test_no_page_is_kept_when_the_moment_is_zero(catalog) -> None:
    listing = PublicListing(catalog.harness.runtime.uow, fresh_for=0)
    reads, read = _counting_reader()
    with Flask("listing-test").test_request_context("/"):
        listing.answer(("k",), read)
        listing.answer(("k",), read)
    assert len(reads) == 2


def test_the_moment_is_bounded_by_the_promised_second(tmp_path) -> None:
    from servicekit.settings import ConfigurationError

    from catalog.service import DEFINITION

    with pytest.raises(ConfigurationError, match="LISTING_FRESH_MS"):
        ServiceHarness(DEFINITION, database_url=f"sqlite:///{tmp_path / 'c.db'}", environ={"EORDER_CATALOG_LISTING_FRESH_MS": "900"})
