"""The use cases on fake repositories: what each one stores, audits, publishes and commits, and what
it refuses, without a database (the same use cases run on SQLite and PostgreSQL in integration/)."""
from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from typing import Any, Iterable

import pytest

import eorder_contracts
from servicekit.actors import Actor
from servicekit.deadlines import WorkingCalendar
from servicekit.events.contracts import ContractRegistry
from servicekit.testing.memory import MemoryUnitsOfWork

from orders.application.approval import approve_order
from orders.application.ending import cancel_order
from orders.application.packages import import_packages
from orders.application.reservation import stock_reserved
from orders.application.rules import Rules
from orders.domain.errors import (
    ConcurrentChange,
    DuplicatePackage,
    IllegalTransition,
    InvalidFields,
    OrderNotFound,
    PackageExhausted,
    PackageNotFound,
)
from orders.domain.lifecycle import State
from orders.domain.order import Order
from orders.domain.packages import Package
from orders.domain.policy import OrderPolicy
from orders.testing import order_in

pytestmark = pytest.mark.unit

CONTRACTS = ContractRegistry([eorder_contracts.SCHEMA_DIR])
RULES = Rules(OrderPolicy(), WorkingCalendar())
BUDGET = Actor("budget1", ("budget_holder",))
PPK = Actor("ppk1", ("commitment_officer",))
PO = Actor("po1", ("procurement_officer",))
NOW = datetime(2026, 12, 1, 3, tzinfo=UTC)


class FakeOrders:
    def __init__(self, *orders: Order) -> None:
        self.rows = {order.id: order for order in orders}
        self.revisions: list[tuple[str, str, str]] = []

    def get(self, order_id: str, *, lock: bool = False) -> Order | None:
        return self.rows.get(order_id)

    def require(self, order_id: str, *, lock: bool = False) -> Order:
        if order_id not in self.rows:
            raise OrderNotFound()
        return self.rows[order_id]

    def replace(self, order: Order, *, previous: Order) -> None:
        if self.rows[order.id].version != previous.version:
            raise ConcurrentChange()
        self.rows[order.id] = order

    def record_revision(self, order_id: str, *, actor: str, action: str, at: datetime, patch: list[dict[str, Any]]) -> None:
        self.revisions.append((order_id, actor, action))


class FakePackages:
    def __init__(self, *packages: Package) -> None:
        self.rows = {package.id: package for package in packages}

    def get(self, package_id: str) -> Package | None:
        return self.rows.get(package_id)

    def require(self, package_id: str) -> Package:
        if package_id not in self.rows:
            raise PackageNotFound()
        return self.rows[package_id]

    def exists(self, work_unit: str, fiscal_year: int, rup_code: str) -> bool:
        return any((p.work_unit, p.fiscal_year, p.rup_code) == (work_unit, fiscal_year, rup_code) for p in self.rows.values())

    def add(self, package: Package) -> None:
        if self.exists(package.work_unit, package.fiscal_year, package.rup_code):
            raise DuplicatePackage(package.rup_code)
        self.rows[package.id] = package

    def commit_amount(self, package_id: str, amount: int) -> None:
        package = self.rows[package_id]
        if package.remaining < amount:
            raise PackageExhausted(package.remaining, amount)
        self.rows[package_id] = replace(package, committed=package.committed + amount)

    def release_amount(self, package_id: str, amount: int) -> None:
        package = self.rows[package_id]
        self.rows[package_id] = replace(package, committed=package.committed - amount)


def package(amount: int = 10_000_000, **changes: Any) -> Package:
    return replace(
        Package("k-1", "DPPKUKM", "RUP-1", "Konsumsi", "5.1.02", 2026, amount, 0, 0, "ppk1", ("po1",), "budget1", NOW, NOW),
        **changes,
    )


def units(orders: Iterable[Order] = (), packages: Iterable[Package] = ()) -> MemoryUnitsOfWork:
    return MemoryUnitsOfWork(contracts=CONTRACTS, orders=FakeOrders(*orders), packages=FakePackages(*packages))


def test_an_import_registers_every_row_or_none() -> None:
    uows = units()
    rows = [
        {"rup_code": "RUP-A", "name": "Rapat", "budget_account": "5.1.02", "fiscal_year": 2026, "amount": 1000},
        {"rup_code": "RUP-A", "name": "Dobel", "budget_account": "5.1.02", "fiscal_year": 2026, "amount": 1000},
    ]
    with pytest.raises(InvalidFields) as refused:
        import_packages(uows, rows, work_unit="DPPKUKM", actor=BUDGET)
    assert refused.value.errors == {"rows.1.rup_code": ["already registered for this work unit and fiscal year"]}
    assert uows.repositories["packages"].rows == {} and uows.commits == 0
    [registered] = import_packages(uows, rows[:1], work_unit="DPPKUKM", actor=BUDGET)
    assert registered.remaining == 1000 and uows.commits == 1
    assert [entry.action for entry in uows.audited] == ["package.registered"]


def test_approval_commits_the_total_and_publishes_with_a_vendor_deadline() -> None:
    order = order_in(State.AWAITING_APPROVAL, at=NOW, package_id="k-1")
    uows = units([order], [package()])
    approved = approve_order(uows, order.id, actor=PPK, rules=RULES)
    assert approved.state is State.AWAITING_VENDOR and approved.committed == 555_000
    assert approved.deadline_kind == "vendor_response" and approved.deadline_at is not None
    assert uows.repositories["packages"].rows["k-1"].committed == 555_000
    assert [e.type for e in uows.published] == ["order.approved"]
    assert uows.published[0].data["total"] == 555_000
    assert uows.repositories["orders"].revisions == [(order.id, "ppk1", "approved")]


def test_approval_beyond_the_remaining_amount_keeps_nothing() -> None:
    order = order_in(State.AWAITING_APPROVAL, at=NOW, package_id="k-1")
    uows = units([order], [package(amount=500_000)])
    with pytest.raises(PackageExhausted):
        approve_order(uows, order.id, actor=PPK, rules=RULES)
    assert uows.published == [] and uows.commits == 0
    assert uows.repositories["orders"].rows[order.id].state is State.AWAITING_APPROVAL


def test_cancelling_an_approved_order_releases_its_commitment() -> None:
    order = order_in(State.AWAITING_VENDOR, at=NOW, package_id="k-1", committed=555_000)
    uows = units([order], [package(committed=555_000)])
    cancelled = cancel_order(uows, order.id, reason="rapat batal", actor=PO)
    assert cancelled.state is State.CANCELLED and cancelled.committed == 0
    assert uows.repositories["packages"].rows["k-1"].committed == 0
    assert [(e.type, e.data["reason"]) for e in uows.published] == [("order.cancelled", "rapat batal")]


def test_cancelling_after_acceptance_is_an_illegal_step() -> None:
    order = order_in(State.ACCEPTED, at=NOW, package_id="k-1")
    uows = units([order], [package()])
    with pytest.raises(IllegalTransition) as refused:
        cancel_order(uows, order.id, reason="terlambat", actor=PO)
    assert refused.value.facts == {"current_state": "accepted"} and uows.commits == 0


def test_a_stock_answer_for_other_lines_or_a_later_state_is_ignored() -> None:
    order = order_in(State.SUBMITTED, at=NOW, package_id="k-1")
    uows = units([order], [package()])
    line = order.lines[0]
    stock_reserved(uows, order.id, [{"product_id": line.product_id, "quantity": line.quantity + 1}], rules=RULES)
    assert uows.repositories["orders"].rows[order.id].state is State.SUBMITTED and uows.commits == 0
    stock_reserved(uows, order.id, [{"product_id": line.product_id, "quantity": line.quantity}], rules=RULES)
    assert uows.repositories["orders"].rows[order.id].state is State.AWAITING_APPROVAL
    stock_reserved(uows, order.id, [{"product_id": line.product_id, "quantity": line.quantity}], rules=RULES)  # a duplicate
    assert uows.commits == 1
