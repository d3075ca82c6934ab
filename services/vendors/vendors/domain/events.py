"""What the vendor events say. Every ``vendor.*`` event carries the same snapshot, so a consumer needs
only the newest one (by ``version``) and never the legal ids, the bank account or the contact."""
from __future__ import annotations

from typing import Any, Mapping

from vendors.domain.lifecycle import Action
from vendors.domain.vendor import Vendor

REGISTERED = "vendor.registered"
UPDATED = "vendor.updated"
STATUS_EVENTS: Mapping[Action, str] = {
    Action.VERIFY: "vendor.verified",
    Action.REJECT: "vendor.rejected",
    Action.RESUBMIT: "vendor.resubmitted",
    Action.SUSPEND: "vendor.suspended",
    Action.REINSTATE: "vendor.reinstated",
}
EVENT_TYPES = (REGISTERED, UPDATED, *STATUS_EVENTS.values())


def snapshot(vendor: Vendor) -> dict[str, Any]:
    return {
        "id": vendor.id,
        "version": vendor.version,
        "name": vendor.name,
        "status": vendor.status.value,
        "scale": vendor.scale.value,
        "kelurahan": vendor.address.kelurahan,
        "kecamatan": vendor.address.kecamatan,
        "city": vendor.address.city,
        "pkp": vendor.pkp,
        "categories": list(vendor.categories),
        "jakpreneur": vendor.jakpreneur,
        "reason": "; ".join(vendor.status_reasons) or None,
    }


def consumers_care(before: Vendor, after: Vendor) -> bool:
    """Whether an edit changed anything the events carry (a new bank account or phone number does not)."""
    ignored = ("version",)
    old, new = snapshot(before), snapshot(after)
    return any(old[key] != new[key] for key in old if key not in ignored)
