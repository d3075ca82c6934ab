"""Answering with an order as the API shows it: its document (the same one the history patches)."""
from __future__ import annotations

from typing import Any

from orders.domain.order import Order


def order_body(order: Order) -> dict[str, Any]:
    return order.document()
