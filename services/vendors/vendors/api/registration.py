"""Registering an UMKM: by itself without a token, or by an admin on its behalf."""
from __future__ import annotations

from typing import Any

from servicekit.http.access import current_principal, require_roles
from servicekit.http.app import Blueprint
from servicekit.http.idempotency import idempotent

from vendors.api.access import ADMIN, ensure_not_read_only
from vendors.api.blueprint import vendor_location, vendors_blueprint
from vendors.api.schemas.vendor_in import RegistrationIn
from vendors.api.schemas.vendor_out import VendorOut
from vendors.application.reading import RatedVendor, Vendors
from vendors.application.registration import register_vendor
from vendors.domain.admission import AdmissionPolicy

Created = tuple[RatedVendor, int, dict[str, str]]


def registration_blueprint(uows: Vendors, policy: AdmissionPolicy) -> Blueprint:
    blp = vendors_blueprint("registration", "Registering UMKM as vendors; new vendors wait for verification.")

    def register(application: dict[str, Any]) -> Created:
        rated = register_vendor(uows, application, actor=current_principal().actor, policy=policy)
        return rated, 201, {"Location": vendor_location(rated.vendor.id)}

    @blp.route("/registrations", methods=["POST"])
    @idempotent
    @blp.arguments(RegistrationIn)
    @blp.response(201, VendorOut)
    def register_self(application: dict[str, Any]) -> Created:
        """An UMKM registers itself (no token needed); it is pending until an admin verifies it.

        Refused: malformed ids (400), a scale the deployment does not admit (422), a blacklisted NPWP
        (422), an NIB or NPWP already registered (409).
        """
        ensure_not_read_only(current_principal())
        return register(application)

    @blp.route("", methods=["POST"])
    @require_roles(ADMIN)
    @idempotent
    @blp.arguments(RegistrationIn)
    @blp.response(201, VendorOut)
    def register_by_admin(application: dict[str, Any]) -> Created:
        """An admin registers an UMKM on its behalf; like a self-registration, it starts pending."""
        return register(application)

    return blp
