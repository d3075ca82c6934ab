"""``/api/v1/accounts``: the admin manages local accounts; the auditor reads them."""
from __future__ import annotations

from typing import Any

from servicekit.http.access import current_principal, require_roles
from servicekit.http.app import Blueprint
from servicekit.http.idempotency import idempotent
from servicekit.http.schemas import page_of

from gateway.identity.accounts import AccountDirectory, NewAccount, public_view
from gateway.identity.api.schemas import AccountChangeIn, AccountIn, AccountOut, AccountQuery
from gateway.identity.api.sso import local_accounts_uow
from gateway.identity.sessions import Sessions
from gateway.settings import GatewaySettings


def accounts_blueprint(settings: GatewaySettings, directory: AccountDirectory, sessions: Sessions) -> Blueprint:
    blp = Blueprint("accounts", __name__, url_prefix="/api/v1/accounts", description="Local accounts (admin).")

    @blp.route("", methods=["GET"])
    @require_roles("admin", "auditor")
    @blp.arguments(AccountQuery, location="query")
    @blp.response(200, page_of(AccountOut))
    def list_accounts(query: dict[str, Any]) -> dict[str, Any]:
        page = directory.page(
            local_accounts_uow(settings),
            limit=query["limit"],
            cursor=query["cursor"],
            role=query.get("role"),
            work_unit=query.get("work_unit"),
            status=query.get("status"),
        )
        return {"items": [public_view(row) for row in page.items], "next": page.next}

    @blp.route("", methods=["POST"])
    @require_roles("admin")
    @idempotent
    @blp.arguments(AccountIn)
    @blp.response(201, AccountOut)
    @blp.alt_response(409, description="the username is taken")
    def create_account(body: dict[str, Any]) -> dict[str, Any]:
        """Create an account bound to its organisation: officials to a work unit, vendors to a vendor."""
        work = local_accounts_uow(settings)
        new = NewAccount(
            username=body["username"],
            password=body["password"],
            roles=frozenset(body["roles"]),
            work_unit=body["work_unit"],
            vendor_id=str(body["vendor_id"]) if body["vendor_id"] else None,
        )
        account = directory.create(work, current_principal().actor, new)
        work.commit()
        return account

    @blp.route("/<username>", methods=["GET"])
    @require_roles("admin", "auditor")
    @blp.response(200, AccountOut)
    def read_account(username: str) -> dict[str, Any]:
        return public_view(directory.get(local_accounts_uow(settings), username))

    @blp.route("/<username>", methods=["PATCH"])
    @require_roles("admin")
    @blp.arguments(AccountChangeIn)
    @blp.response(200, AccountOut)
    def change_account(changes: dict[str, Any], username: str) -> dict[str, Any]:
        """Change roles, organisation or password, or disable.

        A change of roles or organisation, a new password and disabling end every session of the
        account: its refresh tokens stop working and the gateway refuses its access tokens at once.
        """
        work = local_accounts_uow(settings)
        if "vendor_id" in changes and changes["vendor_id"] is not None:
            changes["vendor_id"] = str(changes["vendor_id"])
        changed = directory.change(work, current_principal().actor, username, changes)
        if changed.ends_sessions:
            sessions.end_all_for(work, changed.account["id"])
        work.commit()
        return changed.account

    return blp
