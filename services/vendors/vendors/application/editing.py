"""A vendor (or an admin) editing its profile: contact, address, categories, PKP, bank account, figures."""
from __future__ import annotations

from typing import Any, Mapping

from servicekit.storage import UnitOfWork, utcnow
from servicekit.storage.unit_of_work import Actor

from vendors.domain import events, profile
from vendors.domain.admission import AdmissionPolicy
from vendors.domain.audit import audit_difference
from vendors.domain.vendor import Vendor
from vendors.storage.vendors import VendorRepository

EDITED = "vendor.edited"


def edit_vendor(
    uow: UnitOfWork,
    vendor_id: str,
    changes: Mapping[str, Any],
    *,
    actor: Actor,
    policy: AdmissionPolicy,
) -> Vendor:
    """The vendor after the edit. An edit that changes nothing writes, audits and publishes nothing;
    one that changes only private details (bank account, contact) is audited but publishes no event."""
    repository = VendorRepository(uow.session)
    vendor = repository.require(vendor_id)
    revised = profile.revise(vendor, changes, policy=policy, at=utcnow())
    if revised is vendor:
        return vendor
    repository.replace(revised, previous=vendor)
    before, after = audit_difference(vendor, revised)
    uow.audit(actor, EDITED, "vendor", vendor.id, before=before, after=after)
    if events.consumers_care(vendor, revised):
        uow.publish(events.UPDATED, vendor.id, events.snapshot(revised))
    return revised
