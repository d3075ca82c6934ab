"""Request and response bodies of the gateway's own API."""
from __future__ import annotations

from marshmallow import fields, validate

from servicekit.http.schemas import PageQuerySchema, StrictBoolean, StrictSchema

from gateway.domain.accounts import ALL_ROLES, AccountStatus

ROLE = fields.String(validate=validate.OneOf(sorted(ALL_ROLES)))


class CredentialsIn(StrictSchema):
    username = fields.String(required=True, validate=validate.Length(min=1, max=200))
    password = fields.String(required=True, validate=validate.Length(min=1, max=1000))


class RefreshIn(StrictSchema):
    refresh_token = fields.String(required=True, validate=validate.Length(min=1, max=200))


class TokenOut(StrictSchema):
    access_token = fields.String(required=True)
    token_type = fields.String(required=True, metadata={"description": "always Bearer"})
    expires_in = fields.Integer(required=True, metadata={"description": "seconds the access token is valid"})
    refresh_token = fields.String(required=True, metadata={"description": "single use: each renewal returns a new one"})
    refresh_expires_in = fields.Integer(required=True)


class VendorSignupIn(StrictSchema):
    username = fields.String(required=True, validate=validate.Length(min=1, max=200))
    password = fields.String(required=True, validate=validate.Length(min=1, max=1000))
    vendor = fields.Dict(
        required=True,
        metadata={"description": "the registration body of the vendors API (POST /api/v1/vendors/registrations)"},
    )


class AccountOut(StrictSchema):
    id = fields.String(dump_only=True)
    username = fields.String(dump_only=True)
    roles = fields.List(ROLE, dump_only=True)
    work_unit = fields.String(dump_only=True, allow_none=True)
    vendor_id = fields.String(dump_only=True, allow_none=True)
    status = fields.String(dump_only=True)
    created_at = fields.DateTime(dump_only=True)
    updated_at = fields.DateTime(dump_only=True)


class SignupOut(StrictSchema):
    account = fields.Nested(AccountOut, required=True)
    vendor = fields.Dict(required=True, metadata={"description": "the vendor as the vendors service registered it"})


class AccountIn(StrictSchema):
    username = fields.String(required=True, validate=validate.Length(min=1, max=200))
    password = fields.String(required=True, validate=validate.Length(min=1, max=1000))
    roles = fields.List(ROLE, required=True, validate=validate.Length(min=1, max=4))
    work_unit = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=20))
    vendor_id = fields.UUID(load_default=None, allow_none=True)


class AccountChangeIn(StrictSchema):
    password = fields.String(validate=validate.Length(min=1, max=1000))
    roles = fields.List(ROLE, validate=validate.Length(min=1, max=4))
    work_unit = fields.String(allow_none=True, validate=validate.Length(max=20))
    vendor_id = fields.UUID(allow_none=True)
    status = fields.String(validate=validate.OneOf([AccountStatus.ACTIVE.value, AccountStatus.DISABLED.value]))


class AccountQuery(PageQuerySchema):
    role = ROLE
    work_unit = fields.String(validate=validate.Length(max=20))
    status = fields.String(validate=validate.OneOf([AccountStatus.ACTIVE.value, AccountStatus.DISABLED.value]))


class WorkUnitIn(StrictSchema):
    code = fields.String(required=True, validate=validate.Length(min=2, max=20))
    name = fields.String(required=True, validate=validate.Length(min=3, max=200))


class WorkUnitChangeIn(StrictSchema):
    name = fields.String(validate=validate.Length(min=3, max=200))
    active = StrictBoolean()


class WorkUnitOut(StrictSchema):
    code = fields.String(dump_only=True)
    name = fields.String(dump_only=True)
    active = fields.Boolean(dump_only=True)
    created_at = fields.DateTime(dump_only=True)
    updated_at = fields.DateTime(dump_only=True)


class WorkUnitQuery(PageQuerySchema):
    active = fields.Boolean()
