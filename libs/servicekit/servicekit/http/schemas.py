"""Schema conventions: unknown fields refused, server-owned fields dump-only, pages with a cursor."""
from __future__ import annotations

from typing import Any

import marshmallow as ma
from marshmallow import fields, validate


class StrictSchema(ma.Schema):
    """Refuses unknown fields, including server-owned (dump-only) ones sent by a client."""

    class Meta:
        unknown = ma.RAISE


class PageQuerySchema(StrictSchema):
    limit = fields.Integer(load_default=20, validate=validate.Range(min=1, max=100))
    cursor = fields.String(load_default=None, validate=validate.Length(max=500))


_page_schemas: dict[str, type[ma.Schema]] = {}


def page_of(item_schema: type[ma.Schema]) -> type[ma.Schema]:
    """A list response: ``{"items": [...], "next": "<cursor>" | null}``."""
    name = f"{item_schema.__name__.removesuffix('Schema')}PageSchema"
    if name not in _page_schemas:
        _page_schemas[name] = type(
            name,
            (ma.Schema,),
            {
                "items": fields.List(fields.Nested(item_schema), required=True),
                "next": fields.String(allow_none=True, metadata={"description": "cursor of the next page, or null"}),
            },
        )
    return _page_schemas[name]


class StrictBoolean(fields.Boolean):
    """JSON ``true`` or ``false`` only: ``1``, ``"yes"`` and ``"true"`` are refused rather than guessed at."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> bool:
        if not isinstance(value, bool):
            raise self.make_error("invalid", input=value)
        return value


def money_field(**kwargs: Any) -> fields.Integer:
    """Integer rupiah: floats and strings are refused, never rounded."""
    kwargs.setdefault("validate", validate.Range(min=0, max=999_999_999_999_999))
    return fields.Integer(strict=True, **kwargs)
