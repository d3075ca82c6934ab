"""A province's single sign-on: the platform trusts its issuer's JWKS instead of local accounts."""
from __future__ import annotations

import json
import time
from typing import Any, Callable, Iterator

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from flask import Flask, jsonify

from servicekit.testing import ServiceHarness, auth_header, mint_token
from toy_service.service import DEFINITION as TOY

from gateway.testing import served

pytestmark = pytest.mark.integration

ISSUER, AUDIENCE, KID = "https://sso.jakarta.example/realms/pemprov", "open-eorder", "sso-key-1"


class Province:
    """An OIDC issuer: an RSA key pair whose public half is served as a JWKS."""

    def __init__(self) -> None:
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(self.key.public_key()))
        self.app = Flask("province-sso")
        self.app.get("/protocol/openid-connect/certs")(lambda: jsonify(keys=[{**jwk, "kid": KID, "use": "sig", "alg": "RS256"}]))

    def token(self, subject: str, roles: list[str], *, key: Any = None, **claims: Any) -> str:
        now = int(time.time())
        payload = {"iss": ISSUER, "aud": AUDIENCE, "sub": subject, "roles": roles, "iat": now, "exp": now + 300, **claims}
        return jwt.encode(payload, key or self.key, algorithm="RS256", headers={"kid": KID})


@pytest.fixture
def province() -> Iterator[tuple[Province, dict[str, str]]]:
    sso = Province()
    with served(sso.app) as url:
        yield sso, {"EORDER_JWT_JWKS_URL": f"{url}/protocol/openid-connect/certs", "EORDER_JWT_ISSUER": ISSUER}


def test_the_gateway_trusts_the_issuer_and_turns_local_sign_in_off(
    make_gateway: Callable[..., ServiceHarness], province: tuple[Province, dict[str, str]], echo: tuple[Flask, str]
) -> None:
    sso, environ = province
    gateway = make_gateway(upstreams={"echo": echo[1]}, **environ)
    local = gateway.client.post("/api/v1/auth/token", json={"username": "admin", "password": "demo"})
    assert local.status_code == 404 and local.json["type"].endswith("/accounts-managed-by-sso")
    assert gateway.client.get("/api/v1/accounts", headers=auth_header(sso.token("a", ["admin"]))).status_code == 404
    token = sso.token("198501012010011001", ["commitment_officer"], work_unit="DPPKUKM")
    me = gateway.client.get("/api/v1/auth/me", headers=auth_header(token))
    assert me.status_code == 200 and me.json["work_unit"] == "DPPKUKM" and me.json["roles"] == ["commitment_officer"]
    proxied = gateway.client.get("/api/v1/echo/x", headers=auth_header(token))
    assert proxied.status_code == 200 and proxied.json["headers"]["Authorization"] == f"Bearer {token}"


def test_tokens_not_from_the_issuer_are_refused(
    make_gateway: Callable[..., ServiceHarness], province: tuple[Province, dict[str, str]]
) -> None:
    sso, environ = province
    gateway = make_gateway(**environ)
    stranger = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    forged = [
        sso.token("x", ["admin"], key=stranger),
        mint_token("x", ["admin"], issuer=ISSUER),  # the platform's own development key
        sso.token("x", ["admin"], iss="https://elsewhere.example"),
    ]
    assert [gateway.client.get("/api/v1/auth/me", headers=auth_header(t)).status_code for t in forged] == [401, 401, 401]


def test_a_service_trusts_the_same_issuer_directly(province: tuple[Province, dict[str, str]], tmp_path: Any) -> None:
    sso, environ = province
    with ServiceHarness(TOY, database_url=f"sqlite:///{tmp_path / 'toy.db'}", environ=environ) as toy:
        note = {"text": "rapat koordinasi", "price": 1}
        assert toy.client.post("/api/v1/notes", json=note, headers=auth_header(sso.token("a", ["admin"]))).status_code == 201
        assert toy.client.post("/api/v1/notes", json=note, headers=auth_header(mint_token("a", ["admin"]))).status_code == 401
