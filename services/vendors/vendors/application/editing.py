"""A vendor (or an admin) editing its profile: contact, address, categories, PKP, bank account, figures."""
from __future__ import annotations

from typing import Any, Mapping

from servicekit.actors import Actor
from servicekit.storage import utcnow

from vendors.application.reading import RatedVendor, Vendors, with_rating
from vendors.domain import audit, events, profile
from vendors.domain.admission import AdmissionPolicy


def edit_vendor(
    uows: Vendors,
    vendor_id: str,
    changes: Mapping[str, Any],
    *,
    actor: Actor,
    policy: AdmissionPolicy,
) -> RatedVendor:
    """The vendor after the edit. An edit that changes nothing writes, audits and publishes nothing;
    one that changes only private details (bank account, contact) is audited and publishes no public
    event; a changed bank account or final-tax certificate publishes vendor.payment_details."""
    with uows() as uow:
        vendor = uow.vendors.require(vendor_id)
        revised = profile.revise(vendor, changes, policy=policy, at=utcnow())
        if revised is not vendor:
            uow.vendors.replace(revised, previous=vendor)
            before, after = audit.audit_difference(vendor, revised)
            uow.audit(actor, audit.EDITED, "vendor", vendor.id, before=before, after=after)
            if events.consumers_care(vendor, revised):
                uow.publish(events.UPDATED, vendor.id, events.snapshot(revised))
            if events.payment_details_changed(vendor, revised):
                uow.publish(events.PAYMENT_DETAILS, vendor.id, events.payment_details(revised))
        edited = with_rating(uow, revised)
        uow.commit()
    return edited
