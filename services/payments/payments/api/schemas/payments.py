"""What the treasurer sends to pay, and how a payment is shown."""
from __future__ import annotations

from typing import Any

import marshmallow as ma
from marshmallow import fields, pre_dump, validate

from servicekit.http.schemas import StrictSchema, money_field

from payments.domain.payment import Method, Payment


class PaymentIn(StrictSchema):
    method = fields.String(required=True, validate=validate.OneOf([m.value for m in Method]))
    reference = fields.String(
        load_default=None, validate=validate.Length(min=1, max=100),
        metadata={"description": "manual_transfer: the bank reference; kkpd: the card transaction reference; autodebet: none"},
    )  # fmt: skip
    proof = fields.String(
        load_default=None, metadata={"description": "manual_transfer only: the transfer proof (PDF, PNG or JPEG) in base64"}
    )


class WithholdingOut(ma.Schema):
    kind = fields.String()
    base = fields.Integer()
    rate_bp = fields.Integer(metadata={"description": "basis points: 150 is 1.5%"})
    amount = fields.Integer()
    rule = fields.String(metadata={"description": "the rule applied: kind@effective_from"})
    regulation = fields.String()


class PaymentOut(ma.Schema):
    id = fields.String()
    invoice_id = fields.String()
    order_id = fields.String()
    work_unit = fields.String()
    vendor_id = fields.String()
    method = fields.String()
    state = fields.String()
    gross = fields.Integer()
    withheld = fields.Integer()
    net = fields.Integer()
    withholdings = fields.List(fields.Nested(WithholdingOut))
    reference = fields.String(allow_none=True)
    requested_by = fields.String()
    approved_by = fields.String(allow_none=True)
    failure_reason = fields.String(allow_none=True)
    created_at = fields.DateTime()
    settled_at = fields.DateTime(allow_none=True)

    @pre_dump
    def _unpack(self, payment: Payment, **_kwargs: Any) -> dict[str, Any]:
        return {
            **{name: getattr(payment, name) for name in ("id", "invoice_id", "order_id", "work_unit", "vendor_id", "gross", "withheld", "net", "reference", "requested_by", "approved_by", "failure_reason", "created_at", "settled_at")},
            "method": payment.method.value,
            "state": payment.state.value,
            "withholdings": list(payment.withholdings),
        }


class PaymentListOut(ma.Schema):
    items = fields.List(fields.Nested(PaymentOut))


class WorkUnitQuery(StrictSchema):
    work_unit = fields.String(load_default=None, validate=validate.Length(min=1, max=50), metadata={"description": "auditors choose; others get their own"})


class MonthQuery(WorkUnitQuery):
    month = fields.String(required=True, validate=validate.Regexp(r"^\d{4}-(0[1-9]|1[0-2])$"), metadata={"example": "2026-03"})


class StatementQuery(WorkUnitQuery):
    account = fields.String(required=True, validate=validate.Length(min=3, max=200), metadata={"example": "Assets:Bank:DPPKUKM"})


class BankStatementIn(StrictSchema):
    statement = fields.String(
        required=True, validate=validate.Length(min=1, max=900_000),
        metadata={"description": "CSV with the header date,reference,amount,description; amount in rupiah, negative for money out"},
    )  # fmt: skip


class TaxDepositIn(StrictSchema):
    kind = fields.String(required=True, validate=validate.OneOf(["ppn", "pph22", "pph23", "pph_final"]))
    amount = money_field(required=True, validate=validate.Range(min=1, max=999_999_999_999_999))
    reference = fields.String(required=True, validate=validate.Length(min=1, max=36), metadata={"description": "the deposit's NTPN"})
