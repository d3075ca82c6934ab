"""Paying an accepted invoice: manual transfer, autodebet (four eyes), KKPD card."""
from __future__ import annotations

from typing import Any
from uuid import UUID

from flask import Response, jsonify

from servicekit.http.access import current_principal, require_roles
from servicekit.http.app import Blueprint
from servicekit.http.idempotency import idempotent
from servicekit.http.problems import NotFound

from payments.api.access import BUDGET_HOLDER, READERS, TREASURER, ensure_acts, ensure_sees
from payments.api.blueprint import URL_PREFIX, payments_blueprint
from payments.api.invoices import invoice_for
from payments.api.schemas.payments import PaymentIn, PaymentListOut, PaymentOut
from payments.application.paying import PaymentOrder, approve_payment, pay_invoice, reconfirm_account
from payments.application.reading import Payments, find_payment, payments_of_invoice
from payments.application.reports import withholding_slip
from payments.domain.payment import Method, Payment
from payments.settings import PaymentPolicy


def payment_for(uows: Payments, payment_id: UUID) -> Payment:
    payment = find_payment(uows, str(payment_id))
    if payment is None:
        raise NotFound("payment not found")
    return payment


def payments_api_blueprint(uows: Payments, policy: PaymentPolicy) -> Blueprint:
    blp = payments_blueprint("payments", "Paying accepted invoices; what was withheld and why.")

    @blp.route("/invoices/<uuid:invoice_id>/payments", methods=["POST"])
    @require_roles(TREASURER)
    @idempotent
    @blp.arguments(PaymentIn)
    @blp.response(201, PaymentOut)
    def pay(body: dict[str, Any], invoice_id: UUID) -> tuple[Payment, int, dict[str, str]]:
        """The treasurer pays an accepted invoice. A manual transfer (bank reference and proof) or a
        KKPD card payment (card reference) is settled when recorded; an autodebet waits for the budget
        holder's approval. An invoice is paid at most once (409)."""
        principal = current_principal()
        invoice = invoice_for(uows, invoice_id)
        ensure_acts(principal, TREASURER, work_unit=invoice.bast.work_unit, what="invoice")
        order = PaymentOrder(Method(body["method"]), body["reference"], body["proof"])
        payment = pay_invoice(uows, invoice.id, order, actor=principal.actor, policy=policy)
        return payment, 201, {"Location": f"{URL_PREFIX}/payments/{payment.id}"}

    @blp.route("/invoices/<uuid:invoice_id>/payments", methods=["GET"])
    @require_roles(*READERS)
    @blp.response(200, PaymentListOut)
    def list_payments(invoice_id: UUID) -> dict[str, list[Payment]]:
        invoice = invoice_for(uows, invoice_id)
        ensure_sees(current_principal(), invoice.bast.work_unit, invoice.bast.vendor_id, "invoice")
        return {"items": payments_of_invoice(uows, invoice.id)}

    @blp.route("/payments/<uuid:payment_id>", methods=["GET"])
    @require_roles(*READERS)
    @blp.response(200, PaymentOut)
    def read_payment(payment_id: UUID) -> Payment:
        payment = payment_for(uows, payment_id)
        ensure_sees(current_principal(), payment.work_unit, payment.vendor_id, "payment")
        return payment

    @blp.route("/payments/<uuid:payment_id>/approval", methods=["POST"])
    @require_roles(BUDGET_HOLDER)
    @blp.response(200, PaymentOut)
    def approve(payment_id: UUID) -> Payment:
        """The work unit's budget holder approves an autodebet (never the treasurer who requested it:
        403). It is held for the treasurer to re-confirm when the vendor's account changed lately."""
        principal = current_principal()
        payment = payment_for(uows, payment_id)
        ensure_acts(principal, BUDGET_HOLDER, work_unit=payment.work_unit, what="payment")
        return approve_payment(uows, payment.id, actor=principal.actor, policy=policy)

    @blp.route("/payments/<uuid:payment_id>/reconfirmation", methods=["POST"])
    @require_roles(TREASURER)
    @blp.response(200, PaymentOut)
    def reconfirm(payment_id: UUID) -> Payment:
        """The treasurer checked the vendor's newly changed bank account: the held autodebet goes ahead."""
        principal = current_principal()
        payment = payment_for(uows, payment_id)
        ensure_acts(principal, TREASURER, work_unit=payment.work_unit, what="payment")
        return reconfirm_account(uows, payment.id, actor=principal.actor)

    @blp.route("/payments/<uuid:payment_id>/withholding-slip", methods=["GET"])
    @require_roles(*READERS)
    def slip(payment_id: UUID) -> Response:
        """What was withheld from the payment, under which rule and regulation (the vendor's proof)."""
        payment = payment_for(uows, payment_id)
        ensure_sees(current_principal(), payment.work_unit, payment.vendor_id, "payment")
        return jsonify(withholding_slip(payment))

    return blp
