"""A vendor's audit trail: who changed what, when, why, before and after."""
from __future__ import annotations

from typing import Any
from uuid import UUID

from servicekit.http.access import require_roles
from servicekit.http.app import Blueprint
from servicekit.http.schemas import PageQuerySchema, page_of
from servicekit.storage.paging import Page

from vendors.api.access import ADMIN, AUDITOR
from vendors.api.blueprint import vendors_blueprint
from vendors.api.schemas.audit import AuditEntryOut
from vendors.application.reading import Vendors, vendor_audit_trail


def audit_blueprint(uows: Vendors) -> Blueprint:
    blp = vendors_blueprint("audit", "The audit trail of each vendor, for admins and auditors.")

    @blp.route("/<uuid:vendor_id>/audit", methods=["GET"])
    @require_roles(ADMIN, AUDITOR)
    @blp.arguments(PageQuerySchema, location="query")
    @blp.response(200, page_of(AuditEntryOut))
    def vendor_audit(query: dict[str, Any], vendor_id: UUID) -> Page[dict[str, Any]]:
        """Every change of the vendor, oldest first."""
        return vendor_audit_trail(uows, str(vendor_id), limit=query["limit"], cursor=query["cursor"])

    return blp
