"""Answering with the view of a vendor the caller may see: full or public."""
from __future__ import annotations

from flask import Response, jsonify

from servicekit.http.pagination import Page
from servicekit.http.schemas import page_of

from vendors.api.schemas.vendor_out import PublicVendorOut, VendorOut
from vendors.application.reading import RatedVendor


def vendor_response(rated: RatedVendor, *, full: bool) -> Response:
    schema = VendorOut() if full else PublicVendorOut()
    return jsonify(schema.dump(rated))


def vendor_page_response(page: Page[RatedVendor], *, full: bool) -> Response:
    schema = page_of(VendorOut if full else PublicVendorOut)()
    return jsonify(schema.dump({"items": page.items, "next": page.next}))
