"""What the catalog knows of vendors: it keeps a copy of their profile from ``vendor.*`` events, and
only a verified vendor sells (a suspended one is hidden until reinstated)."""
from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import datetime
from enum import StrEnum
from typing import Any, Mapping

from catalog.domain.errors import NotPermitted


class VendorStatus(StrEnum):
    PENDING = "pending"
    VERIFIED = "verified"
    REJECTED = "rejected"
    SUSPENDED = "suspended"


SEEDED_VERSION = 0
"""The version of a vendor copy written by the demo loader: any real event (version 1 on) replaces it."""


@dataclass(frozen=True)
class VendorSummary:
    """Who sells a product and where, as buyers see it next to the product."""

    id: str
    name: str
    kecamatan: str | None
    city: str | None
    scale: str


@dataclass(frozen=True)
class VendorProfile:
    """What the vendors service tells of a vendor in every vendor.* event (nullable where the copy
    tolerates a profile the vendors service has not completed yet)."""

    name: str
    status: str
    scale: str
    kelurahan: str | None
    kecamatan: str | None
    city: str | None
    pkp: bool | None
    categories: tuple[str, ...] | None
    jakpreneur: bool | None
    reason: str | None

    @classmethod
    def from_event(cls, data: Mapping[str, Any]) -> "VendorProfile":
        values = {f.name: data.get(f.name) for f in fields(cls)}
        if values["categories"] is not None:
            values["categories"] = tuple(values["categories"])
        return cls(**values)

    def record(self) -> dict[str, Any]:
        """The profile as the audit trail keeps it."""
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        if self.categories is not None:
            values["categories"] = list(self.categories)
        return values


@dataclass(frozen=True)
class VendorCopy:
    """The catalog's copy of a vendor, at the ``version`` of the event it came from (or
    :data:`SEEDED_VERSION` when the demo loader wrote it)."""

    id: str
    version: int
    profile: VendorProfile
    seeded: bool
    updated_at: datetime


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
