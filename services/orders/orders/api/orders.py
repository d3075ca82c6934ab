"""The order and its saga: drafts, submission, amendment, approval, the vendor's answer,
cancellation, shipments and their check, rating, history and documents."""
from __future__ import annotations

from typing import Any
from uuid import UUID

from flask import Response

from servicekit.http.access import current_principal, require_roles
from servicekit.http.app import Blueprint
from servicekit.http.idempotency import idempotent
from servicekit.http.schemas import page_of

from orders.api.access import (
    COMMITMENT_OFFICER,
    PROCUREMENT_OFFICER,
    READERS,
    VENDOR,
    AUDITOR,
    BUDGET_HOLDER,
    ensure_approver,
    ensure_buyer,
    ensure_reader,
    ensure_vendor,
    work_unit_of,
)
from orders.api.blueprint import orders_blueprint
from orders.api.presenting import order_body
from orders.api.schemas.orders import (
    AmendmentIn,
    CancellationIn,
    CheckIn,
    DecisionIn,
    DraftChangesIn,
    DraftIn,
    HistoryOut,
    OrderOut,
    OrderQuery,
    RatingIn,
    ShipmentIn,
    SubmissionIn,
    VendorResponseIn,
)
from orders.application.approval import approve_order, reject_order
from orders.application.delivery import check_shipment, ship_order
from orders.application.documents import ORDER_LETTER, RECEIPT, order_document
from orders.application.drafting import create_draft, edit_draft
from orders.application.ending import cancel_order
from orders.application.rating import rate_order
from orders.application.reading import find_order, order_history, search_orders
from orders.application.rules import Orders, Rules
from orders.application.submitting import amend_order, submit_order
from orders.application.vendor_response import accept_order, decline_order
from orders.domain.errors import DocumentNotFound
from orders.storage.orders import OrderScope

DOCUMENT_KINDS = {"order-letter": ORDER_LETTER, "receipt": RECEIPT}


def orders_api(uows: Orders, rules: Rules) -> Blueprint:
    blp = orders_blueprint("orders", "Orders and their saga, from draft to completion")

    def as_buyer(order_id: UUID) -> str:
        return ensure_buyer(current_principal(), find_order(uows, str(order_id))).order.id

    @blp.route("", methods=["POST"])
    @require_roles(PROCUREMENT_OFFICER)
    @idempotent
    @blp.arguments(DraftIn)
    @blp.response(201, OrderOut)
    def draft(body: dict[str, Any]) -> dict[str, Any]:
        """A draft from one vendor's listed products, on a package assigned to the officer."""
        principal = current_principal()
        body = {**body, "package_id": str(body["package_id"]), "lines": _lines(body["lines"])}
        return order_body(create_draft(uows, body, actor=principal.actor, work_unit=principal.work_unit, rules=rules))

    @blp.route("", methods=["GET"])
    @require_roles(*READERS)
    @blp.arguments(OrderQuery, location="query")
    @blp.response(200, page_of(OrderOut))
    def list_orders(query: dict[str, Any]) -> dict[str, Any]:
        """The orders the caller may see, newest first."""
        principal = current_principal()
        if principal.has_any(AUDITOR):
            scope = OrderScope()
        elif principal.has_any(PROCUREMENT_OFFICER, BUDGET_HOLDER):
            scope = OrderScope(work_unit=work_unit_of(principal))
        elif principal.has_any(COMMITMENT_OFFICER):
            scope = OrderScope(commitment_officer=principal.subject)
        else:
            scope = OrderScope(vendor_id=principal.vendor_id or "-", hide_drafts=True)
        page = search_orders(uows, scope, state=query["state"], limit=query["limit"], cursor=query["cursor"])
        return {"items": [order_body(order) for order in page.items], "next": page.next}

    @blp.route("/<uuid:order_id>", methods=["GET"])
    @require_roles(*READERS)
    @blp.response(200, OrderOut)
    def read_order(order_id: UUID) -> dict[str, Any]:
        return order_body(ensure_reader(current_principal(), find_order(uows, str(order_id))).order)

    @blp.route("/<uuid:order_id>", methods=["PATCH"])
    @require_roles(PROCUREMENT_OFFICER)
    @blp.arguments(DraftChangesIn)
    @blp.response(200, OrderOut)
    def edit(changes: dict[str, Any], order_id: UUID) -> dict[str, Any]:
        """Change a draft."""
        return order_body(edit_draft(uows, as_buyer(order_id), _changes(changes), actor=current_principal().actor, rules=rules))

    @blp.route("/<uuid:order_id>/submission", methods=["POST"])
    @require_roles(PROCUREMENT_OFFICER)
    @blp.arguments(SubmissionIn, required=False)
    @blp.response(200, OrderOut)
    def submit(body: dict[str, Any], order_id: UUID) -> dict[str, Any]:
        """Submit a draft: refused with every rule it breaks (422, `errors` by field)."""
        accept = body.get("accept_current_prices", False)
        return order_body(submit_order(uows, as_buyer(order_id), accept_current_prices=accept, actor=current_principal().actor, rules=rules))

    @blp.route("/<uuid:order_id>/amendment", methods=["POST"])
    @require_roles(PROCUREMENT_OFFICER)
    @blp.arguments(AmendmentIn)
    @blp.response(200, OrderOut)
    def amend(body: dict[str, Any], order_id: UUID) -> dict[str, Any]:
        """Change a submitted order before the vendor accepts it: checked again, reserved and approved again."""
        accept = body.pop("accept_current_prices", False)
        order = amend_order(uows, as_buyer(order_id), _changes(body), accept_current_prices=accept, actor=current_principal().actor, rules=rules)
        return order_body(order)

    @blp.route("/<uuid:order_id>/cancellation", methods=["POST"])
    @require_roles(PROCUREMENT_OFFICER)
    @blp.arguments(CancellationIn)
    @blp.response(200, OrderOut)
    def cancel(body: dict[str, Any], order_id: UUID) -> dict[str, Any]:
        """The buyer cancels before the vendor accepts."""
        return order_body(cancel_order(uows, as_buyer(order_id), reason=body["reason"], actor=current_principal().actor))

    @blp.route("/<uuid:order_id>/approval", methods=["POST"])
    @require_roles(COMMITMENT_OFFICER)
    @blp.arguments(DecisionIn)
    @blp.response(200, OrderOut)
    def decide(body: dict[str, Any], order_id: UUID) -> dict[str, Any]:
        """The package's commitment officer approves (committing the total on the package) or rejects."""
        principal = current_principal()
        found = ensure_approver(principal, find_order(uows, str(order_id)))
        if body["decision"] == "approve":
            return order_body(approve_order(uows, found.order.id, actor=principal.actor, rules=rules))
        return order_body(reject_order(uows, found.order.id, reason=body["reason"], actor=principal.actor))

    @blp.route("/<uuid:order_id>/vendor-response", methods=["POST"])
    @require_roles(VENDOR)
    @blp.arguments(VendorResponseIn)
    @blp.response(200, OrderOut)
    def respond(body: dict[str, Any], order_id: UUID) -> dict[str, Any]:
        """The vendor accepts (the order letter is issued) or declines with a reason."""
        principal = current_principal()
        found = ensure_vendor(principal, find_order(uows, str(order_id)))
        if body["decision"] == "accept":
            return order_body(accept_order(uows, found.order.id, actor=principal.actor, rules=rules))
        return order_body(decline_order(uows, found.order.id, reason=body["reason"], actor=principal.actor))

    @blp.route("/<uuid:order_id>/shipments", methods=["POST"])
    @require_roles(VENDOR)
    @blp.arguments(ShipmentIn)
    @blp.response(201, OrderOut)
    def ship(body: dict[str, Any], order_id: UUID) -> dict[str, Any]:
        """Record a shipment (partial deliveries allowed; refused units are shipped again)."""
        principal = current_principal()
        found = ensure_vendor(principal, find_order(uows, str(order_id)))
        return order_body(ship_order(uows, found.order.id, _lines(body["lines"]), body["note"], actor=principal.actor, rules=rules))

    @blp.route("/<uuid:order_id>/shipments/<uuid:shipment_id>/check", methods=["POST"])
    @require_roles(COMMITMENT_OFFICER)
    @blp.arguments(CheckIn)
    @blp.response(200, OrderOut)
    def check(body: dict[str, Any], order_id: UUID, shipment_id: UUID) -> dict[str, Any]:
        """Check a shipment line by line; when every ordered unit is accepted the order is received
        and the BAST issued."""
        principal = current_principal()
        found = ensure_approver(principal, find_order(uows, str(order_id)))
        lines = [{**line, "product_id": str(line["product_id"])} for line in body["lines"]]
        return order_body(check_shipment(uows, found.order.id, str(shipment_id), lines, actor=principal.actor, rules=rules))

    @blp.route("/<uuid:order_id>/rating", methods=["POST"])
    @require_roles(PROCUREMENT_OFFICER)
    @blp.arguments(RatingIn)
    @blp.response(200, OrderOut)
    def rate(body: dict[str, Any], order_id: UUID) -> dict[str, Any]:
        """Rate the vendor of a completed order, once."""
        return order_body(rate_order(uows, as_buyer(order_id), body["rating"], body["comment"], actor=current_principal().actor))

    @blp.route("/<uuid:order_id>/history", methods=["GET"])
    @require_roles(*READERS)
    @blp.response(200, HistoryOut)
    def history(order_id: UUID) -> dict[str, Any]:
        """Every change of the order: who, when, and a JSON Patch of what changed."""
        found = ensure_reader(current_principal(), find_order(uows, str(order_id)))
        return {"items": order_history(uows, found.order.id)}

    @blp.route("/<uuid:order_id>/documents/<string:kind>", methods=["GET"])
    @require_roles(*READERS)
    @blp.response(200, content_type="application/pdf")
    def document_pdf(order_id: UUID, kind: str) -> Response:
        """The order letter (`order-letter`) or the receipt (`receipt`) as PDF."""
        found = ensure_reader(current_principal(), find_order(uows, str(order_id)))
        if kind not in DOCUMENT_KINDS:
            raise DocumentNotFound()
        document = order_document(uows, found.order.id, DOCUMENT_KINDS[kind])
        return Response(document.pdf, mimetype="application/pdf", headers={"Content-Disposition": f'inline; filename="{document.number}.pdf"'})

    return blp


def _lines(lines: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{"product_id": str(line["product_id"]), "quantity": line["quantity"]} for line in lines]


def _changes(changes: dict[str, Any]) -> dict[str, Any]:
    return {**changes, "lines": _lines(changes["lines"])} if "lines" in changes else changes
