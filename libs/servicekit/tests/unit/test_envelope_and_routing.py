"""The CloudEvents envelope, topic routing of the in-process bus, cursors and field errors."""
from __future__ import annotations

import base64
import json
import uuid
from datetime import UTC, datetime

import pytest
from sqlalchemy import Integer, String, column

from servicekit.events.brokers.memory import topic_pattern
from servicekit.events.envelope import Envelope, InvalidEnvelope
from servicekit.http.problems import flatten_field_errors
from servicekit.storage.paging import InvalidCursor, SortKey, decode_cursor, encode_cursor
from servicekit.storage.types import UTCDateTime

pytestmark = pytest.mark.unit


def test_envelope_round_trip_keeps_every_attribute() -> None:
    envelope = Envelope.new(
        service="vendors", type="vendor.verified", subject="v-1", data={"id": "v-1"}, correlationid="c-1",
        at=datetime(2026, 11, 23, 1, 2, 3, tzinfo=UTC),
    )
    raw = json.loads(envelope.to_json())
    assert raw["specversion"] == "1.0" and raw["source"] == "/eorder/vendors" and raw["time"] == "2026-11-23T01:02:03.000000Z"
    assert uuid.UUID(raw["id"]) and raw["dataschemaversion"] == 1 and raw["datacontenttype"] == "application/json"
    assert Envelope.from_json(envelope.to_json()) == envelope


@pytest.mark.parametrize(
    "body",
    [b"not json", b"[1, 2]", b'{"specversion": "1.0"}', b'{"specversion": "0.3", "id": "x"}'],
)
def test_malformed_envelopes_are_refused(body: bytes) -> None:
    with pytest.raises(InvalidEnvelope):
        Envelope.from_json(body)


def test_an_envelope_needs_a_uuid_and_object_data() -> None:
    good = Envelope.new(service="s", type="t.x", subject="1", data={}).to_dict()
    with pytest.raises(InvalidEnvelope):
        Envelope.from_dict({**good, "id": "not-a-uuid"})
    with pytest.raises(InvalidEnvelope):
        Envelope.from_dict({**good, "data": [1]})


@pytest.mark.parametrize(
    ("binding", "key", "matches"),
    [
        ("vendor.*", "vendor.verified", True),
        ("vendor.*", "vendor.a.b", False),
        ("#", "anything.at.all", True),
        ("order.#", "order", True),
        ("order.#", "order.x.y", True),
        ("a.#.c", "a.c", True),
        ("a.#.c", "a.x.y.c", True),
        ("a.#.c", "a.x.d", False),
        ("vendor.verified", "vendor.verifiedx", False),
        ("*.created", "note.created", True),
    ],
)
def test_topic_bindings_match_like_rabbitmq(binding: str, key: str, matches: bool) -> None:
    assert bool(topic_pattern(binding).match(key)) is matches


_KEYS = (SortKey(column("created_at", UTCDateTime())), SortKey(column("id", String())))


def test_cursors_round_trip_and_refuse_tampering() -> None:
    moment = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    cursor = encode_cursor("newest", [moment, "id-9"])
    assert decode_cursor(cursor, "newest", _KEYS) == [moment, "id-9"]
    for bad, sort, keys in ((cursor, "price", _KEYS), (cursor, "newest", _KEYS * 2), ("%%%", "newest", _KEYS), ("e30", "newest", _KEYS)):
        with pytest.raises(InvalidCursor):
            decode_cursor(bad, sort, keys)


@pytest.mark.parametrize(
    "values",
    [
        ["2026-01-02", "id-9"],  # a string where an instant belongs
        [{"dt": "2026-01-02T03:04:05"}, "id-9"],  # an instant without its offset
        [{"dt": "2026-01-02T03:04:05+00:00"}, 7],  # a number where text belongs
        [{"dt": "2026-01-02T03:04:05+00:00"}, "id\u0000"],  # NUL, which PostgreSQL refuses
        [{"dt": "2026-01-02T03:04:05+00:00"}, None],
    ],
)
def test_forged_cursor_values_are_refused_before_they_reach_sql(values: list[object]) -> None:
    forged = base64.urlsafe_b64encode(json.dumps({"s": "newest", "v": values}).encode()).decode().rstrip("=")
    with pytest.raises(InvalidCursor):
        decode_cursor(forged, "newest", _KEYS)


def test_forged_integers_beyond_a_bigint_are_refused() -> None:
    keys = (SortKey(column("price", Integer())), SortKey(column("id", String())))
    forged = base64.urlsafe_b64encode(json.dumps({"s": "p", "v": [10**30, "x"]}).encode()).decode().rstrip("=")
    with pytest.raises(InvalidCursor):
        decode_cursor(forged, "p", keys)


def test_field_errors_are_flattened_to_dotted_paths() -> None:
    nested = {"json": {"address": {"city": ["Missing data."]}, "nib": ["Not 13 digits."], "_schema": ["Bad."]}}
    assert flatten_field_errors(nested) == {
        "address.city": ["Missing data."],
        "nib": ["Not 13 digits."],
        "(body)": ["Bad."],
    }
    assert flatten_field_errors({"query": {"limit": ["Too big."]}}) == {"limit": ["Too big."]}
    assert flatten_field_errors({"json": {"lines": {0: {"quantity": ["Must be at least 1."]}}}}) == {
        "lines.0.quantity": ["Must be at least 1."]
    }
