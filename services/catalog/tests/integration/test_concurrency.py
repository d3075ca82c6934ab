"""Reservations racing for the same stock on PostgreSQL, each in its own unit of work, through the
very function the order.submitted handler calls."""
from __future__ import annotations

import random
import threading
import uuid
from datetime import datetime, timezone
from typing import Callable

import pytest
from sqlalchemy import func, select

from catalog.application.reservations import OrderSubmission, reserve_for_order
from catalog.domain.reservations import RequestedLine
from catalog.storage.tables import reservations

pytestmark = pytest.mark.integration


def race(count: int, attempt: Callable[[int], None]) -> list[BaseException]:
    """Run ``attempt(i)`` on ``count`` threads released at the same moment; answer what they raised."""
    start = threading.Barrier(count)
    errors: list[BaseException] = []

    def run(i: int) -> None:
        start.wait()
        try:
            attempt(i)
        except BaseException as exc:  # collected for the assertion, so that a failure is visible
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return errors


def reserve(catalog, vendor_id: str, lines: list[tuple[str, int]]) -> str:
    order = OrderSubmission(
        order_id=str(uuid.uuid4()),
        work_unit="DINAS-KOMINFOTIK",
        vendor_id=vendor_id,
        lines=tuple(RequestedLine(product_id, quantity) for product_id, quantity in lines),
        submitted_at=datetime.now(timezone.utc),
    )
    reserve_for_order(catalog.harness.runtime.uow, order)
    return order.order_id


def states(catalog, order_ids: list[str]) -> dict[str, int]:
    with catalog.harness.runtime.uow() as uow:
        rows = uow.session.execute(
            select(reservations.c.state, func.count())
            .where(reservations.c.order_id.in_(order_ids))
            .group_by(reservations.c.state)
        )
        return {state: int(count) for state, count in rows}


def test_two_hundred_orders_for_ten_units(postgres_catalog) -> None:
    catalog = postgres_catalog
    vendor = catalog.vendor()
    product = catalog.listed_product(vendor, stock=10)
    order_ids: list[str] = []
    errors = race(200, lambda _i: order_ids.append(reserve(catalog, vendor.id, [(product["id"], 1)])))
    assert errors == []
    assert states(catalog, order_ids) == {"reserved": 10, "failed": 190}
    assert catalog.stock_of(product["id"]) == 0
    answers = [
        e for e in catalog.harness.outbox("stock.reserved", "stock.reservation_failed") if e.subject in set(order_ids)
    ]
    assert sum(e.type == "stock.reserved" for e in answers) == 10
    assert {line["reason"] for e in answers if e.type == "stock.reservation_failed" for line in e.data["lines"]} == {
        "insufficient_stock"
    }


def test_orders_sharing_products_in_any_order_never_deadlock(postgres_catalog) -> None:
    catalog = postgres_catalog
    vendor = catalog.vendor()
    products = [catalog.listed_product(vendor, name=f"Map {i}", stock=1000)["id"] for i in range(3)]
    shuffled = random.Random(11)
    order_ids: list[str] = []

    def order(_i: int) -> None:
        lines = [(product_id, 1) for product_id in shuffled.sample(products, k=3)]
        order_ids.append(reserve(catalog, vendor.id, lines))

    assert race(60, order) == []
    assert states(catalog, order_ids) == {"reserved": 60}
    assert [catalog.stock_of(product_id) for product_id in products] == [940, 940, 940]
