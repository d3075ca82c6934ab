from __future__ import annotations

from marshmallow import fields, validate

from servicekit.http.schemas import PageQuerySchema

from vendors.domain.lifecycle import Status
from vendors.domain.scale import UMKM_SCALES
from vendors.domain.search import SORTS


class VendorListQuery(PageQuerySchema):
    status = fields.String(validate=validate.OneOf([s.value for s in Status]))
    scale = fields.String(validate=validate.OneOf([s.value for s in UMKM_SCALES]))
    city = fields.String(validate=validate.Length(min=1, max=100))
    kecamatan = fields.String(validate=validate.Length(min=1, max=100))
    category = fields.String(validate=validate.Length(min=1, max=60))
    q = fields.String(
        validate=validate.Length(min=1, max=100),
        metadata={"description": "part of the name; admins and auditors may also give a whole NIB or NPWP"},
    )
    sort = fields.String(load_default="name", validate=validate.OneOf(list(SORTS)))
