"""Every exit before delivery (rejected, declined, cancelled) releases what was reserved (catalog
hears the event) and what was committed on the package."""
from __future__ import annotations

from datetime import datetime

from servicekit.actors import Actor
from servicekit.storage import utcnow

from orders.application.events import publish_ended
from orders.application.rules import Orders
from orders.application.saving import save
from orders.domain.lifecycle import Action
from orders.domain.order import Order
from orders.storage.unit_of_work import OrdersUnitOfWork

AUDIT_ACTIONS = {
    Action.REJECT: "rejected",
    Action.FAIL_RESERVATION: "rejected.no_stock",
    Action.DECLINE: "declined",
    Action.CANCEL: "cancelled",
    Action.EXPIRE: "cancelled.deadline",
}


def end_order(
    uow: OrdersUnitOfWork, order: Order, action: Action, *, reason: str | None, actor: Actor, at: datetime, **changes: object
) -> Order:
    ended = order.step(
        action, at, reason=reason, committed=0, deadline_kind=None, deadline_at=None,
        steps=order.signed(action.value, actor.subject, at, reason), **changes,
    )
    if order.committed:
        uow.packages.release_amount(order.package_id, order.committed)
    if order.state.value != "draft":
        publish_ended(uow, ended)
    save(uow, order, ended, actor, AUDIT_ACTIONS[action], reason=reason)
    return ended


def cancel_order(uows: Orders, order_id: str, *, reason: str | None, actor: Actor) -> Order:
    """The buyer cancels before the vendor accepts (a draft is simply discarded)."""
    with uows() as uow:
        order = uow.orders.require(order_id, lock=True)
        ended = end_order(uow, order, Action.CANCEL, reason=reason, actor=actor, at=utcnow())
        uow.commit()
    return ended


