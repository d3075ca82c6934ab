"""Reserving, swapping (on amendment), releasing and committing an order's stock, driven by order.* events.

Each use case locks what it changes (the reservation record, then the products in id order), decides
with catalog.domain.reservations and answers with a stock.* event. The same use cases serve the
event handlers and the concurrency tests.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, tzinfo
from typing import Any, Mapping

import structlog
from eorder_contracts.events import STOCK_COMMITTED, STOCK_RELEASED, STOCK_RESERVATION_FAILED, STOCK_RESERVED

from servicekit.actors import Actor
from servicekit.storage import utcnow

from catalog.application.listing import announce_change
from catalog.application.queries import Catalog
from catalog.application.records import face_of
from catalog.domain.products import Product, has_supply
from catalog.domain.reservations import (
    AmendmentPlan,
    CommitPlan,
    LockedSupply,
    ReleasePlan,
    RequestedLine,
    Reservation,
    ReservationState,
    ReservedLine,
    SubmissionPlan,
    check_lines,
    merge_lines,
    order_day,
    order_total,
    plan_amendment,
    plan_commit,
    plan_release,
    plan_submission,
    reserved_lines,
)
from catalog.settings import CatalogSettings
from catalog.storage.unit_of_work import CatalogUnitOfWork

log = structlog.get_logger(__name__)

ACTOR = Actor.system("order-events")
ENTITY = "reservation"


@dataclass(frozen=True)
class OrderSubmission:
    """Lines to reserve for an order: as submitted (revision 0), or as amended (its revision)."""

    order_id: str
    work_unit: str
    vendor_id: str
    lines: tuple[RequestedLine, ...]
    submitted_at: datetime
    """When these lines were placed (for an amendment, when it was made): its order day counts."""
    revision: int = 0

    @classmethod
    def from_event(cls, data: Mapping[str, Any]) -> "OrderSubmission":
        """Raises ValueError for data that cannot be a submission (e.g. a time without its offset)."""
        return cls._read(data, data["submitted_at"], revision=0)

    @classmethod
    def from_amendment(cls, data: Mapping[str, Any]) -> "OrderSubmission":
        """order.amended: the lines to reserve instead of the previous ones; raises as from_event."""
        return cls._read(data, data["amended_at"], revision=int(data["revision"]))

    @classmethod
    def _read(cls, data: Mapping[str, Any], placed_at: Any, *, revision: int) -> "OrderSubmission":
        submitted_at = datetime.fromisoformat(str(placed_at))
        order_day(submitted_at)  # refuses a naive time now rather than halfway through reserving
        return cls(
            order_id=str(data["order_id"]),
            work_unit=str(data["work_unit"]),
            vendor_id=str(data["vendor_id"]),
            lines=tuple(RequestedLine(str(line["product_id"]), int(line["quantity"])) for line in data["lines"]),
            submitted_at=submitted_at,
            revision=revision,
        )


def _order_day_zone(uow: CatalogUnitOfWork) -> tzinfo:
    settings = CatalogSettings.from_settings(uow.settings) if uow.settings is not None else CatalogSettings()
    return settings.order_day_zone


def reserve_for_order(uows: Catalog, order: OrderSubmission) -> None:
    """Reserve every line of the order or none, and say which; an order is answered only once."""
    with uows() as uow:
        existing = uow.reservations.get(order.order_id, lock=True)
        plan = plan_submission(existing.state if existing is not None else None)
        if plan is SubmissionPlan.IGNORE:
            log.info("not reserving for an order that already ended", order_id=order.order_id)
            return
        if plan is SubmissionPlan.REPEAT_ANSWER:
            assert existing is not None
            _publish_answer(uow, existing)
            uow.commit()
            return
        _reserve_first(uow, order)
        uow.commit()


def amend_for_order(uows: Catalog, order: OrderSubmission) -> None:
    """order.amended: give back what the order holds and reserve the amended lines instead (all or
    none), answering for the new lines. A stale or repeated amendment, or one for an order that
    failed, ended or was received, changes nothing and answers nothing (plan_amendment)."""
    with uows() as uow:
        existing = uow.reservations.get(order.order_id, lock=True)
        state = existing.state if existing is not None else None
        applied = existing.order_revision if existing is not None else 0
        plan = plan_amendment(state, applied, order.revision)
        if plan is AmendmentPlan.IGNORE:
            log.info(
                "amendment ignored", order_id=order.order_id, revision=order.revision, state=state, applied=applied
            )
            return
        if plan is AmendmentPlan.RESERVE:
            _reserve_first(uow, order)
            uow.commit()
            return
        assert existing is not None
        now = utcnow()
        held = existing.reserved
        # Every product either side touches, locked once in id order, so that orders sharing products
        # queue instead of deadlocking; the amended lines are read again after the give-back.
        touched = {line.product_id for line in held} | {line.product_id for line in order.lines}
        locked = uow.supply.lock_for_reservation(sorted(touched), existing.order_day)
        for line in sorted(held, key=lambda line: line.product_id):
            _give_back(uow, line, locked.get(line.product_id), existing.order_day, now)
        answered = replace(_reserve(uow, order, now), created_at=existing.created_at)
        uow.reservations.replace(answered)
        _publish_answer(uow, answered)
        uow.audit(
            ACTOR,
            "reservation.amended",
            ENTITY,
            order.order_id,
            before=existing.record(),
            after=answered.record(),
            reason=f"order.amended revision {order.revision}",
        )
        uow.commit()


def _reserve_first(uow: CatalogUnitOfWork, order: OrderSubmission) -> None:
    """The order's first reservation: stored, answered and audited."""
    answered = _reserve(uow, order, utcnow())
    uow.reservations.add(answered)
    _publish_answer(uow, answered)
    uow.audit(ACTOR, f"reservation.{answered.state}", ENTITY, order.order_id, after=answered.record())


def _reserve(uow: CatalogUnitOfWork, order: OrderSubmission, now: datetime) -> Reservation:
    """Take every line on the order day or none; answers the reservation to store, reserved or failed."""
    day = order_day(order.submitted_at, _order_day_zone(uow))
    lines = merge_lines(order.lines)
    locked = uow.supply.lock_for_reservation([line.product_id for line in lines], day)
    supplies = {product_id: record.supply() for product_id, record in locked.items()}
    failures = check_lines(order.vendor_id, lines, supplies)
    answered = Reservation(
        order_id=order.order_id,
        state=ReservationState.FAILED,
        created_at=now,
        updated_at=now,
        failures=tuple(failures),
        vendor_id=order.vendor_id,
        work_unit=order.work_unit,
        order_day=day,
        order_revision=order.revision,
    )
    if failures:
        return answered
    reserved = reserved_lines(lines, supplies)
    for line in reserved:
        _take(uow, line, locked[line.product_id], day, now)
    return replace(answered, state=ReservationState.RESERVED, reserved=tuple(reserved), total=order_total(reserved))


def release_for_order(uows: Catalog, order_id: str, cause: str) -> None:
    """Give back what the order reserved; a no-op if it reserved nothing, refused once received."""
    with uows() as uow:
        existing = uow.reservations.get(order_id, lock=True)
        plan = plan_release(existing.state if existing is not None else None)
        if plan is ReleasePlan.REFUSE:
            log.warning("refusing to release a received order's stock", order_id=order_id, cause=cause)
            return
        if plan is ReleasePlan.NOTHING:
            assert existing is not None
            log.info("nothing reserved to release", order_id=order_id, state=existing.state, cause=cause)
            return
        now = utcnow()
        if plan is ReleasePlan.FORESTALL:
            log.info(
                "order ended before its stock was reserved; a late submission will reserve nothing", order_id=order_id
            )
            uow.reservations.add(Reservation(order_id, ReservationState.RELEASED, created_at=now, updated_at=now))
            uow.audit(
                ACTOR, "reservation.forestalled", ENTITY, order_id, after={"state": ReservationState.RELEASED}, reason=cause
            )
            uow.commit()
            return
        assert existing is not None
        lines = existing.reserved
        locked = uow.supply.lock_for_reservation([line.product_id for line in lines], existing.order_day)
        for line in sorted(lines, key=lambda line: line.product_id):
            _give_back(uow, line, locked.get(line.product_id), existing.order_day, now)
        uow.reservations.replace(replace(existing, state=ReservationState.RELEASED, updated_at=now))
        released = [{"product_id": line.product_id, "quantity": line.quantity} for line in lines]
        uow.publish(STOCK_RELEASED, order_id, {"order_id": order_id, "lines": released})
        uow.audit(
            ACTOR,
            "reservation.released",
            ENTITY,
            order_id,
            before=existing.record(),
            after={"state": ReservationState.RELEASED},
            reason=cause,
        )
        uow.commit()


def commit_for_order(uows: Catalog, order_id: str) -> None:
    """The goods were received: the reservation is spent for good."""
    with uows() as uow:
        existing = uow.reservations.get(order_id, lock=True)
        plan = plan_commit(existing.state if existing is not None else None)
        if plan is CommitPlan.ALREADY_COMMITTED:
            return
        if plan is CommitPlan.NOTHING_RESERVED:
            state = existing.state if existing is not None else None
            log.warning("an order was received without a reservation to commit", order_id=order_id, state=state)
            return
        assert existing is not None
        uow.reservations.replace(replace(existing, state=ReservationState.COMMITTED, updated_at=utcnow()))
        uow.publish(STOCK_COMMITTED, order_id, {"order_id": order_id})
        uow.audit(
            ACTOR,
            "reservation.committed",
            ENTITY,
            order_id,
            before={"state": existing.state},
            after={"state": ReservationState.COMMITTED},
        )
        uow.commit()


def _take(uow: CatalogUnitOfWork, line: ReservedLine, locked: LockedSupply, day: date, now: datetime) -> None:
    if line.takes_capacity:
        uow.supply.book_capacity(line.product_id, day, line.quantity, booked_before=locked.booked_that_day)
        return
    left = uow.supply.take_stock(line.product_id, line.quantity, at=now)
    _follow_supply(uow, locked.product, left)


def _give_back(
    uow: CatalogUnitOfWork, line: ReservedLine, locked: LockedSupply | None, day: date | None, now: datetime
) -> None:
    if locked is None:
        log.error("a reserved product is gone; nothing to give back to", product_id=line.product_id)
        return
    if line.takes_capacity and day is not None:
        uow.supply.release_capacity(line.product_id, day, line.quantity)
        return
    left = uow.supply.give_back_stock(line.product_id, line.quantity, at=now)
    if left is None:
        log.warning("a product no longer kept in stock got its units back as nothing", product_id=line.product_id)
        return
    _follow_supply(uow, locked.product, left)


def _follow_supply(uow: CatalogUnitOfWork, product: Product, stock_left: int) -> None:
    """Keep has_supply true to the stock, and tell others when the product became (un)available."""
    details = product.details
    now_has_supply = has_supply(details.fulfilment, stock_left, details.daily_capacity, details.min_order_quantity)
    if now_has_supply != product.has_supply:
        uow.supply.set_has_supply(product.id, now_has_supply)
        announce_change(uow, product.id, face_of(product))


def _publish_answer(uow: CatalogUnitOfWork, reservation: Reservation) -> None:
    """stock.reserved or stock.reservation_failed, built only from the reservation (the one just
    stored, or the one read back for a repeated submission), so that a repeat gets exactly the first
    answer."""
    order_id = reservation.order_id
    if reservation.state == ReservationState.FAILED:
        lines = [failure.as_event_line() for failure in reservation.failures]
        uow.publish(STOCK_RESERVATION_FAILED, order_id, {"order_id": order_id, "lines": lines})
        return
    reserved = [line.as_event_line() for line in reservation.reserved]
    uow.publish(STOCK_RESERVED, order_id, {"order_id": order_id, "lines": reserved, "total": reservation.total})
