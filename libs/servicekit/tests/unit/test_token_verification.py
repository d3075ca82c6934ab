"""Token verification: pinned asymmetric algorithms, required claims, forged tokens refused."""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from servicekit.auth import TokenError, TokenVerifier, dev_public_key_pem
from servicekit.settings import ConfigurationError, Settings
from servicekit.testing import mint_token

pytestmark = pytest.mark.unit


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def claims(**overrides: object) -> dict[str, object]:
    now = int(time.time())
    return {"sub": "u1", "roles": ["admin"], "iss": "open-eorder", "aud": "open-eorder", "iat": now, "exp": now + 60, **overrides}


def unsigned(header: dict[str, object], payload: dict[str, object], signature: bytes = b"") -> str:
    head = b64(json.dumps(header).encode()) + "." + b64(json.dumps(payload).encode())
    return head + "." + b64(signature)


@pytest.fixture(scope="module")
def verifier() -> TokenVerifier:
    return TokenVerifier.from_settings(Settings.from_env("vendors", environ={}))


def test_a_good_token_gives_its_principal(verifier: TokenVerifier) -> None:
    principal = verifier.verify(mint_token("ppk-7", ["commitment_officer"], work_unit="DKUKMP"))
    assert principal.subject == "ppk-7" and principal.roles == {"commitment_officer"} and principal.work_unit == "DKUKMP"


def test_alg_none_is_refused(verifier: TokenVerifier) -> None:
    with pytest.raises(TokenError):
        verifier.verify(unsigned({"alg": "none", "typ": "JWT"}, claims()))


def test_hs256_signed_with_the_public_key_is_refused(verifier: TokenVerifier) -> None:
    header = {"alg": "HS256", "typ": "JWT"}
    head = b64(json.dumps(header).encode()) + "." + b64(json.dumps(claims()).encode())
    signature = hmac.new(dev_public_key_pem().encode(), head.encode(), hashlib.sha256).digest()
    with pytest.raises(TokenError):
        verifier.verify(head + "." + b64(signature))


def test_a_token_signed_with_another_key_is_refused(verifier: TokenVerifier) -> None:
    other = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    with pytest.raises(TokenError):
        verifier.verify(mint_token(private_key_pem=other.decode()))


@pytest.mark.parametrize(
    "token_kwargs",
    [
        {"expires_in": -120},
        {"audience": "another-platform"},
        {"issuer": "someone-else"},
        {"roles": ["superuser"]},
        {"roles": "admin"},
        {"work_unit": 12},
    ],
    ids=["expired", "wrong-audience", "wrong-issuer", "unknown-role", "roles-not-a-list", "work-unit-not-text"],
)
def test_bad_claims_are_refused(verifier: TokenVerifier, token_kwargs: dict[str, object]) -> None:
    with pytest.raises(TokenError):
        verifier.verify(mint_token(**token_kwargs))  # type: ignore[arg-type]


def test_tampered_claims_break_the_signature(verifier: TokenVerifier) -> None:
    head, payload, signature = mint_token("po1", ["procurement_officer"], work_unit="A").split(".")
    forged = json.loads(base64.urlsafe_b64decode(payload + "=="))
    forged["roles"] = ["admin"]
    with pytest.raises(TokenError):
        verifier.verify(f"{head}.{b64(json.dumps(forged).encode())}.{signature}")


def test_missing_expiry_is_refused(verifier: TokenVerifier) -> None:
    import jwt

    from servicekit.auth import dev_private_key_pem

    token = jwt.encode({k: v for k, v in claims().items() if k != "exp"}, dev_private_key_pem(), algorithm="EdDSA")
    with pytest.raises(TokenError):
        verifier.verify(token)


def test_production_refuses_the_development_key() -> None:
    with pytest.raises(ConfigurationError):
        TokenVerifier.from_settings(Settings.from_env("vendors", environ={"EORDER_ENV": "production"}))
    with pytest.raises(ConfigurationError):
        TokenVerifier.from_settings(
            Settings.from_env("vendors", environ={"EORDER_ENV": "production", "EORDER_JWT_PUBLIC_KEY": dev_public_key_pem()})
        )


def test_production_accepts_its_own_key() -> None:
    own = Ed25519PrivateKey.generate().public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    settings = Settings.from_env("vendors", environ={"EORDER_ENV": "production", "EORDER_JWT_PUBLIC_KEY": own.decode()})
    assert TokenVerifier.from_settings(settings).issuer == "open-eorder"
