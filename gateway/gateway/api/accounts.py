"""``/api/v1/accounts``: the admin manages local accounts; the auditor reads them."""
from __future__ import annotations

from typing import Any

from servicekit.http.access import current_principal, require_roles
from servicekit.http.app import Blueprint
from servicekit.http.idempotency import idempotent
from servicekit.http.schemas import page_of

from gateway.api.access import ACCOUNT_READERS, ADMIN, ensure_local_accounts
from gateway.api.presenting import account_view
from gateway.api.schemas import AccountChangeIn, AccountIn, AccountOut, AccountQuery
from gateway.application.accounts import Accounts, NewAccount
from gateway.settings import GatewaySettings


def accounts_blueprint(settings: GatewaySettings, accounts: Accounts) -> Blueprint:
    blp = Blueprint("accounts", __name__, url_prefix="/api/v1/accounts", description="Local accounts (admin).")

    @blp.route("", methods=["GET"])
    @require_roles(*ACCOUNT_READERS)
    @blp.arguments(AccountQuery, location="query")
    @blp.response(200, page_of(AccountOut))
    def list_accounts(query: dict[str, Any]) -> dict[str, Any]:
        ensure_local_accounts(settings)
        page = accounts.page(
            limit=query["limit"],
            cursor=query["cursor"],
            role=query.get("role"),
            work_unit=query.get("work_unit"),
            status=query.get("status"),
        )
        return {"items": [account_view(account) for account in page.items], "next": page.next}

    @blp.route("", methods=["POST"])
    @require_roles(ADMIN)
    @idempotent
    @blp.arguments(AccountIn)
    @blp.response(201, AccountOut)
    @blp.alt_response(409, description="the username is taken")
    def create_account(body: dict[str, Any]) -> dict[str, Any]:
        """Create an account bound to its organisation: officials to a work unit, vendors to a vendor."""
        ensure_local_accounts(settings)
        new = NewAccount(
            username=body["username"],
            password=body["password"],
            roles=frozenset(body["roles"]),
            work_unit=body["work_unit"],
            vendor_id=str(body["vendor_id"]) if body["vendor_id"] else None,
        )
        return account_view(accounts.create(current_principal().actor, new))

    @blp.route("/<username>", methods=["GET"])
    @require_roles(*ACCOUNT_READERS)
    @blp.response(200, AccountOut)
    def read_account(username: str) -> dict[str, Any]:
        ensure_local_accounts(settings)
        return account_view(accounts.get(username))

    @blp.route("/<username>", methods=["PATCH"])
    @require_roles(ADMIN)
    @blp.arguments(AccountChangeIn)
    @blp.response(200, AccountOut)
    def change_account(changes: dict[str, Any], username: str) -> dict[str, Any]:
        """Change roles, organisation or password, or disable.

        A change of roles or organisation, a new password and disabling end every session of the
        account: its refresh tokens stop working and the gateway refuses its access tokens at once.
        """
        ensure_local_accounts(settings)
        if changes.get("vendor_id") is not None:
            changes["vendor_id"] = str(changes["vendor_id"])
        return account_view(accounts.change(current_principal().actor, username, changes))

    return blp
