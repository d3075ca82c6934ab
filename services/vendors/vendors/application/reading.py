"""Vendors as the API shows them (the profile with its rating summary), and the other reads."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from servicekit.storage import UnitOfWorkFactory
from servicekit.storage.paging import Page

from vendors.domain.blacklist import BlacklistEntry
from vendors.domain.errors import VendorNotFound
from vendors.domain.ratings import RatingSummary
from vendors.domain.search import VendorSearch
from vendors.domain.vendor import Vendor
from vendors.storage.unit_of_work import VendorsUnitOfWork

Vendors = UnitOfWorkFactory[VendorsUnitOfWork]


@dataclass(frozen=True)
class RatedVendor:
    vendor: Vendor
    rating: RatingSummary


def find_vendor(uows: Vendors, vendor_id: str) -> RatedVendor | None:
    with uows.read() as uow:
        vendor = uow.vendors.get(vendor_id)
        return None if vendor is None else with_rating(uow, vendor)


def search_vendors(uows: Vendors, search: VendorSearch, *, limit: int, cursor: str | None) -> Page[RatedVendor]:
    with uows.read() as uow:
        page = uow.vendors.search(search, limit=limit, cursor=cursor)
        summaries = uow.ratings.summaries(v.id for v in page.items)
    return Page(items=[RatedVendor(v, summaries[v.id]) for v in page.items], next=page.next)


def blacklist_page(uows: Vendors, *, limit: int, cursor: str | None) -> Page[BlacklistEntry]:
    with uows.read() as uow:
        return uow.blacklist.page(limit=limit, cursor=cursor)


def vendor_audit_trail(uows: Vendors, vendor_id: str, *, limit: int, cursor: str | None) -> Page[dict[str, Any]]:
    """Every change of the vendor, oldest first."""
    with uows.read() as uow:
        if not uow.vendors.exists(vendor_id):
            raise VendorNotFound()
        return uow.audit_trail.page("vendor", vendor_id, limit=limit, cursor=cursor)


def vendor_counts(uows: Vendors) -> dict[tuple[str, str], int]:
    """Vendors by (status, scale), for the metrics."""
    with uows.read() as uow:
        return uow.vendors.count_by_status_and_scale()


def with_rating(uow: VendorsUnitOfWork, vendor: Vendor) -> RatedVendor:
    return RatedVendor(vendor, uow.ratings.summaries([vendor.id])[vendor.id])
