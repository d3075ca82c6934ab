"""What the vendor events say. Every ``vendor.*`` event carries the same snapshot, so a consumer needs
only the newest one (by ``version``) and never the legal ids, the bank account or the contact."""
from __future__ import annotations

from typing import Mapping

from eorder_contracts.events import (
    VENDOR_REGISTERED,
    VENDOR_REINSTATED,
    VENDOR_REJECTED,
    VENDOR_RESUBMITTED,
    VENDOR_SUSPENDED,
    VENDOR_UPDATED,
    VENDOR_VERIFIED,
    EventType,
    VendorSnapshot,
)

from vendors.domain.lifecycle import Action
from vendors.domain.vendor import Vendor

REGISTERED = VENDOR_REGISTERED
UPDATED = VENDOR_UPDATED
STATUS_EVENTS: Mapping[Action, EventType[VendorSnapshot]] = {
    Action.VERIFY: VENDOR_VERIFIED,
    Action.REJECT: VENDOR_REJECTED,
    Action.RESUBMIT: VENDOR_RESUBMITTED,
    Action.SUSPEND: VENDOR_SUSPENDED,
    Action.REINSTATE: VENDOR_REINSTATED,
}


def snapshot(vendor: Vendor) -> VendorSnapshot:
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
    old, new = snapshot(before), snapshot(after)
    return any(old[key] != new[key] for key in old if key != "version")  # type: ignore[literal-required]
