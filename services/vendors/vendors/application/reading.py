"""Vendors as the API shows them: the profile with its rating summary."""
from __future__ import annotations

from dataclasses import dataclass

from servicekit.http.pagination import Page
from servicekit.storage import UnitOfWork

from vendors.domain.ratings import RatingSummary
from vendors.domain.vendor import Vendor
from vendors.storage.ratings import RatingRepository
from vendors.storage.vendors import VendorRepository, VendorSearch


@dataclass(frozen=True)
class RatedVendor:
    vendor: Vendor
    rating: RatingSummary


def find_vendor(uow: UnitOfWork, vendor_id: str) -> RatedVendor | None:
    vendor = VendorRepository(uow.session).get(vendor_id)
    return None if vendor is None else with_rating(uow, vendor)


def search_vendors(uow: UnitOfWork, search: VendorSearch, *, limit: int, cursor: str | None) -> Page[RatedVendor]:
    page = VendorRepository(uow.session).search(search, limit=limit, cursor=cursor)
    summaries = RatingRepository(uow.session).summaries(v.id for v in page.items)
    return Page(items=[RatedVendor(v, summaries[v.id]) for v in page.items], next=page.next)


def with_rating(uow: UnitOfWork, vendor: Vendor) -> RatedVendor:
    return RatedVendor(vendor, RatingRepository(uow.session).summaries([vendor.id])[vendor.id])
