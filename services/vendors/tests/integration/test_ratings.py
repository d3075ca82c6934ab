"""The rating read model fed by order.rated, on the in-process bus and on RabbitMQ."""
from __future__ import annotations

import uuid
from typing import Any

import pytest

pytestmark = pytest.mark.integration

WORK_UNIT = "Dinas Komunikasi, Informatika dan Statistik"


def rated(vendor_id: str, stars: int, *, order_id: str | None = None, at: str = "2026-03-12T07:45:09+07:00", **extra: Any) -> dict[str, Any]:
    return {
        "order_id": order_id or str(uuid.uuid4()),
        "vendor_id": vendor_id,
        "work_unit": WORK_UNIT,
        "rating": stars,
        "comment": "tepat waktu",
        "rated_at": at,
        **extra,
    }


def deliver(bus_api, data: dict[str, Any]) -> Any:
    return bus_api.harness.deliver("order.rated", data["order_id"], data, source="orders")


def rating_of(bus_api, vendor_id: str) -> dict[str, Any]:
    response = bus_api.read(vendor_id)  # the public view shows the rating too
    assert response.status_code == 200
    return response.json["rating"]


def test_ratings_are_averaged_on_the_public_profile(bus_api) -> None:
    city = f"Kota Uji {uuid.uuid4().hex[:8]}"
    vendor = bus_api.registered_and_verified(address={"city": city})
    assert rating_of(bus_api, vendor["id"]) == {"average": None, "count": 0}
    for stars in (5, 4, 4):
        deliver(bus_api, rated(vendor["id"], stars))
    assert rating_of(bus_api, vendor["id"]) == {"average": 4.33, "count": 3}
    [listed] = bus_api.client.get("/api/v1/vendors", query_string={"city": city}).json["items"]
    assert listed["rating"] == {"average": 4.33, "count": 3}


def test_a_duplicate_event_counts_once(bus_api) -> None:
    vendor = bus_api.registered_and_verified()
    event = deliver(bus_api, rated(vendor["id"], 2))
    assert bus_api.harness.deliver_envelope(event) == "duplicate"
    assert rating_of(bus_api, vendor["id"]) == {"average": 2.0, "count": 1}


def test_a_later_rating_of_the_same_order_replaces_the_first(bus_api) -> None:
    vendor = bus_api.registered_and_verified()
    order_id = str(uuid.uuid4())
    deliver(bus_api, rated(vendor["id"], 2, order_id=order_id, at="2026-03-12T08:00:00+07:00"))
    deliver(bus_api, rated(vendor["id"], 5, order_id=order_id, at="2026-03-12T09:00:00+07:00"))
    assert rating_of(bus_api, vendor["id"]) == {"average": 5.0, "count": 1}


def test_an_older_rating_arriving_late_changes_nothing(bus_api) -> None:
    vendor = bus_api.registered_and_verified()
    order_id = str(uuid.uuid4())
    deliver(bus_api, rated(vendor["id"], 5, order_id=order_id, at="2026-03-12T02:00:00Z"))
    deliver(bus_api, rated(vendor["id"], 1, order_id=order_id, at="2026-03-12T08:00:00+07:00"))  # 01:00Z: older
    assert rating_of(bus_api, vendor["id"]) == {"average": 5.0, "count": 1}


@pytest.mark.parametrize(
    "broken",
    [
        {"rating": 6},
        {"rating": 4.5},
        {"comment": "x" * 501},
        {"rated_at": "yesterday"},
        {"rated_at": "2026-13-45T99:99:99Z"},  # shaped like RFC 3339, but no such time
        {"vendor_id": "not-a-uuid"},
    ],
)
def test_a_rating_that_breaks_the_contract_is_dead_lettered_and_not_counted(bus_api, broken: dict[str, Any]) -> None:
    vendor = bus_api.registered_and_verified()
    event = bus_api.harness.deliver("order.rated", "x", {**rated(vendor["id"], 3), **broken}, source="orders")
    assert bus_api.harness.consumer.wait_settled(event.id) == "dead_lettered"
    assert rating_of(bus_api, vendor["id"]) == {"average": None, "count": 0}
