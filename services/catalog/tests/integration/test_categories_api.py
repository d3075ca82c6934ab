"""The category tree over HTTP: seeded in every deployment, read by anyone, changed by admins."""
from __future__ import annotations

import uuid

import pytest

pytestmark = pytest.mark.integration

URL = "/api/v1/catalog/categories"
TOP_LEVEL = {
    "meeting-food",
    "catering",
    "office-supplies",
    "printing",
    "souvenirs",
    "cleaning",
    "tailoring",
    "small-repairs",
}


def all_categories(client) -> dict[str, dict]:
    response = client.get(URL, query_string={"limit": 100})
    assert response.status_code == 200 and response.json["next"] is None
    return {item["slug"]: item for item in response.json["items"]}


def test_the_standard_tree_is_seeded_by_the_migrations(catalog) -> None:
    tree = all_categories(catalog.client)
    assert {slug for slug, item in tree.items() if item["parent"] is None} >= TOP_LEVEL
    assert tree["snack-box"] == {
        "slug": "snack-box",
        "name": "Snack Box",
        "parent": "meeting-food",
        "requires_halal": True,
    }
    assert tree["rice-box"]["parent"] == "meeting-food" and tree["paper"]["parent"] == "office-supplies"
    assert {tree[s]["requires_halal"] for s in ("meeting-food", "catering", "tumpeng", "food-hampers")} == {True}
    assert {tree[s]["requires_halal"] for s in ("office-supplies", "banners", "batik-uniforms", "souvenirs")} == {False}
    assert all(item["parent"] in tree for item in tree.values() if item["parent"] is not None)


def test_anyone_reads_a_category(catalog) -> None:
    assert catalog.client.get(f"{URL}/banners").json["parent"] == "printing"
    for missing in ("no-such-thing", "%00", "Banners", "x" * 300):
        assert catalog.client.get(f"{URL}/{missing}").status_code == 404


def test_admins_create_change_and_delete(catalog) -> None:
    slug = f"kue-kering-{uuid.uuid4().hex[:6]}"
    created = catalog.client.post(
        URL, json={"slug": slug, "name": "Kue Kering", "parent": "meeting-food"}, headers=catalog.as_admin()
    )
    assert created.status_code == 201, created.json
    assert created.json == {"slug": slug, "name": "Kue Kering", "parent": "meeting-food", "requires_halal": True}
    assert created.headers["Location"].endswith(f"{URL}/{slug}")

    changed = catalog.client.patch(
        f"{URL}/{slug}", json={"name": "Kue Kering Lebaran", "parent": "souvenirs"}, headers=catalog.as_admin()
    )
    assert (
        changed.status_code == 200
        and changed.json["parent"] == "souvenirs"
        and changed.json["name"] == "Kue Kering Lebaran"
    )
    assert catalog.client.delete(f"{URL}/{slug}", headers=catalog.as_admin()).status_code == 204
    assert catalog.client.get(f"{URL}/{slug}").status_code == 404
    trail = [entry for entry in catalog.harness.audit_trail() if entry["entity_type"] == "category"][-3:]
    assert [entry["action"] for entry in trail] == ["category.created", "category.changed", "category.deleted"]
    created_entry, changed_entry, deleted_entry = trail
    assert created_entry["after"] == created.json and created_entry["before"] is None
    assert changed_entry["before"] == created.json and changed_entry["after"] == changed.json
    assert deleted_entry["before"] == changed.json and deleted_entry["after"] is None


def test_a_top_level_category_defaults_to_no_halal(catalog) -> None:
    slug = f"alat-olahraga-{uuid.uuid4().hex[:6]}"
    created = catalog.client.post(URL, json={"slug": slug, "name": "Alat Olahraga"}, headers=catalog.as_admin())
    assert created.status_code == 201 and created.json["requires_halal"] is False and created.json["parent"] is None


def test_only_admins_change_the_tree(catalog) -> None:
    body = {"slug": f"x-{uuid.uuid4().hex[:6]}", "name": "Coba"}
    assert catalog.client.post(URL, json=body).status_code == 401
    for headers in (
        catalog.as_buyer(),
        catalog.as_auditor(),
        catalog.harness.headers("vendor", vendor_id=str(uuid.uuid4())),
    ):
        assert catalog.client.post(URL, json=body, headers=headers).status_code == 403
        assert catalog.client.patch(f"{URL}/paper", json={"name": "x"}, headers=headers).status_code == 403
        assert catalog.client.delete(f"{URL}/paper", headers=headers).status_code == 403


@pytest.mark.parametrize(
    ("body", "status", "field"),
    [
        ({"slug": "Bad Slug", "name": "Coba"}, 422, "slug"),
        ({"slug": "snack-box", "name": "Coba"}, 409, None),
        ({"slug": "coba-parent", "name": "Coba", "parent": "no-such-parent"}, 422, "parent"),
        ({"slug": "coba-id", "name": "Coba", "id": "x"}, 400, "id"),
        ({"name": "Coba"}, 400, "slug"),
        ({"slug": "coba-halal", "name": "Coba", "requires_halal": "yes"}, 400, "requires_halal"),
        ({"slug": "coba-halal", "name": "Coba", "requires_halal": 1}, 400, "requires_halal"),
    ],
)
def test_bad_categories_are_refused(catalog, body: dict, status: int, field: str | None) -> None:
    response = catalog.client.post(URL, json=body, headers=catalog.as_admin())
    assert response.status_code == status, response.json
    assert response.mimetype == "application/problem+json"
    if field is not None:
        assert field in response.json["errors"]


def test_no_cycles_and_no_orphans(catalog) -> None:
    cycle = catalog.client.patch(f"{URL}/meeting-food", json={"parent": "snack-box"}, headers=catalog.as_admin())
    assert cycle.status_code == 422 and "parent" in cycle.json["errors"]
    has_children = catalog.client.delete(f"{URL}/meeting-food", headers=catalog.as_admin())
    assert has_children.status_code == 409 and has_children.json["state"] == "has_children"
    catalog.new_product(catalog.vendor(), category="toner-ink", unit="pcs")
    has_products = catalog.client.delete(f"{URL}/toner-ink", headers=catalog.as_admin())
    assert has_products.status_code == 409 and has_products.json["state"] == "has_products"
    assert catalog.client.patch(f"{URL}/paper", json={}, headers=catalog.as_admin()).status_code == 400
    assert catalog.client.patch(f"{URL}/paper", json={"slug": "kertas"}, headers=catalog.as_admin()).status_code == 400
    not_a_boolean = catalog.client.patch(f"{URL}/paper", json={"requires_halal": "true"}, headers=catalog.as_admin())
    assert not_a_boolean.status_code == 400 and "requires_halal" in not_a_boolean.json["errors"]
    assert catalog.client.get(f"{URL}/paper").json["requires_halal"] is False


def test_creating_honours_the_idempotency_key(catalog) -> None:
    body = {"slug": f"cat-{uuid.uuid4().hex[:6]}", "name": "Sekali Saja"}
    headers = {**catalog.as_admin(), "Idempotency-Key": str(uuid.uuid4())}
    first = catalog.client.post(URL, json=body, headers=headers)
    again = catalog.client.post(URL, json=body, headers=headers)
    assert first.status_code == again.status_code == 201 and again.headers["Idempotent-Replayed"] == "true"
    assert catalog.client.post(URL, json={**body, "name": "Lain"}, headers=headers).status_code == 422


def test_categories_page_with_a_cursor(catalog) -> None:
    first = catalog.client.get(URL, query_string={"limit": 5})
    second = catalog.client.get(URL, query_string={"limit": 5, "cursor": first.json["next"]})
    slugs = [c["slug"] for c in first.json["items"] + second.json["items"]]
    assert slugs == sorted(slugs) and len(set(slugs)) == 10
    assert catalog.client.get(URL, query_string={"cursor": "garbage"}).status_code == 404
    assert catalog.client.get(URL, query_string={"cursor": "not a cursor"}).status_code == 400
