"""Curation: approving and rejecting new products and revisions, price history, and the events that
tell others what buyers can now see."""
from __future__ import annotations

import uuid

import pytest

pytestmark = pytest.mark.integration


def event_types(catalog, product_id: str) -> list[str]:
    return [e.type for e in catalog.product_events(product_id)]


def test_approval_lists_the_product_and_starts_its_price_history(catalog) -> None:
    vendor = catalog.vendor()
    product = catalog.new_product(vendor)
    response = catalog.curate(product["id"], "approve")
    assert response.status_code == 200
    assert (
        response.json["state"] == "approved" and response.json["listed"] is True and response.json["available"] is True
    )
    assert catalog.read(product["id"]).status_code == 200  # now public
    [listed] = catalog.product_events(product["id"])
    assert listed.type == "product.listed"
    assert listed.data == {
        "id": product["id"],
        "vendor_id": vendor.id,
        "name": "Kertas HVS A4 80gsm",
        "unit": "rim",
        "price": 55000,
        "category": "paper",
        "available": True,
        "min_order_quantity": 1,
        "lead_time_days": 1,
        "version": 2,
    }
    prices = catalog.client.get(f"/api/v1/catalog/products/{product['id']}/prices").json["items"]
    assert [p["price"] for p in prices] == [55000]
    approval = catalog.harness.audit_trail(product["id"])[-1]
    assert approval["action"] == "product.approved" and approval["actor"] == "admin-bppbj"
    before = approval["before"]
    assert (before["state"], before["listed"], before["version"]) == ("pending", False, 1)
    after = approval["after"]
    assert (after["state"], after["listed"], after["version"]) == ("approved", True, 2)


def test_a_rejection_needs_reasons_and_the_vendor_resubmits_by_changing(catalog) -> None:
    vendor = catalog.vendor()
    product = catalog.new_product(vendor)
    no_reason = catalog.curate(product["id"], "reject")
    assert no_reason.status_code == 422 and "reasons" in no_reason.json["errors"]
    rejected = catalog.curate(product["id"], "reject", "foto buram", "deskripsi kurang lengkap")
    assert rejected.json["state"] == "rejected" and rejected.json["rejection_reasons"] == [
        "foto buram",
        "deskripsi kurang lengkap",
    ]
    assert catalog.read(product["id"]).status_code == 404
    assert catalog.curate(product["id"], "approve").status_code == 409

    resubmitted = catalog.change(vendor, product["id"], {"photo_urls": ["https://images.example.id/hvs-jelas.jpg"]})
    assert resubmitted.json["state"] == "pending" and resubmitted.json["rejection_reasons"] is None
    assert catalog.curate(product["id"], "approve").json["listed"] is True
    assert catalog.harness.audit_trail(product["id"])[-3]["reason"] == "foto buram; deskripsi kurang lengkap"


def test_a_material_change_waits_while_the_approved_version_stays_on_sale(catalog) -> None:
    vendor = catalog.vendor()
    product = catalog.listed_product(vendor)
    proposed = catalog.change(vendor, product["id"], {"price": 60000, "name": "Kertas HVS A4 80 gram Premium"})
    assert proposed.status_code == 200
    assert proposed.json["price"] == 55000 and proposed.json["state"] == "approved" and proposed.json["listed"] is True
    assert proposed.json["pending_revision"]["changes"] == {"price": 60000, "name": "Kertas HVS A4 80 gram Premium"}

    public = catalog.read(product["id"]).json
    assert public["price"] == 55000 and public["name"] == "Kertas HVS A4 80gsm" and public["pending_revision"] is None
    assert catalog.read(product["id"], catalog.as_vendor(catalog.vendor())).json["pending_revision"] is None
    assert event_types(catalog, product["id"]) == ["product.listed"]
    proposal = catalog.harness.audit_trail(product["id"])[-1]
    assert proposal["action"] == "product.revision_proposed"
    assert proposal["after"]["pending_revision"] == {"price": 60000, "name": "Kertas HVS A4 80 gram Premium"}
    assert proposal["after"]["price"] == 55000 and proposal["after"]["state"] == "approved"

    queue = catalog.client.get("/api/v1/catalog/curation", query_string={"limit": 100}, headers=catalog.as_admin())
    assert product["id"] in {item["id"] for item in queue.json["items"]}

    approved = catalog.curate(product["id"], "approve")
    assert approved.json["price"] == 60000 and approved.json["name"] == "Kertas HVS A4 80 gram Premium"
    assert approved.json["pending_revision"] is None
    updated = catalog.product_events(product["id"])[-1]
    assert updated.type == "product.updated" and updated.data["price"] == 60000
    prices = catalog.client.get(f"/api/v1/catalog/products/{product['id']}/prices").json["items"]
    assert [p["price"] for p in prices] == [60000, 55000]
    decision = catalog.harness.audit_trail(product["id"])[-1]
    assert decision["action"] == "product.revision_approved"
    assert (decision["before"]["price"], decision["after"]["price"]) == (55000, 60000)
    assert decision["after"]["name"] == "Kertas HVS A4 80 gram Premium"


def test_changes_add_up_in_one_revision_and_can_be_taken_back(catalog) -> None:
    vendor = catalog.vendor()
    product = catalog.listed_product(vendor)
    catalog.change(vendor, product["id"], {"price": 60000})
    both = catalog.change(vendor, product["id"], {"description": "Kertas putih bersih"})
    assert both.json["pending_revision"]["changes"] == {"price": 60000, "description": "Kertas putih bersih"}
    taken_back = catalog.change(vendor, product["id"], {"price": 55000, "description": product["description"]})
    assert taken_back.json["pending_revision"] is None
    assert catalog.curate(product["id"], "approve").status_code == 409


def test_a_rejected_revision_leaves_the_approved_version(catalog) -> None:
    vendor = catalog.vendor()
    product = catalog.listed_product(vendor)
    catalog.change(vendor, product["id"], {"price": 99000})
    rejected = catalog.curate(product["id"], "reject", "harga tidak wajar")
    assert rejected.status_code == 200 and rejected.json["price"] == 55000 and rejected.json["pending_revision"] is None
    assert rejected.json["state"] == "approved" and rejected.json["listed"] is True
    assert event_types(catalog, product["id"]) == ["product.listed"]
    assert catalog.harness.audit_trail(product["id"])[-1]["action"] == "product.revision_rejected"


def test_non_material_changes_apply_at_once(catalog) -> None:
    vendor = catalog.vendor()
    product = catalog.listed_product(vendor)
    changed = catalog.change(vendor, product["id"], {"stock": 0, "lead_time_days": 3, "photo_urls": []})
    assert (
        changed.json["stock"] == 0 and changed.json["lead_time_days"] == 3 and changed.json["pending_revision"] is None
    )
    assert changed.json["available"] is False and changed.json["listed"] is True
    assert event_types(catalog, product["id"]) == ["product.listed", "product.updated"]
    assert catalog.product_events(product["id"])[-1].data["available"] is False
    restocked = catalog.change(vendor, product["id"], {"stock": 40})
    assert restocked.json["available"] is True and catalog.product_events(product["id"])[-1].data["available"] is True


def test_a_revision_moving_category_refreshes_both_reference_groups(catalog) -> None:
    vendor = catalog.vendor()
    # Categories of their own, so that each median is only these products'.
    left, right = (f"{side}-{uuid.uuid4().hex[:8]}" for side in ("kiri", "kanan"))
    for slug in (left, right):
        created = catalog.client.post(
            "/api/v1/catalog/categories", json={"slug": slug, "name": "Uji Pindah"}, headers=catalog.as_admin()
        )
        assert created.status_code == 201, created.json
    product = catalog.listed_product(vendor, category=left, unit="pcs", price=7000)
    stays = catalog.listed_product(vendor, category=left, unit="pcs", price=9000)
    assert catalog.read(stays["id"]).json["reference_price"] == 8000
    assert catalog.change(vendor, product["id"], {"category": right}).status_code == 200
    moved = catalog.curate(product["id"], "approve").json
    assert moved["category"] == right and moved["reference_price"] == 7000
    assert catalog.read(stays["id"]).json["reference_price"] == 9000  # the group it left, without it


def test_only_admins_curate(catalog) -> None:
    product = catalog.new_product(catalog.vendor())
    url = f"/api/v1/catalog/products/{product['id']}/curation"
    body = {"decision": "approve", "reasons": []}
    assert catalog.client.post(url, json=body).status_code == 401
    for headers in (
        catalog.as_buyer(),
        catalog.as_auditor(),
        catalog.harness.headers("vendor", vendor_id=product["vendor"]["id"]),
    ):
        assert catalog.client.post(url, json=body, headers=headers).status_code == 403
    assert catalog.client.post(url, json={"decision": "maybe"}, headers=catalog.as_admin()).status_code == 400
    assert catalog.client.post(url, json={**body, "note": "x"}, headers=catalog.as_admin()).status_code == 400
    assert catalog.client.get("/api/v1/catalog/curation", headers=catalog.as_buyer()).status_code == 403


def test_curating_an_unknown_product_answers_404(catalog) -> None:
    assert catalog.curate("00000000-0000-4000-8000-000000000000", "approve").status_code == 404


def test_the_queue_holds_the_longest_waiting_first(catalog) -> None:
    vendor = catalog.vendor()
    first, second = catalog.new_product(vendor, name="Antrian Satu"), catalog.new_product(vendor, name="Antrian Dua")
    queue = catalog.client.get("/api/v1/catalog/curation", query_string={"limit": 100}, headers=catalog.as_auditor())
    ids = [item["id"] for item in queue.json["items"]]
    assert ids.index(first["id"]) < ids.index(second["id"])
    catalog.curate(first["id"], "approve")
    queue = catalog.client.get("/api/v1/catalog/curation", query_string={"limit": 100}, headers=catalog.as_admin())
    assert first["id"] not in {item["id"] for item in queue.json["items"]}
