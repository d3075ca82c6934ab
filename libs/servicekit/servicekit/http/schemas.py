"""Schema conventions: unknown fields refused, server-owned fields dump-only, pages with a cursor."""
from __future__ import annotations

from typing import Any, Iterator

import marshmallow as ma
from marshmallow import fields, validate

from servicekit.storage.paging import CURSOR_PATTERN


class StrictSchema(ma.Schema):
    """Refuses unknown fields, including server-owned (dump-only) ones sent by a client, and text
    with NUL characters (PostgreSQL cannot store them; better a 400 naming the field than a 500)."""

    class Meta:
        unknown = ma.RAISE

    @ma.pre_load
    def _refuse_nul_characters(self, data: Any, **_kwargs: Any) -> Any:
        errors = dict(_nul_paths(data, ""))
        if errors:
            raise ma.ValidationError(errors)
        return data


def _nul_paths(value: Any, path: str) -> Iterator[tuple[str, list[str]]]:
    if isinstance(value, str) and "\x00" in value:
        yield path or "(body)", ["NUL characters are not allowed."]
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _nul_paths(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _nul_paths(item, f"{path}.{index}" if path else str(index))


class PageQuerySchema(StrictSchema):
    limit = fields.Integer(load_default=20, validate=validate.Range(min=1, max=100))
    cursor = fields.String(
        load_default=None,
        validate=[validate.Length(min=1, max=500), validate.Regexp(CURSOR_PATTERN)],
        metadata={
            "description": "an opaque token: the `next` of the previous page of the same listing (base64url). "
            "A cursor this listing did not issue names no page and answers 404."
        },
    )


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
