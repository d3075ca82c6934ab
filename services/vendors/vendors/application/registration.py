"""Registering an UMKM, by itself (public) or by an admin: always as a pending vendor to verify."""
from __future__ import annotations

import uuid
from typing import Any, Mapping

from sqlalchemy.exc import IntegrityError

from servicekit.storage import UnitOfWork, utcnow
from servicekit.storage.unit_of_work import Actor

from vendors.domain import events, profile
from vendors.domain.admission import AdmissionPolicy
from vendors.domain.audit import audit_record
from vendors.domain.blacklist import refuse_blacklisted
from vendors.domain.errors import DuplicateIdentifier
from vendors.domain.vendor import Vendor
from vendors.storage.blacklist import BlacklistRepository
from vendors.storage.vendors import VendorRepository


def register_vendor(
    uow: UnitOfWork,
    application: Mapping[str, Any],
    *,
    actor: Actor,
    policy: AdmissionPolicy,
    vendor_id: str | None = None,
) -> Vendor:
    vendor = profile.register(application, vendor_id=vendor_id or str(uuid.uuid4()), policy=policy, at=utcnow())
    refuse_blacklisted(vendor.npwp, BlacklistRepository(uow.session).find)
    repository = VendorRepository(uow.session)
    _refuse_registered_identifiers(repository, vendor)
    try:
        # A savepoint, so that losing a race on the unique NIB/NPWP leaves the transaction usable
        # for finding out which of them was taken.
        with uow.session.begin_nested():
            repository.add(vendor)
    except IntegrityError:
        _refuse_registered_identifiers(repository, vendor)
        raise
    uow.audit(actor, events.REGISTERED, "vendor", vendor.id, after=audit_record(vendor))
    uow.publish(events.REGISTERED, vendor.id, events.snapshot(vendor))
    return vendor


def _refuse_registered_identifiers(repository: VendorRepository, vendor: Vendor) -> None:
    taken = repository.registered_identifiers(vendor.nib, vendor.npwp_identity)
    if taken:
        raise DuplicateIdentifier(taken[0])
