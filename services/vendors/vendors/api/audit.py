"""A vendor's audit trail: who changed what, when, why, before and after."""
from __future__ import annotations

from typing import Any
from uuid import UUID

from servicekit.http.access import require_roles
from servicekit.http.app import Blueprint, current_uow
from servicekit.http.pagination import Page
from servicekit.http.problems import NotFound
from servicekit.http.schemas import PageQuerySchema, page_of

from vendors.api.access import ADMIN, AUDITOR
from vendors.api.blueprint import vendors_blueprint
from vendors.api.schemas.audit import AuditEntryOut
from vendors.storage.audit import audit_page
from vendors.storage.tables import platform
from vendors.storage.vendors import VendorRepository


def audit_blueprint() -> Blueprint:
    blp = vendors_blueprint("audit", "The audit trail of each vendor, for admins and auditors.")

    @blp.route("/<uuid:vendor_id>/audit", methods=["GET"])
    @require_roles(ADMIN, AUDITOR)
    @blp.arguments(PageQuerySchema, location="query")
    @blp.response(200, page_of(AuditEntryOut))
    def vendor_audit(query: dict[str, Any], vendor_id: UUID) -> Page[dict[str, Any]]:
        """Every change of the vendor, oldest first."""
        session = current_uow().session
        if not VendorRepository(session).exists(str(vendor_id)):
            raise NotFound("vendor not found")
        return audit_page(session, platform, "vendor", str(vendor_id), limit=query["limit"], cursor=query["cursor"])

    return blp
