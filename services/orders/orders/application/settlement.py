"""Payments' events: invoice.submitted moves a received order to invoiced; payment.settled to paid and
completed, realising the amount on the package. A payment heard before its invoice is held and
applied when the invoice arrives; events about orders not yet received are ignored."""
from __future__ import annotations

from dataclasses import replace
from typing import Any, Mapping

import structlog
from eorder_contracts.events import ORDER_COMPLETED

from servicekit.actors import Actor
from servicekit.storage import utcnow

from orders.application.rules import Orders
from orders.application.saving import save
from orders.domain.lifecycle import Action, State
from orders.domain.order import Order
from orders.storage.unit_of_work import OrdersUnitOfWork

log = structlog.get_logger(__name__)
PAYMENTS = Actor.system("payment-events")


def invoice_submitted(uows: Orders, order_id: str, invoice_id: str) -> None:
    with uows() as uow:
        order = uow.orders.get(order_id, lock=True)
        if order is None or order.state is not State.RECEIVED:
            log.info("invoice.submitted ignored", order_id=order_id, state=order.state.value if order else None)
            return
        invoiced = order.step(Action.INVOICE, utcnow(), invoice_id=invoice_id)
        if order.held_payment is not None:
            invoiced = _paid(uow, invoiced, order.held_payment)
        save(uow, order, invoiced, PAYMENTS, "invoiced")
        uow.commit()


def payment_settled(uows: Orders, order_id: str, payment: Mapping[str, Any]) -> None:
    with uows() as uow:
        order = uow.orders.get(order_id, lock=True)
        if order is not None and order.state is State.RECEIVED and order.held_payment is None:
            held = replace(order, held_payment=dict(payment), version=order.version + 1, updated_at=utcnow())
            save(uow, order, held, PAYMENTS, "payment.held")
            uow.commit()
            return
        if order is None or order.state is not State.INVOICED:
            log.info("payment.settled ignored", order_id=order_id, state=order.state.value if order else None)
            return
        save(uow, order, _paid(uow, order, payment), PAYMENTS, "paid")
        uow.commit()


def _paid(uow: OrdersUnitOfWork, order: Order, payment: Mapping[str, Any]) -> Order:
    now = utcnow()
    paid = order.step(Action.PAY, now, held_payment=None)
    uow.packages.realise_amount(order.package_id, order.committed)
    completed = paid.step(Action.COMPLETE, now, committed=0)
    uow.publish(
        ORDER_COMPLETED,
        order.id,
        {"order_id": order.id, "work_unit": order.work_unit, "vendor_id": order.vendor_id, "completed_at": now.isoformat()},
        correlationid=order.id,
    )
    log.info("order paid", order_id=order.id, payment_id=payment.get("payment_id"))
    return completed
