"""Registering an UMKM, by itself (public) or by an admin: always as a pending vendor to verify."""
from __future__ import annotations

import uuid
from typing import Any, Mapping

from servicekit.actors import Actor
from servicekit.storage import utcnow

from vendors.application.reading import RatedVendor, Vendors, with_rating
from vendors.domain import audit, events, profile
from vendors.domain.admission import AdmissionPolicy
from vendors.domain.blacklist import refuse_blacklisted
from vendors.domain.errors import DuplicateIdentifier


def register_vendor(
    uows: Vendors,
    application: Mapping[str, Any],
    *,
    actor: Actor,
    policy: AdmissionPolicy,
    vendor_id: str | None = None,
) -> RatedVendor:
    vendor = profile.register(application, vendor_id=vendor_id or str(uuid.uuid4()), policy=policy, at=utcnow())
    with uows() as uow:
        refuse_blacklisted(vendor.npwp, uow.blacklist.find)
        taken = uow.vendors.registered_identifiers(vendor.nib, vendor.npwp_identity)
        if taken:
            raise DuplicateIdentifier(taken[0])
        uow.vendors.add(vendor)  # a concurrent registration of the same ids is refused there
        uow.audit(actor, audit.REGISTERED, "vendor", vendor.id, after=audit.audit_record(vendor))
        uow.publish(events.REGISTERED, vendor.id, events.snapshot(vendor))
        uow.publish(events.PAYMENT_DETAILS, vendor.id, events.payment_details(vendor))
        registered = with_rating(uow, vendor)
        uow.commit()
    return registered

