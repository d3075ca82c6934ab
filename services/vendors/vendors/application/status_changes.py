"""Moving a vendor through its lifecycle: verify, reject, resubmit, suspend, reinstate."""
from __future__ import annotations

from typing import Sequence

from servicekit.actors import Actor
from servicekit.storage import utcnow

from vendors.application.reading import RatedVendor, Vendors, with_rating
from vendors.domain import audit, events
from vendors.domain.lifecycle import Action


def change_status(
    uows: Vendors,
    vendor_id: str,
    action: Action,
    reasons: Sequence[str] = (),
    *,
    actor: Actor,
) -> RatedVendor:
    with uows() as uow:
        vendor = uow.vendors.require(vendor_id)
        changed = vendor.change_status(action, reasons, utcnow())
        uow.vendors.replace(changed, previous=vendor)
        before, after = audit.audit_difference(vendor, changed)
        reason = "; ".join(changed.status_reasons) or None
        uow.audit(actor, audit.STATUS_CHANGED[action], "vendor", vendor.id, before=before, after=after, reason=reason)
        uow.publish(events.STATUS_EVENTS[action], vendor.id, events.snapshot(changed))
        result = with_rating(uow, changed)
        uow.commit()
    return result
