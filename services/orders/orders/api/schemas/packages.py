"""Bodies of the package routes."""
from __future__ import annotations

from marshmallow import fields, validate

from servicekit.http.schemas import StrictSchema, money_field

SUBJECT = validate.Length(min=1, max=200)


class PackageIn(StrictSchema):
    rup_code = fields.String(required=True, validate=validate.Length(min=1, max=40))
    name = fields.String(required=True, validate=validate.Length(min=1, max=300))
    budget_account = fields.String(required=True, validate=validate.Length(min=1, max=40))
    fiscal_year = fields.Integer(required=True, strict=True)
    amount = money_field(required=True)


class PackageImportIn(StrictSchema):
    csv = fields.String(
        required=True,
        validate=validate.Length(min=1, max=500_000),
        metadata={"description": "CSV text with the header rup_code,name,budget_account,fiscal_year,amount"},
    )


class CommitmentOfficerIn(StrictSchema):
    subject = fields.String(required=True, validate=SUBJECT)


class ProcurementOfficersIn(StrictSchema):
    subjects = fields.List(fields.String(validate=SUBJECT), required=True, validate=validate.Length(min=1, max=50))


class PackageOut(StrictSchema):
    id = fields.String(dump_only=True)
    work_unit = fields.String(dump_only=True)
    rup_code = fields.String(dump_only=True)
    name = fields.String(dump_only=True)
    budget_account = fields.String(dump_only=True)
    fiscal_year = fields.Integer(dump_only=True)
    amount = fields.Integer(dump_only=True)
    committed = fields.Integer(dump_only=True)
    realised = fields.Integer(dump_only=True)
    remaining = fields.Integer(dump_only=True)
    commitment_officer = fields.String(dump_only=True, allow_none=True)
    procurement_officers = fields.List(fields.String(), dump_only=True)
    created_at = fields.DateTime(dump_only=True)
    updated_at = fields.DateTime(dump_only=True)


class PackageListOut(StrictSchema):
    items = fields.List(fields.Nested(PackageOut), dump_only=True)
