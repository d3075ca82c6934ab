"""Reading and writing orders, their revisions and the time they spend in each state."""
from __future__ import annotations

from datetime import datetime
from typing import Any, Iterable, Sequence, cast

from sqlalchemy import ColumnElement, CursorResult, func, insert, or_, select, update
from sqlalchemy.orm import Session

from servicekit.storage.paging import Page, SortKey, keyset_page

from orders.domain.errors import ConcurrentChange, OrderNotFound
from orders.domain.lifecycle import COUNTED_AGAINST_CEILING, State
from orders.domain.order import Order
from orders.domain.submission import CountedOrder
from orders.storage.order_rows import order_from, row_values
from orders.storage.tables import order_revisions, orders, packages, state_stays

NEWEST_FIRST = (SortKey(orders.c.created_at, descending=True), SortKey(orders.c.id, descending=True))


class OrderRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, order_id: str, *, lock: bool = False) -> Order | None:
        statement = select(orders).where(orders.c.id == order_id)
        if lock:
            statement = statement.with_for_update()
        row = self.session.execute(statement).first()
        return None if row is None else order_from(row._mapping)

    def require(self, order_id: str, *, lock: bool = False) -> Order:
        order = self.get(order_id, lock=lock)
        if order is None:
            raise OrderNotFound()
        return order

    def add(self, order: Order) -> None:
        self.session.execute(insert(orders).values(**row_values(order)))
        self._enter(order.id, order.state, order.updated_at)

    def replace(self, order: Order, *, previous: Order) -> None:
        """Store a changed order if nobody changed it since ``previous`` was read (same version)."""
        statement = (
            update(orders)
            .where(orders.c.id == order.id, orders.c.version == previous.version)
            .values(**row_values(order))
        )
        if cast(CursorResult[Any], self.session.execute(statement)).rowcount != 1:
            raise ConcurrentChange()
        if order.state != previous.state:
            self.session.execute(
                update(state_stays)
                .where(state_stays.c.order_id == order.id, state_stays.c.left_at.is_(None))
                .values(left_at=order.updated_at)
            )
            self._enter(order.id, order.state, order.updated_at)

    def _enter(self, order_id: str, state: State, at: datetime) -> None:
        self.session.execute(insert(state_stays).values(order_id=order_id, state=state.value, entered_at=at, left_at=None))

    def record_revision(self, order_id: str, *, actor: str, action: str, at: datetime, patch: list[dict[str, Any]]) -> None:
        number = self.session.execute(
            select(func.coalesce(func.max(order_revisions.c.number), 0)).where(order_revisions.c.order_id == order_id)
        ).scalar_one()
        self.session.execute(
            insert(order_revisions).values(order_id=order_id, number=number + 1, actor=actor, action=action, at=at, patch=patch)
        )

    def revisions(self, order_id: str) -> list[dict[str, Any]]:
        rows = self.session.execute(
            select(order_revisions).where(order_revisions.c.order_id == order_id).order_by(order_revisions.c.number)
        )
        return [dict(row._mapping) for row in rows]

    def counted_for_splitting(self, work_unit: str, vendor_id: str, since: datetime, *, other_than: str) -> list[CountedOrder]:
        rows = self.session.execute(
            select(orders.c.id, orders.c.total)
            .where(
                orders.c.work_unit == work_unit,
                orders.c.vendor_id == vendor_id,
                orders.c.submitted_at >= since,
                orders.c.state.in_([s.value for s in COUNTED_AGAINST_CEILING]),
                orders.c.id != other_than,
            )
            .order_by(orders.c.submitted_at, orders.c.id)
        )
        return [CountedOrder(row.id, row.total) for row in rows]

    def search(self, scope: "OrderScope", *, state: str | None, limit: int, cursor: str | None) -> Page[Order]:
        statement = select(orders).where(*scope.conditions())
        if state is not None:
            statement = statement.where(orders.c.state == state)
        page = keyset_page(self.session, statement, NEWEST_FIRST, limit=limit, cursor=cursor, sort_name="newest", scalars=False)
        return Page(items=[order_from(row._mapping) for row in page.items], next=page.next)

    def claim_overdue(self, states: Sequence[State], now: datetime, *, limit: int = 100) -> list[Order]:
        """Orders in these states past their deadline, locked for this sweep (SKIP LOCKED: another
        worker copy takes the others); the state is re-checked in the claim itself."""
        statement = (
            select(orders)
            .where(orders.c.state.in_([s.value for s in states]), orders.c.deadline_at < now, orders.c.missed_deadline.is_(None))
            .order_by(orders.c.deadline_at)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        return [order_from(row._mapping) for row in self.session.execute(statement)]

    def claim_due_for_reminder(self, states: Sequence[State], before: datetime, *, limit: int = 100) -> list[Order]:
        statement = (
            select(orders)
            .where(
                orders.c.state.in_([s.value for s in states]),
                orders.c.deadline_at <= before,
                orders.c.missed_deadline.is_(None),
                or_(orders.c.reminded_for.is_(None), orders.c.reminded_for != orders.c.deadline_kind),
            )
            .order_by(orders.c.deadline_at)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        return [order_from(row._mapping) for row in self.session.execute(statement)]

    # -- figures ---------------------------------------------------------------------------------
    def totals_by_state(self) -> dict[str, tuple[int, int]]:
        rows = self.session.execute(select(orders.c.state, func.count(), func.coalesce(func.sum(orders.c.total), 0)).group_by(orders.c.state))
        return {row[0]: (int(row[1]), int(row[2])) for row in rows}

    def seconds_in_states(self) -> dict[str, tuple[int, float]]:
        """Closed stays per state: how many, and their summed length in seconds."""
        rows = self.session.execute(
            select(state_stays.c.state, state_stays.c.entered_at, state_stays.c.left_at).where(state_stays.c.left_at.is_not(None))
        )
        figures: dict[str, tuple[int, float]] = {}
        for state, entered, left in rows:
            count, seconds = figures.get(state, (0, 0.0))
            figures[state] = (count + 1, seconds + (left - entered).total_seconds())
        return figures

    def missed_deadlines(self) -> dict[str, int]:
        rows = self.session.execute(
            select(orders.c.missed_deadline, func.count()).where(orders.c.missed_deadline.is_not(None)).group_by(orders.c.missed_deadline)
        )
        return {row[0]: int(row[1]) for row in rows}

    def past_deadline(self, states: Iterable[State], now: datetime) -> dict[str, int]:
        rows = self.session.execute(
            select(orders.c.state, func.count())
            .where(orders.c.state.in_([s.value for s in states]), orders.c.deadline_at < now)
            .group_by(orders.c.state)
        )
        return {row[0]: int(row[1]) for row in rows}

    def any_exist(self) -> bool:
        return self.session.execute(select(orders.c.id).limit(1)).first() is not None


class OrderScope:
    """Which orders a caller may list: everything, or limited by work unit, vendor or commitment officer."""

    def __init__(
        self,
        *,
        work_unit: str | None = None,
        vendor_id: str | None = None,
        commitment_officer: str | None = None,
        hide_drafts: bool = False,
    ) -> None:
        self.work_unit, self.vendor_id, self.commitment_officer, self.hide_drafts = work_unit, vendor_id, commitment_officer, hide_drafts

    def conditions(self) -> list[ColumnElement[bool]]:
        conditions: list[ColumnElement[bool]] = []
        if self.work_unit is not None:
            conditions.append(orders.c.work_unit == self.work_unit)
        if self.vendor_id is not None:
            conditions.append(orders.c.vendor_id == self.vendor_id)
        if self.commitment_officer is not None:
            mine = select(packages.c.id).where(packages.c.commitment_officer == self.commitment_officer)
            conditions.append(orders.c.package_id.in_(mine))
        if self.hide_drafts:
            conditions.append(orders.c.state != State.DRAFT.value)
        return conditions


