"""The blueprints of this service: under /api/v1/vendors, with the domain's refusals answered as problems."""
from __future__ import annotations

from servicekit.http.app import Blueprint

from vendors.api.errors import domain_error_response
from vendors.domain.errors import DomainError

URL_PREFIX = "/api/v1/vendors"


def vendors_blueprint(name: str, description: str) -> Blueprint:
    blp = Blueprint(name, __name__, url_prefix=URL_PREFIX, description=description)
    blp.register_error_handler(DomainError, domain_error_response)
    return blp


def vendor_location(vendor_id: str) -> str:
    return f"{URL_PREFIX}/{vendor_id}"
