"""The catalog's answer to a submission or an amendment: stock.reserved moves the order on to its
approval; stock.reservation_failed rejects it with the reason per line. Answers that are late (the
order moved on), repeated, or about lines the order no longer has are ignored."""
from __future__ import annotations

from collections import Counter
from typing import Any, Mapping, Sequence

import structlog

from servicekit.actors import Actor
from servicekit.storage import utcnow

from orders.application.ending import end_order
from orders.application.rules import Orders, Rules
from orders.application.saving import save
from orders.domain.lifecycle import Action, State

log = structlog.get_logger(__name__)
CATALOG = Actor.system("stock-events")


def stock_reserved(uows: Orders, order_id: str, lines: Sequence[Mapping[str, Any]], *, rules: Rules) -> None:
    with uows() as uow:
        order = uow.orders.get(order_id, lock=True)
        if order is None or order.state is not State.SUBMITTED or not _answers_current_lines(order.ordered(), lines):
            log.info("stock.reserved ignored", order_id=order_id, state=order.state.value if order else None)
            return
        reserved = rules.with_deadline(order.step(Action.RESERVE, utcnow()))
        save(uow, order, reserved, CATALOG, "reserved")
        uow.commit()


def stock_reservation_failed(uows: Orders, order_id: str, lines: Sequence[Mapping[str, Any]]) -> None:
    with uows() as uow:
        order = uow.orders.get(order_id, lock=True)
        if order is None or order.state is not State.SUBMITTED:
            log.info("stock.reservation_failed ignored", order_id=order_id, state=order.state.value if order else None)
            return
        names = {line.product_id: line.name for line in order.lines}
        reason = "; ".join(
            f"{names.get(line['product_id'], line['product_id'])}: {line['reason']} "
            f"({line['available']} available, {line['requested']} requested)"
            for line in lines
        )
        end_order(uow, order, Action.FAIL_RESERVATION, reason=f"no stock: {reason}", actor=CATALOG, at=utcnow())
        uow.commit()


def _answers_current_lines(ordered: Counter[str], lines: Sequence[Mapping[str, Any]]) -> bool:
    reserved: Counter[str] = Counter()
    for line in lines:
        reserved[str(line["product_id"])] += int(line["quantity"])
    return reserved == ordered
