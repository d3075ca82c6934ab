"""How a vendor is shown: the full profile to admins, auditors and the vendor itself, the public view
to everyone else.

The public view leaves out what identifies or reaches a person, or could divert a payment: the owner's
NIK, the NPWP (a micro business is usually a sole proprietor, whose 16-digit NPWP *is* the owner's
NIK), the bank account, the contact person, phone and email, the street and the business figures.
"""
from __future__ import annotations

from dataclasses import fields as dataclass_fields
from typing import Any

import marshmallow as ma
from marshmallow import fields, pre_dump

from vendors.application.reading import RatedVendor


class PublicAddressOut(ma.Schema):
    kelurahan = fields.String()
    kecamatan = fields.String()
    city = fields.String()


class AddressOut(PublicAddressOut):
    street = fields.String()
    postal_code = fields.String()


class ContactOut(ma.Schema):
    person_name = fields.String()
    phone = fields.String(metadata={"description": "E.164, +62..."})
    email = fields.String()


class BankAccountOut(ma.Schema):
    bank_name = fields.String()
    bank_code = fields.String()
    account_number = fields.String()
    holder_name = fields.String()


class FinalTaxCertificateOut(ma.Schema):
    number = fields.String()
    valid_until = fields.Date()


class RatingOut(ma.Schema):
    average = fields.Float(allow_none=True, metadata={"description": "mean stars (1-5), 2 decimals; null if unrated"})
    count = fields.Integer()


class PublicVendorOut(ma.Schema):
    id = fields.String()
    name = fields.String()
    nib = fields.String(metadata={"description": "the business licence number (public in OSS)"})
    status = fields.String()
    scale = fields.String(metadata={"description": "micro, small or medium (PP 7/2021)"})
    address = fields.Nested(PublicAddressOut)
    pkp = fields.Boolean()
    categories = fields.List(fields.String())
    jakpreneur = fields.Boolean()
    rating = fields.Nested(RatingOut)
    created_at = fields.DateTime()

    @pre_dump
    def _unpack(self, rated: RatedVendor, **_kwargs: Any) -> dict[str, Any]:
        vendor = rated.vendor
        values = {field.name: getattr(vendor, field.name) for field in dataclass_fields(vendor)}
        return {**values, "scale": vendor.scale, "rating": rated.rating}


class VendorOut(PublicVendorOut):
    npwp = fields.String()
    owner_nik = fields.String()
    address = fields.Nested(AddressOut)
    contact = fields.Nested(ContactOut)
    bank_account = fields.Nested(BankAccountOut)
    final_tax_certificate = fields.Nested(FinalTaxCertificateOut, allow_none=True)
    capital = fields.Integer()
    annual_sales = fields.Integer()
    status_reasons = fields.List(
        fields.String(),
        metadata={"description": "why the vendor has its status: the rejection reasons to fix, or the suspension reason"},
    )
    version = fields.Integer()
    updated_at = fields.DateTime()
