"""How a vendor appears in the audit trail: JSON-safe, with the bank account number masked."""
from __future__ import annotations

from dataclasses import asdict
from typing import Any, Mapping

from vendors.domain.lifecycle import Action
from vendors.domain.vendor import Vendor

# What the trail says was done to a vendor (what other services are told is in vendors.domain.events).
REGISTERED = "registered"
EDITED = "edited"
STATUS_CHANGED: Mapping[Action, str] = {
    Action.VERIFY: "verified",
    Action.REJECT: "rejected",
    Action.RESUBMIT: "resubmitted",
    Action.SUSPEND: "suspended",
    Action.REINSTATE: "reinstated",
}


def audit_record(vendor: Vendor) -> dict[str, Any]:
    return {
        "name": vendor.name,
        "nib": vendor.nib,
        "npwp": vendor.npwp,
        "owner_nik": vendor.owner_nik,
        "address": asdict(vendor.address),
        "contact": asdict(vendor.contact),
        "bank_account": vendor.bank_account.masked(),
        "final_tax_certificate": vendor.final_tax_certificate.as_document() if vendor.final_tax_certificate else None,
        "pkp": vendor.pkp,
        "capital": vendor.capital,
        "annual_sales": vendor.annual_sales,
        "scale": vendor.scale.value,
        "categories": list(vendor.categories),
        "jakpreneur": vendor.jakpreneur,
        "status": vendor.status.value,
        "status_reasons": list(vendor.status_reasons),
        "version": vendor.version,
    }


def audit_difference(before: Vendor, after: Vendor) -> tuple[dict[str, Any], dict[str, Any]]:
    """Only what changed, before and after, so that an entry shows at a glance what an edit did."""
    old, new = audit_record(before), audit_record(after)
    changed = [key for key in new if old[key] != new[key]]
    return {key: old[key] for key in changed}, {key: new[key] for key in changed}
