"""Keyset (cursor) pagination: stable under inserts, no OFFSET scans, opaque cursors."""
from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, Sequence, TypeVar

from sqlalchemy import ColumnElement, Select, and_, or_
from sqlalchemy.orm import Session

from servicekit.http.problems import NotFound

T = TypeVar("T")


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
    return value


def _decode_value(value: Any) -> Any:
    if isinstance(value, dict) and set(value) == {"dt"}:
        return datetime.fromisoformat(value["dt"])
    return value


def encode_cursor(sort_name: str, values: Sequence[Any]) -> str:
    raw = json.dumps({"s": sort_name, "v": [_encode_value(v) for v in values]}, separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(cursor: str, sort_name: str, size: int) -> list[Any]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        raw = json.loads(base64.urlsafe_b64decode(padded.encode()))
        values = raw["v"]
        if raw["s"] != sort_name or not isinstance(values, list) or len(values) != size:
            raise ValueError("cursor for another listing")
        return [_decode_value(v) for v in values]
    except (ValueError, KeyError, TypeError) as exc:
        # Well formed (the schema checked its alphabet) but not issued by this listing: no such page.
        raise NotFound(
            "the cursor names no page of this listing", slug="cursor-not-found", errors={"cursor": ["unknown cursor"]}
        ) from exc


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
        statement = statement.where(_after(keys, decode_cursor(cursor, sort_name, len(keys))))
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
