from __future__ import annotations

import marshmallow as ma
from marshmallow import fields

from servicekit.http.schemas import StrictSchema


class BlacklistEntryIn(StrictSchema):
    npwp = fields.String(required=True, metadata={"description": "15 or 16 digits, dots and dashes allowed"})
    reason = fields.String(required=True)


class BlacklistEntryOut(ma.Schema):
    npwp = fields.String()
    reason = fields.String()
    added_by = fields.String()
    added_at = fields.DateTime()
