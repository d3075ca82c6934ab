"""Who may see and do what in the gateway's own API: the one access policy of its views.

Roles: the admin manages accounts and work units, the auditor reads accounts, anyone signed in reads
work units; signing in, renewing and signing up need no token. In single sign-on mode the province's
identity provider owns accounts, so the local-account routes answer 404 ``accounts-managed-by-sso``.
"""
from __future__ import annotations

from typing import Any

import jwt
from flask import request

from servicekit.http.problems import NotFound

from gateway.settings import GatewaySettings

ADMIN = "admin"
AUDITOR = "auditor"
ACCOUNT_READERS = (ADMIN, AUDITOR)


class AccountsManagedBySSO(NotFound):
    slug = "accounts-managed-by-sso"

    def __init__(self) -> None:
        super().__init__(
            "accounts and tokens are managed by this province's single sign-on; sign in there and send its token"
        )


def ensure_local_accounts(settings: GatewaySettings) -> None:
    """Routes of local accounts and tokens exist only when the gateway keeps the accounts."""
    if settings.sso_mode:
        raise AccountsManagedBySSO()


def presented_claims() -> dict[str, Any]:
    """The claims of this request's bearer token, which servicekit's request hook has already verified."""
    token = request.headers["Authorization"].partition(" ")[2].strip()
    claims: dict[str, Any] = jwt.decode(token, options={"verify_signature": False})
    return claims
