"""Tokens for tests, signed with the development key unless told otherwise."""
from __future__ import annotations

import time
import uuid
from typing import Any, Iterable

import jwt

from servicekit.auth.tokens import dev_private_key_pem


def mint_token(
    subject: str = "tester",
    roles: Iterable[str] = (),
    *,
    work_unit: str | None = None,
    vendor_id: str | None = None,
    expires_in: int = 3600,  # tokens minted at import outlive a whole suite run (a quarter hour and more)
    issuer: str = "open-eorder",
    audience: str = "open-eorder",
    private_key_pem: str | None = None,
    algorithm: str = "EdDSA",
    headers: dict[str, Any] | None = None,
    **claims: Any,
) -> str:
    now = int(time.time())
    payload: dict[str, Any] = {
        "sub": subject,
        "roles": list(roles),
        "iss": issuer,
        "aud": audience,
        "iat": now,
        "exp": now + expires_in,
        "jti": str(uuid.uuid4()),
    }
    if work_unit is not None:
        payload["work_unit"] = work_unit
    if vendor_id is not None:
        payload["vendor_id"] = vendor_id
    payload.update(claims)
    return jwt.encode(payload, private_key_pem or dev_private_key_pem(), algorithm=algorithm, headers=headers)


def auth_header(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}
