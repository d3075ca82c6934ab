"""Stock reservations driven by order events: all lines or none, once per order, released and
committed as the order ends, and daily capacity for made-to-order goods."""
from __future__ import annotations

import pytest

from servicekit.events.envelope import Envelope

pytestmark = pytest.mark.integration

WIB_MONDAY_MORNING = "2026-03-02T02:00:00+00:00"
WIB_MONDAY_NIGHT = "2026-03-02T16:30:00Z"
WIB_TUESDAY_SMALL_HOURS = "2026-03-02T17:30:00Z"


def only(answers: list[Envelope]) -> Envelope:
    assert len(answers) == 1, [a.type for a in answers]
    return answers[0]


def test_every_line_reserved_at_the_approved_price(catalog) -> None:
    vendor = catalog.vendor()
    paper = catalog.listed_product(vendor, stock=50)
    rice = catalog.listed_food(vendor, daily_capacity=100)
    order_id = catalog.submit_order(vendor, [(paper["id"], 5), (rice["id"], 40), (paper["id"], 3)])
    answer = only(catalog.answers(order_id))
    assert answer.type == "stock.reserved" and answer.correlationid == order_id
    lines = sorted(answer.data["lines"], key=lambda line: line["name"])
    assert lines == sorted(
        [
            {
                "product_id": paper["id"],
                "quantity": 8,
                "unit_price": 55000,
                "unit": "rim",
                "name": "Kertas HVS A4 80gsm",
            },
            {
                "product_id": rice["id"],
                "quantity": 40,
                "unit_price": 35000,
                "unit": "box",
                "name": "Nasi Kotak Ayam Bakar",
            },
        ],
        key=lambda line: line["name"],
    )
    assert answer.data["total"] == 8 * 55000 + 40 * 35000
    assert catalog.stock_of(paper["id"]) == 42
    entry = catalog.harness.audit_trail(order_id)[-1]
    assert entry["action"] == "reservation.reserved" and entry["actor"] == "system:order-events"
    assert entry["after"]["state"] == "reserved" and entry["after"]["total"] == answer.data["total"]
    kept = sorted((line["product_id"], line["quantity"], line["fulfilment"]) for line in entry["after"]["lines"])
    assert kept == sorted([(paper["id"], 8, "from_stock"), (rice["id"], 40, "made_to_order")])


def test_nothing_is_reserved_unless_everything_is(catalog) -> None:
    vendor, other = catalog.vendor(), catalog.vendor()
    plenty = catalog.listed_product(vendor, name="Map Banyak", stock=100)
    scarce = catalog.listed_product(vendor, name="Map Sedikit", stock=2)
    minimum = catalog.listed_product(vendor, name="Map Grosir", stock=100, min_order_quantity=10)
    pending = catalog.new_product(vendor, name="Map Baru")
    foreign = catalog.listed_product(other, name="Map Tetangga")
    unknown = "00000000-0000-4000-8000-00000000abcd"
    order_id = catalog.submit_order(
        vendor,
        [
            (plenty["id"], 10),
            (scarce["id"], 3),
            (minimum["id"], 5),
            (pending["id"], 1),
            (foreign["id"], 1),
            (unknown, 1),
        ],
    )
    answer = only(catalog.answers(order_id))
    assert answer.type == "stock.reservation_failed"
    reasons = {
        line["product_id"]: (line["reason"], line["requested"], line["available"]) for line in answer.data["lines"]
    }
    assert reasons == {
        scarce["id"]: ("insufficient_stock", 3, 2),
        minimum["id"]: ("below_minimum_order", 5, 100),
        pending["id"]: ("not_available", 1, 0),
        foreign["id"]: ("wrong_vendor", 1, 0),
        unknown: ("unknown_product", 1, 0),
    }
    assert catalog.stock_of(plenty["id"]) == 100 and catalog.stock_of(scarce["id"]) == 2
    entry = catalog.harness.audit_trail(order_id)[-1]
    assert entry["action"] == "reservation.failed"
    assert entry["after"] == {"state": "failed", "lines": answer.data["lines"], "total": None}


def test_a_suspended_vendors_products_are_not_available(catalog) -> None:
    vendor = catalog.vendor()
    product = catalog.listed_product(vendor)
    catalog.vendor_event(vendor, version=2, status="suspended")
    answer = only(catalog.answers(catalog.submit_order(vendor, [(product["id"], 1)])))
    assert answer.data["lines"][0]["reason"] == "not_available"


def test_a_second_submission_gets_the_same_answer_and_no_second_reservation(catalog) -> None:
    vendor = catalog.vendor()
    product = catalog.listed_product(vendor, stock=10)
    order_id = catalog.submit_order(vendor, [(product["id"], 4)])
    catalog.submit_order(vendor, [(product["id"], 4)], order_id=order_id)
    first, second = catalog.answers(order_id)
    assert first.type == second.type == "stock.reserved" and first.data == second.data
    assert catalog.stock_of(product["id"]) == 6

    failing = catalog.submit_order(vendor, [(product["id"], 50)])
    catalog.submit_order(vendor, [(product["id"], 1)], order_id=failing)  # changed lines: still the first answer
    one, two = catalog.answers(failing)
    assert one.type == two.type == "stock.reservation_failed" and one.data == two.data
    assert catalog.stock_of(product["id"]) == 6


def test_an_order_ending_gives_the_stock_back(catalog) -> None:
    vendor = catalog.vendor()
    product = catalog.listed_product(vendor, stock=10)
    for ending in ("order.cancelled", "order.declined", "order.rejected"):
        order_id = catalog.submit_order(vendor, [(product["id"], 7)])
        assert catalog.stock_of(product["id"]) == 3
        catalog.end_order(order_id, ending)
        released = catalog.answers(order_id)[-1]
        assert released.type == "stock.released"
        assert released.data == {"order_id": order_id, "lines": [{"product_id": product["id"], "quantity": 7}]}
        assert catalog.stock_of(product["id"]) == 10
        catalog.end_order(order_id, ending)  # again: nothing more to give back
        assert len(catalog.answers(order_id, "stock.released")) == 1 and catalog.stock_of(product["id"]) == 10


def test_releasing_what_was_never_reserved_is_a_no_op_and_a_late_submission_reserves_nothing(catalog) -> None:
    vendor = catalog.vendor()
    product = catalog.listed_product(vendor, stock=10)
    order_id = "0b9f2c1e-0000-4000-8000-00000000e4d5"
    catalog.end_order(order_id)
    assert catalog.answers(order_id) == []
    catalog.submit_order(vendor, [(product["id"], 5)], order_id=order_id)  # arrived after its cancellation
    assert catalog.answers(order_id) == [] and catalog.stock_of(product["id"]) == 10

    failed = catalog.submit_order(vendor, [(product["id"], 50)])
    catalog.end_order(failed, "order.rejected")
    assert [a.type for a in catalog.answers(failed)] == ["stock.reservation_failed"]


def test_receipt_commits_and_a_later_release_is_refused(catalog) -> None:
    vendor = catalog.vendor()
    product = catalog.listed_product(vendor, stock=10)
    order_id = catalog.submit_order(vendor, [(product["id"], 4)])
    catalog.receive_order(order_id)
    catalog.receive_order(order_id)
    assert [a.type for a in catalog.answers(order_id)] == ["stock.reserved", "stock.committed"]
    assert catalog.answers(order_id)[-1].data == {"order_id": order_id}
    catalog.end_order(order_id)
    assert [a.type for a in catalog.answers(order_id)] == ["stock.reserved", "stock.committed"]
    assert catalog.stock_of(product["id"]) == 6
    nothing = "0b9f2c1e-0000-4000-8000-00000000c0c0"
    catalog.receive_order(nothing)
    assert catalog.answers(nothing) == []


def test_made_to_order_goods_count_against_the_capacity_of_the_order_day(catalog) -> None:
    vendor = catalog.vendor()
    rice = catalog.listed_food(vendor, daily_capacity=100, min_order_quantity=10)
    morning = catalog.submit_order(vendor, [(rice["id"], 60)], submitted_at=WIB_MONDAY_MORNING)
    night = catalog.submit_order(vendor, [(rice["id"], 50)], submitted_at=WIB_MONDAY_NIGHT)
    tuesday = catalog.submit_order(vendor, [(rice["id"], 50)], submitted_at=WIB_TUESDAY_SMALL_HOURS)
    assert catalog.answers(morning)[-1].type == "stock.reserved"
    refused = catalog.answers(night)[-1]
    assert refused.type == "stock.reservation_failed"
    assert refused.data["lines"] == [
        {"product_id": rice["id"], "requested": 50, "available": 40, "reason": "insufficient_stock"}
    ]
    assert catalog.answers(tuesday)[-1].type == "stock.reserved"  # 00:30 WIB on Tuesday: a new day

    catalog.end_order(morning)
    again = catalog.submit_order(vendor, [(rice["id"], 100)], submitted_at=WIB_MONDAY_NIGHT)
    assert catalog.answers(again)[-1].type == "stock.reserved"
    assert catalog.read(rice["id"]).json["daily_capacity"] == 100  # capacity is per day, not used up


def test_running_out_and_coming_back_is_announced(catalog) -> None:
    vendor = catalog.vendor()
    product = catalog.listed_product(vendor, stock=5, min_order_quantity=2)
    order_id = catalog.submit_order(vendor, [(product["id"], 4)])
    updated = catalog.product_events(product["id"])[-1]
    assert updated.type == "product.updated" and updated.data["available"] is False
    assert catalog.read(product["id"]).json["available"] is False
    assert catalog.search_all(city=vendor.city, available="true") == []
    catalog.end_order(order_id)
    back = catalog.product_events(product["id"])[-1]
    assert back.data["available"] is True and back.data["version"] > updated.data["version"]


def test_a_submission_that_cannot_be_read_is_dead_lettered(catalog) -> None:
    vendor = catalog.vendor()
    product = catalog.listed_product(vendor)
    data = {
        "order_id": "0b9f2c1e-0000-4000-8000-00000000dead",
        "work_unit": "DINAS-X",
        "vendor_id": vendor.id,
        "lines": [{"product_id": product["id"], "quantity": 1}],
        "submitted_at": "2026-03-02T09:00:00",  # no offset: which day it is cannot be known
    }
    event = catalog.harness.deliver("order.submitted", data["order_id"], data, source="orders")
    assert catalog.harness.consumer.wait_settled(event.id) == "dead_lettered"
    negative = {
        **data,
        "order_id": "0b9f2c1e-0000-4000-8000-00000000beef",
        "lines": [{"product_id": product["id"], "quantity": -1}],
    }
    event = catalog.harness.deliver("order.submitted", negative["order_id"], negative, source="orders")
    assert catalog.harness.consumer.wait_settled(event.id) == "dead_lettered"
    assert catalog.stock_of(product["id"]) == 100


def test_an_amendment_gives_the_stock_back_and_takes_the_new_lines(catalog) -> None:
    vendor = catalog.vendor()
    paper = catalog.listed_product(vendor, stock=50)
    rice = catalog.listed_food(vendor, daily_capacity=100, min_order_quantity=10)
    order_id = catalog.submit_order(vendor, [(paper["id"], 20), (rice["id"], 60)], submitted_at=WIB_MONDAY_MORNING)
    catalog.amend_order(vendor, order_id, [(paper["id"], 5)], revision=1, amended_at=WIB_TUESDAY_SMALL_HOURS)
    assert catalog.stock_of(paper["id"]) == 45
    answer = catalog.answers(order_id)[-1]
    assert answer.type == "stock.reserved" and answer.correlationid == order_id
    assert [(line["product_id"], line["quantity"]) for line in answer.data["lines"]] == [(paper["id"], 5)]
    assert answer.data["total"] == 5 * 55000
    # Monday's capacity came back whole: another order can take all of it.
    monday = catalog.submit_order(vendor, [(rice["id"], 100)], submitted_at=WIB_MONDAY_NIGHT)
    assert catalog.answers(monday)[-1].type == "stock.reserved"

    # On the amendment's own day: Tuesday now, where the rice is taken.
    catalog.amend_order(vendor, order_id, [(rice["id"], 100)], revision=2, amended_at=WIB_TUESDAY_SMALL_HOURS)
    assert catalog.answers(order_id)[-1].type == "stock.reserved" and catalog.stock_of(paper["id"]) == 50
    tuesday = catalog.submit_order(vendor, [(rice["id"], 10)], submitted_at=WIB_TUESDAY_SMALL_HOURS)
    assert catalog.answers(tuesday)[-1].data["lines"][0]["available"] == 0
    entry = catalog.harness.audit_trail(order_id)[-1]
    assert entry["action"] == "reservation.amended" and entry["reason"] == "order.amended revision 2"
    assert [line["product_id"] for line in entry["before"]["lines"]] == [paper["id"]]

    catalog.end_order(order_id)
    released = catalog.answers(order_id)[-1]
    assert released.data["lines"] == [{"product_id": rice["id"], "quantity": 100}]
    assert catalog.stock_of(paper["id"]) == 50


def test_an_amendment_that_cannot_be_reserved_leaves_nothing_taken(catalog) -> None:
    vendor = catalog.vendor()
    plenty = catalog.listed_product(vendor, name="Map Banyak", stock=100)
    scarce = catalog.listed_product(vendor, name="Map Sedikit", stock=5)
    order_id = catalog.submit_order(vendor, [(plenty["id"], 10), (scarce["id"], 5)])
    catalog.amend_order(vendor, order_id, [(plenty["id"], 20), (scarce["id"], 6)], revision=1)
    answer = catalog.answers(order_id)[-1]
    assert answer.type == "stock.reservation_failed"
    assert answer.data["lines"] == [
        {"product_id": scarce["id"], "requested": 6, "available": 5, "reason": "insufficient_stock"}
    ]
    assert catalog.stock_of(plenty["id"]) == 100 and catalog.stock_of(scarce["id"]) == 5
    catalog.amend_order(vendor, order_id, [(plenty["id"], 1)], revision=2)  # the order is rejected at orders
    catalog.end_order(order_id, "order.rejected")
    assert [a.type for a in catalog.answers(order_id)] == ["stock.reserved", "stock.reservation_failed"]
    assert catalog.stock_of(plenty["id"]) == 100


def test_a_stale_amendment_changes_nothing_and_a_duplicate_answers_once(catalog) -> None:
    vendor = catalog.vendor()
    product = catalog.listed_product(vendor, stock=100)
    order_id = catalog.submit_order(vendor, [(product["id"], 10)])
    second = catalog.amend_order(vendor, order_id, [(product["id"], 30)], revision=2)
    assert catalog.harness.deliver_envelope(second) == "duplicate"  # delivered twice: the inbox knows it
    catalog.amend_order(vendor, order_id, [(product["id"], 20)], revision=1)  # overtaken by revision 2
    catalog.amend_order(vendor, order_id, [(product["id"], 30)], revision=2)  # sent again as a new event
    assert [a.type for a in catalog.answers(order_id)] == ["stock.reserved", "stock.reserved"]
    assert catalog.stock_of(product["id"]) == 70
    assert [e["action"] for e in catalog.harness.audit_trail(order_id)] == [
        "reservation.reserved",
        "reservation.amended",
    ]


def test_an_amendment_before_the_submission_reserves_and_after_the_end_does_nothing(catalog) -> None:
    vendor = catalog.vendor()
    product = catalog.listed_product(vendor, stock=10)
    order_id = "0b9f2c1e-0000-4000-8000-0000000a3e1d"
    catalog.amend_order(vendor, order_id, [(product["id"], 4)], revision=1)
    catalog.submit_order(vendor, [(product["id"], 3)], order_id=order_id)  # the late submission
    first, again = catalog.answers(order_id)
    assert first.type == again.type == "stock.reserved" and first.data == again.data
    assert first.data["lines"][0]["quantity"] == 4 and catalog.stock_of(product["id"]) == 6

    catalog.receive_order(order_id)
    catalog.amend_order(vendor, order_id, [(product["id"], 1)], revision=2)
    ended = catalog.submit_order(vendor, [(product["id"], 2)])
    catalog.end_order(ended)
    catalog.amend_order(vendor, ended, [(product["id"], 1)], revision=1)
    assert [a.type for a in catalog.answers(order_id)][-1] == "stock.committed"
    assert [a.type for a in catalog.answers(ended)] == ["stock.reserved", "stock.released"]
    assert catalog.stock_of(product["id"]) == 6
