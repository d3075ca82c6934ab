"""The blueprints of this service live under /api/v1/orders and /api/v1/packages."""
from __future__ import annotations

from servicekit.http.app import Blueprint

ORDERS_PREFIX = "/api/v1/orders"
PACKAGES_PREFIX = "/api/v1/packages"


def orders_blueprint(name: str, description: str) -> Blueprint:
    return Blueprint(name, __name__, url_prefix=ORDERS_PREFIX, description=description)


def packages_blueprint(name: str, description: str) -> Blueprint:
    return Blueprint(name, __name__, url_prefix=PACKAGES_PREFIX, description=description)
