"""Request and response bodies of the product endpoints. The shape of each field is checked here
(400 when wrong); the catalog's rules over a whole product are checked by catalog.domain (422)."""
from __future__ import annotations

from typing import Any, Mapping

from marshmallow import ValidationError, fields, validate, validates_schema

from servicekit.http.schemas import StrictSchema, money_field

from catalog.api.fields import Text
from catalog.domain.curation import CurationState, Decision
from catalog.domain.products import MAX_URL_LENGTH, UNITS, Fulfilment, ProductDetails

_QUANTITY_CEILING = 10_000_000

OPTIONAL_DEFAULTS: dict[str, Any] = {
    "description": "",
    "min_order_quantity": 1,
    "stock": None,
    "daily_capacity": None,
    "lead_time_days": 1,
    "halal_certificate": None,
    "photo_urls": (),
}
"""What a new product gets for the fields its vendor leaves out. Kept out of the schema so that a
partial change (PATCH) never resets a field the vendor did not send."""


def new_product_details(data: Mapping[str, Any]) -> ProductDetails:
    """A new product's details: what its vendor sent, and the defaults for the rest."""
    values = {**OPTIONAL_DEFAULTS, **data}
    return ProductDetails(**{**values, "photo_urls": tuple(values["photo_urls"])})


def _count(minimum: int, description: str, **kwargs: Any) -> fields.Integer:
    return fields.Integer(
        strict=True,
        validate=validate.Range(min=minimum, max=_QUANTITY_CEILING),
        metadata={"description": description},
        **kwargs,
    )


class ProductSchema(StrictSchema):
    """A new product. Fields not required here take the defaults in OPTIONAL_DEFAULTS."""

    name = Text(required=True, validate=validate.Length(min=3, max=200))
    description = Text(validate=validate.Length(max=5000))
    category = Text(required=True, validate=validate.Length(min=1, max=80), metadata={"description": "category slug"})
    unit = Text(required=True, validate=validate.OneOf(UNITS))
    price = money_field(
        required=True,
        validate=validate.Range(min=1, max=999_999_999_999_999),
        metadata={"description": "integer rupiah per unit, VAT not included"},
    )
    min_order_quantity = _count(1, "fewest units per order (default 1)")
    fulfilment = Text(
        required=True,
        validate=validate.OneOf([f.value for f in Fulfilment]),
        metadata={"description": "from_stock: give stock; made_to_order: give daily_capacity"},
    )
    stock = _count(0, "units on hand, free to reserve (goods from stock)", allow_none=True)
    daily_capacity = _count(
        1, "units of orders the vendor can take per order day (made-to-order goods)", allow_none=True
    )
    lead_time_days = fields.Integer(
        strict=True, validate=validate.Range(min=0, max=90), metadata={"description": "default 1"}
    )
    halal_certificate = Text(
        allow_none=True,
        validate=validate.Length(max=40),
        metadata={"description": "BPJPH (ID + 14-17 digits) or MUI (14 digits) number; required in food categories"},
    )
    photo_urls = fields.List(
        Text(validate=validate.Length(max=MAX_URL_LENGTH)), metadata={"description": "https only, at most 8"}
    )
    local_content_percent = fields.Integer(
        required=True,
        strict=True,
        validate=validate.Range(min=0, max=100),
        metadata={"description": "local content share (TKDN-like), 0-100"},
    )


class ProductChangesSchema(ProductSchema):
    """Any subset of a product's fields; material ones (name, description, category, unit, price,
    halal_certificate) of an approved product wait for curation as a revision."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(partial=True, **kwargs)

    @validates_schema
    def _not_empty(self, data: dict[str, Any], **_kwargs: Any) -> None:
        if not data:
            raise ValidationError("give at least one field to change")


class VendorSummarySchema(StrictSchema):
    id = fields.String(dump_only=True)
    name = fields.String(dump_only=True)
    kecamatan = fields.String(dump_only=True, allow_none=True)
    city = fields.String(dump_only=True, allow_none=True)
    scale = fields.String(dump_only=True)


class RevisionSchema(StrictSchema):
    changes = fields.Dict(dump_only=True, metadata={"description": "the material fields as proposed"})
    proposed_at = fields.DateTime(dump_only=True)


class ProductOutSchema(ProductSchema):
    """A product as shown. Only its vendor, admins and auditors see ``pending_revision``."""

    id = fields.String(dump_only=True)
    vendor = fields.Nested(VendorSummarySchema, dump_only=True)
    state = fields.String(dump_only=True, validate=validate.OneOf([s.value for s in CurationState]))
    listed = fields.Boolean(dump_only=True, metadata={"description": "visible to buyers and reservable"})
    available = fields.Boolean(
        dump_only=True, metadata={"description": "listed, and stock (or daily capacity) covers the minimum order"}
    )
    rejection_reasons = fields.List(fields.String(), dump_only=True, allow_none=True)
    reference_price = fields.Integer(
        dump_only=True,
        allow_none=True,
        metadata={"description": "median price of approved products of this category and unit"},
    )
    above_reference = fields.Boolean(
        dump_only=True, metadata={"description": "priced more than the set share (default 50%) above the reference"}
    )
    pending_revision = fields.Nested(RevisionSchema, dump_only=True, allow_none=True)
    version = fields.Integer(dump_only=True)
    created_at = fields.DateTime(dump_only=True)
    updated_at = fields.DateTime(dump_only=True)


class CurationSchema(StrictSchema):
    decision = Text(required=True, validate=validate.OneOf([d.value for d in Decision]))
    reasons = fields.List(
        Text(validate=validate.Length(min=1, max=500)),
        load_default=list,
        validate=validate.Length(max=20),
        metadata={"description": "required to reject: what the vendor must fix"},
    )


class PriceSchema(StrictSchema):
    price = fields.Integer(dump_only=True)
    effective_at = fields.DateTime(dump_only=True)
