"""vendor.payment_details: published for the payments service on registration and whenever the bank
account or the MSME final-tax certificate changes, never otherwise; the certificate is the vendor's
to edit and is shown only on the full profile."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.integration

CERTIFICATE = {"number": "KET-00123/PP55/WPJ.04/2026", "valid_until": "2026-12-31"}


def test_registration_publishes_the_payment_details(api) -> None:
    vendor = api.register(final_tax_certificate=CERTIFICATE)
    [event] = api.events_of(vendor["id"], "vendor.payment_details")
    assert event.data["account_number"] == vendor["bank_account"]["account_number"]
    assert event.data["final_tax_certificate"] == CERTIFICATE and event.data["version"] == 1
    assert vendor["final_tax_certificate"] == CERTIFICATE
    [registered] = api.events_of(vendor["id"], "vendor.registered")
    assert "account_number" not in str(registered.data) and "final_tax_certificate" not in registered.data


def test_a_new_bank_account_or_certificate_is_published_and_nothing_else_is(api) -> None:
    vendor = api.register()
    assert api.events_of(vendor["id"], "vendor.payment_details")[0].data["final_tax_certificate"] is None
    assert api.edit(vendor["id"], {"contact": {"phone": "0813-1111-2222"}}).status_code == 200
    assert len(api.events_of(vendor["id"], "vendor.payment_details")) == 1
    assert api.edit(vendor["id"], {"bank_account": {"account_number": "555666777888"}}).status_code == 200
    edited = api.edit(vendor["id"], {"final_tax_certificate": CERTIFICATE})
    assert edited.status_code == 200 and edited.json["final_tax_certificate"] == CERTIFICATE
    removed = api.edit(vendor["id"], {"final_tax_certificate": None})
    assert removed.status_code == 200 and removed.json["final_tax_certificate"] is None
    published = api.events_of(vendor["id"], "vendor.payment_details")
    assert [(e.data["account_number"], e.data["final_tax_certificate"]) for e in published[1:]] == [
        ("555666777888", None), ("555666777888", CERTIFICATE), ("555666777888", None),
    ]  # fmt: skip
    assert [e.data["version"] for e in published] == sorted({e.data["version"] for e in published})


def test_a_malformed_certificate_names_its_field(api) -> None:
    vendor = api.register()
    response = api.edit(vendor["id"], {"final_tax_certificate": {"number": "KET-1", "valid_until": "31-12-2026"}})
    assert response.status_code == 400 and response.json["errors"] == {"final_tax_certificate.valid_until": ["Not a valid date."]}
    blank = api.edit(vendor["id"], {"final_tax_certificate": {"number": "   ", "valid_until": "2026-12-31"}})
    assert blank.status_code == 400 and blank.json["errors"] == {"final_tax_certificate.number": ["must not be blank"]}


def test_the_public_never_sees_the_certificate(api) -> None:
    vendor = api.registered_and_verified(final_tax_certificate=CERTIFICATE)
    public = api.read(vendor["id"])
    assert public.status_code == 200 and "final_tax_certificate" not in public.json
