"""The blueprints of this service live under /api/v1/payments."""
from __future__ import annotations

from servicekit.http.app import Blueprint

URL_PREFIX = "/api/v1/payments"


def payments_blueprint(name: str, description: str) -> Blueprint:
    return Blueprint(name, __name__, url_prefix=URL_PREFIX, description=description)
