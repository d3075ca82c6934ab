"""Keyset (cursor) pagination: stable under inserts, no OFFSET scans, opaque cursors.

A cursor carries the sort values of the last row of a page. It comes back from the client, so it is
checked before it reaches SQL: a cursor of another listing, of another shape, or with values of the
wrong type for their sort columns (which PostgreSQL would refuse with an error) is ``InvalidCursor``
(answered 404: it names no page).
"""
from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Generic, Sequence, TypeVar

from sqlalchemy import ColumnElement, Select, and_, or_
from sqlalchemy.orm import Session
from sqlalchemy.types import TypeDecorator

from servicekit.errors import NotFound

T = TypeVar("T")
_BIGGEST_INTEGER = 2**63 - 1
CURSOR_PATTERN = r"^[A-Za-z0-9_-]{1,500}$"
"""What a cursor looks like (unpadded URL-safe base64); documented on every listing's ``cursor``."""


class InvalidCursor(NotFound):
    """A cursor of the right alphabet (the schema checks that) that this listing did not issue: it
    names no page, so it is not found (404), like an id that names nothing. A 400 would tell a client
    that a request its OpenAPI document allows is malformed."""

    def __init__(self) -> None:
        super().__init__(
            "the cursor names no page of this listing; use the `next` value of its previous page",
            errors={"cursor": ["unknown cursor"]},
            slug="cursor-not-found",
        )


@dataclass(frozen=True)
class SortKey:
    """A column to order by; ``descending`` reverses it. The last key must be unique (an id)."""

    column: ColumnElement[Any]
    descending: bool = False


@dataclass
class Page(Generic[T]):
    items: list[T]
    next: str | None


def _encode_value(value: Any) -> Any:
    if isinstance(value, datetime):
        return {"dt": value.isoformat()}
    if isinstance(value, date):
        return {"d": value.isoformat()}
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _decode_value(value: Any) -> Any:
    if isinstance(value, dict) and set(value) == {"dt"} and isinstance(value["dt"], str):
        return datetime.fromisoformat(value["dt"])
    if isinstance(value, dict) and set(value) == {"d"} and isinstance(value["d"], str):
        return date.fromisoformat(value["d"])
    return value


def encode_cursor(sort_name: str, values: Sequence[Any]) -> str:
    raw = json.dumps({"s": sort_name, "v": [_encode_value(v) for v in values]}, separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(cursor: str, sort_name: str, keys: Sequence[SortKey]) -> list[Any]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        raw = json.loads(base64.urlsafe_b64decode(padded.encode()))
        values = raw["s"] == sort_name and raw["v"]
        if not isinstance(values, list) or len(values) != len(keys):
            raise ValueError("cursor of another listing")
        decoded = [_decode_value(v) for v in values]
    except (ValueError, KeyError, TypeError, binascii.Error, UnicodeDecodeError) as exc:
        raise InvalidCursor() from exc
    if not all(_fits(value, key.column) for value, key in zip(decoded, keys)):
        raise InvalidCursor()
    return decoded


def _fits(value: Any, column: ColumnElement[Any]) -> bool:
    """Whether a decoded value can be compared with the column without the database refusing it."""
    column_type = column.type
    if isinstance(column_type, TypeDecorator):
        column_type = column_type.impl_instance
    try:
        expected = column_type.python_type
    except NotImplementedError:
        expected = object
    if value is None or isinstance(value, bool):
        return False
    if expected in (int, Decimal):
        return isinstance(value, int) and abs(value) <= _BIGGEST_INTEGER
    if expected is float:
        return isinstance(value, (int, float)) and abs(value) != float("inf") and value == value
    if expected is str:
        return isinstance(value, str) and "\x00" not in value
    if expected is datetime:
        return isinstance(value, datetime) and value.tzinfo is not None
    if expected is date:
        return isinstance(value, date) and not isinstance(value, datetime)
    return isinstance(value, (int, float, str)) and "\x00" not in str(value)


def _after(keys: Sequence[SortKey], values: Sequence[Any]) -> ColumnElement[bool]:
    """Rows strictly after ``values`` in the order given by ``keys`` (a lexicographic comparison)."""
    clauses = []
    for i, key in enumerate(keys):
        equal_prefix = [keys[j].column == values[j] for j in range(i)]
        step = key.column < values[i] if key.descending else key.column > values[i]
        clauses.append(and_(*equal_prefix, step))
    return or_(*clauses)


def keyset_page(
    session: Session,
    statement: Select[Any],
    keys: Sequence[SortKey],
    *,
    limit: int,
    cursor: str | None,
    sort_name: str = "default",
    scalars: bool = True,
) -> Page[Any]:
    """Run ``statement`` ordered by ``keys`` from ``cursor`` on; ``limit`` rows and the next cursor."""
    if cursor:
        statement = statement.where(_after(keys, decode_cursor(cursor, sort_name, keys)))
    statement = statement.order_by(*[k.column.desc() if k.descending else k.column.asc() for k in keys])
    statement = statement.add_columns(*[k.column.label(f"_k{i}") for i, k in enumerate(keys)]).limit(limit + 1)
    rows = session.execute(statement).all()
    more = len(rows) > limit
    rows = rows[:limit]
    next_cursor = None
    if more and rows:
        last = rows[-1]
        next_cursor = encode_cursor(sort_name, [getattr(last, f"_k{i}") for i in range(len(keys))])
    items = [row[0] for row in rows] if scalars else [row for row in rows]
    return Page(items=items, next=next_cursor)
