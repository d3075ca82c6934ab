"""Reading, searching and editing vendor profiles."""
from __future__ import annotations

from typing import Any
from uuid import UUID

from flask import Response

from servicekit.http.access import current_principal, require_roles
from servicekit.http.app import Blueprint
from servicekit.http.problems import NotFound
from servicekit.http.schemas import page_of

from vendors.api.access import (
    ADMIN,
    VENDOR,
    ensure_may_manage,
    listable_status,
    profile_view,
    sees_every_vendor,
)
from vendors.api.blueprint import vendors_blueprint
from vendors.api.presenting import vendor_page_response, vendor_response
from vendors.api.schemas.listing import VendorListQuery
from vendors.api.schemas.vendor_in import ProfileChangesIn
from vendors.api.schemas.vendor_out import VendorOut
from vendors.application.editing import edit_vendor
from vendors.application.reading import RatedVendor, Vendors, find_vendor, search_vendors
from vendors.domain.admission import AdmissionPolicy
from vendors.domain.search import VendorSearch


def profiles_blueprint(uows: Vendors, policy: AdmissionPolicy) -> Blueprint:
    blp = vendors_blueprint("profiles", "Vendor profiles: the public sees verified vendors, admins and auditors all.")

    @blp.route("", methods=["GET"])
    @blp.arguments(VendorListQuery, location="query")
    @blp.response(200, page_of(VendorOut), description="full profiles for admins and auditors; PublicVendorOut items for everyone else")
    def list_vendors(query: dict[str, Any]) -> Response:
        """Search vendors. Without an admin or auditor token: verified vendors only, in the public view."""
        principal = current_principal()
        full = sees_every_vendor(principal)
        search = VendorSearch(
            status=listable_status(principal, query.get("status")),
            scale=query.get("scale"),
            city=query.get("city"),
            kecamatan=query.get("kecamatan"),
            category=query.get("category"),
            text=query.get("q"),
            match_legal_ids=full,
            sort=query["sort"],
        )
        page = search_vendors(uows, search, limit=query["limit"], cursor=query["cursor"])
        return vendor_page_response(page, full=full)

    @blp.route("/<uuid:vendor_id>", methods=["GET"])
    @blp.response(200, VendorOut, description="the full profile for admins, auditors and the vendor itself; PublicVendorOut for everyone else")
    def read_vendor(vendor_id: UUID) -> Response:
        """One vendor. Unverified vendors answer 404 to everyone but admins, auditors and themselves."""
        rated = find_vendor(uows, str(vendor_id))
        if rated is None:
            raise NotFound("vendor not found")
        return vendor_response(rated, full=profile_view(current_principal(), rated.vendor))

    @blp.route("/<uuid:vendor_id>", methods=["PATCH"])
    @require_roles(ADMIN, VENDOR)
    @blp.arguments(ProfileChangesIn)
    @blp.response(200, VendorOut)
    def edit_profile(changes: dict[str, Any], vendor_id: UUID) -> RatedVendor:
        """The vendor (or an admin) changes contact, address, categories, PKP, bank account, capital and
        sales (the scale follows), Jakpreneur. Legal ids and status cannot be changed here."""
        principal = current_principal()
        ensure_may_manage(principal, str(vendor_id))
        return edit_vendor(uows, str(vendor_id), changes, actor=principal.actor, policy=policy)

    return blp
