from __future__ import annotations

import pytest

from servicekit.auth.tokens import TokenVerifier, dev_private_key_pem, dev_public_key_pem

from gateway.domain.accounts import Identity
from gateway.domain.claims import access_claims
from gateway.credentials.signing import TokenSigner

pytestmark = pytest.mark.unit


def test_claims_carry_the_organisation_only_when_bound() -> None:
    official = Identity("po1", frozenset({"procurement_officer"}), work_unit="DPPKUKM")
    claims = access_claims(
        official, issuer="i", audience="a", issued_at=100, lifetime_seconds=900, token_id="t", session_id="s"
    )
    assert claims == {
        "iss": "i",
        "aud": "a",
        "sub": "po1",
        "roles": ["procurement_officer"],
        "iat": 100,
        "exp": 1000,
        "jti": "t",
        "sid": "s",
        "work_unit": "DPPKUKM",
    }
    admin = access_claims(
        Identity("admin", frozenset({"admin"})), issuer="i", audience="a", issued_at=0, lifetime_seconds=1,
        token_id="t", session_id="s",
    )
    assert "work_unit" not in admin and "vendor_id" not in admin


def test_signed_tokens_verify_with_servicekit_like_a_service_does() -> None:
    signer = TokenSigner(dev_private_key_pem(), issuer="open-eorder", audience="open-eorder", lifetime_seconds=900)
    token, claims = signer.sign(Identity("vendor1", frozenset({"vendor"}), vendor_id="v-1"), session_id="s-1")
    principal = TokenVerifier(public_key_pem=dev_public_key_pem(), issuer="open-eorder", audience="open-eorder").verify(token)
    assert principal.subject == "vendor1" and principal.vendor_id == "v-1" and principal.roles == {"vendor"}
    assert principal.token_id == claims["jti"] and claims["exp"] - claims["iat"] == 900
