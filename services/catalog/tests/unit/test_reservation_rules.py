"""Reservation rules: which lines fail and why, all or nothing, and what each order event does."""
from __future__ import annotations

from datetime import date, datetime, timezone

from zoneinfo import ZoneInfo

import pytest

from catalog.domain.reservations import (
    AmendmentPlan,
    CommitPlan,
    FailureReason,
    LineFailure,
    ReleasePlan,
    RequestedLine,
    ReservedLine,
    SubmissionPlan,
    Supply,
    check_lines,
    merge_lines,
    order_day,
    order_total,
    plan_amendment,
    plan_commit,
    plan_release,
    plan_submission,
    remaining_supply,
    reserved_lines,
)

pytestmark = pytest.mark.unit

VENDOR = "vendor-a"


def supply(product_id: str, **overrides: object) -> Supply:
    values: dict[str, object] = {
        "product_id": product_id,
        "vendor_id": VENDOR,
        "listed": True,
        "fulfilment": "from_stock",
        "min_order_quantity": 1,
        "remaining": 10,
        "name": f"produk {product_id}",
        "unit": "pcs",
        "price": 5000,
    }
    values.update(overrides)
    return Supply(**values)  # type: ignore[arg-type]


def test_lines_naming_one_product_are_added_and_ordered_by_id() -> None:
    merged = merge_lines([RequestedLine("p-2", 3), RequestedLine("p-1", 1), RequestedLine("p-2", 4)])
    assert merged == [RequestedLine("p-1", 1), RequestedLine("p-2", 7)]


def test_a_reservable_order_has_no_failures() -> None:
    assert check_lines(VENDOR, [RequestedLine("p-1", 10)], {"p-1": supply("p-1")}) == []


@pytest.mark.parametrize(
    ("product", "quantity", "reason", "available"),
    [
        (None, 1, FailureReason.UNKNOWN_PRODUCT, 0),
        (supply("p-1", vendor_id="vendor-b"), 1, FailureReason.WRONG_VENDOR, 0),
        (supply("p-1", listed=False), 1, FailureReason.NOT_AVAILABLE, 0),
        (supply("p-1", min_order_quantity=20, remaining=50), 5, FailureReason.BELOW_MINIMUM_ORDER, 50),
        (supply("p-1", remaining=4), 5, FailureReason.INSUFFICIENT_STOCK, 4),
        (supply("p-1", remaining=-3, fulfilment="made_to_order"), 5, FailureReason.INSUFFICIENT_STOCK, 0),
    ],
)
def test_each_reason(product: Supply | None, quantity: int, reason: FailureReason, available: int) -> None:
    supplies = {"p-1": product} if product is not None else {}
    assert check_lines(VENDOR, [RequestedLine("p-1", quantity)], supplies) == [
        LineFailure("p-1", quantity, available, reason)
    ]


def test_the_first_reason_wins_and_every_failing_line_is_reported() -> None:
    supplies = {
        "p-1": supply("p-1", vendor_id="vendor-b", listed=False, remaining=0),
        "p-2": supply("p-2"),
        "p-3": supply("p-3", remaining=1),
    }
    failures = check_lines(
        VENDOR, merge_lines([RequestedLine("p-3", 2), RequestedLine("p-2", 1), RequestedLine("p-1", 1)]), supplies
    )
    assert [(f.product_id, f.reason) for f in failures] == [
        ("p-1", FailureReason.WRONG_VENDOR),
        ("p-3", FailureReason.INSUFFICIENT_STOCK),
    ]
    assert failures[1].as_event_line() == {
        "product_id": "p-3",
        "requested": 2,
        "available": 1,
        "reason": "insufficient_stock",
    }


def test_reserved_lines_carry_the_price_of_the_moment_and_add_up() -> None:
    supplies = {"p-1": supply("p-1", price=35000, unit="box", name="Nasi Kotak"), "p-2": supply("p-2", price=2500)}
    lines = reserved_lines([RequestedLine("p-1", 40), RequestedLine("p-2", 3)], supplies)
    assert lines[0] == ReservedLine("p-1", 40, 35000, "box", "Nasi Kotak", "from_stock")
    assert lines[0].as_event_line() == {
        "product_id": "p-1",
        "quantity": 40,
        "unit_price": 35000,
        "unit": "box",
        "name": "Nasi Kotak",
    }
    assert order_total(lines) == 40 * 35000 + 3 * 2500


def test_remaining_supply_is_stock_or_what_the_day_has_left() -> None:
    assert remaining_supply("from_stock", 12, None, None) == 12
    assert remaining_supply("made_to_order", None, 100, None) == 100
    assert remaining_supply("made_to_order", None, 100, 70) == 30


def test_the_order_day_is_the_day_in_jakarta() -> None:
    assert order_day(datetime(2026, 3, 2, 16, 59, tzinfo=timezone.utc)) == date(2026, 3, 2)
    assert order_day(datetime(2026, 3, 2, 17, 0, tzinfo=timezone.utc)) == date(2026, 3, 3)
    with pytest.raises(ValueError):
        order_day(datetime(2026, 3, 2, 12, 0))


def test_a_province_in_another_timezone_counts_its_own_day() -> None:
    makassar = ZoneInfo("Asia/Makassar")  # WITA, UTC+8
    assert order_day(datetime(2026, 3, 2, 15, 59, tzinfo=timezone.utc), makassar) == date(2026, 3, 2)
    assert order_day(datetime(2026, 3, 2, 16, 0, tzinfo=timezone.utc), makassar) == date(2026, 3, 3)


@pytest.mark.parametrize(
    ("state", "submission", "release", "commit"),
    [
        (None, SubmissionPlan.RESERVE, ReleasePlan.FORESTALL, CommitPlan.NOTHING_RESERVED),
        ("reserved", SubmissionPlan.REPEAT_ANSWER, ReleasePlan.GIVE_BACK, CommitPlan.COMMIT),
        ("failed", SubmissionPlan.REPEAT_ANSWER, ReleasePlan.NOTHING, CommitPlan.NOTHING_RESERVED),
        ("released", SubmissionPlan.IGNORE, ReleasePlan.NOTHING, CommitPlan.NOTHING_RESERVED),
        ("committed", SubmissionPlan.REPEAT_ANSWER, ReleasePlan.REFUSE, CommitPlan.ALREADY_COMMITTED),
    ],
)
def test_what_each_order_event_does_in_each_state(
    state: str | None, submission: SubmissionPlan, release: ReleasePlan, commit: CommitPlan
) -> None:
    assert plan_submission(state) is submission
    assert plan_release(state) is release
    assert plan_commit(state) is commit


@pytest.mark.parametrize(
    ("state", "applied", "revision", "plan"),
    [
        (None, 0, 1, AmendmentPlan.RESERVE),  # overtook its submission: reserve as the submission
        (None, 0, 3, AmendmentPlan.RESERVE),
        ("reserved", 0, 1, AmendmentPlan.SWAP),
        ("reserved", 1, 3, AmendmentPlan.SWAP),  # revision 2 may still be on its way: 3 wins anyway
        ("reserved", 2, 2, AmendmentPlan.IGNORE),  # the same amendment again
        ("reserved", 3, 2, AmendmentPlan.IGNORE),  # a late one
        ("failed", 0, 1, AmendmentPlan.IGNORE),  # orders rejects the order on the failure
        ("released", 0, 1, AmendmentPlan.IGNORE),  # the order ended
        ("committed", 0, 1, AmendmentPlan.IGNORE),  # the order was received
    ],
)
def test_what_an_amendment_does(state: str | None, applied: int, revision: int, plan: AmendmentPlan) -> None:
    assert plan_amendment(state, applied, revision) is plan


def test_a_product_without_stock_or_capacity_offers_nothing() -> None:
    """Sold out, stock-less and capacity-less products have no units to offer, never one."""
    assert remaining_supply("from_stock", 0, None, None) == 0
    assert remaining_supply("from_stock", None, None, None) == 0
    assert remaining_supply("made_to_order", None, None, None) == 0
    assert remaining_supply("made_to_order", None, None, 3) == -3  # capacity lowered below the day's bookings


@pytest.mark.parametrize(("fulfilment", "takes"), [("from_stock", False), ("made_to_order", True)])
def test_a_reserved_line_knows_which_supply_it_took_from(fulfilment: str, takes: bool) -> None:
    line = ReservedLine("p-1", 2, 5000, "pcs", "produk", fulfilment)
    assert line.takes_capacity is takes
