from __future__ import annotations

import marshmallow as ma
from marshmallow import fields


class AuditEntryOut(ma.Schema):
    id = fields.Integer()
    occurred_at = fields.DateTime()
    actor = fields.String()
    actor_roles = fields.List(fields.String())
    action = fields.String()
    before = fields.Dict(allow_none=True)
    after = fields.Dict(allow_none=True)
    reason = fields.String(allow_none=True)
    request_id = fields.String(allow_none=True)
