"""A procurement officer building a draft from one vendor's listed products, on a package assigned to it."""
from __future__ import annotations

import uuid

from typing import Any, Mapping, Sequence

from servicekit.actors import Actor
from servicekit.storage import utcnow

from orders.application.rules import Orders, Rules
from orders.application.saving import save, save_new
from orders.domain.amounts import amounts_of
from orders.domain.errors import InvalidFields, PackageNotFound
from orders.domain.lifecycle import Action, State
from orders.domain.order import Order
from orders.domain.packages import Package
from orders.domain.submission import Wanted, lines_from_catalog
from orders.storage.unit_of_work import OrdersUnitOfWork


def create_draft(uows: Orders, body: Mapping[str, Any], *, actor: Actor, work_unit: str | None, rules: Rules) -> Order:
    now = utcnow()
    with uows() as uow:
        package = _assigned_package(uow, str(body["package_id"]), actor, work_unit)
        vendor_id, lines = lines_from_catalog(_wanted(body["lines"]), uow.products.of(l["product_id"] for l in body["lines"]))
        vendor = uow.vendors.get(vendor_id)
        vat_registered = bool(vendor and vendor.pkp)
        order = Order(
            id=str(uuid.uuid4()),
            work_unit=package.work_unit,
            package_id=package.id,
            vendor_id=vendor_id,
            vendor_name=vendor.name if vendor else "",
            created_by=actor.subject,
            state=State.DRAFT,
            lines=lines,
            delivery_address=body["delivery_address"],
            requested_delivery_date=body["requested_delivery_date"],
            notes=body.get("notes"),
            vat_registered=vat_registered,
            amounts=amounts_of((line.total for line in lines), vat_registered=vat_registered, rate=rules.policy.vat_rate),
            created_at=now,
            updated_at=now,
        )
        save_new(uow, order, actor, "drafted")
        uow.commit()
    return order


def edit_draft(uows: Orders, order_id: str, changes: Mapping[str, Any], *, actor: Actor, rules: Rules) -> Order:
    """Change a draft's lines, address, date or notes (the vendor stays: lines are of one vendor)."""
    with uows() as uow:
        order = uow.orders.require(order_id, lock=True)
        edited = order.step(Action.EDIT, utcnow(), **draft_changes(uow, order, changes, rules))
        save(uow, order, edited, actor, "draft.edited")
        uow.commit()
    return edited


def draft_changes(uow: OrdersUnitOfWork, order: Order, changes: Mapping[str, Any], rules: Rules) -> dict[str, Any]:
    """The fields a draft edit or an amendment changes; new lines come from the catalog as it is now."""
    result: dict[str, Any] = {key: changes[key] for key in ("delivery_address", "requested_delivery_date", "notes") if key in changes}
    if "lines" in changes:
        products = uow.products.of(line["product_id"] for line in changes["lines"])
        vendor_id, lines = lines_from_catalog(_wanted(changes["lines"]), products)
        if vendor_id != order.vendor_id:
            raise InvalidFields({"lines": ["an order keeps its vendor; start a new order for another vendor"]})
        result.update(order.with_lines(lines, rate=rules.policy.vat_rate, vat_registered=order.vat_registered))
    return result


def _wanted(lines: Sequence[Mapping[str, Any]]) -> list[Wanted]:
    return [Wanted(str(line["product_id"]), int(line["quantity"])) for line in lines]


def _assigned_package(uow: OrdersUnitOfWork, package_id: str, actor: Actor, work_unit: str | None) -> Package:
    """The package, if it is of the officer's work unit and assigned to the officer (else not found)."""
    package = uow.packages.get(package_id)
    if package is None or package.work_unit != work_unit or not package.assigned_to_officer(actor.subject):
        raise PackageNotFound()
    return package


