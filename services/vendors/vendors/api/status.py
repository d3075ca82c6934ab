"""The verification lifecycle: verify or reject, resubmit, suspend, reinstate."""
from __future__ import annotations

from typing import Any, Sequence
from uuid import UUID

from servicekit.http.access import current_principal, require_roles
from servicekit.http.app import Blueprint

from vendors.api.access import ADMIN, VENDOR, ensure_may_manage
from vendors.api.blueprint import vendors_blueprint
from vendors.api.schemas.status import REJECT, ReasonIn, ResubmissionIn, VerificationIn
from vendors.api.schemas.vendor_out import VendorOut
from vendors.application.reading import RatedVendor, Vendors
from vendors.application.status_changes import change_status
from vendors.domain.lifecycle import Action


def _optional_reason(reason: str | None) -> list[str]:
    return [] if reason is None else [reason]


def status_blueprint(uows: Vendors) -> Blueprint:
    def _change(vendor_id: UUID, action: Action, reasons: Sequence[str]) -> RatedVendor:
        return change_status(uows, str(vendor_id), action, reasons, actor=current_principal().actor)

    blp = vendors_blueprint(
        "status", "pending -> verified | rejected; rejected -> pending (resubmitted); verified <-> suspended"
    )

    @blp.route("/<uuid:vendor_id>/verification", methods=["POST"])
    @require_roles(ADMIN)
    @blp.arguments(VerificationIn)
    @blp.response(200, VendorOut)
    def verify_or_reject(decision: dict[str, Any], vendor_id: UUID) -> RatedVendor:
        """Verify a pending vendor, or reject it with the reasons it must fix (it reads them on its profile)."""
        action = Action.REJECT if decision["decision"] == REJECT else Action.VERIFY
        return _change(vendor_id, action, decision["reasons"])

    @blp.route("/<uuid:vendor_id>/resubmission", methods=["POST"])
    @require_roles(ADMIN, VENDOR)
    @blp.arguments(ResubmissionIn, required=False)
    @blp.response(200, VendorOut)
    def resubmit(body: dict[str, Any], vendor_id: UUID) -> RatedVendor:
        """A rejected vendor that fixed its profile asks to be verified again (back to pending)."""
        ensure_may_manage(current_principal(), str(vendor_id))
        return _change(vendor_id, Action.RESUBMIT, _optional_reason(body.get("reason")))

    @blp.route("/<uuid:vendor_id>/suspension", methods=["POST"])
    @require_roles(ADMIN)
    @blp.arguments(ReasonIn)
    @blp.response(200, VendorOut)
    def suspend(body: dict[str, Any], vendor_id: UUID) -> RatedVendor:
        """Suspend a verified vendor; the reason is required."""
        return _change(vendor_id, Action.SUSPEND, [body["reason"]])

    @blp.route("/<uuid:vendor_id>/reinstatement", methods=["POST"])
    @require_roles(ADMIN)
    @blp.arguments(ReasonIn)
    @blp.response(200, VendorOut)
    def reinstate(body: dict[str, Any], vendor_id: UUID) -> RatedVendor:
        """Reinstate a suspended vendor (verified again); the reason is required."""
        return _change(vendor_id, Action.REINSTATE, [body["reason"]])

    return blp
