"""Orders as the API shows them, with their package (whose commitment officer decides who sees them)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from servicekit.storage.paging import Page

from orders.application.rules import Orders
from orders.domain.order import Order
from orders.domain.packages import Package
from orders.storage.orders import OrderScope


@dataclass(frozen=True)
class OrderWithPackage:
    order: Order
    package: Package | None


def find_order(uows: Orders, order_id: str) -> OrderWithPackage | None:
    with uows.read() as uow:
        order = uow.orders.get(order_id)
        return None if order is None else OrderWithPackage(order, uow.packages.get(order.package_id))


def search_orders(uows: Orders, scope: OrderScope, *, state: str | None, limit: int, cursor: str | None) -> Page[Order]:
    with uows.read() as uow:
        return uow.orders.search(scope, state=state, limit=limit, cursor=cursor)


def order_history(uows: Orders, order_id: str) -> list[dict[str, Any]]:
    with uows.read() as uow:
        return uow.orders.revisions(order_id)


def order_figures(uows: Orders, now: Any, states: Any) -> dict[str, Any]:
    """What the metrics show, read in one unit of work at scrape time."""
    with uows.read() as uow:
        return {
            "by_state": uow.orders.totals_by_state(),
            "stays": uow.orders.seconds_in_states(),
            "missed": uow.orders.missed_deadlines(),
            "past_deadline": uow.orders.past_deadline(states, now),
        }
