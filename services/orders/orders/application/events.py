"""The order.* events, built from the order (one place that knows their data)."""
from __future__ import annotations

from typing import Any

from eorder_contracts.events import (
    ORDER_AMENDED,
    ORDER_CANCELLED,
    ORDER_DECLINED,
    ORDER_REJECTED,
    ORDER_SUBMITTED,
    EventType,
    OrderEnded,
)

from orders.domain.lifecycle import State
from orders.domain.order import Order
from orders.storage.unit_of_work import OrdersUnitOfWork

ENDING_EVENTS: dict[State, EventType[OrderEnded]] = {
    State.CANCELLED: ORDER_CANCELLED,
    State.DECLINED: ORDER_DECLINED,
    State.REJECTED: ORDER_REJECTED,
}


def ordered_lines(order: Order) -> list[dict[str, Any]]:
    return [{"product_id": line.product_id, "quantity": line.quantity} for line in order.lines]


def publish_submitted(uow: OrdersUnitOfWork, order: Order) -> None:
    assert order.submitted_at is not None
    uow.publish(
        ORDER_SUBMITTED,
        order.id,
        {
            "order_id": order.id,
            "work_unit": order.work_unit,
            "vendor_id": order.vendor_id,
            "lines": ordered_lines(order),
            "submitted_at": order.submitted_at.isoformat(),
            "package_id": order.package_id,
            "total": order.amounts.total,
        },
        correlationid=order.id,
    )


def publish_amended(uow: OrdersUnitOfWork, order: Order) -> None:
    uow.publish(
        ORDER_AMENDED,
        order.id,
        {
            "order_id": order.id,
            "work_unit": order.work_unit,
            "vendor_id": order.vendor_id,
            "lines": ordered_lines(order),
            "amended_at": order.updated_at.isoformat(),
            "total": order.amounts.total,
            "revision": order.revision,
        },
        correlationid=order.id,
    )


def publish_ended(uow: OrdersUnitOfWork, order: Order) -> None:
    uow.publish(ENDING_EVENTS[order.state], order.id, {"order_id": order.id, "reason": order.reason}, correlationid=order.id)
