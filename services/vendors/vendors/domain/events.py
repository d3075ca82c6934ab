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
    VENDOR_PAYMENT_DETAILS,
    VENDOR_VERIFIED,
    EventType,
    VendorPaymentDetails,
    VendorSnapshot,
)

from vendors.domain.lifecycle import Action
from vendors.domain.vendor import Vendor

REGISTERED = VENDOR_REGISTERED
PAYMENT_DETAILS = VENDOR_PAYMENT_DETAILS
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


def payment_details(vendor: Vendor) -> VendorPaymentDetails:
    """Where the vendor is paid and its final-tax certificate: for the payments service only (its
    own event, bound by payments' queue alone), never in the public snapshot."""
    account = vendor.bank_account
    certificate = vendor.final_tax_certificate
    return {
        "vendor_id": vendor.id,
        "version": vendor.version,
        "bank_name": account.bank_name,
        "bank_code": account.bank_code,
        "account_number": account.account_number,
        "holder_name": account.holder_name,
        "final_tax_certificate": certificate.as_document() if certificate else None,  # type: ignore[typeddict-item]
        "changed_at": vendor.updated_at.isoformat().replace("+00:00", "Z"),
    }


def payment_details_changed(before: Vendor, after: Vendor) -> bool:
    return (before.bank_account, before.final_tax_certificate) != (after.bank_account, after.final_tax_certificate)
