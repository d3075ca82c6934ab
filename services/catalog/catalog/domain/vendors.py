"""What the catalog knows of vendors: it keeps a copy of their profile from ``vendor.*`` events, and
only a verified vendor sells (a suspended one is hidden until reinstated)."""
from __future__ import annotations

from enum import StrEnum

from catalog.domain.errors import NotPermitted


class VendorStatus(StrEnum):
    PENDING = "pending"
    VERIFIED = "verified"
    REJECTED = "rejected"
    SUSPENDED = "suspended"


SEEDED_VERSION = 0
"""The version of a vendor copy written by the demo loader: any real event (version 1 on) replaces it."""


def can_sell(status: str | None) -> bool:
    """Only a verified vendor's products are listed and reservable; suspension is its own status."""
    return status == VendorStatus.VERIFIED


def is_newer(incoming_version: int, held_version: int | None) -> bool:
    """Vendor events carry the vendor's version: an older or equal one is a duplicate or arrived late."""
    return held_version is None or incoming_version > held_version


def ensure_may_sell(status: str | None) -> None:
    """Refuse a product write by a vendor the catalog does not know as verified, saying why."""
    if can_sell(status):
        return
    if status is None:
        raise NotPermitted(
            "the catalog has not yet learned of this vendor's verification; try again shortly", "vendor_unknown"
        )
    raise NotPermitted(f"only verified vendors manage products; this vendor is {status}", f"vendor_{status}")
