"""The submission rules alone: each refusal under its field, all of them reported at once."""
from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from orders.domain.errors import InvalidFields, SubmissionRefused
from orders.domain.policy import OrderPolicy
from orders.domain.readmodels import Product, Vendor
from orders.domain.submission import CountedOrder, Submission, Wanted, check_submission, lead_time_days, lines_from_catalog

pytestmark = pytest.mark.unit

VENDOR = Vendor("v-1", "Dapur Bu Sari", "verified", "micro", pkp=True, jakpreneur=True, version=3)
RICE = Product("p-1", "v-1", "Nasi kotak", "pax", 50_000, "nasi-kotak", True, True, 1)
CAKE = Product("p-2", "v-1", "Kue basah", "pcs", 5_000, "kue", True, True, 1, lead_time_days=4, min_quantity=20)
PRODUCTS = {p.id: p for p in (RICE, CAKE)}
POLICY = OrderPolicy()


def submission(quantity: int = 10, *, remaining: int = 100_000_000, accept: bool = False, day: date = date(2027, 1, 4)) -> Submission:
    _, lines = lines_from_catalog([Wanted("p-1", quantity)], PRODUCTS)
    return Submission("DPPKUKM", "v-1", lines, day, remaining, accept)


def refused(sub: Submission, *, products=PRODUCTS, vendor=VENDOR, counted=(), earliest=date(2026, 12, 1), policy=POLICY) -> SubmissionRefused:
    with pytest.raises(SubmissionRefused) as caught:
        check_submission(sub, products=products, vendor=vendor, counted=counted, earliest_delivery=earliest, policy=policy)
    return caught.value


def test_a_good_order_passes_at_todays_prices() -> None:
    lines, vat_registered = check_submission(submission(), products=PRODUCTS, vendor=VENDOR, counted=(), earliest_delivery=date(2026, 12, 1), policy=POLICY)
    assert vat_registered and lines[0].unit_price == 50_000


def test_the_ceiling_counts_vat_in() -> None:
    assert "total" in refused(submission(901)).errors  # 45,050,000 + 4,955,500 = 50,005,500
    check_submission(submission(900), products=PRODUCTS, vendor=VENDOR, counted=(), earliest_delivery=date(2026, 12, 1), policy=POLICY)  # 49,950,000


def test_the_package_remaining_amount() -> None:
    assert "package_id" in refused(submission(10, remaining=554_999)).errors


def test_splitting_lists_the_orders_that_count() -> None:
    counted = [CountedOrder("o-1", 30_000_000), CountedOrder("o-2", 19_500_000)]  # with this 555,000: 50,055,000
    problem = refused(submission(10), counted=counted)
    assert "vendor_id" in problem.errors and problem.facts["counted_orders"] == ["o-1", "o-2"]


@pytest.mark.parametrize(("vendor", "policy", "word"), [
    (None, POLICY, "not known"),
    (replace(VENDOR, status="suspended"), POLICY, "suspended"),
    (replace(VENDOR, status="pending"), POLICY, "pending"),
    (replace(VENDOR, jakpreneur=False), OrderPolicy(coached_only=True), "coached"),
])
def test_the_vendor_must_be_verified_and_coached_where_required(vendor: Vendor | None, policy: OrderPolicy, word: str) -> None:
    assert word in refused(submission(), vendor=vendor, policy=policy).errors["vendor_id"][0]


def test_changed_prices_are_listed_and_confirmed() -> None:
    dearer = {**PRODUCTS, "p-1": replace(RICE, price=52_000, version=2)}
    problem = refused(submission(), products=dearer)
    assert problem.facts["changed_prices"] == [{"product_id": "p-1", "draft_price": 50_000, "current_price": 52_000}]
    lines, _ = check_submission(submission(accept=True), products=dearer, vendor=VENDOR, counted=(), earliest_delivery=date(2026, 12, 1), policy=POLICY)
    assert lines[0].unit_price == 52_000


def test_a_delisted_product_and_a_date_too_early_are_reported_together() -> None:
    gone = {**PRODUCTS, "p-1": replace(RICE, listed=False)}
    problem = refused(submission(day=date(2026, 12, 1)), products=gone, earliest=date(2026, 12, 3))
    assert set(problem.errors) == {"lines.0.product_id", "requested_delivery_date"}
    assert problem.facts["earliest_delivery_date"] == "2026-12-03"


def test_minimum_quantity_and_lead_time_come_from_the_product_when_present() -> None:
    _, lines = lines_from_catalog([Wanted("p-2", 5)], PRODUCTS)
    problem = refused(Submission("DPPKUKM", "v-1", lines, date(2027, 1, 4), 10**9, False))
    assert "sold from 20" in problem.errors["lines.0.quantity"][0]
    assert lead_time_days(lines, PRODUCTS, POLICY) == 4
    _, rice = lines_from_catalog([Wanted("p-1", 5)], PRODUCTS)
    assert lead_time_days(rice, PRODUCTS, POLICY) == POLICY.default_lead_time_days


def test_a_draft_takes_listed_products_of_one_vendor_once_each() -> None:
    other = Product("p-3", "v-2", "Snack", "box", 1_000, "snack-box", True, True, 1)
    with pytest.raises(InvalidFields, match="valid"):
        lines_from_catalog([Wanted("p-1", 1), Wanted("p-3", 1)], {**PRODUCTS, "p-3": other})
    with pytest.raises(InvalidFields) as caught:
        lines_from_catalog([Wanted("p-1", 1), Wanted("p-1", 2), Wanted("nope", 1)], PRODUCTS)
    assert set(caught.value.errors) == {"lines.1.product_id", "lines.2.product_id"}
