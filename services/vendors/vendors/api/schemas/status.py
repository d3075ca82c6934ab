"""Bodies of the lifecycle requests."""
from __future__ import annotations

from marshmallow import fields, validate

from servicekit.http.schemas import StrictSchema

VERIFY, REJECT = "verify", "reject"


class VerificationIn(StrictSchema):
    decision = fields.String(required=True, validate=validate.OneOf([VERIFY, REJECT]))
    reasons = fields.List(
        fields.String(), load_default=list, metadata={"description": "what the vendor must fix; required to reject"}
    )


class ReasonIn(StrictSchema):
    reason = fields.String(required=True)


class ResubmissionIn(StrictSchema):
    reason = fields.String(load_default=None, metadata={"description": "what was fixed"})
