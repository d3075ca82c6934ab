"""Storing a changed order: the row, the audit entry and the revision (a JSON Patch of what changed)."""
from __future__ import annotations

import jsonpatch

from servicekit.actors import Actor

from orders.domain.order import Order
from orders.storage.unit_of_work import OrdersUnitOfWork

ENTITY = "order"


def save_new(uow: OrdersUnitOfWork, order: Order, actor: Actor, action: str) -> None:
    uow.orders.add(order)
    document = order.document()
    uow.audit(actor, action, ENTITY, order.id, after=document)
    uow.orders.record_revision(
        order.id, actor=actor.subject, action=action, at=order.updated_at, patch=jsonpatch.make_patch({}, document).patch
    )


def save(uow: OrdersUnitOfWork, previous: Order, order: Order, actor: Actor, action: str, *, reason: str | None = None) -> None:
    uow.orders.replace(order, previous=previous)
    before, after = previous.document(), order.document()
    patch = jsonpatch.make_patch(before, after).patch
    changed = {op["path"].split("/")[1] for op in patch}
    uow.audit(
        actor,
        action,
        ENTITY,
        order.id,
        before={key: before.get(key) for key in changed},
        after={key: after.get(key) for key in changed},
        reason=reason,
    )
    uow.orders.record_revision(order.id, actor=actor.subject, action=action, at=order.updated_at, patch=patch)
