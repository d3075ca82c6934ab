"""The blueprints of this service live under /api/v1/vendors."""
from __future__ import annotations

from servicekit.http.app import Blueprint

URL_PREFIX = "/api/v1/vendors"


def vendors_blueprint(name: str, description: str) -> Blueprint:
    return Blueprint(name, __name__, url_prefix=URL_PREFIX, description=description)


def vendor_location(vendor_id: str) -> str:
    return f"{URL_PREFIX}/{vendor_id}"
