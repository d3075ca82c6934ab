"""Keeping the catalog's copy of each vendor from vendor.* events, and listing or hiding the vendor's
products when whether it may sell changes."""
from __future__ import annotations

from typing import Any, Mapping

import structlog

from servicekit.storage import UnitOfWork, utcnow
from servicekit.actors import Actor

from catalog.application.listing import announce_change
from catalog.application.records import face_of
from catalog.domain.vendors import can_sell, is_newer
from catalog.domain.visibility import is_listed
from catalog.storage import products, vendors

log = structlog.get_logger(__name__)

ACTOR = Actor.system("vendor-events")
PROFILE_FIELDS = (
    "name",
    "status",
    "scale",
    "kelurahan",
    "kecamatan",
    "city",
    "pkp",
    "categories",
    "jakpreneur",
    "reason",
)


def apply_vendor_event(uow: UnitOfWork, event_type: str, data: Mapping[str, Any]) -> None:
    """Take the vendor's state from the event, unless a newer one is already held (then the event is
    a duplicate or arrived late and changes nothing)."""
    vendor_id = str(data["id"])
    held = vendors.get(uow.session, vendor_id, lock=True)
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
    profile = {name: data.get(name) for name in PROFILE_FIELDS}
    values = {**profile, "version": data["version"], "seeded": False, "updated_at": utcnow()}
    if held is None:
        vendors.insert_vendor(uow.session, {"id": vendor_id, **values})
    else:
        vendors.update_vendor(uow.session, vendor_id, values)
    before = {name: getattr(held, name) for name in PROFILE_FIELDS} if held is not None else None
    uow.audit(ACTOR, "copied", "vendor", vendor_id, before=before, after=profile, reason=event_type)
    if can_sell(held.status if held is not None else None) != can_sell(profile["status"]):
        _relist_products(uow, vendor_id, profile["status"], event_type)


def _relist_products(uow: UnitOfWork, vendor_id: str, status: str, cause: str) -> None:
    """Hide (or show again) the vendor's approved products; hiding never deletes them."""
    now = utcnow()
    for row in products.approved_of_vendor(uow.session, vendor_id):
        listed = is_listed(row.state, status)
        products.update_product(uow.session, row.id, {"listed": listed, "updated_at": now})
        announce_change(uow, row.id, face_of(row))
        action = "product.relisted" if listed else "product.hidden"
        uow.audit(
            ACTOR,
            action,
            "product",
            row.id,
            before={"listed": bool(row.listed)},
            after={"listed": listed},
            reason=cause,
        )
