"""Request and response bodies of the category endpoints."""
from __future__ import annotations

from typing import Any

from marshmallow import ValidationError, fields, validate, validates_schema

from servicekit.http.schemas import StrictBoolean, StrictSchema

from catalog.api.fields import Text
from catalog.domain.categories import SLUG_MAX_LENGTH

_NAME = validate.Length(min=2, max=120)
_PARENT = {"allow_none": True, "metadata": {"description": "slug of the parent category; null at the top"}}
_HALAL = {"metadata": {"description": "products here must carry a halal certificate number"}}


class CategorySchema(StrictSchema):
    slug = fields.String(dump_only=True)
    name = fields.String(dump_only=True)
    parent = fields.String(dump_only=True, **_PARENT)
    requires_halal = fields.Boolean(dump_only=True, **_HALAL)


class NewCategorySchema(StrictSchema):
    slug = Text(required=True, validate=validate.Length(min=2, max=SLUG_MAX_LENGTH))
    name = Text(required=True, validate=_NAME)
    parent = Text(load_default=None, **_PARENT)
    requires_halal = StrictBoolean(
        load_default=None, allow_none=True, metadata={"description": "defaults to the parent's; false at the top"}
    )


class CategoryChangesSchema(StrictSchema):
    """The slug never changes: vendors and products refer to it."""

    name = Text(validate=_NAME)
    parent = Text(**_PARENT)
    requires_halal = StrictBoolean(**_HALAL)

    @validates_schema
    def _not_empty(self, data: dict[str, Any], **_kwargs: Any) -> None:
        if not data:
            raise ValidationError("give at least one field to change")
