"""Signing access tokens with the platform's Ed25519 private key (only the gateway holds it)."""
from __future__ import annotations

import time
import uuid
from typing import Any

import jwt
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    PublicFormat,
    load_pem_private_key,
    load_pem_public_key,
)

from servicekit.auth.tokens import dev_public_key_pem
from servicekit.settings import ConfigurationError, Settings

from gateway.domain.accounts import Identity
from gateway.domain.claims import access_claims


def _load_private_key(pem: str) -> Ed25519PrivateKey:
    try:
        key = load_pem_private_key(pem.encode(), password=None)
    except (ValueError, TypeError) as exc:
        raise ConfigurationError("EORDER_GATEWAY_JWT_PRIVATE_KEY is not a readable PEM private key") from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise ConfigurationError("EORDER_GATEWAY_JWT_PRIVATE_KEY must be an Ed25519 key (tokens are EdDSA)")
    return key


def _public_der(key: Ed25519PrivateKey) -> bytes:
    return key.public_key().public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)


def check_signing_key(settings: Settings, private_key_pem: str) -> None:
    """Refuse a development key in production, and a key pair whose halves do not match anywhere.

    A gateway signing with a key the services do not trust would issue tokens nobody accepts; better
    to fail at start than at the first request.
    """
    key = _load_private_key(private_key_pem)
    # Compared by the public half: images carry no development private key, only its public key.
    development = load_pem_public_key(dev_public_key_pem().encode()).public_bytes(
        Encoding.DER, PublicFormat.SubjectPublicKeyInfo
    )
    if settings.is_production and _public_der(key) == development:
        raise ConfigurationError(
            "refusing to start in production with the development JWT key pair: set EORDER_GATEWAY_JWT_PRIVATE_KEY"
        )
    trusted = load_pem_public_key((settings.jwt_public_key or dev_public_key_pem()).encode())
    if _public_der(key) != trusted.public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo):
        raise ConfigurationError(
            "EORDER_GATEWAY_JWT_PRIVATE_KEY does not match EORDER_JWT_PUBLIC_KEY: services would refuse its tokens"
        )


class TokenSigner:
    """Issues short-lived EdDSA access tokens carrying the claims every service verifies."""

    def __init__(self, private_key_pem: str, *, issuer: str, audience: str, lifetime_seconds: int) -> None:
        self._key = _load_private_key(private_key_pem)
        self.issuer = issuer
        self.audience = audience
        self.lifetime_seconds = lifetime_seconds

    def sign(self, identity: Identity, *, session_id: str) -> tuple[str, dict[str, Any]]:
        """The token and its claims (``jti`` and ``exp`` are what logout needs to revoke it)."""
        claims = access_claims(
            identity,
            issuer=self.issuer,
            audience=self.audience,
            issued_at=int(time.time()),
            lifetime_seconds=self.lifetime_seconds,
            token_id=str(uuid.uuid4()),
            session_id=session_id,
        )
        return jwt.encode(claims, self._key, algorithm="EdDSA"), claims
