"""Stock reservations for orders: all lines of an order or none, released when the order ends
without delivery, committed when it is received. One reservation per order, whatever arrives twice.

Goods from stock take units from the product's stock. Made-to-order goods take units from the
vendor's capacity for the *order day*: the calendar day, in the deployment's timezone (Jakarta's WIB
unless set), on which the order was submitted. Each day starts with the product's full ``daily_capacity``; a release
gives the units back to that same day. Capacity is about how much work a kitchen or a print shop can
take on in a day, so a day that has passed simply stops mattering; nothing has to be replenished.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, datetime, tzinfo
from enum import Enum, StrEnum
from typing import Any, Iterable, Mapping
from zoneinfo import ZoneInfo

from catalog.domain.products import Fulfilment, Product

JAKARTA = ZoneInfo("Asia/Jakarta")


class ReservationState(StrEnum):
    RESERVED = "reserved"
    FAILED = "failed"
    RELEASED = "released"
    COMMITTED = "committed"


class FailureReason(StrEnum):
    INSUFFICIENT_STOCK = "insufficient_stock"
    NOT_AVAILABLE = "not_available"
    UNKNOWN_PRODUCT = "unknown_product"
    BELOW_MINIMUM_ORDER = "below_minimum_order"
    WRONG_VENDOR = "wrong_vendor"


@dataclass(frozen=True)
class RequestedLine:
    product_id: str
    quantity: int


@dataclass(frozen=True)
class Supply:
    """A product as a reservation sees it, read while its row is locked, so ``remaining`` is exact."""

    product_id: str
    vendor_id: str
    listed: bool
    fulfilment: str
    min_order_quantity: int
    remaining: int
    """Units in stock, or units of the order day's capacity not yet taken."""
    name: str
    unit: str
    price: int


@dataclass(frozen=True)
class LineFailure:
    product_id: str
    requested: int
    available: int
    reason: FailureReason

    def as_event_line(self) -> dict[str, Any]:
        return {
            "product_id": self.product_id,
            "requested": self.requested,
            "available": self.available,
            "reason": self.reason.value,
        }


@dataclass(frozen=True)
class ReservedLine:
    product_id: str
    quantity: int
    unit_price: int
    unit: str
    name: str
    fulfilment: str
    """Which supply the units came from, so a release gives them back to the same one."""

    def as_event_line(self) -> dict[str, Any]:
        return {
            "product_id": self.product_id,
            "quantity": self.quantity,
            "unit_price": self.unit_price,
            "unit": self.unit,
            "name": self.name,
        }

    @property
    def takes_capacity(self) -> bool:
        return self.fulfilment == Fulfilment.MADE_TO_ORDER


@dataclass(frozen=True)
class Reservation:
    """What the catalog answered to one order: the lines it reserved, or the lines that failed."""

    order_id: str
    state: ReservationState
    created_at: datetime
    updated_at: datetime
    reserved: tuple[ReservedLine, ...] = ()
    failures: tuple[LineFailure, ...] = ()
    total: int | None = None
    vendor_id: str | None = None
    work_unit: str | None = None
    order_day: date | None = None
    order_revision: int = 0
    """The order's revision these lines answer: 0 as submitted, then each ``order.amended`` applied."""

    def line_records(self) -> list[dict[str, Any]]:
        """The lines as stored and audited: the failing lines of a failed reservation (as the event
        tells them), the reserved ones (with where their units came from) otherwise."""
        if self.state == ReservationState.FAILED:
            return [failure.as_event_line() for failure in self.failures]
        return [asdict(line) for line in self.reserved]

    def record(self) -> dict[str, Any]:
        """The reservation as the audit trail keeps it."""
        return {"state": self.state, "lines": self.line_records(), "total": self.total}


@dataclass(frozen=True)
class LockedSupply:
    """A product locked for a reservation, with what the order day's capacity has already taken."""

    product: Product
    booked_that_day: int | None

    def supply(self) -> Supply:
        product, details = self.product, self.product.details
        return Supply(
            product_id=product.id,
            vendor_id=product.vendor_id,
            listed=product.listed,
            fulfilment=details.fulfilment,
            min_order_quantity=details.min_order_quantity,
            remaining=remaining_supply(details.fulfilment, details.stock, details.daily_capacity, self.booked_that_day),
            name=details.name,
            unit=details.unit,
            price=details.price,
        )


def order_day(submitted_at: datetime, zone: tzinfo = JAKARTA) -> date:
    """The local calendar day of the submission; provinces on WITA or WIT set their own zone."""
    if submitted_at.tzinfo is None:
        raise ValueError("submitted_at must carry its UTC offset")
    return submitted_at.astimezone(zone).date()


def remaining_supply(
    fulfilment: str, stock: int | None, daily_capacity: int | None, booked_that_day: int | None
) -> int:
    """Units a reservation can still take: the stock, or what the order day's capacity has left."""
    if fulfilment == Fulfilment.MADE_TO_ORDER:
        return (daily_capacity or 0) - (booked_that_day or 0)
    return stock or 0


def merge_lines(lines: Iterable[RequestedLine]) -> list[RequestedLine]:
    """One line per product (quantities added), in product-id order: rows are always locked in the
    same order, so two orders sharing products cannot deadlock."""
    quantities: dict[str, int] = {}
    for line in lines:
        quantities[line.product_id] = quantities.get(line.product_id, 0) + line.quantity
    return [RequestedLine(product_id, quantity) for product_id, quantity in sorted(quantities.items())]


def check_lines(vendor_id: str, lines: Iterable[RequestedLine], supplies: Mapping[str, Supply]) -> list[LineFailure]:
    """Every line that cannot be reserved, with the first reason that applies to it."""
    failures = []
    for line in lines:
        supply = supplies.get(line.product_id)
        reason = _failure_reason(vendor_id, line, supply)
        if reason is None:
            continue
        # Only an orderable product has units to offer; a capacity lowered below what the day
        # already took leaves none, not a negative number.
        orderable = supply is not None and reason in _ORDERABLE_FAILURES
        available = max(supply.remaining, 0) if orderable and supply is not None else 0
        failures.append(LineFailure(line.product_id, line.quantity, available, reason))
    return failures


_ORDERABLE_FAILURES = (FailureReason.INSUFFICIENT_STOCK, FailureReason.BELOW_MINIMUM_ORDER)


def _failure_reason(vendor_id: str, line: RequestedLine, supply: Supply | None) -> FailureReason | None:
    if supply is None:
        return FailureReason.UNKNOWN_PRODUCT
    if supply.vendor_id != vendor_id:
        return FailureReason.WRONG_VENDOR
    if not supply.listed:
        return FailureReason.NOT_AVAILABLE
    if line.quantity < supply.min_order_quantity:
        return FailureReason.BELOW_MINIMUM_ORDER
    if line.quantity > supply.remaining:
        return FailureReason.INSUFFICIENT_STOCK
    return None


def reserved_lines(lines: Iterable[RequestedLine], supplies: Mapping[str, Supply]) -> list[ReservedLine]:
    """The lines as reserved, at the approved price and name of this moment."""
    return [
        ReservedLine(
            product_id=line.product_id,
            quantity=line.quantity,
            unit_price=supplies[line.product_id].price,
            unit=supplies[line.product_id].unit,
            name=supplies[line.product_id].name,
            fulfilment=supplies[line.product_id].fulfilment,
        )
        for line in lines
    ]


def order_total(lines: Iterable[ReservedLine]) -> int:
    return sum(line.quantity * line.unit_price for line in lines)


class SubmissionPlan(Enum):
    RESERVE = "reserve"
    REPEAT_ANSWER = "repeat_answer"
    """The order was answered before: the same answer again, never a second reservation."""
    IGNORE = "ignore"
    """The order already ended (its release arrived first): nothing to reserve for it."""


class ReleasePlan(Enum):
    GIVE_BACK = "give_back"
    FORESTALL = "forestall"
    """Nothing was reserved yet: remember the order ended, so that a late submission reserves nothing."""
    NOTHING = "nothing"
    REFUSE = "refuse"
    """The goods were received: what was delivered cannot be given back."""


class AmendmentPlan(Enum):
    RESERVE = "reserve"
    """Nothing is known of the order yet (the amendment overtook its submission): reserve as a submission."""
    SWAP = "swap"
    """Give back what the order holds and reserve the amended lines instead, in one transaction."""
    IGNORE = "ignore"
    """Stale or repeated, or the order can no longer change: nothing new to do or to answer."""


class CommitPlan(Enum):
    COMMIT = "commit"
    ALREADY_COMMITTED = "already_committed"
    NOTHING_RESERVED = "nothing_reserved"


def plan_submission(state: str | None) -> SubmissionPlan:
    if state is None:
        return SubmissionPlan.RESERVE
    if state == ReservationState.RELEASED:
        return SubmissionPlan.IGNORE
    return SubmissionPlan.REPEAT_ANSWER


def plan_release(state: str | None) -> ReleasePlan:
    if state is None:
        return ReleasePlan.FORESTALL
    if state == ReservationState.RESERVED:
        return ReleasePlan.GIVE_BACK
    if state == ReservationState.COMMITTED:
        return ReleasePlan.REFUSE
    return ReleasePlan.NOTHING


def plan_amendment(state: str | None, applied_revision: int, revision: int) -> AmendmentPlan:
    """Only a reservation that holds stock is swapped, and only for a newer revision than the one it
    answers. A released or committed one belongs to an order that ended or was received. A failed one
    belongs to an order that ends as well: orders rejects an order on any stock.reservation_failed
    while it waits for the catalog, however it was amended meanwhile, so reserving for it now would
    only take stock that its rejection, perhaps already handled, has to give back."""
    if state is None:
        return AmendmentPlan.RESERVE
    if state != ReservationState.RESERVED or revision <= applied_revision:
        return AmendmentPlan.IGNORE
    return AmendmentPlan.SWAP


def plan_commit(state: str | None) -> CommitPlan:
    if state == ReservationState.RESERVED:
        return CommitPlan.COMMIT
    if state == ReservationState.COMMITTED:
        return CommitPlan.ALREADY_COMMITTED
    return CommitPlan.NOTHING_RESERVED
