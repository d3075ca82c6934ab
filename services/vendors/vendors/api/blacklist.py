"""The NPWP blacklist, kept by admins and read by auditors."""
from __future__ import annotations

from typing import Any

from servicekit.http.access import current_principal, require_roles
from servicekit.http.app import Blueprint
from servicekit.http.idempotency import idempotent
from servicekit.http.schemas import PageQuerySchema, page_of
from servicekit.storage.paging import Page

from vendors.api.access import ADMIN, AUDITOR
from vendors.api.blueprint import vendors_blueprint
from vendors.api.schemas.blacklist import BlacklistEntryIn, BlacklistEntryOut
from vendors.application.blacklisting import blacklist_npwp, lift_blacklisting
from vendors.application.reading import Vendors, blacklist_page
from vendors.domain.blacklist import BlacklistEntry


def blacklist_blueprint(uows: Vendors) -> Blueprint:
    blp = vendors_blueprint("blacklist", "Taxpayers (by NPWP) that may not register as vendors.")

    @blp.route("/blacklist", methods=["GET"])
    @require_roles(ADMIN, AUDITOR)
    @blp.arguments(PageQuerySchema, location="query")
    @blp.response(200, page_of(BlacklistEntryOut))
    def list_entries(query: dict[str, Any]) -> Page[BlacklistEntry]:
        """Blacklisted NPWPs, newest first."""
        return blacklist_page(uows, limit=query["limit"], cursor=query["cursor"])

    @blp.route("/blacklist", methods=["POST"])
    @require_roles(ADMIN)
    @idempotent
    @blp.arguments(BlacklistEntryIn)
    @blp.response(201, BlacklistEntryOut)
    def add_entry(body: dict[str, Any]) -> BlacklistEntry:
        """Blacklist an NPWP (either format); registrations with it are refused with this reason."""
        return blacklist_npwp(uows, body["npwp"], body["reason"], actor=current_principal().actor)

    @blp.route("/blacklist/<npwp>", methods=["DELETE"])
    @require_roles(ADMIN)
    @blp.response(204)
    def remove_entry(npwp: str) -> None:
        """Lift a blacklisting (the NPWP may be given in either format)."""
        lift_blacklisting(uows, npwp, actor=current_principal().actor)

    return blp
