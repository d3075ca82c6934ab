"""Moving a vendor through its lifecycle: verify, reject, resubmit, suspend, reinstate."""
from __future__ import annotations

from typing import Sequence

from servicekit.storage import UnitOfWork, utcnow
from servicekit.storage.unit_of_work import Actor

from vendors.domain import events
from vendors.domain.audit import audit_difference
from vendors.domain.lifecycle import Action
from vendors.domain.vendor import Vendor
from vendors.storage.vendors import VendorRepository


def change_status(
    uow: UnitOfWork,
    vendor_id: str,
    action: Action,
    reasons: Sequence[str] = (),
    *,
    actor: Actor,
) -> Vendor:
    repository = VendorRepository(uow.session)
    vendor = repository.require(vendor_id)
    changed = vendor.change_status(action, reasons, utcnow())
    repository.replace(changed, previous=vendor)
    event_type = events.STATUS_EVENTS[action]
    before, after = audit_difference(vendor, changed)
    uow.audit(
        actor, event_type, "vendor", vendor.id, before=before, after=after, reason="; ".join(changed.status_reasons) or None
    )
    uow.publish(event_type, vendor.id, events.snapshot(changed))
    return changed
