"""JWT verification with pinned asymmetric algorithms and required ``exp``, ``iss``, ``aud``.

Services verify tokens themselves, so going around the gateway gains nothing. Symmetric algorithms
are never accepted: an HS256 token "signed" with the public key is refused, and so is ``alg: none``.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

import jwt
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.rsa import RSAPublicKey
from cryptography.hazmat.primitives.serialization import load_pem_public_key

from servicekit.auth.principal import ROLES, Principal
from servicekit.settings import ConfigurationError, Settings

ASYMMETRIC_ALGORITHMS = ("EdDSA", "RS256")
REQUIRED_CLAIMS = ("exp", "iat", "iss", "aud", "sub")


class TokenError(Exception):
    """A token that is missing, malformed, forged, expired or not meant for this platform."""


@lru_cache(maxsize=1)
def dev_public_key_pem() -> str:
    return resources.files("servicekit.devkeys").joinpath("dev-public.pem").read_text()


@lru_cache(maxsize=1)
def dev_private_key_pem() -> str:
    return resources.files("servicekit.devkeys").joinpath("dev-private.pem").read_text()


def _algorithm_for(key: Any) -> str:
    if isinstance(key, Ed25519PublicKey):
        return "EdDSA"
    if isinstance(key, RSAPublicKey):
        return "RS256"
    raise ConfigurationError("the JWT public key must be Ed25519 or RSA")


class TokenVerifier:
    """Verifies bearer tokens against the platform's public key, or an OIDC issuer's JWKS."""

    def __init__(
        self,
        *,
        public_key_pem: str | None = None,
        jwks_url: str | None = None,
        issuer: str,
        audience: str,
        leeway_seconds: int = 30,
    ) -> None:
        if not public_key_pem and not jwks_url:
            raise ConfigurationError("a JWT public key or a JWKS URL is required")
        self.issuer = issuer
        self.audience = audience
        self.leeway = leeway_seconds
        self._jwks = jwt.PyJWKClient(jwks_url, cache_keys=True, lifespan=300, timeout=5) if jwks_url else None
        self._key = load_pem_public_key(public_key_pem.encode()) if public_key_pem else None
        self._algorithms = [_algorithm_for(self._key)] if self._key is not None else list(ASYMMETRIC_ALGORITHMS)

    @classmethod
    def from_settings(cls, settings: Settings) -> "TokenVerifier":
        jwks_url = settings.setting("JWT_JWKS_URL", "") or None
        public_key = settings.jwt_public_key or (None if jwks_url else dev_public_key_pem())
        if settings.is_production and public_key and _same_key(public_key, dev_public_key_pem()):
            raise ConfigurationError(
                "refusing to start in production with the development JWT key pair: set EORDER_JWT_PUBLIC_KEY"
            )
        return cls(public_key_pem=public_key, jwks_url=jwks_url, issuer=settings.jwt_issuer, audience=settings.jwt_audience)

    def verify(self, token: str) -> Principal:
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError as exc:
            raise TokenError("malformed token") from exc
        if header.get("alg") not in self._algorithms:
            raise TokenError("token algorithm not accepted")
        try:
            key: Any = self._key
            if self._jwks is not None and (key is None or header.get("kid")):
                key = self._jwks.get_signing_key_from_jwt(token).key
            claims = jwt.decode(
                token,
                key=key,
                algorithms=self._algorithms,
                audience=self.audience,
                issuer=self.issuer,
                leeway=self.leeway,
                options={"require": list(REQUIRED_CLAIMS)},
            )
        except jwt.ExpiredSignatureError as exc:
            raise TokenError("token expired") from exc
        except jwt.PyJWTError as exc:
            raise TokenError(f"invalid token: {exc}") from exc
        return principal_from_claims(claims)


def principal_from_claims(claims: dict[str, Any]) -> Principal:
    roles = claims.get("roles", [])
    if not isinstance(roles, list) or not all(isinstance(r, str) for r in roles):
        raise TokenError("roles claim must be a list of strings")
    unknown = set(roles) - ROLES
    if unknown:
        raise TokenError(f"unknown roles: {', '.join(sorted(unknown))}")
    work_unit = claims.get("work_unit")
    vendor_id = claims.get("vendor_id")
    for name, value in (("work_unit", work_unit), ("vendor_id", vendor_id)):
        if value is not None and not isinstance(value, str):
            raise TokenError(f"{name} claim must be a string")
    return Principal(
        subject=str(claims["sub"]),
        roles=frozenset(roles),
        work_unit=work_unit,
        vendor_id=vendor_id,
        token_id=claims.get("jti"),
    )


def _same_key(a_pem: str, b_pem: str) -> bool:
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    def raw(pem: str) -> bytes:
        return load_pem_public_key(pem.encode()).public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)

    return raw(a_pem) == raw(b_pem)
