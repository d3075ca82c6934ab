"""The package's commitment officer approves an order (committing its total on the package) or
rejects it with a reason."""
from __future__ import annotations

from dataclasses import replace

from eorder_contracts.events import ORDER_APPROVED

from servicekit.actors import Actor
from servicekit.storage import utcnow

from orders.application.ending import end_order
from orders.application.rules import Orders, Rules
from orders.application.saving import save
from orders.domain.lifecycle import Action
from orders.domain.order import Order


def approve_order(uows: Orders, order_id: str, *, actor: Actor, rules: Rules) -> Order:
    now = utcnow()
    with uows() as uow:
        order = uow.orders.require(order_id, lock=True)
        approved = order.step(Action.APPROVE, now, steps=order.signed("approve", actor.subject, now))
        # Guarded: of two approvals racing for the package's last rupiah only one commits.
        uow.packages.commit_amount(order.package_id, order.amounts.total)
        approved = rules.with_deadline(replace(approved, committed=order.amounts.total))
        save(uow, order, approved, actor, "approved")
        uow.publish(
            ORDER_APPROVED,
            order.id,
            {
                "order_id": order.id,
                "work_unit": order.work_unit,
                "vendor_id": order.vendor_id,
                "package_id": order.package_id,
                "total": order.amounts.total,
                "approved_at": now.isoformat(),
            },
            correlationid=order.id,
        )
        uow.commit()
    return approved


def reject_order(uows: Orders, order_id: str, *, reason: str, actor: Actor) -> Order:
    with uows() as uow:
        order = uow.orders.require(order_id, lock=True)
        ended = end_order(uow, order, Action.REJECT, reason=reason, actor=actor, at=utcnow())
        uow.commit()
    return ended
