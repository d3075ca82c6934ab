"""What a registrant, a vendor or an admin sends about a vendor."""
from __future__ import annotations

from typing import Any

from marshmallow import fields

from servicekit.http.schemas import StrictBoolean, StrictSchema, money_field


class AddressIn(StrictSchema):
    street = fields.String(required=True, metadata={"example": "Jl. Kramat Raya No. 12"})
    kelurahan = fields.String(required=True, metadata={"example": "Kramat"})
    kecamatan = fields.String(required=True, metadata={"example": "Senen"})
    city = fields.String(required=True, metadata={"example": "Jakarta Pusat"})
    postal_code = fields.String(required=True, metadata={"description": "5 digits", "example": "10450"})


class ContactIn(StrictSchema):
    person_name = fields.String(required=True)
    phone = fields.String(
        required=True, metadata={"description": "Indonesian number: 08..., 62... or +62...", "example": "0812-3456-7890"}
    )
    email = fields.String(required=True, metadata={"example": "katering.busri@umkm.example"})


class BankAccountIn(StrictSchema):
    bank_name = fields.String(required=True, metadata={"example": "Bank DKI"})
    bank_code = fields.String(required=True, metadata={"description": "3-digit clearing code", "example": "111"})
    account_number = fields.String(required=True, metadata={"description": "5 to 20 digits"})
    holder_name = fields.String(required=True)


class FinalTaxCertificateIn(StrictSchema):
    number = fields.String(required=True, metadata={"example": "KET-00123/PP55/WPJ.04/2026"})
    valid_until = fields.Date(required=True, metadata={"description": "the last day the certificate is valid"})


class ProfileIn(StrictSchema):
    """The part of a vendor its owner keeps up to date."""

    name = fields.String(required=True, metadata={"example": "Katering Bu Sri"})
    address = fields.Nested(AddressIn, required=True)
    contact = fields.Nested(ContactIn, required=True)
    bank_account = fields.Nested(BankAccountIn, required=True)
    final_tax_certificate = fields.Nested(
        FinalTaxCertificateIn,
        allow_none=True,
        load_default=None,
        metadata={"description": "the MSME final-tax certificate (PP 55/2022), or null when the vendor holds none"},
    )
    pkp = StrictBoolean(required=True, metadata={"description": "registered for VAT (Pengusaha Kena Pajak)"})
    capital = money_field(required=True, metadata={"description": "business capital in rupiah, without land and buildings"})
    annual_sales = money_field(required=True, metadata={"description": "annual sales in rupiah"})
    categories = fields.List(
        fields.String(), required=True, metadata={"description": "1 to 10 category slugs", "example": ["catering"]}
    )
    jakpreneur = StrictBoolean(load_default=False, metadata={"description": "coached by the Jakpreneur programme"})


class RegistrationIn(ProfileIn):
    nib = fields.String(required=True, metadata={"description": "13 digits", "example": "9120301234567"})
    npwp = fields.String(
        required=True,
        metadata={"description": "15 or 16 digits, dots and dashes allowed", "example": "01.234.567.8-901.000"},
    )
    owner_nik = fields.String(required=True, metadata={"description": "the owner's 16-digit NIK"})


class ProfileChangesIn(ProfileIn):
    """Any editable fields; nested objects may be sent in part. Legal ids and status cannot be sent."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs["partial"] = True  # every field optional, in nested objects too
        super().__init__(**kwargs)
