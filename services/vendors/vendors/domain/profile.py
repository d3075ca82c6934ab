"""A vendor's profile from what a registrant or an editor sends: every value normalised, every broken rule
reported at once, the scale derived, and the deployment's admission policy applied.

Input is a mapping shaped like the API body (``address``, ``contact`` and ``bank_account`` nested).
"""
from __future__ import annotations

from dataclasses import asdict, replace
from datetime import datetime
from typing import Any, Callable, Mapping

from vendors.domain.address import Address, normalise_postal_code
from vendors.domain.admission import AdmissionPolicy
from vendors.domain.banking import BankAccount, normalise_account_number, normalise_bank_code
from vendors.domain.certificate import FinalTaxCertificate, read_certificate
from vendors.domain.contact import Contact, normalise_email, normalise_phone
from vendors.domain.errors import InvalidFields
from vendors.domain.identifiers import normalise_nib, normalise_nik, normalise_npwp
from vendors.domain.lifecycle import Status
from vendors.domain.validation import FieldErrors, InvalidValue, text
from vendors.domain.vendor import Vendor

# Fixed at registration: a business with other legal ids is another business.
_LEGAL_IDS: Mapping[str, Callable[[str], str]] = {"nib": normalise_nib, "npwp": normalise_npwp, "owner_nik": normalise_nik}
EDITABLE_FIELDS = (
    "name",
    "address",
    "contact",
    "bank_account",
    "final_tax_certificate",
    "pkp",
    "capital",
    "annual_sales",
    "categories",
    "jakpreneur",
)

_NESTED: Mapping[str, tuple[type, Mapping[str, Callable[[Any], Any]]]] = {
    "address": (
        Address,
        {
            "street": text(300),
            "kelurahan": text(100),
            "kecamatan": text(100),
            "city": text(100),
            "postal_code": normalise_postal_code,
        },
    ),
    "contact": (Contact, {"person_name": text(200), "phone": normalise_phone, "email": normalise_email}),
    "bank_account": (
        BankAccount,
        {
            "bank_name": text(100),
            "bank_code": normalise_bank_code,
            "account_number": normalise_account_number,
            "holder_name": text(200),
        },
    ),
}


def _rupiah(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InvalidValue("must be a whole number of rupiah, 0 or more")
    return value


def _flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise InvalidValue("must be true or false")
    return value


_SCALARS: Mapping[str, Callable[[Any], Any]] = {
    "name": text(200, min_length=2),
    "pkp": _flag,
    "capital": _rupiah,
    "annual_sales": _rupiah,
    "jakpreneur": _flag,
}


def register(
    application: Mapping[str, Any], *, vendor_id: str, policy: AdmissionPolicy, at: datetime
) -> Vendor:
    """A new, pending vendor; InvalidFields for broken rules, NotAdmitted for a scale not admitted."""
    errors = FieldErrors()
    legal: dict[str, Any] = {
        field: errors.check(field, normalise, application.get(field)) for field, normalise in _LEGAL_IDS.items()
    }
    profile = _read_profile(application, errors, policy, check_categories=True)
    errors.raise_if_any()
    vendor = Vendor(
        id=vendor_id,
        **legal,
        **profile,
        status=Status.PENDING,
        status_reasons=(),
        version=1,
        created_at=at,
        updated_at=at,
    )
    policy.admit(vendor.scale)
    return vendor


def revise(vendor: Vendor, changes: Mapping[str, Any], *, policy: AdmissionPolicy, at: datetime) -> Vendor:
    """The vendor with ``changes`` applied, nested objects merged field by field; the same vendor when
    nothing actually changes.

    Policy is applied to what changes only: a vendor whose categories or scale a deployment stopped
    admitting can still correct its phone number.
    """
    fixed = sorted(set(changes) - set(EDITABLE_FIELDS))
    if fixed:
        raise InvalidFields({field: ["cannot be changed"] for field in fixed})
    document = _merge(_editable_document(vendor), changes)
    errors = FieldErrors()
    profile = _read_profile(document, errors, policy, check_categories="categories" in changes)
    errors.raise_if_any()
    revised = replace(vendor, **profile)
    if revised == vendor:
        return vendor
    if revised.scale != vendor.scale:
        policy.admit(revised.scale)
    return replace(revised, version=vendor.version + 1, updated_at=at)


def _read_profile(
    document: Mapping[str, Any], errors: FieldErrors, policy: AdmissionPolicy, *, check_categories: bool
) -> dict[str, Any]:
    profile: dict[str, Any] = {
        field: errors.check(field, normalise, document.get(field)) for field, normalise in _SCALARS.items()
    }
    for field, (kind, parts) in _NESTED.items():
        given = document.get(field) or {}
        values = {part: errors.check(f"{field}.{part}", normalise, given.get(part)) for part, normalise in parts.items()}
        profile[field] = kind(**values)
    profile["final_tax_certificate"] = read_certificate(document.get("final_tax_certificate"), errors)
    categories = document.get("categories")
    if check_categories:
        profile["categories"] = errors.check("categories", policy.check_categories, categories)
    else:
        profile["categories"] = tuple(categories or ())
    return profile


def _editable_document(vendor: Vendor) -> dict[str, Any]:
    return {field: _plain(getattr(vendor, field)) for field in EDITABLE_FIELDS}


def _plain(value: Any) -> Any:
    if isinstance(value, (Address, Contact, BankAccount)):
        return asdict(value)
    if isinstance(value, FinalTaxCertificate):
        return value.as_document()
    if isinstance(value, tuple):
        return list(value)
    return value


def _merge(current: Mapping[str, Any], changes: Mapping[str, Any]) -> dict[str, Any]:
    merged = dict(current)
    for field, value in changes.items():
        if isinstance(value, Mapping) and isinstance(merged.get(field), Mapping):
            merged[field] = {**merged[field], **value}
        else:
            merged[field] = value
    return merged
