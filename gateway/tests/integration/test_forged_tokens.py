"""Forged tokens are refused with 401 at the gateway (own routes and proxied ones) and at a service."""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
from typing import Any, Callable

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat
from flask import Flask

from servicekit.auth.tokens import dev_public_key_pem
from servicekit.testing import ServiceHarness, auth_header, mint_token
from toy_service.service import DEFINITION as TOY

pytestmark = pytest.mark.integration


def _b64(data: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")


def alg_none() -> str:
    genuine = jwt.decode(mint_token("x", ["admin"]), options={"verify_signature": False})
    return f"{_b64({'alg': 'none', 'typ': 'JWT'})}.{_b64(genuine)}."


def hs256_with_the_public_key() -> str:
    """The classic key-confusion forgery: the public key (known to all) used as an HMAC secret."""
    claims = jwt.decode(mint_token("x", ["admin"]), options={"verify_signature": False})
    header = _b64({"alg": "HS256", "typ": "JWT"})
    payload = _b64(claims)
    signature = hmac.new(dev_public_key_pem().encode(), f"{header}.{payload}".encode(), hashlib.sha256).digest()
    return f"{header}.{payload}.{base64.urlsafe_b64encode(signature).decode().rstrip('=')}"


def tampered_claims() -> str:
    """A genuine token whose roles were edited, keeping the original signature."""
    genuine = mint_token("po1", ["procurement_officer"], work_unit="DPPKUKM")
    header, _payload, signature = genuine.split(".")
    claims = jwt.decode(genuine, options={"verify_signature": False})
    return f"{header}.{_b64({**claims, 'roles': ['admin']})}.{signature}"



def _other_private_pem() -> str:
    return Ed25519PrivateKey.generate().private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption()).decode()


FORGERIES: dict[str, Callable[[], str]] = {
    "alg none": alg_none,
    "HS256 signed with the public key": hs256_with_the_public_key,
    "wrong issuer": lambda: mint_token("x", ["admin"], issuer="someone-else"),
    "wrong audience": lambda: mint_token("x", ["admin"], audience="another-platform"),
    "tampered claims": tampered_claims,
    "another signing key": lambda: mint_token("x", ["admin"], private_key_pem=_other_private_pem()),
    "expired": lambda: mint_token("x", ["admin"], expires_in=-120),
    "not a jwt": lambda: "garbage",
}


@pytest.fixture(scope="module")
def toy(tmp_path_factory: pytest.TempPathFactory) -> Any:
    with ServiceHarness(TOY, database_url=f"sqlite:///{tmp_path_factory.mktemp('toy') / 'toy.db'}") as harness:
        yield harness


@pytest.mark.parametrize("forgery", sorted(FORGERIES))
def test_forged_tokens_are_refused_everywhere(
    forgery: str, make_gateway: Callable[..., ServiceHarness], echo: tuple[Flask, str], toy: ServiceHarness
) -> None:
    echo_app, echo_url = echo
    gateway = make_gateway(upstreams={"echo": echo_url})
    headers = auth_header(FORGERIES[forgery]())
    own = gateway.client.get("/api/v1/auth/me", headers=headers)
    proxied = gateway.client.get("/api/v1/echo/anything", headers=headers)
    public = gateway.client.get("/api/v1/work-units", headers=headers)
    direct = toy.client.post("/api/v1/notes", json={"text": "x", "price": 1}, headers=headers)
    assert [own.status_code, proxied.status_code, public.status_code, direct.status_code] == [401, 401, 401, 401]
    assert own.mimetype == proxied.mimetype == "application/problem+json"
    assert echo_app.config["hits"] == 0, "a forged token must not reach the upstream"
