"""In single sign-on mode the province's identity provider owns accounts, so local ones are off."""
from __future__ import annotations

from servicekit.http.app import current_uow
from servicekit.http.problems import NotFound
from servicekit.storage import UnitOfWork

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


def local_accounts_uow(settings: GatewaySettings) -> UnitOfWork:
    """This request's unit of work for a route that reads or writes local accounts (404 in SSO mode)."""
    ensure_local_accounts(settings)
    return current_uow()
