"""Bodies of the order routes: clients send what they decide; amounts, states and ids are the server's."""
from __future__ import annotations

from marshmallow import ValidationError, fields, validate, validates_schema

from servicekit.http.schemas import PageQuerySchema, StrictBoolean, StrictSchema

from orders.domain.lifecycle import State

REASON = validate.Length(min=1, max=1000)


class LineIn(StrictSchema):
    product_id = fields.UUID(required=True)
    quantity = fields.Integer(required=True, strict=True, validate=validate.Range(min=1, max=1_000_000))


class DraftIn(StrictSchema):
    package_id = fields.UUID(required=True)
    lines = fields.List(fields.Nested(LineIn), required=True, validate=validate.Length(min=1, max=100))
    delivery_address = fields.String(required=True, validate=validate.Length(min=5, max=500))
    requested_delivery_date = fields.Date(required=True)
    notes = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=2000))


class DraftChangesIn(StrictSchema):
    lines = fields.List(fields.Nested(LineIn), validate=validate.Length(min=1, max=100))
    delivery_address = fields.String(validate=validate.Length(min=5, max=500))
    requested_delivery_date = fields.Date()
    notes = fields.String(allow_none=True, validate=validate.Length(max=2000))

    @validates_schema
    def _something(self, data: dict, **_kwargs: object) -> None:
        if not data:
            raise ValidationError("change at least one field", "_schema")


class AmendmentIn(DraftChangesIn):
    accept_current_prices = StrictBoolean(load_default=False)


class SubmissionIn(StrictSchema):
    accept_current_prices = StrictBoolean(
        load_default=False, metadata={"description": "confirm prices that changed since the draft (the refusal lists them)"}
    )


def _decision(name: str, yes: str, no: str) -> type[StrictSchema]:
    """A yes-or-no answer; saying no needs its reason."""

    def reason_for_no(self: StrictSchema, data: dict, **_kwargs: object) -> None:
        if data["decision"] == no and not data.get("reason"):
            raise ValidationError(f"{no} needs its reason", "reason")

    return type(name, (StrictSchema,), {
        "decision": fields.String(required=True, validate=validate.OneOf([yes, no])),
        "reason": fields.String(load_default=None, validate=REASON),
        "_reason_for_no": validates_schema(reason_for_no),
    })


DecisionIn = _decision("DecisionIn", "approve", "reject")
VendorResponseIn = _decision("VendorResponseIn", "accept", "decline")


class CancellationIn(StrictSchema):
    reason = fields.String(required=True, validate=REASON)


class ShipmentIn(StrictSchema):
    lines = fields.List(fields.Nested(LineIn), required=True, validate=validate.Length(min=1, max=100))
    note = fields.String(load_default=None, validate=validate.Length(max=1000))


class CheckedLineIn(StrictSchema):
    product_id = fields.UUID(required=True)
    accepted = fields.Integer(required=True, strict=True, validate=validate.Range(min=0))
    refused = fields.Integer(load_default=0, strict=True, validate=validate.Range(min=0))
    reason = fields.String(load_default=None, validate=REASON)


class CheckIn(StrictSchema):
    lines = fields.List(fields.Nested(CheckedLineIn), required=True, validate=validate.Length(min=1, max=100))


class RatingIn(StrictSchema):
    rating = fields.Integer(required=True, strict=True, validate=validate.Range(min=1, max=5))
    comment = fields.String(load_default=None, validate=validate.Length(max=500))


class OrderQuery(PageQuerySchema):
    state = fields.String(load_default=None, validate=validate.OneOf([state.value for state in State]))


class VerificationOut(StrictSchema):
    authentic = fields.Boolean(dump_only=True)
    number = fields.String(dump_only=True)
    kind = fields.String(dump_only=True)
    issued_at = fields.DateTime(dump_only=True)
    work_unit = fields.String(dump_only=True)
    vendor = fields.String(dump_only=True)
    total = fields.Integer(dump_only=True)
    digest = fields.String(dump_only=True)


class OrderOut(StrictSchema):
    """An order as its parties see it (amounts in integer rupiah; VAT rounded down to the rupiah)."""

    id = fields.String(dump_only=True)
    work_unit = fields.String(dump_only=True)
    package_id = fields.String(dump_only=True)
    vendor_id = fields.String(dump_only=True)
    vendor_name = fields.String(dump_only=True)
    created_by = fields.String(dump_only=True)
    state = fields.String(dump_only=True)
    lines = fields.List(fields.Dict(), dump_only=True)
    delivery_address = fields.String(dump_only=True)
    requested_delivery_date = fields.String(dump_only=True)
    notes = fields.String(dump_only=True, allow_none=True)
    vat_registered = fields.Boolean(dump_only=True)
    amounts = fields.Dict(dump_only=True, metadata={"description": "subtotal, vat, total"})
    revision = fields.Integer(dump_only=True)
    version = fields.Integer(dump_only=True)
    submitted_at = fields.String(dump_only=True, allow_none=True)
    reason = fields.String(dump_only=True, allow_none=True)
    deadline_kind = fields.String(dump_only=True, allow_none=True)
    deadline_at = fields.String(dump_only=True, allow_none=True)
    missed_deadline = fields.String(dump_only=True, allow_none=True)
    order_letter_number = fields.String(dump_only=True, allow_none=True)
    bast_number = fields.String(dump_only=True, allow_none=True)
    steps = fields.List(fields.Dict(), dump_only=True)
    shipments = fields.List(fields.Dict(), dump_only=True)
    checks = fields.List(fields.Dict(), dump_only=True)
    rating = fields.Integer(dump_only=True, allow_none=True)
    rating_comment = fields.String(dump_only=True, allow_none=True)
    created_at = fields.String(dump_only=True)
    updated_at = fields.String(dump_only=True)


class RevisionOut(StrictSchema):
    number = fields.Integer(dump_only=True)
    actor = fields.String(dump_only=True)
    action = fields.String(dump_only=True)
    at = fields.DateTime(dump_only=True)
    patch = fields.List(fields.Dict(), dump_only=True, metadata={"description": "RFC 6902 JSON Patch from the previous revision"})


class HistoryOut(StrictSchema):
    items = fields.List(fields.Nested(RevisionOut), dump_only=True)
