"""Products over HTTP: who may create and change them, what is refused, and who sees what."""
from __future__ import annotations

import uuid

import pytest

from servicekit.testing import auth_header, mint_token

pytestmark = pytest.mark.integration

URL = "/api/v1/catalog/products"
PROBLEM = "application/problem+json"


def test_a_verified_vendor_creates_a_product_that_waits_for_curation(catalog) -> None:
    vendor = catalog.vendor()
    response = catalog.create(vendor, catalog.product_body())
    assert response.status_code == 201, response.json
    product = response.json
    assert response.headers["Location"].endswith(f"{URL}/{product['id']}")
    assert product["state"] == "pending" and product["listed"] is False and product["available"] is False
    assert product["vendor"] == {
        "id": vendor.id,
        "name": vendor.profile["name"],
        "kecamatan": vendor.kecamatan,
        "city": vendor.city,
        "scale": "micro",
    }
    assert product["price"] == 55000 and product["unit"] == "rim" and product["category"] == "paper"
    assert product["pending_revision"] is None and product["version"] == 1
    assert catalog.product_events(product["id"]) == []
    [entry] = catalog.harness.audit_trail(product["id"])
    assert entry["action"] == "product.created" and entry["actor"] == f"user-of-{vendor.id[:8]}"


def test_defaults_for_optional_fields(catalog) -> None:
    body = catalog.product_body(description=..., min_order_quantity=..., lead_time_days=..., photo_urls=...)
    product = catalog.create(catalog.vendor(), body).json
    assert (
        product["description"],
        product["min_order_quantity"],
        product["lead_time_days"],
        product["photo_urls"],
    ) == ("", 1, 1, [])
    assert product["halal_certificate"] is None and product["daily_capacity"] is None


def test_a_pending_product_is_seen_only_by_its_vendor_and_overseers(catalog) -> None:
    vendor = catalog.vendor()
    product_id = catalog.new_product(vendor)["id"]
    for headers in (catalog.as_vendor(vendor), catalog.as_admin(), catalog.as_auditor()):
        assert catalog.read(product_id, headers).status_code == 200
    for headers in ({}, catalog.as_buyer(), catalog.as_vendor(catalog.vendor())):
        response = catalog.read(product_id, headers)
        assert response.status_code == 404 and response.mimetype == PROBLEM
    assert catalog.client.get(f"{URL}/{product_id}/prices").status_code == 404


@pytest.mark.parametrize(
    ("status", "reason"),
    [("pending", "vendor_pending"), ("suspended", "vendor_suspended"), ("rejected", "vendor_rejected")],
)
def test_only_verified_vendors_create(catalog, status: str, reason: str) -> None:
    response = catalog.create(catalog.vendor(status=status), catalog.product_body())
    assert response.status_code == 403 and response.json["reason"] == reason


def test_a_vendor_the_catalog_has_not_heard_of_is_refused(catalog) -> None:
    headers = catalog.harness.headers("vendor", vendor_id=str(uuid.uuid4()))
    response = catalog.client.post(URL, json=catalog.product_body(), headers=headers)
    assert response.status_code == 403 and response.json["reason"] == "vendor_unknown"


def test_roles_and_tokens(catalog) -> None:
    body = catalog.product_body()
    assert catalog.client.post(URL, json=body).status_code == 401
    for headers in (catalog.as_buyer(), catalog.as_admin(), catalog.as_auditor()):
        assert catalog.client.post(URL, json=body, headers=headers).status_code == 403
    no_vendor_claim = catalog.client.post(URL, json=body, headers=catalog.harness.headers("vendor"))
    assert no_vendor_claim.status_code == 403 and no_vendor_claim.json["reason"] == "no_vendor"
    expired = auth_header(mint_token("v", ["vendor"], vendor_id=str(uuid.uuid4()), expires_in=-120))
    assert catalog.client.get(URL, headers=expired).status_code == 401


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"colour": "merah"}, "colour"),
        ({"state": "approved"}, "state"),
        ({"id": str(uuid.uuid4())}, "id"),
        ({"vendor_id": str(uuid.uuid4())}, "vendor_id"),
        ({"listed": True}, "listed"),
        ({"price": 55000.5}, "price"),
        ({"price": 55000.0}, "price"),
        ({"price": "55000"}, "price"),
        ({"price": 0}, "price"),
        ({"price": -1}, "price"),
        ({"stock": -5}, "stock"),
        ({"min_order_quantity": 0}, "min_order_quantity"),
        ({"min_order_quantity": -3}, "min_order_quantity"),
        ({"local_content_percent": 101}, "local_content_percent"),
        ({"local_content_percent": 50.5}, "local_content_percent"),
        ({"unit": "karung"}, "unit"),
        ({"fulfilment": "dropship"}, "fulfilment"),
        ({"name": "x"}, "name"),
        ({"name": ...}, "name"),
        ({"category": ...}, "category"),
        ({"photo_urls": "https://images.example.id/a.jpg"}, "photo_urls"),
        ({"name": "Kertas\x00HVS"}, "name"),
        ({"description": "baris\x07bel"}, "description"),
    ],
)
def test_malformed_bodies_answer_400(catalog, overrides: dict, field: str) -> None:
    response = catalog.create(catalog.vendor(), catalog.product_body(**overrides))
    assert response.status_code == 400, response.json
    assert response.mimetype == PROBLEM and field in response.json["errors"], response.json


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"photo_urls": ["http://images.example.id/a.jpg"]}, "photo_urls.0"),
        ({"photo_urls": ["javascript:alert(1)"]}, "photo_urls.0"),
        ({"photo_urls": [f"https://images.example.id/{i}.jpg" for i in range(9)]}, "photo_urls"),
        ({"halal_certificate": "HALAL-123"}, "halal_certificate"),
        ({"category": "no-such-category"}, "category"),
        ({"fulfilment": "made_to_order"}, "daily_capacity"),
        ({"stock": None}, "stock"),
    ],
)
def test_bodies_breaking_catalog_rules_answer_422(catalog, overrides: dict, field: str) -> None:
    response = catalog.create(catalog.vendor(), catalog.product_body(**overrides))
    assert response.status_code == 422 and field in response.json["errors"], response.json


def test_food_needs_a_halal_certificate(catalog) -> None:
    vendor = catalog.vendor()
    response = catalog.create(vendor, catalog.food_body(halal_certificate=None))
    assert response.status_code == 422 and "halal_certificate" in response.json["errors"]
    snack_box = catalog.create(vendor, catalog.food_body(category="snack-box", halal_certificate=...))
    assert snack_box.status_code == 422
    assert catalog.create(vendor, catalog.food_body()).status_code == 201


def test_the_vendor_location_comes_from_vendor_events_not_the_request(catalog) -> None:
    response = catalog.create(catalog.vendor(), catalog.product_body(city="Bandung"))
    assert response.status_code == 400 and "city" in response.json["errors"]


def test_another_vendors_product_answers_404(catalog) -> None:
    owner, other = catalog.vendor(), catalog.vendor()
    product = catalog.listed_product(owner)
    changed = catalog.change(other, product["id"], {"price": 1000})
    assert changed.status_code == 404 and changed.mimetype == PROBLEM
    assert catalog.client.delete(f"{URL}/{product['id']}", headers=catalog.as_vendor(other)).status_code == 404
    assert catalog.read(product["id"], catalog.as_admin()).json["price"] == 55000
    assert catalog.change(owner, str(uuid.uuid4()), {"price": 1000}).status_code == 404


def test_changes_are_checked_like_new_products(catalog) -> None:
    vendor = catalog.vendor()
    product_id = catalog.new_product(vendor)["id"]
    assert catalog.change(vendor, product_id, {}).status_code == 400
    assert catalog.change(vendor, product_id, {"price": 1.5}).status_code == 400
    assert catalog.change(vendor, product_id, {"state": "approved"}).status_code == 400
    moved_to_food = catalog.change(vendor, product_id, {"category": "snack-box", "unit": "box"})
    assert moved_to_food.status_code == 422 and "halal_certificate" in moved_to_food.json["errors"]
    assert (
        catalog.change(
            vendor, product_id, {"fulfilment": "made_to_order", "stock": None, "daily_capacity": 20}
        ).status_code
        == 200
    )


def test_only_the_vendor_changes_its_products(catalog) -> None:
    vendor = catalog.vendor()
    product_id = catalog.new_product(vendor)["id"]
    for headers in (catalog.as_admin(), catalog.as_buyer(), catalog.as_auditor()):
        assert catalog.client.patch(f"{URL}/{product_id}", json={"price": 1}, headers=headers).status_code == 403
    assert catalog.client.patch(f"{URL}/{product_id}", json={"price": 1}).status_code == 401


def test_a_suspended_vendor_cannot_change_its_products(catalog) -> None:
    vendor = catalog.vendor()
    product_id = catalog.new_product(vendor)["id"]
    catalog.vendor_event(vendor, version=2, status="suspended", reason="laporan palsu")
    response = catalog.change(vendor, product_id, {"stock": 5})
    assert response.status_code == 403 and response.json["reason"] == "vendor_suspended"


def test_withdrawing_hides_for_good(catalog) -> None:
    vendor = catalog.vendor()
    product = catalog.listed_product(vendor)
    assert catalog.client.delete(f"{URL}/{product['id']}", headers=catalog.as_vendor(vendor)).status_code == 204
    assert catalog.read(product["id"]).status_code == 404
    assert catalog.read(product["id"], catalog.as_vendor(vendor)).json["state"] == "withdrawn"
    assert [e.type for e in catalog.product_events(product["id"])] == ["product.listed", "product.delisted"]
    withdrawal = catalog.harness.audit_trail(product["id"])[-1]
    assert withdrawal["action"] == "product.withdrawn"
    assert (withdrawal["before"]["state"], withdrawal["before"]["listed"]) == ("approved", True)
    assert (withdrawal["after"]["state"], withdrawal["after"]["listed"]) == ("withdrawn", False)
    assert catalog.client.delete(f"{URL}/{product['id']}", headers=catalog.as_vendor(vendor)).status_code == 204
    changed = catalog.change(vendor, product["id"], {"stock": 1})
    assert changed.status_code == 409 and changed.json["state"] == "withdrawn"
    assert catalog.curate(product["id"], "approve").status_code == 409


def test_admins_withdraw_any_product(catalog) -> None:
    product = catalog.listed_product(catalog.vendor())
    assert catalog.client.delete(f"{URL}/{product['id']}", headers=catalog.as_admin()).status_code == 204
    assert catalog.client.delete(f"{URL}/{product['id']}", headers=catalog.as_buyer()).status_code == 403


def test_a_vendor_lists_its_own_products_in_any_state(catalog) -> None:
    vendor = catalog.vendor()
    pending = catalog.new_product(vendor, name="Pending Satu")
    listed = catalog.listed_product(vendor, name="Listed Satu")
    url = f"/api/v1/catalog/vendors/{vendor.id}/products"
    everything = catalog.client.get(url, headers=catalog.as_vendor(vendor)).json["items"]
    assert {p["id"] for p in everything} == {pending["id"], listed["id"]}
    only_pending = catalog.client.get(url, query_string={"state": "pending"}, headers=catalog.as_admin()).json["items"]
    assert [p["id"] for p in only_pending] == [pending["id"]]
    assert catalog.client.get(url, headers=catalog.as_vendor(catalog.vendor())).status_code == 404
    assert catalog.client.get(url, headers=catalog.as_buyer()).status_code == 403
    assert catalog.client.get(url, query_string={"state": "lost"}, headers=catalog.as_admin()).status_code == 400


def test_creating_honours_the_idempotency_key(catalog) -> None:
    vendor = catalog.vendor()
    key = {"Idempotency-Key": str(uuid.uuid4())}
    first = catalog.create(vendor, catalog.product_body(), **key)
    again = catalog.create(vendor, catalog.product_body(), **key)
    assert first.status_code == again.status_code == 201 and again.json["id"] == first.json["id"]
    assert catalog.create(vendor, catalog.product_body(price=1), **key).status_code == 422
    listing = catalog.client.get(f"/api/v1/catalog/vendors/{vendor.id}/products", headers=catalog.as_vendor(vendor))
    assert len(listing.json["items"]) == 1


@pytest.mark.parametrize("path", ["not-a-uuid", "x" * 5000, "%00", "1%27%20OR%20%271%27=%271"])
def test_ids_that_cannot_be_product_ids_answer_404(catalog, path: str) -> None:
    for response in (catalog.client.get(f"{URL}/{path}"), catalog.client.get(f"{URL}/{path}/prices")):
        assert response.status_code == 404 and response.mimetype == PROBLEM
