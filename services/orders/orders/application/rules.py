"""What the use cases need of the deployment: its order policy, its working calendar, and where the
public verifies documents."""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Protocol

from servicekit.storage import UnitOfWorkFactory

from orders.domain.lifecycle import State
from orders.domain.order import Order
from orders.domain.policy import OrderPolicy
from orders.storage.unit_of_work import OrdersUnitOfWork

Orders = UnitOfWorkFactory[OrdersUnitOfWork]


class Calendar(Protocol):
    def add_working_days(self, start: datetime, days: int) -> datetime: ...

    def working_days_between(self, start: datetime, end: datetime) -> int: ...

    def local_date(self, instant: datetime) -> date: ...


@dataclass(frozen=True)
class Rules:
    policy: OrderPolicy
    calendar: Calendar
    verify_base_url: str = "http://127.0.0.1:8080/api/v1/orders/documents"

    def with_deadline(self, order: Order) -> Order:
        """The order with the deadline of the state it is in (none for states without one)."""
        kind, due = self.deadline_of(order)
        if kind == order.deadline_kind and due == order.deadline_at:
            return order
        return replace(order, deadline_kind=kind, deadline_at=due, reminded_for=None if kind != order.deadline_kind else order.reminded_for)

    def deadline_of(self, order: Order) -> tuple[str | None, datetime | None]:
        policy = self.policy
        if order.state is State.AWAITING_APPROVAL:
            return "approval", self.calendar.add_working_days(order.updated_at, policy.approval_days)
        if order.state is State.AWAITING_VENDOR:
            return "vendor_response", self.calendar.add_working_days(order.updated_at, policy.vendor_response_days)
        if order.state is State.SHIPPED:
            last = order.last_shipped_at()
            assert last is not None
            return "receipt_check", self.calendar.add_working_days(last, policy.receipt_check_days)
        return None, None
