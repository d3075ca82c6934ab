"""The storefront: vendor profile, rating and products in one answer, partial without the catalog."""
from __future__ import annotations

from typing import Any, Callable

import pytest

from servicekit.testing import ServiceHarness

from gateway.testing import closed_port_url

pytestmark = pytest.mark.integration


def test_a_full_storefront(make_gateway: Callable[..., ServiceHarness], fake_vendors: Any, fake_catalog: Any) -> None:
    (vendors, vendors_url), (catalog, catalog_url) = fake_vendors, fake_catalog
    vendor_id = vendors.add("Katering Bu Sri", city="Jakarta Pusat")
    catalog.products += [
        {"id": "p1", "vendor_id": vendor_id, "name": "Nasi kotak ayam bakar", "price": 35000},
        {"id": "p2", "vendor_id": "someone-else", "name": "Snack box", "price": 20000},
    ]
    gateway = make_gateway(upstreams={"vendors": vendors_url, "catalog": catalog_url}, EORDER_GATEWAY_STOREFRONT_PRODUCTS="30")
    response = gateway.client.get(f"/api/v1/storefront/vendors/{vendor_id}")
    assert response.status_code == 200, response.json
    body = response.json
    assert body["vendor"]["name"] == "Katering Bu Sri" and "rating" not in body["vendor"]
    assert body["rating"] == {"average": 4.5, "count": 2}
    assert [p["id"] for p in body["products"]] == ["p1"]
    assert body["partial"] is False and body["missing"] == []
    assert catalog.queries == [{"vendor": vendor_id, "limit": "30"}]


@pytest.mark.parametrize("catalog_upstream", ["not deployed", "down"])
def test_without_the_catalog_the_vendor_still_answers(
    make_gateway: Callable[..., ServiceHarness], fake_vendors: Any, catalog_upstream: str
) -> None:
    vendors, url = fake_vendors
    vendor_id = vendors.add("Toko ATK Sinar Terang")
    upstreams = {"vendors": url} if catalog_upstream == "not deployed" else {"vendors": url, "catalog": closed_port_url()}
    response = make_gateway(upstreams=upstreams).client.get(f"/api/v1/storefront/vendors/{vendor_id}")
    assert response.status_code == 200
    assert response.json["partial"] is True and response.json["missing"] == ["products"] and response.json["products"] == []


def test_unknown_or_unverified_vendors_answer_404(make_gateway: Callable[..., ServiceHarness], fake_vendors: Any) -> None:
    vendors, url = fake_vendors
    pending = vendors.add("Belum Terverifikasi", status="pending")
    gateway = make_gateway(upstreams={"vendors": url})
    assert gateway.client.get("/api/v1/storefront/vendors/00000000-0000-0000-0000-000000000000").status_code == 404
    assert gateway.client.get(f"/api/v1/storefront/vendors/{pending}").status_code == 404


def test_without_the_vendors_service_there_is_no_storefront(make_gateway: Callable[..., ServiceHarness]) -> None:
    down = make_gateway(upstreams={"vendors": closed_port_url()}).client.get("/api/v1/storefront/vendors/x")
    assert down.status_code == 503
    absent = make_gateway().client.get("/api/v1/storefront/vendors/x")
    assert absent.status_code == 404 and absent.json["type"].endswith("/service-not-deployed")
