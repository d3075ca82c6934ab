"""Who may read and change which vendor, and tokens that must never be believed."""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
import uuid
from typing import Any, Callable

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from servicekit.auth.tokens import dev_public_key_pem
from servicekit.http.problems import PROBLEM_MEDIA_TYPE
from servicekit.testing import auth_header, mint_token
from vendors.api.blueprint import URL_PREFIX as API

pytestmark = pytest.mark.integration

PUBLIC_FIELDS = {"id", "name", "nib", "status", "scale", "address", "pkp", "categories", "jakpreneur", "rating", "created_at"}
PRIVATE_FIELDS = {"npwp", "owner_nik", "contact", "bank_account", "capital", "annual_sales", "status_reasons", "version", "updated_at"}


def test_the_public_reads_a_verified_vendor_without_private_data(api) -> None:
    vendor = api.registered_and_verified()
    public = api.read(vendor["id"])
    assert public.status_code == 200
    assert set(public.json) == PUBLIC_FIELDS
    assert set(public.json["address"]) == {"kelurahan", "kecamatan", "city"}
    body = public.get_data(as_text=True)
    for private in (vendor["owner_nik"], vendor["npwp"], vendor["bank_account"]["account_number"], vendor["contact"]["phone"], vendor["contact"]["email"]):
        assert private not in body


@pytest.mark.parametrize("roles", [(), ("procurement_officer",), ("commitment_officer",), ("treasurer",)])
def test_a_vendor_that_is_not_verified_is_not_found_by_the_public_or_other_roles(api, roles: tuple[str, ...]) -> None:
    vendor = api.register()
    headers = api.harness.headers(*roles) if roles else {}
    response = api.read(vendor["id"], headers)
    assert response.status_code == 404 and response.mimetype == PROBLEM_MEDIA_TYPE


def test_the_vendor_itself_admins_and_auditors_see_the_full_profile(api) -> None:
    vendor = api.register()
    for headers in (api.as_vendor(vendor["id"]), api.admin(), api.auditor()):
        response = api.read(vendor["id"], headers)
        assert response.status_code == 200 and PRIVATE_FIELDS <= set(response.json)


def test_a_vendor_cannot_read_or_change_another_vendor_which_answers_404(api) -> None:
    vendor_a, vendor_b = api.register(), api.register()
    as_a = api.as_vendor(vendor_a["id"])
    assert api.read(vendor_b["id"], as_a).status_code == 404
    assert api.edit(vendor_b["id"], {"pkp": True}, as_a).status_code == 404
    api.decide(vendor_b["id"], "reject", ["NIB unreadable"])
    assert api.post(f"/{vendor_b['id']}/resubmission", {}, as_a).status_code == 404
    assert api.read(vendor_b["id"], api.admin()).json["status"] == "rejected"  # nothing changed


def test_a_vendor_sees_another_verified_vendor_only_as_the_public_does(api) -> None:
    vendor_a, vendor_b = api.register(), api.registered_and_verified()
    response = api.read(vendor_b["id"], api.as_vendor(vendor_a["id"]))
    assert response.status_code == 200 and set(response.json) == PUBLIC_FIELDS


def test_a_vendor_token_without_the_matching_vendor_id_owns_nothing(api) -> None:
    vendor = api.register()
    no_claim = api.harness.headers("vendor", subject="vendor-user-unbound")
    assert api.read(vendor["id"], no_claim).status_code == 404
    assert api.edit(vendor["id"], {"pkp": True}, no_claim).status_code == 404


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("patch", "", {"pkp": True}),
        ("post", "/verification", {"decision": "verify"}),
        ("post", "/suspension", {"reason": "x"}),
        ("post", "/reinstatement", {"reason": "x"}),
        ("post", "/resubmission", {}),
    ],
)
def test_auditors_are_read_only(api, method: str, path: str, body: dict) -> None:
    vendor = api.register()
    response = getattr(api.client, method)(f"{API}/{vendor['id']}{path}", json=body, headers=api.auditor())
    assert response.status_code == 403 and response.mimetype == PROBLEM_MEDIA_TYPE
    assert api.read(vendor["id"], api.admin()).json == vendor  # nothing changed
    assert [e["action"] for e in api.harness.audit_trail(vendor["id"])] == ["registered"]


@pytest.mark.parametrize("roles", [("vendor",), ("procurement_officer",), ("commitment_officer",)])
def test_only_admins_decide_on_vendors(api, roles: tuple[str, ...]) -> None:
    vendor = api.register()
    headers = api.harness.headers(*roles, vendor_id=vendor["id"])
    for path, body in (("/verification", {"decision": "verify"}), ("/suspension", {"reason": "x"})):
        assert api.post(f"/{vendor['id']}{path}", body, headers).status_code == 403
    assert api.read(vendor["id"], api.admin()).json == vendor  # still pending, nothing changed


def test_writes_need_a_token(api) -> None:
    vendor = api.register()
    assert api.client.patch(f"{API}/{vendor['id']}", json={"pkp": True}).status_code == 401
    assert api.post(f"/{vendor['id']}/verification", {"decision": "verify"}).status_code == 401


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _admin_claims() -> dict[str, Any]:
    now = int(time.time())
    return {"sub": "forger", "roles": ["admin"], "iss": "open-eorder", "aud": "open-eorder", "iat": now, "exp": now + 300}


def _unsigned() -> str:
    header, claims = {"alg": "none", "typ": "JWT"}, _admin_claims()
    return f"{_b64(json.dumps(header).encode())}.{_b64(json.dumps(claims).encode())}."


def _hs256_with_the_public_key_as_secret() -> str:
    """The algorithm-confusion attack, built by hand because PyJWT refuses to sign it."""
    header, claims = {"alg": "HS256", "typ": "JWT"}, _admin_claims()
    signing_input = f"{_b64(json.dumps(header).encode())}.{_b64(json.dumps(claims).encode())}"
    signature = hmac.new(dev_public_key_pem().encode(), signing_input.encode(), hashlib.sha256).digest()
    return f"{signing_input}.{_b64(signature)}"


def _signed_with_another_key() -> str:
    other = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    return mint_token("forger", ["admin"], private_key_pem=other.decode())


FORGED: dict[str, Callable[[], str]] = {
    "alg-none": _unsigned,
    "hs256-public-key": _hs256_with_the_public_key_as_secret,
    "wrong-key": _signed_with_another_key,
    "expired": lambda: mint_token("admin", ["admin"], expires_in=-120),
    "wrong-audience": lambda: mint_token("admin", ["admin"], audience="another-platform"),
    "wrong-issuer": lambda: mint_token("admin", ["admin"], issuer="https://issuer.example"),
    "garbage": lambda: "not.a.token",
}


@pytest.mark.parametrize("forge", FORGED.values(), ids=FORGED.keys())
def test_forged_expired_or_foreign_tokens_answer_401_everywhere(api, forge: Callable[[], str]) -> None:
    vendor = api.register()
    headers = auth_header(forge())
    attempts = [
        api.client.get(API, headers=headers),
        api.client.get(f"{API}/{vendor['id']}", headers=headers),
        api.client.get(f"{API}/{vendor['id']}/audit", headers=headers),
        api.client.post(f"{API}/{vendor['id']}/verification", json={"decision": "verify"}, headers=headers),
        api.client.post(f"{API}/registrations", json=api.application(), headers=headers),
    ]
    assert [r.status_code for r in attempts] == [401] * len(attempts)
    assert all(r.mimetype == PROBLEM_MEDIA_TYPE for r in attempts)
    assert api.read(vendor["id"], api.admin()).json["status"] == "pending"


def test_the_genuine_admin_token_is_accepted(api) -> None:
    """The counterpart of the forgeries above: the same requests with a real token succeed."""
    vendor = api.register()
    headers = auth_header(mint_token("admin", ["admin"]))
    assert api.client.get(f"{API}/{vendor['id']}/audit", headers=headers).status_code == 200
    assert api.client.post(f"{API}/{vendor['id']}/verification", json={"decision": "verify"}, headers=headers).status_code == 200


def test_unknown_ids_answer_404(api) -> None:
    assert api.read(str(uuid.uuid4()), api.admin()).status_code == 404
    assert api.read("12345", api.admin()).status_code == 404
