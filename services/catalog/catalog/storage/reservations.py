"""One reservation record per order: its state, what it reserved (or why it failed) and the total."""
from __future__ import annotations

from typing import Any

from sqlalchemy import Row, insert, select, update
from sqlalchemy.orm import Session

from catalog.domain.reservations import FailureReason, LineFailure, Reservation, ReservationState, ReservedLine
from catalog.storage.tables import reservations


class ReservationRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, order_id: str, *, lock: bool = False) -> Reservation | None:
        statement = select(reservations).where(reservations.c.order_id == order_id)
        if lock:
            statement = statement.with_for_update()
        row = self.session.execute(statement).first()
        return None if row is None else _reservation_from(row)

    def add(self, reservation: Reservation) -> None:
        """The order id is the primary key: a second reservation for one order cannot be committed."""
        self.session.execute(
            insert(reservations).values(
                order_id=reservation.order_id,
                vendor_id=reservation.vendor_id,
                work_unit=reservation.work_unit,
                created_at=reservation.created_at,
                **_changing_columns(reservation),
            )
        )

    def replace(self, reservation: Reservation) -> None:
        self.session.execute(
            update(reservations)
            .where(reservations.c.order_id == reservation.order_id)
            .values(**_changing_columns(reservation))
        )


def _changing_columns(reservation: Reservation) -> dict[str, Any]:
    return {
        "state": reservation.state.value,
        "lines": reservation.line_records(),
        "total": reservation.total,
        "order_day": reservation.order_day,
        "order_revision": reservation.order_revision,
        "updated_at": reservation.updated_at,
    }


def _reservation_from(row: Row[Any]) -> Reservation:
    state = ReservationState(row.state)
    lines: dict[str, Any] = {}
    if state == ReservationState.FAILED:
        lines["failures"] = tuple(
            LineFailure(line["product_id"], line["requested"], line["available"], FailureReason(line["reason"]))
            for line in row.lines
        )
    else:
        lines["reserved"] = tuple(ReservedLine(**line) for line in row.lines)
    return Reservation(
        order_id=row.order_id,
        state=state,
        created_at=row.created_at,
        updated_at=row.updated_at,
        total=row.total,
        vendor_id=row.vendor_id,
        work_unit=row.work_unit,
        order_day=row.order_day,
        order_revision=row.order_revision,
        **lines,
    )
