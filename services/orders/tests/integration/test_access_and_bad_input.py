"""Who sees and does what (another's order or package answers 404), tokens (forged, expired: 401),
and bodies a client can get wrong (400 naming the field, never 500)."""
from __future__ import annotations

from typing import Any

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from servicekit.testing import auth_header, mint_token

pytestmark = pytest.mark.integration

ORDERS = "/api/v1/orders"


def test_each_party_sees_its_orders_and_nobody_else_does(api: Any) -> None:
    buyer, stranger = api.buyer(), api.buyer()
    order = api.approved(buyer)
    path = f"{ORDERS}/{order['id']}"
    for headers in (api.po(buyer), api.ppk(buyer), api.budget(buyer), api.vendor(buyer), api.auditor()):
        assert api.client.get(path, headers=headers).status_code == 200
    for headers in (api.po(stranger), api.ppk(stranger), api.budget(stranger), api.vendor(stranger)):
        assert api.client.get(path, headers=headers).status_code == 404
    listed = api.client.get(ORDERS, headers=api.vendor(buyer)).json["items"]
    assert [o["id"] for o in listed] == [order["id"]]
    assert api.client.get(ORDERS, headers=api.ppk(stranger)).json["items"] == []


def test_a_vendor_never_sees_drafts(api: Any) -> None:
    buyer = api.buyer()
    draft = api.drafted(buyer)
    assert api.client.get(f"{ORDERS}/{draft['id']}", headers=api.vendor(buyer)).status_code == 404


def test_foreign_ids_answer_404_for_every_step(api: Any) -> None:
    buyer, stranger = api.buyer(), api.buyer()
    order = api.awaiting_approval(buyer)
    oid = order["id"]
    assert api.client.post(f"{ORDERS}/{oid}/approval", json={"decision": "approve"}, headers=api.ppk(stranger)).status_code == 404
    assert api.client.post(f"{ORDERS}/{oid}/cancellation", json={"reason": "x"}, headers=api.po(stranger)).status_code == 404
    assert api.client.post(f"{ORDERS}/{oid}/vendor-response", json={"decision": "accept"}, headers=api.vendor(stranger)).status_code == 404
    assert api.client.get(f"/api/v1/packages/{buyer.package_id}", headers=api.budget(stranger)).status_code == 404
    other_package = {**api.drafted(stranger), "package_id": buyer.package_id}
    body = {"package_id": buyer.package_id, "lines": [{"product_id": stranger.products[0]["id"], "quantity": 1}],
            "delivery_address": other_package["delivery_address"], "requested_delivery_date": "2027-01-04"}
    assert api.client.post(ORDERS, json=body, headers=api.po(stranger)).status_code == 404


def test_a_procurement_officer_not_assigned_to_the_package_cannot_order_on_it(api: Any) -> None:
    buyer = api.buyer()
    colleague = api.harness.headers("procurement_officer", subject="po-other", work_unit=buyer.work_unit)
    body = {"package_id": buyer.package_id, "lines": [{"product_id": buyer.products[0]["id"], "quantity": 1}],
            "delivery_address": "Jl. Medan Merdeka Selatan 8-9", "requested_delivery_date": "2027-01-04"}
    assert api.client.post(ORDERS, json=body, headers=colleague).status_code == 404


def test_forged_and_expired_tokens_answer_401(api: Any) -> None:
    buyer = api.buyer()
    order = api.drafted(buyer)
    forged_key = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    forged = auth_header(mint_token(buyer.procurement_officer, ["procurement_officer"], work_unit=buyer.work_unit, private_key_pem=forged_key))
    expired = auth_header(mint_token(buyer.procurement_officer, ["procurement_officer"], work_unit=buyer.work_unit, expires_in=-60))
    for headers in (forged, expired):
        assert api.client.get(f"{ORDERS}/{order['id']}", headers=headers).status_code == 401
    assert api.client.get(f"{ORDERS}/{order['id']}").status_code == 401


@pytest.mark.parametrize(
    "body, field",
    [
        ({"lines": []}, "lines"),
        ({"lines": [{"product_id": "not-a-uuid", "quantity": 1}]}, "lines.0.product_id"),
        ({"lines": [{"product_id": "00000000-0000-4000-8000-000000000000", "quantity": 1.5}]}, "lines.0.quantity"),
        ({"state": "approved"}, "state"),
        ({"amounts": {"total": 1}}, "amounts"),
        ({"requested_delivery_date": "tomorrow"}, "requested_delivery_date"),
    ],
)
def test_malformed_drafts_are_refused_with_the_field(api: Any, body: dict[str, Any], field: str) -> None:
    buyer = api.buyer()
    base = {"package_id": buyer.package_id, "lines": [{"product_id": buyer.products[0]["id"], "quantity": 1}],
            "delivery_address": "Jl. Medan Merdeka Selatan 8-9", "requested_delivery_date": "2027-01-04"}
    response = api.client.post(ORDERS, json={**base, **body}, headers=api.po(buyer))
    assert response.status_code == 400, response.json
    assert field in response.json["errors"]


def test_oversized_and_unparseable_bodies_are_refused(api: Any) -> None:
    buyer = api.buyer()
    huge = api.client.post(ORDERS, data="{" + " " * 2_000_000 + "}", content_type="application/json", headers=api.po(buyer))
    assert huge.status_code == 413
    broken = api.client.post(ORDERS, data="{not json", content_type="application/json", headers=api.po(buyer))
    assert broken.status_code == 400


def test_a_package_import_is_all_or_nothing_with_errors_per_row(api: Any) -> None:
    buyer = api.buyer()
    csv = ("rup_code,name,budget_account,fiscal_year,amount\n"
           "RUP-IMP-0001,Makan minum rapat,5.1.02.01.01.0052,2026,25000000\n"
           "RUP-IMP-0002,,5.1.02.01.01.0052,2026,-5\n"
           "RUP-IMP-0001,Dobel,5.1.02.01.01.0052,2026,1000\n")
    refused = api.client.post("/api/v1/packages/imports", json={"csv": csv}, headers=api.budget(buyer))
    assert refused.status_code == 400
    assert set(refused.json["errors"]) == {"rows.1.name", "rows.1.amount", "rows.2.rup_code"}
    listing = api.client.get("/api/v1/packages", headers=api.budget(buyer))
    assert listing.status_code == 200, listing.json
    listed = listing.json["items"]
    assert [p["id"] for p in listed] == [buyer.package_id]  # nothing of the refused file was kept
    good = "\n".join(csv.splitlines()[:2]) + "\n"
    imported = api.client.post("/api/v1/packages/imports", json={"csv": good}, headers=api.budget(buyer))
    assert imported.status_code == 201 and imported.json["items"][0]["remaining"] == 25_000_000
    bad_header = api.client.post("/api/v1/packages/imports", json={"csv": "a,b\n1,2\n"}, headers=api.budget(buyer))
    assert bad_header.status_code == 400 and "file" in bad_header.json["errors"]


def test_listings_filter_by_state_and_refuse_unknown_states_and_cursors(api: Any) -> None:
    buyer = api.buyer()
    draft, submitted = api.drafted(buyer), api.submitted(buyer)
    listed = api.client.get(f"{ORDERS}?state=submitted", headers=api.po(buyer)).json["items"]
    assert [o["id"] for o in listed] == [submitted["id"]]
    everything = api.client.get(f"{ORDERS}?limit=1", headers=api.po(buyer)).json
    assert len(everything["items"]) == 1 and everything["next"]
    following = api.client.get(f"{ORDERS}?limit=1&cursor={everything['next']}", headers=api.po(buyer)).json
    assert {everything["items"][0]["id"], following["items"][0]["id"]} == {draft["id"], submitted["id"]}
    assert api.client.get(f"{ORDERS}?state=lost", headers=api.po(buyer)).status_code == 400
    # A well-formed cursor the listing never issued names no page (404); one outside base64url is malformed.
    assert api.client.get(f"{ORDERS}?cursor=bm90LWEtY3Vyc29y", headers=api.po(buyer)).status_code == 404
    assert api.client.get(f"{ORDERS}?cursor=not%20a%20cursor!", headers=api.po(buyer)).status_code == 400
