"""Invoices: the vendor confirms its drafted invoice; the treasurer accepts it or sends it back."""
from __future__ import annotations

from typing import Any
from uuid import UUID

from flask import Response, jsonify

from servicekit.http.access import current_principal, require_roles
from servicekit.http.app import Blueprint
from servicekit.http.problems import NotFound
from servicekit.http.schemas import page_of

from payments.api.access import READERS, TREASURER, VENDOR, ensure_acts, ensure_sees, listing_scope
from payments.api.blueprint import payments_blueprint
from payments.api.schemas.invoices import InvoiceListQuery, InvoiceOut, ReturnIn, SubmissionIn
from payments.application.invoicing import accept_invoice, return_invoice, submit_invoice
from payments.application.reading import Payments, find_invoice, invoice_page
from payments.domain.invoice import Invoice, VendorConfirmation

_PAGE = page_of(InvoiceOut)()


def invoice_for(uows: Payments, invoice_id: UUID) -> Invoice:
    invoice = find_invoice(uows, str(invoice_id))
    if invoice is None:
        raise NotFound("invoice not found")
    return invoice


def invoices_blueprint(uows: Payments) -> Blueprint:
    blp = payments_blueprint(
        "invoices", "drafted (from the BAST) -> submitted (by the vendor) -> accepted | returned (by the treasurer) -> paid"
    )

    @blp.route("/invoices", methods=["GET"])
    @require_roles(*READERS)
    @blp.arguments(InvoiceListQuery, location="query")
    @blp.response(200, page_of(InvoiceOut))
    def list_invoices(query: dict[str, Any]) -> Response:
        """Newest first: a treasurer or budget holder sees its work unit's, a vendor its own, an auditor any."""
        work_unit, vendor_id = listing_scope(current_principal(), query["work_unit"])
        page = invoice_page(uows, work_unit=work_unit, vendor_id=vendor_id, state=query["state"], limit=query["limit"], cursor=query["cursor"])
        return jsonify(_PAGE.dump({"items": page.items, "next": page.next}))

    @blp.route("/invoices/<uuid:invoice_id>", methods=["GET"])
    @require_roles(*READERS)
    @blp.response(200, InvoiceOut)
    def read_invoice(invoice_id: UUID) -> Invoice:
        invoice = invoice_for(uows, invoice_id)
        ensure_sees(current_principal(), invoice.bast.work_unit, invoice.bast.vendor_id, "invoice")
        return invoice

    @blp.route("/invoices/<uuid:invoice_id>/submission", methods=["POST"])
    @require_roles(VENDOR)
    @blp.arguments(SubmissionIn)
    @blp.response(200, InvoiceOut)
    def submit(body: dict[str, Any], invoice_id: UUID) -> Invoice:
        """The vendor confirms its invoice: number, date, the amount (which must equal the BAST's:
        422 naming ``amount`` otherwise) and, when VAT-registered, its faktur pajak number."""
        principal = current_principal()
        invoice = invoice_for(uows, invoice_id)
        ensure_acts(principal, VENDOR, vendor_id=invoice.bast.vendor_id, what="invoice")
        confirmation = VendorConfirmation(body["invoice_number"].strip(), body["invoice_date"], body["amount"], body["tax_invoice_number"])
        return submit_invoice(uows, invoice.id, confirmation, actor=principal.actor)

    @blp.route("/invoices/<uuid:invoice_id>/acceptance", methods=["POST"])
    @require_roles(TREASURER)
    @blp.response(200, InvoiceOut)
    def accept(invoice_id: UUID) -> Invoice:
        """The work unit's treasurer accepts a submitted invoice; it can then be paid."""
        principal = current_principal()
        invoice = invoice_for(uows, invoice_id)
        ensure_acts(principal, TREASURER, work_unit=invoice.bast.work_unit, what="invoice")
        return accept_invoice(uows, invoice.id, actor=principal.actor)

    @blp.route("/invoices/<uuid:invoice_id>/return", methods=["POST"])
    @require_roles(TREASURER)
    @blp.arguments(ReturnIn)
    @blp.response(200, InvoiceOut)
    def send_back(body: dict[str, Any], invoice_id: UUID) -> Invoice:
        """The treasurer sends a submitted invoice back with the reasons the vendor must fix."""
        principal = current_principal()
        invoice = invoice_for(uows, invoice_id)
        ensure_acts(principal, TREASURER, work_unit=invoice.bast.work_unit, what="invoice")
        return return_invoice(uows, invoice.id, body["reasons"], actor=principal.actor)

    return blp
