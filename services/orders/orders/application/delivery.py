"""Shipments and their check: the vendor ships (partial deliveries allowed), the commitment officer
checks each shipment line by line; refused units go back to the vendor, who ships them again. When
every ordered unit is accepted the order is received: the BAST is issued and order.received leaves."""
from __future__ import annotations

import uuid
from datetime import datetime
from dataclasses import replace
from typing import Any, Mapping, Sequence

from eorder_contracts.events import ORDER_RECEIVED, ORDER_SHIPPED

from servicekit.actors import Actor
from servicekit.storage import utcnow

from orders.application.documents import RECEIPT, issue_document
from orders.application.rules import Orders, Rules
from orders.application.saving import save
from orders.domain.errors import NotAllowedHere
from orders.domain.lifecycle import Action
from orders.domain.order import Check, CheckedLine, Order, Shipment, ShippedLine
from orders.storage.unit_of_work import OrdersUnitOfWork


def ship_order(uows: Orders, order_id: str, lines: Sequence[Mapping[str, Any]], note: str | None, *, actor: Actor, rules: Rules) -> Order:
    now = utcnow()
    with uows() as uow:
        order = uow.orders.require(order_id, lock=True)
        shipped_lines = _shipped_lines(order, lines)
        late = rules.calendar.local_date(now) > order.requested_delivery_date
        shipment = Shipment(str(uuid.uuid4()), now, shipped_lines, late, note)
        shipped = rules.with_deadline(order.step(Action.SHIP, now, shipments=(*order.shipments, shipment)))
        save(uow, order, shipped, actor, "shipped")
        uow.publish(
            ORDER_SHIPPED,
            order.id,
            {
                "order_id": order.id,
                "shipment_id": shipment.id,
                "lines": [{"product_id": line.product_id, "quantity": line.quantity} for line in shipped_lines],
                "shipped_at": now.isoformat(),
            },
            correlationid=order.id,
        )
        uow.commit()
    return shipped


def _shipped_lines(order: Order, lines: Sequence[Mapping[str, Any]]) -> tuple[ShippedLine, ...]:
    to_ship = order.still_to_ship()
    result = []
    for index, line in enumerate(lines):
        product_id, quantity = str(line["product_id"]), int(line["quantity"])
        if quantity > to_ship.get(product_id, 0):
            raise NotAllowedHere(f"only {to_ship.get(product_id, 0)} of this product are left to ship", f"lines.{index}.quantity")
        to_ship[product_id] -= quantity
        result.append(ShippedLine(product_id, quantity))
    return tuple(result)


def check_shipment(
    uows: Orders, order_id: str, shipment_id: str, lines: Sequence[Mapping[str, Any]], *, actor: Actor, rules: Rules
) -> Order:
    now = utcnow()
    with uows() as uow:
        order = uow.orders.require(order_id, lock=True)
        shipment = order.shipment(shipment_id)
        if any(check.shipment_id == shipment_id for check in order.checks):
            raise NotAllowedHere("this shipment was already checked", "shipment_id")
        checked = Check(shipment_id, now, actor.subject, _checked_lines(shipment, lines))
        after = order.step(Action.CHECK, now, checks=(*order.checks, checked))
        refused = [line for line in checked.lines if line.refused]
        if after.fully_accepted():
            after = _received(uow, after, actor, rules)
        save(uow, order, rules.with_deadline(after), actor, "shipment.checked", reason="; ".join(l.reason or "" for l in refused) or None)
        if after.bast_number is not None and order.bast_number is None:
            _publish_received(uow, after, now, rules)
        uow.commit()
    return after


def _checked_lines(shipment: Shipment, lines: Sequence[Mapping[str, Any]]) -> tuple[CheckedLine, ...]:
    shipped = {line.product_id: line.quantity for line in shipment.lines}
    result = []
    for index, line in enumerate(lines):
        product_id = str(line["product_id"])
        accepted, refused = int(line["accepted"]), int(line.get("refused", 0))
        if product_id not in shipped:
            raise NotAllowedHere("the shipment does not carry this product", f"lines.{index}.product_id")
        if accepted + refused != shipped.pop(product_id):
            raise NotAllowedHere("accepted and refused must add up to the shipped quantity", f"lines.{index}.accepted")
        if refused and not line.get("reason"):
            raise NotAllowedHere("a refused quantity needs its reason", f"lines.{index}.reason")
        result.append(CheckedLine(product_id, accepted, refused, line.get("reason")))
    if shipped:
        raise NotAllowedHere("every line of the shipment must be checked", "lines")
    return tuple(result)


def _received(uow: OrdersUnitOfWork, order: Order, actor: Actor, rules: Rules) -> Order:
    now = order.updated_at
    received = order.step(Action.RECEIVE, now, steps=order.signed("receive", actor.subject, now))
    bast = issue_document(uow, received, RECEIPT, now, rules)
    return replace(received, bast_number=bast.number)


def _publish_received(uow: OrdersUnitOfWork, order: Order, at: datetime, rules: Rules) -> None:
    package = uow.packages.require(order.package_id)
    bast = uow.documents.of_order(order.id, RECEIPT)
    assert bast is not None
    services = {line.category for line in order.lines} <= rules.policy.service_categories
    uow.publish(
        ORDER_RECEIVED,
        order.id,
        {
            "order_id": order.id,
            "received_at": at.isoformat(),
            "work_unit": order.work_unit,
            "vendor_id": order.vendor_id,
            "package_id": order.package_id,
            "rup_code": package.rup_code,
            "budget_account": package.budget_account,
            "bast_number": bast.number,
            "bast_digest": bast.digest,
            "vat_registered": order.vat_registered,
            "supply_kind": "services" if services else "goods",
            "subtotal": order.amounts.subtotal,
            "vat": order.amounts.vat,
            "total": order.amounts.total,
            "lines": [
                {
                    "product_id": line.product_id,
                    "name": line.name,
                    "unit": line.unit,
                    "quantity": line.quantity,
                    "unit_price": line.unit_price,
                    "line_total": line.total,
                }
                for line in order.lines
            ],
        },
        correlationid=order.id,
    )
