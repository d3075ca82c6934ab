"""The claims of an access token: what every service reads to know who calls and for which organisation."""
from __future__ import annotations

from typing import Any

from gateway.domain.accounts import Identity


def access_claims(
    identity: Identity,
    *,
    issuer: str,
    audience: str,
    issued_at: int,
    lifetime_seconds: int,
    token_id: str,
    session_id: str,
) -> dict[str, Any]:
    """``sid`` names the refresh-token family the token came from, so logout can end that session."""
    claims: dict[str, Any] = {
        "iss": issuer,
        "aud": audience,
        "sub": identity.username,
        "roles": sorted(identity.roles),
        "iat": issued_at,
        "exp": issued_at + lifetime_seconds,
        "jti": token_id,
        "sid": session_id,
    }
    if identity.work_unit is not None:
        claims["work_unit"] = identity.work_unit
    if identity.vendor_id is not None:
        claims["vendor_id"] = identity.vendor_id
    return claims
