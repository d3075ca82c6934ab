"""The vendor accepts an approved order (the order letter is issued) or declines it with a reason."""
from __future__ import annotations

from dataclasses import replace

from eorder_contracts.events import ORDER_ACCEPTED

from servicekit.actors import Actor
from servicekit.storage import utcnow

from orders.application.documents import ORDER_LETTER, issue_document
from orders.application.ending import end_order
from orders.application.rules import Orders, Rules
from orders.application.saving import save
from orders.domain.lifecycle import Action
from orders.domain.order import Order


def accept_order(uows: Orders, order_id: str, *, actor: Actor, rules: Rules) -> Order:
    now = utcnow()
    with uows() as uow:
        order = uow.orders.require(order_id, lock=True)
        accepted = rules.with_deadline(order.step(Action.ACCEPT, now, steps=order.signed("accept", actor.subject, now)))
        letter = issue_document(uow, accepted, ORDER_LETTER, now, rules)
        accepted = replace(accepted, order_letter_number=letter.number)
        save(uow, order, accepted, actor, "accepted")
        uow.publish(
            ORDER_ACCEPTED,
            order.id,
            {
                "order_id": order.id,
                "work_unit": order.work_unit,
                "vendor_id": order.vendor_id,
                "order_letter_number": letter.number,
                "accepted_at": now.isoformat(),
            },
            correlationid=order.id,
        )
        uow.commit()
    return accepted


def decline_order(uows: Orders, order_id: str, *, reason: str, actor: Actor) -> Order:
    with uows() as uow:
        order = uow.orders.require(order_id, lock=True)
        ended = end_order(uow, order, Action.DECLINE, reason=reason, actor=actor, at=utcnow())
        uow.commit()
    return ended
