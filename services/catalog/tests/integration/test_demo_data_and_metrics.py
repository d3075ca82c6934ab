"""The embedded mode's demo catalogue, and the business figures at /metrics."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from catalog.demo_data import DEMO_VENDORS, demo_vendor_id
from catalog.storage.tables import products, vendors

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def demo(catalog):
    catalog.harness.runtime.definition.load_demo_data(catalog.harness.runtime)
    return catalog


def count(catalog, statement) -> int:
    with catalog.harness.runtime.uow() as uow:
        return int(uow.session.execute(statement).scalar_one())


def gauge(text: str, name: str, **labels: str) -> float:
    label_text = ",".join(f'{key}="{value}"' for key, value in sorted(labels.items()))
    match = re.search(rf"^{name}\{{{re.escape(label_text)}\}} (\S+)$", text, re.MULTILINE)
    assert match, f"{name}{{{label_text}}} not in /metrics"
    return float(match.group(1))


def test_the_demo_catalogue_is_listed_and_searchable(demo) -> None:
    assert count(demo, select(func.count()).select_from(products).where(products.c.listed.is_(True))) >= 300
    nasi = demo.search(q="nasi kotak ayam bakar", limit=100).json["items"]
    assert len({item["vendor"]["id"] for item in nasi}) >= 3  # several vendors compete
    assert all(30000 <= item["price"] <= 90000 for item in nasi)
    hvs = demo.search(q="Kertas HVS A4 80gsm", sort="price").json["items"]
    assert hvs and hvs[0]["vendor"]["city"].startswith("Jakarta")


def test_some_demo_prices_are_flagged_above_the_reference(demo) -> None:
    flagged = [item for item in demo.search_all(sort="-price", limit=100) if item["above_reference"]]
    assert 3 <= len(flagged) <= 40
    assert all(item["price"] * 100 > item["reference_price"] * 150 for item in flagged)


def test_loading_twice_changes_nothing(demo) -> None:
    before = count(demo, select(func.count()).select_from(products))
    demo.harness.runtime.definition.load_demo_data(demo.harness.runtime)
    assert count(demo, select(func.count()).select_from(products)) == before


def test_demo_vendors_carry_the_shared_ids_and_give_way_to_real_events(demo) -> None:
    first = DEMO_VENDORS[0]
    vendor_id = demo_vendor_id(first.name)
    assert vendor_id == "2f8b43e2-3cd3-504d-aa7a-2d3793ce589f"  # the rule the vendors service follows too
    seeded = select(vendors.c.version).where(vendors.c.id == vendor_id, vendors.c.seeded.is_(True))
    assert count(demo, seeded) == 0
    data = {
        "id": vendor_id,
        "version": 1,
        "name": first.name,
        "status": "suspended",
        "scale": first.scale,
        "kelurahan": first.kelurahan,
        "kecamatan": first.kecamatan,
        "city": first.city,
        "pkp": first.pkp,
        "categories": list(first.business_categories),
        "jakpreneur": first.jakpreneur,
        "reason": "uji",
    }
    demo.harness.deliver("vendor.suspended", vendor_id, data, source="vendors")
    assert (
        count(
            demo,
            select(func.count()).select_from(vendors).where(vendors.c.id == vendor_id, vendors.c.seeded.is_(False)),
        )
        == 1
    )
    assert all(item["vendor"]["id"] != vendor_id for item in demo.search_all(q="nasi", limit=100))


def test_business_figures(demo) -> None:
    text = demo.client.get("/metrics").get_data(as_text=True)
    assert gauge(text, "eorder_products_total", service="catalog", state="approved") >= 300
    for state in ("pending", "approved", "rejected", "withdrawn"):
        stored = count(demo, select(func.count()).select_from(products).where(products.c.state == state))
        assert gauge(text, "eorder_products_total", service="catalog", state=state) == stored, state
    flagged = gauge(text, "eorder_products_above_reference_total", service="catalog")
    assert flagged == len([item for item in demo.search_all(sort="price", limit=100) if item["above_reference"]])
