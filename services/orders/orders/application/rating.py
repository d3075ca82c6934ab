"""After completion the buyer rates the vendor once (1-5 stars and a comment); vendors hears order.rated."""
from __future__ import annotations

from dataclasses import replace

from eorder_contracts.events import ORDER_RATED

from servicekit.actors import Actor
from servicekit.storage import utcnow

from orders.application.rules import Orders
from orders.application.saving import save
from orders.domain.errors import IllegalTransition, NotAllowedHere
from orders.domain.lifecycle import State
from orders.domain.order import Order


def rate_order(uows: Orders, order_id: str, rating: int, comment: str | None, *, actor: Actor) -> Order:
    now = utcnow()
    with uows() as uow:
        order = uow.orders.require(order_id, lock=True)
        if order.state is not State.COMPLETED:
            raise IllegalTransition(order.state.value, "rate")
        if order.rating is not None:
            raise NotAllowedHere("the order was already rated", "rating")
        rated = replace(order, rating=rating, rating_comment=comment, updated_at=now, version=order.version + 1)
        save(uow, order, rated, actor, "rated")
        uow.publish(
            ORDER_RATED,
            order.id,
            {
                "order_id": order.id,
                "vendor_id": order.vendor_id,
                "work_unit": order.work_unit,
                "rating": rating,
                "comment": comment,
                "rated_at": now.isoformat(),
            },
            correlationid=order.id,
        )
        uow.commit()
    return rated
