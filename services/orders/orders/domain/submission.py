"""Building an order's lines from the catalog, and the rules an order must pass to be submitted
(again on every amendment). Each refusal names its field and its reason; all are reported at once."""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Iterable, Mapping, Sequence

from orders.domain.amounts import amounts_of
from orders.domain.errors import InvalidFields, SubmissionRefused
from orders.domain.order import Line
from orders.domain.policy import OrderPolicy
from orders.domain.readmodels import Product, Vendor


@dataclass(frozen=True)
class Wanted:
    product_id: str
    quantity: int


@dataclass(frozen=True)
class CountedOrder:
    """An order the splitting guard adds up: same work unit, same vendor, within the window."""

    id: str
    total: int


def lines_from_catalog(wanted: Sequence[Wanted], products: Mapping[str, Product]) -> tuple[str, tuple[Line, ...]]:
    """The vendor and the lines of a draft: every product known, orderable, and of one vendor."""
    problems: dict[str, list[str]] = {}
    if not wanted:
        raise InvalidFields({"lines": ["at least one line"]})
    seen: set[str] = set()
    for index, item in enumerate(wanted):
        product = products.get(item.product_id)
        if product is None or not product.orderable:
            problems[f"lines.{index}.product_id"] = ["no such product is listed"]
        if item.product_id in seen:
            problems[f"lines.{index}.product_id"] = ["the product is already on another line"]
        seen.add(item.product_id)
    if problems:
        raise InvalidFields(problems)
    vendors = {products[item.product_id].vendor_id for item in wanted}
    if len(vendors) != 1:
        raise InvalidFields({"lines": ["an order takes the products of one vendor only"]})
    lines = tuple(_line(products[item.product_id], item.quantity) for item in wanted)
    return vendors.pop(), lines


def _line(product: Product, quantity: int) -> Line:
    return Line(product.id, product.name, product.unit, product.category, quantity, product.price)


def lead_time_days(lines: Iterable[Line], products: Mapping[str, Product], policy: OrderPolicy) -> int:
    """Working days the slowest product needs (the deployment's default where a product says nothing)."""
    days = [
        products[line.product_id].lead_time_days
        if line.product_id in products and products[line.product_id].lead_time_days is not None
        else policy.default_lead_time_days
        for line in lines
    ]
    return max(days, default=policy.default_lead_time_days)  # type: ignore[type-var]


@dataclass(frozen=True)
class Submission:
    """What is checked: the order's lines (at their draft prices) and where they go."""

    work_unit: str
    vendor_id: str
    lines: tuple[Line, ...]
    requested_delivery_date: date
    package_remaining: int
    accept_current_prices: bool


def check_submission(
    submission: Submission,
    *,
    products: Mapping[str, Product],
    vendor: Vendor | None,
    counted: Sequence[CountedOrder],
    earliest_delivery: date,
    policy: OrderPolicy,
) -> tuple[tuple[Line, ...], bool]:
    """The lines at today's prices and whether the vendor charges VAT; SubmissionRefused with every
    rule the order breaks otherwise."""
    problems: dict[str, list[str]] = {}
    facts: dict[str, object] = {}

    def refuse(field: str, reason: str) -> None:
        problems.setdefault(field, []).append(reason)

    if vendor is None:
        refuse("vendor_id", "the vendor is not known to the marketplace")
    elif not vendor.may_sell:
        refuse("vendor_id", f"the vendor is {vendor.status}, not verified: it cannot take orders")
    elif policy.coached_only and not vendor.jakpreneur:
        refuse("vendor_id", "this deployment buys only from coached (Jakpreneur) vendors")

    repriced: list[Line] = []
    changed_prices = []
    for index, line in enumerate(submission.lines):
        product = products.get(line.product_id)
        if product is None or not product.orderable or product.vendor_id != submission.vendor_id:
            refuse(f"lines.{index}.product_id", f"{line.name} is no longer listed")
            repriced.append(line)
            continue
        if product.min_quantity is not None and line.quantity < product.min_quantity:
            refuse(f"lines.{index}.quantity", f"{line.name} is sold from {product.min_quantity} {line.unit}")
        if product.price != line.unit_price:
            changed_prices.append(
                {"product_id": line.product_id, "draft_price": line.unit_price, "current_price": product.price}
            )
            if not submission.accept_current_prices:
                refuse(
                    f"lines.{index}.unit_price",
                    f"the price of {line.name} changed from Rp {line.unit_price} to Rp {product.price}; confirm it",
                )
        repriced.append(replace(line, name=product.name, unit=product.unit, unit_price=product.price))
    if changed_prices:
        facts["changed_prices"] = changed_prices

    vat_registered = bool(vendor and vendor.pkp)
    total = amounts_of((line.total for line in repriced), vat_registered=vat_registered, rate=policy.vat_rate).total
    if total > policy.ceiling:
        refuse("total", f"the total Rp {total} passes the ceiling of Rp {policy.ceiling} per order")
    if total > submission.package_remaining:
        refuse("package_id", f"the package has Rp {submission.package_remaining} remaining, the order needs Rp {total}")
    counted_total = sum(order.total for order in counted)
    if counted and counted_total + total > policy.ceiling:
        refuse(
            "vendor_id",
            f"with the orders of the last {policy.split_window_days} days to this vendor (Rp {counted_total}) the "
            f"work unit would pass the ceiling of Rp {policy.ceiling}: splitting a purchase is not allowed",
        )
        facts["counted_orders"] = [order.id for order in counted]
    if submission.requested_delivery_date < earliest_delivery:
        refuse("requested_delivery_date", f"the products need delivery on {earliest_delivery.isoformat()} or later")
        facts["earliest_delivery_date"] = earliest_delivery.isoformat()
    if problems:
        raise SubmissionRefused(problems, **facts)
    return tuple(repriced), vat_registered
