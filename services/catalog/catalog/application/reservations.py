"""Reserving, releasing and committing an order's stock, driven by order.* events.

Each step locks what it changes (the reservation record, then the products in id order), decides
with catalog.domain.reservations and answers with a stock.* event. The same functions serve the
event handlers and the concurrency tests.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, datetime, tzinfo
from typing import Any, Mapping

import structlog
from eorder_contracts.events import STOCK_COMMITTED, STOCK_RELEASED, STOCK_RESERVATION_FAILED, STOCK_RESERVED

from servicekit.storage import UnitOfWork, utcnow
from servicekit.actors import Actor

from catalog.application.listing import announce_change
from catalog.application.records import face_of
from catalog.domain.products import has_supply
from catalog.domain.reservations import (
    CommitPlan,
    ReleasePlan,
    RequestedLine,
    ReservationState,
    ReservedLine,
    SubmissionPlan,
    Supply,
    check_lines,
    merge_lines,
    order_day,
    order_total,
    plan_commit,
    plan_release,
    plan_submission,
    remaining_supply,
    reserved_lines,
)
from catalog.settings import CatalogSettings
from catalog.storage import reservations, supply

log = structlog.get_logger(__name__)

ACTOR = Actor.system("order-events")
ENTITY = "reservation"


@dataclass(frozen=True)
class OrderSubmission:
    order_id: str
    work_unit: str
    vendor_id: str
    lines: tuple[RequestedLine, ...]
    submitted_at: datetime

    @classmethod
    def from_event(cls, data: Mapping[str, Any]) -> "OrderSubmission":
        """Raises ValueError for data that cannot be a submission (e.g. a time without its offset)."""
        submitted_at = datetime.fromisoformat(str(data["submitted_at"]))
        order_day(submitted_at)  # refuses a naive time now rather than halfway through reserving
        return cls(
            order_id=str(data["order_id"]),
            work_unit=str(data["work_unit"]),
            vendor_id=str(data["vendor_id"]),
            lines=tuple(RequestedLine(str(line["product_id"]), int(line["quantity"])) for line in data["lines"]),
            submitted_at=submitted_at,
        )


def _order_day_zone(uow: UnitOfWork) -> tzinfo:
    settings = CatalogSettings.from_settings(uow.settings) if uow.settings is not None else CatalogSettings()
    return settings.order_day_zone


def reserve_for_order(uow: UnitOfWork, order: OrderSubmission) -> None:
    """Reserve every line of the order or none, and say which; an order is answered only once."""
    existing = reservations.get(uow.session, order.order_id, lock=True)
    plan = plan_submission(existing.state if existing is not None else None)
    if plan is SubmissionPlan.IGNORE:
        log.info("not reserving for an order that already ended", order_id=order.order_id)
        return
    if plan is SubmissionPlan.REPEAT_ANSWER:
        _publish_answer(uow, existing._mapping)
        return
    day = order_day(order.submitted_at, _order_day_zone(uow))
    lines = merge_lines(order.lines)
    rows = supply.lock_for_reservation(uow.session, [line.product_id for line in lines], day)
    supplies = {product_id: _supply_of(row) for product_id, row in rows.items()}
    failures = check_lines(order.vendor_id, lines, supplies)
    now = utcnow()
    record: dict[str, Any] = {
        "order_id": order.order_id,
        "vendor_id": order.vendor_id,
        "work_unit": order.work_unit,
        "order_day": day,
        "created_at": now,
        "updated_at": now,
    }
    if failures:
        record.update(state=ReservationState.FAILED, lines=[f.as_event_line() for f in failures], total=None)
    else:
        reserved = reserved_lines(lines, supplies)
        for line in reserved:
            _take(uow, line, rows[line.product_id], day, now)
        record.update(
            state=ReservationState.RESERVED, lines=[asdict(line) for line in reserved], total=order_total(reserved)
        )
    reservations.insert_reservation(uow.session, record)
    _publish_answer(uow, record)
    uow.audit(ACTOR, f"reservation.{record['state']}", ENTITY, order.order_id, after=_snapshot(record))


def release_for_order(uow: UnitOfWork, order_id: str, cause: str) -> None:
    """Give back what the order reserved; a no-op if it reserved nothing, refused once received."""
    existing = reservations.get(uow.session, order_id, lock=True)
    plan = plan_release(existing.state if existing is not None else None)
    if plan is ReleasePlan.REFUSE:
        log.warning("refusing to release a received order's stock", order_id=order_id, cause=cause)
        return
    if plan is ReleasePlan.NOTHING:
        log.info("nothing reserved to release", order_id=order_id, state=existing.state, cause=cause)
        return
    now = utcnow()
    if plan is ReleasePlan.FORESTALL:
        log.info("order ended before its stock was reserved; a late submission will reserve nothing", order_id=order_id)
        record = {
            "order_id": order_id,
            "state": ReservationState.RELEASED,
            "lines": [],
            "created_at": now,
            "updated_at": now,
        }
        reservations.insert_reservation(uow.session, record)
        uow.audit(
            ACTOR, "reservation.forestalled", ENTITY, order_id, after={"state": ReservationState.RELEASED}, reason=cause
        )
        return
    lines = [ReservedLine(**line) for line in existing.lines]
    rows = supply.lock_for_reservation(uow.session, [line.product_id for line in lines], existing.order_day)
    for line in sorted(lines, key=lambda line: line.product_id):
        _give_back(uow, line, rows.get(line.product_id), existing.order_day, now)
    reservations.update_reservation(uow.session, order_id, {"state": ReservationState.RELEASED, "updated_at": now})
    released = [{"product_id": line.product_id, "quantity": line.quantity} for line in lines]
    uow.publish(STOCK_RELEASED, order_id, {"order_id": order_id, "lines": released})
    uow.audit(
        ACTOR,
        "reservation.released",
        ENTITY,
        order_id,
        before=_snapshot(existing._mapping),
        after={"state": ReservationState.RELEASED},
        reason=cause,
    )


def commit_for_order(uow: UnitOfWork, order_id: str) -> None:
    """The goods were received: the reservation is spent for good."""
    existing = reservations.get(uow.session, order_id, lock=True)
    plan = plan_commit(existing.state if existing is not None else None)
    if plan is CommitPlan.ALREADY_COMMITTED:
        return
    if plan is CommitPlan.NOTHING_RESERVED:
        state = existing.state if existing is not None else None
        log.warning("an order was received without a reservation to commit", order_id=order_id, state=state)
        return
    reservations.update_reservation(
        uow.session, order_id, {"state": ReservationState.COMMITTED, "updated_at": utcnow()}
    )
    uow.publish(STOCK_COMMITTED, order_id, {"order_id": order_id})
    uow.audit(
        ACTOR,
        "reservation.committed",
        ENTITY,
        order_id,
        before={"state": existing.state},
        after={"state": ReservationState.COMMITTED},
    )


def _supply_of(row: Any) -> Supply:
    return Supply(
        product_id=row.id,
        vendor_id=row.vendor_id,
        listed=bool(row.listed),
        fulfilment=row.fulfilment,
        min_order_quantity=row.min_order_quantity,
        remaining=remaining_supply(row.fulfilment, row.stock, row.daily_capacity, row.booked),
        name=row.name,
        unit=row.unit,
        price=row.price,
    )


def _take(uow: UnitOfWork, line: ReservedLine, row: Any, day: date, now: datetime) -> None:
    if line.takes_capacity:
        supply.book_capacity(uow.session, line.product_id, day, line.quantity, booked_before=row.booked)
        return
    left = supply.take_stock(uow.session, line.product_id, line.quantity, at=now)
    _follow_supply(uow, row, left)


def _give_back(uow: UnitOfWork, line: ReservedLine, row: Any | None, day: date | None, now: datetime) -> None:
    if row is None:
        log.error("a reserved product is gone; nothing to give back to", product_id=line.product_id)
        return
    if line.takes_capacity and day is not None:
        supply.release_capacity(uow.session, line.product_id, day, line.quantity)
        return
    left = supply.give_back_stock(uow.session, line.product_id, line.quantity, at=now)
    if left is None:
        log.warning("a product no longer kept in stock got its units back as nothing", product_id=line.product_id)
        return
    _follow_supply(uow, row, left)


def _follow_supply(uow: UnitOfWork, row: Any, stock_left: int) -> None:
    """Keep has_supply true to the stock, and tell others when the product became (un)available."""
    now_has_supply = has_supply(row.fulfilment, stock_left, row.daily_capacity, row.min_order_quantity)
    if now_has_supply != bool(row.has_supply):
        supply.set_has_supply(uow.session, row.id, now_has_supply)
        announce_change(uow, row.id, face_of(row))


def _publish_answer(uow: UnitOfWork, record: Mapping[str, Any]) -> None:
    """stock.reserved or stock.reservation_failed, built only from the reservation record (the one
    just stored, or the one read back for a repeated submission), so that a repeat gets exactly the
    first answer."""
    order_id, lines = record["order_id"], record["lines"]
    if record["state"] == ReservationState.FAILED:
        uow.publish(STOCK_RESERVATION_FAILED, order_id, {"order_id": order_id, "lines": lines})
        return
    reserved = [ReservedLine(**line).as_event_line() for line in lines]
    uow.publish(STOCK_RESERVED, order_id, {"order_id": order_id, "lines": reserved, "total": record["total"]})


def _snapshot(record: Mapping[str, Any]) -> dict[str, Any]:
    return {"state": record["state"], "lines": record["lines"], "total": record["total"]}
