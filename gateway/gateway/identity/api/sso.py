"""In single sign-on mode the province's identity provider owns accounts, so local ones are off."""
from __future__ import annotations

from servicekit.http.problems import NotFound

from gateway.settings import GatewaySettings


class AccountsManagedBySSO(NotFound):
    slug = "accounts-managed-by-sso"

    def __init__(self) -> None:
        super().__init__(
            "accounts and tokens are managed by this province's single sign-on; sign in there and send its token"
        )


def ensure_local_accounts(settings: GatewaySettings) -> None:
    if settings.sso_mode:
        raise AccountsManagedBySSO()
