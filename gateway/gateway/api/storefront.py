"""``/api/v1/storefront/vendors/<id>``: one call instead of one to vendors and one to catalog."""
from __future__ import annotations

from typing import Any

from flask import g
from marshmallow import fields

from servicekit.http.app import Blueprint
from servicekit.http.schemas import StrictSchema

from gateway.application.storefront import StorefrontReader


class StorefrontOut(StrictSchema):
    vendor = fields.Dict(required=True, metadata={"description": "the vendor's public profile (vendors service)"})
    rating = fields.Dict(allow_none=True, metadata={"description": "average stars and count"})
    products = fields.List(fields.Dict(), required=True, metadata={"description": "approved products (catalog)"})
    partial = fields.Boolean(required=True, metadata={"description": "true when a part could not be fetched"})
    missing = fields.List(fields.String(), required=True, metadata={"description": "the parts left out"})


def storefront_blueprint(reader: StorefrontReader) -> Blueprint:
    blp = Blueprint("storefront", __name__, url_prefix="/api/v1/storefront", description="Aggregated public views.")

    @blp.route("/vendors/<vendor_id>", methods=["GET"])
    @blp.response(200, StorefrontOut)
    @blp.alt_response(404, description="no verified vendor with this id")
    def vendor_storefront(vendor_id: str) -> dict[str, Any]:
        """A verified vendor's public profile, rating and approved products. Without the catalog (not
        deployed, or away) the vendor still answers, with ``partial: true``."""
        # The public view: the caller's token is not passed on, so everyone sees the same storefront.
        return reader.read(vendor_id, {"X-Request-ID": g.request_id, "Accept": "application/json"})

    return blp
