"""Query strings of the product listings: filters are explicit parameters, sort keys an allow-list;
an unknown parameter or sort key answers 400."""
from __future__ import annotations

from typing import Any

from marshmallow import ValidationError, fields, validate, validates_schema

from servicekit.http.schemas import PageQuerySchema

from catalog.api.fields import Text
from catalog.domain.categories import SLUG_MAX_LENGTH, SLUG_PATTERN
from catalog.domain.curation import CurationState
from catalog.domain.search import MAX_QUERY_LENGTH, Sort, sort_needs_query

_PRICE = {"strict": False, "validate": validate.Range(min=0, max=999_999_999_999_999)}
_PLACE = validate.Length(min=1, max=100)


class SearchQuerySchema(PageQuerySchema):
    q = Text(
        validate=validate.Length(min=1, max=MAX_QUERY_LENGTH),
        metadata={"description": "words to find in name and description (all must appear)"},
    )
    category = Text(
        validate=[validate.Length(min=1, max=SLUG_MAX_LENGTH), validate.Regexp(SLUG_PATTERN)],
        metadata={"description": "a category's slug; includes its children (an unknown slug matches nothing)"},
    )
    vendor = fields.UUID(metadata={"description": "one vendor's products (its storefront)"})
    min_price = fields.Integer(**_PRICE)
    max_price = fields.Integer(**_PRICE)
    city = Text(validate=_PLACE, metadata={"description": "the vendor's city, e.g. Jakarta Selatan"})
    kecamatan = Text(validate=_PLACE, metadata={"description": "the vendor's kecamatan, e.g. Tebet"})
    scale = Text(validate=validate.OneOf(["micro", "small", "medium"]))
    halal = fields.Boolean(metadata={"description": "true: only with a halal certificate; false: only without"})
    available = fields.Boolean(metadata={"description": "true: only what can be ordered now"})
    sort = Text(
        validate=validate.OneOf([s.value for s in Sort]),
        metadata={"description": "relevance (only with q; the default then), price, -price, newest (the default)"},
    )

    @validates_schema
    def _consistent(self, data: dict[str, Any], **_kwargs: Any) -> None:
        if "sort" in data and sort_needs_query(Sort(data["sort"])) and "q" not in data:
            raise ValidationError("relevance needs a query (q)", field_name="sort")
        if (
            data.get("min_price") is not None
            and data.get("max_price") is not None
            and data["min_price"] > data["max_price"]
        ):
            raise ValidationError("min_price is above max_price", field_name="min_price")


class VendorProductsQuerySchema(PageQuerySchema):
    state = Text(validate=validate.OneOf([s.value for s in CurationState]))
