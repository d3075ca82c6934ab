"""The catalog's events as another service sees them on the bus, on RabbitMQ and on the in-process
bus of the embedded mode: order.* in, stock.* and product.* out, each matching its published
contract."""
from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Iterator

import pytest
from jsonschema import Draft202012Validator

from eorder_contracts import EXAMPLES_DIR, SCHEMA_DIR
from servicekit.events.envelope import Envelope
from servicekit.testing import EventCapture

pytestmark = pytest.mark.integration

CATALOG_TYPES = (
    "product.listed",
    "product.updated",
    "product.delisted",
    "stock.reserved",
    "stock.reservation_failed",
    "stock.released",
    "stock.committed",
)


@pytest.fixture
def bus(bus_catalog) -> Iterator[EventCapture]:
    harness = bus_catalog.harness
    with EventCapture(harness.runtime.broker, harness.settings.exchange_name, ["stock.*", "product.*"]) as capture:
        yield capture


def conforms(envelope: Envelope) -> None:
    schema = json.loads((SCHEMA_DIR / f"{envelope.type}.v{envelope.dataschemaversion}.schema.json").read_text())
    Draft202012Validator(schema).validate(envelope.data)
    assert envelope.source == "/eorder/catalog"


def for_order(order_id: str):
    return lambda envelope: envelope.subject == order_id


def test_a_reservation_round_trip_on_the_bus(bus_catalog, bus: EventCapture) -> None:
    catalog = bus_catalog
    vendor = catalog.vendor()
    product = catalog.listed_product(vendor, stock=10)
    [listed] = bus.wait_for("product.listed", for_order(product["id"]))
    conforms(listed)

    order_id = catalog.submit_order(vendor, [(product["id"], 4)])
    [reserved] = bus.wait_for("stock.reserved", for_order(order_id))
    conforms(reserved)
    assert reserved.data["total"] == 4 * 55000 and reserved.correlationid == order_id

    catalog.end_order(order_id, "order.declined")
    [released] = bus.wait_for("stock.released", for_order(order_id))
    conforms(released)

    received = catalog.submit_order(vendor, [(product["id"], 2)])
    bus.wait_for("stock.reserved", for_order(received))
    catalog.receive_order(received)
    [committed] = bus.wait_for("stock.committed", for_order(received))
    conforms(committed)
    assert committed.correlationid == received


def test_a_failed_reservation_on_the_bus(bus_catalog, bus: EventCapture) -> None:
    catalog = bus_catalog
    vendor = catalog.vendor()
    product = catalog.listed_product(vendor, stock=1)
    order_id = catalog.submit_order(vendor, [(product["id"], 2)])
    [failed] = bus.wait_for("stock.reservation_failed", for_order(order_id))
    conforms(failed)
    assert failed.data["lines"] == [
        {"product_id": product["id"], "requested": 2, "available": 1, "reason": "insufficient_stock"}
    ]


def test_product_events_on_the_bus(bus_catalog, bus: EventCapture) -> None:
    catalog = bus_catalog
    vendor = catalog.vendor()
    product = catalog.listed_product(vendor)
    catalog.change(vendor, product["id"], {"price": 57000})
    catalog.curate(product["id"], "approve")
    [updated] = bus.wait_for("product.updated", for_order(product["id"]))
    conforms(updated)
    catalog.vendor_event(vendor, version=2, status="suspended")
    [delisted] = bus.wait_for("product.delisted", for_order(product["id"]))
    conforms(delisted)
    assert delisted.data["version"] > updated.data["version"]


@pytest.mark.parametrize(
    "type_name",
    ["order.submitted", "order.amended", "order.cancelled", "order.declined", "order.rejected", "order.received"],
)
def test_the_published_order_examples_are_understood(bus_catalog, type_name: str) -> None:
    """The orders service's events exactly as the contract's examples show them."""
    example = Envelope.from_dict(json.loads((EXAMPLES_DIR / f"{type_name}.json").read_text()))
    data = example.data
    if type_name == "order.amended":  # an order of its own, heard of first through its amendment
        data = {**data, "order_id": str(uuid.uuid4())}
    fresh = Envelope.new(service="orders", type=example.type, subject=data["order_id"], data=data)
    assert bus_catalog.harness.deliver_envelope(fresh) == "handled"
    if type_name in ("order.submitted", "order.amended"):  # read, not merely acknowledged: unknown products
        answer = bus_catalog.answers(data["order_id"])[-1]
        assert answer.type == "stock.reservation_failed"
        assert {(line["product_id"], line["reason"]) for line in answer.data["lines"]} == {
            (line["product_id"], "unknown_product") for line in example.data["lines"]
        }


def test_every_event_the_catalog_publishes_has_a_contract() -> None:
    published = {p.name.split(".v")[0] for p in Path(SCHEMA_DIR).glob("*.schema.json")}
    assert set(CATALOG_TYPES) <= published
