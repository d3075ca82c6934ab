"""The catalog's HTTP API under /api/v1/catalog: thin views over catalog.application."""
from __future__ import annotations

from typing import TYPE_CHECKING

from catalog.api.categories import categories_blueprint
from catalog.api.curation import curation_blueprint
from catalog.api.products import products_blueprint
from catalog.api.public_listing import PublicListing
from catalog.api.vendor_products import vendor_products_blueprint
from catalog.settings import CatalogSettings

if TYPE_CHECKING:
    from flask_smorest import Api

    from servicekit.service import ServiceRuntime


def register_api(api: "Api", runtime: "ServiceRuntime") -> None:
    settings = CatalogSettings.from_settings(runtime.settings)
    markup = settings.markup_rule
    uows = runtime.uow
    listing = PublicListing(uows, fresh_for=settings.listing_fresh_ms / 1000)
    api.register_blueprint(categories_blueprint(uows))
    api.register_blueprint(products_blueprint(uows, markup, listing))
    api.register_blueprint(curation_blueprint(uows, markup))
    api.register_blueprint(vendor_products_blueprint(uows, markup))
