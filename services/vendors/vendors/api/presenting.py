"""Answering with the view of a vendor the caller may see: full or public."""
from __future__ import annotations

from flask import Response, jsonify

from servicekit.storage.paging import Page
from servicekit.http.schemas import page_of

from vendors.api.schemas.vendor_out import PublicVendorOut, VendorOut
from vendors.application.reading import RatedVendor

# Built once: these answer every read of a vendor.
_VENDOR = {True: VendorOut(), False: PublicVendorOut()}
_PAGE = {True: page_of(VendorOut)(), False: page_of(PublicVendorOut)()}


def vendor_response(rated: RatedVendor, *, full: bool) -> Response:
    return jsonify(_VENDOR[full].dump(rated))


def vendor_page_response(page: Page[RatedVendor], *, full: bool) -> Response:
    return jsonify(_PAGE[full].dump({"items": page.items, "next": page.next}))
