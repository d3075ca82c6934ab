"""Submitting a draft, and amending an order before the vendor accepts it: both pass every rule."""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any, Mapping

from servicekit.actors import Actor
from servicekit.storage import utcnow

from orders.application.drafting import draft_changes
from orders.application.events import publish_amended, publish_submitted
from orders.application.rules import Orders, Rules
from orders.application.saving import save
from orders.domain.lifecycle import Action
from orders.domain.order import Order
from orders.domain.submission import Submission, check_submission, lead_time_days
from orders.storage.unit_of_work import OrdersUnitOfWork


def submit_order(uows: Orders, order_id: str, *, accept_current_prices: bool, actor: Actor, rules: Rules) -> Order:
    now = utcnow()
    with uows() as uow:
        order = uow.orders.require(order_id, lock=True)
        submitted = order.step(Action.SUBMIT, now, submitted_at=now)
        submitted = _checked(uow, submitted, accept_current_prices, rules, now)
        save(uow, order, submitted, actor, "submitted")
        publish_submitted(uow, submitted)
        uow.commit()
    return submitted


def amend_order(
    uows: Orders, order_id: str, changes: Mapping[str, Any], *, accept_current_prices: bool, actor: Actor, rules: Rules
) -> Order:
    """New lines (or address, date, notes) before the vendor accepts: checked against every rule, then
    reserved and approved again (a committed amount is released until the new approval)."""
    now = utcnow()
    with uows() as uow:
        order = uow.orders.require(order_id, lock=True)
        amended = order.step(Action.AMEND, now, **draft_changes(uow, order, changes, rules))
        amended = _checked(uow, replace(amended, revision=order.revision + 1), accept_current_prices, rules, now)
        if order.committed:
            uow.packages.release_amount(order.package_id, order.committed)
            amended = replace(amended, committed=0)
        save(uow, order, rules.with_deadline(amended), actor, "amended")
        publish_amended(uow, amended)
        uow.commit()
    return amended


def _checked(uow: OrdersUnitOfWork, order: Order, accept_current_prices: bool, rules: Rules, now: datetime) -> Order:
    """The order at today's prices, if it passes every submission rule (SubmissionRefused otherwise)."""
    policy = rules.policy
    products = uow.products.of(line.product_id for line in order.lines)
    package = uow.packages.require(order.package_id)
    counted = uow.orders.counted_for_splitting(
        order.work_unit, order.vendor_id, now - timedelta(days=policy.split_window_days), other_than=order.id
    )
    earliest = rules.calendar.local_date(rules.calendar.add_working_days(now, lead_time_days(order.lines, products, policy)))
    # An amendment of an approved order competes with its own committed amount: that comes back first.
    remaining = package.remaining + order.committed
    lines, vat_registered = check_submission(
        Submission(
            work_unit=order.work_unit,
            vendor_id=order.vendor_id,
            lines=order.lines,
            requested_delivery_date=order.requested_delivery_date,
            package_remaining=remaining,
            accept_current_prices=accept_current_prices,
        ),
        products=products,
        vendor=uow.vendors.get(order.vendor_id),
        counted=counted,
        earliest_delivery=earliest,
        policy=policy,
    )
    vendor = uow.vendors.get(order.vendor_id)
    return replace(
        order,
        vendor_name=vendor.name if vendor else order.vendor_name,
        **order.with_lines(lines, rate=policy.vat_rate, vat_registered=vat_registered),
    )


