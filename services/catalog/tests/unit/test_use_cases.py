"""The use cases on fake repositories: what each one stores, audits, publishes and commits, and what
it refuses, without a database (the same use cases run on SQLite and PostgreSQL in integration/)."""
from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any, Sequence

import pytest

import eorder_contracts
from servicekit.actors import Actor
from servicekit.events.contracts import ContractRegistry
from servicekit.testing.memory import MemoryUnitsOfWork
from catalog.api.product_schemas import new_product_details
from catalog.application.curation import curate
from catalog.application.products import create_product
from catalog.application.reservations import OrderSubmission, amend_for_order, release_for_order, reserve_for_order
from catalog.domain.categories import Category
from catalog.domain.curation import CurationState, Decision, Revision
from catalog.domain.errors import Missing, NotPermitted, RuleViolation, StateConflict
from catalog.domain.products import Product
from catalog.domain.reservations import LockedSupply, RequestedLine, Reservation, ReservationState
from catalog.domain.shown import ShownProduct
from catalog.domain.vendors import VendorSummary
from catalog.testing import product_body

pytestmark = pytest.mark.unit

CONTRACTS = ContractRegistry([eorder_contracts.SCHEMA_DIR])
ADMIN = Actor("admin-bppbj", ("admin",))
SELLER = Actor("user-of-vendor", ("vendor",))
NOW = datetime(2026, 12, 1, 3, 0, tzinfo=UTC)
PAPER = Category("cat-paper", "paper", "Kertas", None, None, False, NOW, NOW)


class FakeVendors:
    def __init__(self) -> None:
        self.statuses: dict[str, str] = {}

    def status_of(self, vendor_id: str) -> str | None:
        return self.statuses.get(vendor_id)


class FakeCategories:
    def by_slug(self, slug: str) -> Category | None:
        return PAPER if slug == PAPER.slug else None


class FakeProducts:
    def __init__(self) -> None:
        self.rows: dict[str, Product] = {}

    def get(self, product_id: str, *, lock: bool = False) -> Product | None:
        return self.rows.get(product_id)

    def require(self, product_id: str, *, lock: bool = False) -> Product:
        if product_id not in self.rows:
            raise Missing("product")
        return self.rows[product_id]

    def add(self, product: Product) -> None:
        self.rows[product.id] = product

    def replace(self, product: Product) -> None:
        self.rows[product.id] = product

    def shown(self, product_id: str) -> ShownProduct | None:
        product = self.rows.get(product_id)
        if product is None:
            return None
        return ShownProduct(product, VendorSummary(product.vendor_id, "UMKM Uji", "Tebet", "Jakarta Selatan", "micro"), None)


class FakeRevisions:
    def open_for(self, product_id: str) -> Revision | None:
        return None


class FakePrices:
    def __init__(self) -> None:
        self.recorded: list[tuple[str, int, str]] = []
        self.refreshed: list[tuple[str, str]] = []

    def record(self, product_id: str, price: int, *, at: datetime, approved_by: str) -> None:
        self.recorded.append((product_id, price, approved_by))

    def refresh_reference(self, category_id: str, unit: str, *, at: datetime) -> None:
        self.refreshed.append((category_id, unit))


class FakeReservations:
    def __init__(self) -> None:
        self.rows: dict[str, Reservation] = {}

    def get(self, order_id: str, *, lock: bool = False) -> Reservation | None:
        return self.rows.get(order_id)

    def add(self, reservation: Reservation) -> None:
        assert reservation.order_id not in self.rows, "one reservation per order"
        self.rows[reservation.order_id] = reservation

    def replace(self, reservation: Reservation) -> None:
        self.rows[reservation.order_id] = reservation


class FakeSupply:
    """Stock kept on the fake products themselves, so that what a reservation takes shows on them."""

    def __init__(self, products: FakeProducts) -> None:
        self.products = products
        self.booked: dict[tuple[str, date], int] = {}

    def lock_for_reservation(self, product_ids: Sequence[str], day: date | None) -> dict[str, LockedSupply]:
        found = [self.products.rows[i] for i in sorted(product_ids) if i in self.products.rows]
        return {p.id: LockedSupply(p, self.booked.get((p.id, day)) if day else None) for p in found}

    def take_stock(self, product_id: str, quantity: int, *, at: datetime) -> int:
        return self._add_stock(product_id, -quantity, at)

    def give_back_stock(self, product_id: str, quantity: int, *, at: datetime) -> int | None:
        return self._add_stock(product_id, quantity, at)

    def set_has_supply(self, product_id: str, has_supply: bool) -> None:
        self.products.rows[product_id] = replace(self.products.rows[product_id], has_supply=has_supply)

    def _add_stock(self, product_id: str, quantity: int, at: datetime) -> int:
        product = self.products.rows[product_id]
        left = (product.details.stock or 0) + quantity
        assert left >= 0, "the reservation took more than the locked read promised"
        self.products.rows[product_id] = product.revised(at, details=product.details.changed({"stock": left}))
        return left


class FakeCatalog:
    """The fakes, and the in-memory units of work over them."""

    def __init__(self) -> None:
        self.vendors = FakeVendors()
        self.products = FakeProducts()
        self.prices = FakePrices()
        self.reservations = FakeReservations()
        self.uows = MemoryUnitsOfWork(
            contracts=CONTRACTS,
            vendors=self.vendors,
            categories=FakeCategories(),
            products=self.products,
            revisions=FakeRevisions(),
            prices=self.prices,
            reservations=self.reservations,
            supply=FakeSupply(self.products),
        )

    def vendor(self, status: str = "verified") -> str:
        vendor_id = str(uuid.uuid4())
        self.vendors.statuses[vendor_id] = status
        return vendor_id

    def new_product(self, vendor_id: str, **overrides: Any) -> Product:
        details = new_product_details(product_body(**overrides))
        return create_product(self.uows, details, vendor_id=vendor_id, actor=SELLER).product

    def listed_product(self, vendor_id: str, **overrides: Any) -> Product:
        product = self.new_product(vendor_id, **overrides)
        return curate(self.uows, product.id, Decision.APPROVE, [], actor=ADMIN).product

    def published(self, *types: str) -> list[tuple[str, str]]:
        return [(e.type, e.subject) for e in self.uows.published if not types or e.type in types]


def submission(
    vendor_id: str, *lines: tuple[str, int], order_id: str | None = None, revision: int = 0
) -> OrderSubmission:
    """The order as submitted, or (with a revision) as amended."""
    return OrderSubmission(
        order_id=order_id or str(uuid.uuid4()),
        work_unit="DINAS-KOMINFOTIK",
        vendor_id=vendor_id,
        lines=tuple(RequestedLine(product_id, quantity) for product_id, quantity in lines),
        submitted_at=NOW,
        revision=revision,
    )


def test_a_new_product_waits_for_curation_and_nobody_else_is_told() -> None:
    catalog = FakeCatalog()
    product = catalog.new_product(catalog.vendor())
    stored = catalog.products.rows[product.id]
    assert stored.state is CurationState.PENDING and not stored.listed and stored.has_supply
    assert stored.category_id == PAPER.id and stored.version == 1
    assert [(a.action, a.actor) for a in catalog.uows.audited] == [("product.created", SELLER.subject)]
    assert catalog.published() == [] and catalog.uows.commits == 1


def test_a_product_refused_keeps_nothing() -> None:
    catalog = FakeCatalog()
    with pytest.raises(NotPermitted) as pending:
        catalog.new_product(catalog.vendor("pending"))
    assert pending.value.reason == "vendor_pending"
    with pytest.raises(RuleViolation) as unknown:
        catalog.new_product(catalog.vendor(), category="no-such-category")
    assert unknown.value.errors == {"category": ["no category 'no-such-category'"]}
    assert catalog.products.rows == {} and catalog.uows.audited == [] and catalog.uows.commits == 0


def test_approving_lists_the_product_records_its_price_and_tells_others() -> None:
    catalog = FakeCatalog()
    product = catalog.listed_product(catalog.vendor(), price=55000)
    assert product.state is CurationState.APPROVED and product.listed and product.version == 2
    assert catalog.prices.recorded == [(product.id, 55000, ADMIN.subject)]
    assert catalog.prices.refreshed == [(PAPER.id, "rim")]
    assert catalog.published() == [("product.listed", product.id)]
    assert [a.action for a in catalog.uows.audited] == ["product.created", "product.approved"]
    with pytest.raises(StateConflict) as again:
        curate(catalog.uows, product.id, Decision.APPROVE, [], actor=ADMIN)
    assert again.value.state == "approved" and catalog.uows.commits == 2


def test_a_rejection_needs_a_reason_the_vendor_can_act_on() -> None:
    catalog = FakeCatalog()
    product = catalog.new_product(catalog.vendor())
    with pytest.raises(RuleViolation):
        curate(catalog.uows, product.id, Decision.REJECT, ["  "], actor=ADMIN)
    assert catalog.products.rows[product.id].state is CurationState.PENDING and catalog.uows.commits == 1
    rejected = curate(catalog.uows, product.id, Decision.REJECT, ["foto buram"], actor=ADMIN).product
    assert rejected.state is CurationState.REJECTED and rejected.rejection_reasons == ("foto buram",)
    assert catalog.prices.recorded == [] and catalog.published() == []


def test_reserving_takes_stock_once_per_order_and_a_release_gives_it_back() -> None:
    catalog = FakeCatalog()
    vendor_id = catalog.vendor()
    product = catalog.listed_product(vendor_id, stock=100, price=55000)
    order = submission(vendor_id, (product.id, 20), (product.id, 10))
    reserve_for_order(catalog.uows, order)
    reserve_for_order(catalog.uows, order)  # the same event again: the same answer, nothing taken twice
    assert catalog.products.rows[product.id].details.stock == 70
    answers = [e for e in catalog.uows.published if e.type == "stock.reserved"]
    assert [e.data for e in answers] == [answers[0].data] * 2 and answers[0].data["total"] == 30 * 55000
    assert catalog.reservations.rows[order.order_id].state is ReservationState.RESERVED

    release_for_order(catalog.uows, order.order_id, "order.cancelled")
    assert catalog.products.rows[product.id].details.stock == 100
    assert catalog.reservations.rows[order.order_id].state is ReservationState.RELEASED
    released = [e.data for e in catalog.uows.published if e.type == "stock.released"]
    assert released == [{"order_id": order.order_id, "lines": [{"product_id": product.id, "quantity": 30}]}]
    assert [a.action for a in catalog.uows.audited][-2:] == ["reservation.reserved", "reservation.released"]


def test_an_order_with_a_line_that_cannot_be_reserved_reserves_nothing() -> None:
    catalog = FakeCatalog()
    vendor_id = catalog.vendor()
    plenty, scarce = catalog.listed_product(vendor_id, stock=100), catalog.listed_product(vendor_id, stock=5)
    order = submission(vendor_id, (plenty.id, 10), (scarce.id, 6))
    reserve_for_order(catalog.uows, order)
    assert [catalog.products.rows[p.id].details.stock for p in (plenty, scarce)] == [100, 5]
    failed = [e.data for e in catalog.uows.published if e.type == "stock.reservation_failed"]
    line = {"product_id": scarce.id, "requested": 6, "available": 5, "reason": "insufficient_stock"}
    assert failed == [{"order_id": order.order_id, "lines": [line]}]
    assert catalog.reservations.rows[order.order_id].state is ReservationState.FAILED


def test_taking_the_last_units_tells_others_the_product_is_no_longer_available() -> None:
    catalog = FakeCatalog()
    vendor_id = catalog.vendor()
    product = catalog.listed_product(vendor_id, stock=10)
    reserve_for_order(catalog.uows, submission(vendor_id, (product.id, 10)))
    assert not catalog.products.rows[product.id].has_supply
    updated = [e.data for e in catalog.uows.published if e.type == "product.updated"]
    assert [(data["id"], data["available"]) for data in updated] == [(product.id, False)]


def test_an_order_that_ended_before_it_was_submitted_reserves_nothing_later() -> None:
    catalog = FakeCatalog()
    vendor_id = catalog.vendor()
    product = catalog.listed_product(vendor_id, stock=10)
    order = submission(vendor_id, (product.id, 3))
    release_for_order(catalog.uows, order.order_id, "order.cancelled")
    reserve_for_order(catalog.uows, order)
    assert catalog.products.rows[product.id].details.stock == 10
    assert catalog.published("stock.reserved", "stock.reservation_failed", "stock.released") == []
    assert catalog.reservations.rows[order.order_id].state is ReservationState.RELEASED


def test_an_amendment_gives_back_what_the_order_held_and_takes_the_new_lines() -> None:
    catalog = FakeCatalog()
    vendor_id = catalog.vendor()
    paper, ink = catalog.listed_product(vendor_id, stock=100), catalog.listed_product(vendor_id, stock=10, price=90000)
    order = submission(vendor_id, (paper.id, 30))
    reserve_for_order(catalog.uows, order)
    amended = submission(vendor_id, (paper.id, 10), (ink.id, 2), order_id=order.order_id, revision=1)
    amend_for_order(catalog.uows, amended)
    assert [catalog.products.rows[p.id].details.stock for p in (paper, ink)] == [90, 8]
    stored = catalog.reservations.rows[order.order_id]
    assert stored.state is ReservationState.RESERVED and stored.order_revision == 1
    assert {(line.product_id, line.quantity) for line in stored.reserved} == {(paper.id, 10), (ink.id, 2)}
    answer = [e.data for e in catalog.uows.published if e.type == "stock.reserved"][-1]
    assert answer["total"] == 10 * 55000 + 2 * 90000
    assert [a.action for a in catalog.uows.audited][-2:] == ["reservation.reserved", "reservation.amended"]

    commits = catalog.uows.commits
    amend_for_order(catalog.uows, submission(vendor_id, (paper.id, 50), order_id=order.order_id, revision=1))
    assert catalog.uows.commits == commits and catalog.reservations.rows[order.order_id] == stored  # stale


def test_an_amendment_that_cannot_be_reserved_leaves_nothing_taken() -> None:
    catalog = FakeCatalog()
    vendor_id = catalog.vendor()
    product = catalog.listed_product(vendor_id, stock=10)
    order = submission(vendor_id, (product.id, 6))
    reserve_for_order(catalog.uows, order)
    amend_for_order(catalog.uows, submission(vendor_id, (product.id, 11), order_id=order.order_id, revision=1))
    assert catalog.products.rows[product.id].details.stock == 10
    stored = catalog.reservations.rows[order.order_id]
    assert stored.state is ReservationState.FAILED and stored.reserved == () and stored.order_revision == 1
    failed = [e.data for e in catalog.uows.published if e.type == "stock.reservation_failed"]
    line = {"product_id": product.id, "requested": 11, "available": 10, "reason": "insufficient_stock"}
    assert failed == [{"order_id": order.order_id, "lines": [line]}]


def test_an_amendment_before_the_submission_reserves_and_one_after_the_end_does_nothing() -> None:
    catalog = FakeCatalog()
    vendor_id = catalog.vendor()
    product = catalog.listed_product(vendor_id, stock=10)
    early = submission(vendor_id, (product.id, 4), revision=1)
    amend_for_order(catalog.uows, early)
    assert catalog.products.rows[product.id].details.stock == 6
    assert catalog.reservations.rows[early.order_id].order_revision == 1

    release_for_order(catalog.uows, early.order_id, "order.cancelled")
    amend_for_order(catalog.uows, submission(vendor_id, (product.id, 2), order_id=early.order_id, revision=2))
    assert catalog.products.rows[product.id].details.stock == 10
    assert catalog.reservations.rows[early.order_id].state is ReservationState.RELEASED
    assert catalog.published("stock.reserved") == [("stock.reserved", early.order_id)]
