"""vendor.* events: the catalog's copy of each vendor, and its products' listing, follow them,
whatever order they arrive in and however often."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from servicekit.events.envelope import Envelope

from catalog.storage.tables import vendors

pytestmark = pytest.mark.integration


def held_vendor(catalog, vendor_id: str):
    with catalog.harness.runtime.uow() as uow:
        return uow.session.execute(select(vendors).where(vendors.c.id == vendor_id)).one()


def test_suspension_hides_products_and_reinstatement_brings_them_back(catalog) -> None:
    vendor = catalog.vendor()
    first, second = catalog.listed_product(vendor, name="Map Satu"), catalog.listed_product(vendor, name="Map Dua")
    pending = catalog.new_product(vendor, name="Map Tiga")

    catalog.vendor_event(vendor, version=2, status="suspended", reason="laporan pelanggaran")
    for product in (first, second):
        assert catalog.read(product["id"]).status_code == 404
        shown = catalog.read(product["id"], catalog.as_admin()).json
        assert shown["state"] == "approved" and shown["listed"] is False  # hidden, not deleted
        assert catalog.product_events(product["id"])[-1].type == "product.delisted"
    assert catalog.search_all(city=vendor.city) == []
    assert [e.type for e in catalog.product_events(pending["id"])] == []

    catalog.vendor_event(
        vendor, version=3, status="verified", event_type="vendor.reinstated", reason="klarifikasi diterima"
    )
    listed = catalog.product_events(first["id"])[-1]
    assert (
        listed.type == "product.listed"
        and listed.data["version"] > catalog.product_events(first["id"])[-2].data["version"]
    )
    assert {p["id"] for p in catalog.search_all(city=vendor.city)} == {first["id"], second["id"]}
    assert catalog.read(pending["id"]).status_code == 404
    assert [e["action"] for e in catalog.harness.audit_trail(first["id"])][-2:] == [
        "product.hidden",
        "product.relisted",
    ]


def test_a_rejected_vendor_is_hidden_too(catalog) -> None:
    vendor = catalog.vendor()
    product = catalog.listed_product(vendor)
    catalog.vendor_event(vendor, version=2, status="rejected", reason="NIB tidak valid")
    assert catalog.read(product["id"]).status_code == 404
    catalog.vendor_event(vendor, version=3, status="pending", event_type="vendor.resubmitted")
    assert catalog.read(product["id"]).status_code == 404
    catalog.vendor_event(vendor, version=4, status="verified")
    assert catalog.read(product["id"]).status_code == 200


def test_name_and_location_changes_show_on_products(catalog) -> None:
    vendor = catalog.vendor()
    product = catalog.listed_product(vendor)
    catalog.vendor_event(
        vendor,
        version=2,
        event_type="vendor.updated",
        name="Toko ATK Baru",
        kecamatan="Menteng",
        city="Jakarta Pusat",
        scale="small",
    )
    shown = catalog.read(product["id"]).json["vendor"]
    assert shown == {
        "id": vendor.id,
        "name": "Toko ATK Baru",
        "kecamatan": "Menteng",
        "city": "Jakarta Pusat",
        "scale": "small",
    }
    assert [e.type for e in catalog.product_events(product["id"])] == ["product.listed"]  # nothing in product.* changed


def test_an_older_event_arriving_late_changes_nothing(catalog) -> None:
    vendor = catalog.vendor()
    product = catalog.listed_product(vendor)
    catalog.vendor_event(vendor, version=3, status="suspended", reason="pelanggaran")
    late = catalog.vendor_event(vendor, version=2, status="verified", event_type="vendor.updated", name="Nama Lama")
    held = held_vendor(catalog, vendor.id)
    assert (held.version, held.status) == (3, "suspended") and held.name != "Nama Lama"
    assert catalog.read(product["id"]).status_code == 404
    assert catalog.harness.consumer.wait_settled(late.id) == "handled"  # applied as a no-op, not an error


def test_duplicates_change_nothing(catalog) -> None:
    vendor = catalog.vendor()
    product = catalog.listed_product(vendor)
    suspended = catalog.vendor_event(vendor, version=2, status="suspended")
    assert catalog.harness.deliver_envelope(suspended) == "duplicate"  # the same event again: the inbox drops it
    copy = Envelope.new(service="vendors", type=suspended.type, subject=suspended.subject, data=suspended.data)
    assert catalog.harness.deliver_envelope(copy) == "handled"  # a new event with the same version: ignored
    assert [e.type for e in catalog.product_events(product["id"])] == ["product.listed", "product.delisted"]
    assert held_vendor(catalog, vendor.id).version == 2


def test_a_vendor_event_breaking_its_contract_is_dead_lettered(catalog) -> None:
    vendor = catalog.vendor()
    bad = Envelope.new(
        service="vendors", type="vendor.updated", subject=vendor.id, data={"id": vendor.id, "version": "two"}
    )
    assert catalog.harness.deliver_envelope(bad) == "dead_lettered"
