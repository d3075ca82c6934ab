"""Keeping the catalog's copy of each vendor from vendor.* events, and listing or hiding the vendor's
products when whether it may sell changes."""
from __future__ import annotations

from typing import Any, Mapping

import structlog

from servicekit.actors import Actor
from servicekit.storage import utcnow

from catalog.application.listing import announce_change
from catalog.application.queries import Catalog
from catalog.application.records import face_of
from catalog.domain.vendors import VendorCopy, VendorProfile, can_sell, is_newer
from catalog.domain.visibility import is_listed
from catalog.storage.unit_of_work import CatalogUnitOfWork

log = structlog.get_logger(__name__)

ACTOR = Actor.system("vendor-events")


def apply_vendor_event(uows: Catalog, event_type: str, data: Mapping[str, Any]) -> None:
    """Take the vendor's state from the event, unless a newer one is already held (then the event is
    a duplicate or arrived late and changes nothing)."""
    vendor_id = str(data["id"])
    with uows() as uow:
        held = uow.vendors.get(vendor_id, lock=True)
        held_version = held.version if held is not None else None
        if not is_newer(data["version"], held_version):
            log.info(
                "ignoring an older vendor event",
                type=event_type,
                vendor_id=vendor_id,
                version=data["version"],
                held=held_version,
            )
            return
        copy = VendorCopy(
            id=vendor_id,
            version=data["version"],
            profile=VendorProfile.from_event(data),
            seeded=False,
            updated_at=utcnow(),
        )
        if held is None:
            uow.vendors.add(copy)
        else:
            uow.vendors.replace(copy)
        before = held.profile.record() if held is not None else None
        uow.audit(ACTOR, "copied", "vendor", vendor_id, before=before, after=copy.profile.record(), reason=event_type)
        if can_sell(held.profile.status if held is not None else None) != can_sell(copy.profile.status):
            _relist_products(uow, vendor_id, copy.profile.status, event_type)
        uow.commit()


def seed_vendor(uows: Catalog, copy: VendorCopy) -> None:
    """Hold a copy of a vendor no event has told of yet (the demo loader's); one already held stays."""
    with uows() as uow:
        if uow.vendors.get(copy.id) is None:
            uow.vendors.add(copy)
            uow.commit()


def _relist_products(uow: CatalogUnitOfWork, vendor_id: str, status: str, cause: str) -> None:
    """Hide (or show again) the vendor's approved products; hiding never deletes them."""
    now = utcnow()
    for product in uow.products.approved_of_vendor(vendor_id):
        listed = is_listed(product.state, status)
        uow.products.replace(product.revised(now, listed=listed))
        announce_change(uow, product.id, face_of(product))
        action = "product.relisted" if listed else "product.hidden"
        uow.audit(
            ACTOR,
            action,
            "product",
            product.id,
            before={"listed": product.listed},
            after={"listed": listed},
            reason=cause,
        )
