"""What vendors and treasurers send about invoices, and how an invoice is shown."""
from __future__ import annotations

from typing import Any

import marshmallow as ma
from marshmallow import fields, pre_dump, validate

from servicekit.http.schemas import PageQuerySchema, StrictSchema, money_field

from payments.domain.invoice import Invoice, InvoiceState


class SubmissionIn(StrictSchema):
    invoice_number = fields.String(required=True, validate=validate.Length(min=1, max=50), metadata={"example": "INV/2026/03/017"})
    invoice_date = fields.Date(required=True)
    amount = money_field(required=True, metadata={"description": "must equal the BAST total, VAT included"})
    tax_invoice_number = fields.String(
        load_default=None,
        allow_none=True,
        validate=validate.Length(max=30),
        metadata={"description": "the faktur pajak's 17-digit code and serial number (PER-11/PJ/2025); required from a VAT-registered vendor", "example": "04002500000000017"},
    )


class ReturnIn(StrictSchema):
    reasons = fields.List(fields.String(validate=validate.Length(min=1, max=500)), required=True, validate=validate.Length(min=1, max=20))


class InvoiceListQuery(PageQuerySchema):
    state = fields.String(load_default=None, validate=validate.OneOf([s.value for s in InvoiceState]))
    work_unit = fields.String(load_default=None, validate=validate.Length(min=1, max=50), metadata={"description": "auditors only"})


class InvoiceOut(ma.Schema):
    id = fields.String()
    order_id = fields.String()
    work_unit = fields.String()
    vendor_id = fields.String()
    state = fields.String()
    amount = fields.Integer()
    subtotal = fields.Integer()
    vat = fields.Integer()
    supply_kind = fields.String()
    vat_registered = fields.Boolean()
    bast_number = fields.String()
    rup_code = fields.String()
    budget_account = fields.String()
    received_at = fields.DateTime()
    due_at = fields.DateTime()
    invoice_number = fields.String(allow_none=True)
    invoice_date = fields.Date(allow_none=True)
    tax_invoice_number = fields.String(allow_none=True)
    return_reasons = fields.List(fields.String())
    overdue = fields.Boolean()
    drafted_at = fields.DateTime()
    submitted_at = fields.DateTime(allow_none=True)

    @pre_dump
    def _flatten(self, invoice: Invoice, **_kwargs: Any) -> dict[str, Any]:
        bast = invoice.bast
        return {
            "id": invoice.id, "order_id": bast.order_id, "work_unit": bast.work_unit, "vendor_id": bast.vendor_id,
            "state": invoice.state.value, "amount": invoice.amount, "subtotal": bast.subtotal, "vat": bast.vat,
            "supply_kind": bast.supply.value, "vat_registered": bast.vat_registered, "bast_number": bast.bast_number,
            "rup_code": bast.rup_code, "budget_account": bast.budget_account, "received_at": bast.received_at,
            "due_at": invoice.due_at, "invoice_number": invoice.invoice_number, "invoice_date": invoice.invoice_date,
            "tax_invoice_number": invoice.tax_invoice_number, "return_reasons": list(invoice.return_reasons),
            "overdue": invoice.overdue, "drafted_at": invoice.drafted_at, "submitted_at": invoice.submitted_at,
        }  # fmt: skip
