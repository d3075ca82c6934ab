"""A vendor (or an admin) editing its profile: what may change, what is audited, what is published."""
from __future__ import annotations

import pytest

from vendors.domain.scale import BILLION

pytestmark = pytest.mark.integration


def test_a_vendor_edits_its_contact_address_categories_and_flags(api) -> None:
    vendor = api.registered_and_verified()
    changes = {
        "contact": {"phone": "(021) 3456-7890", "email": "pesanan@katering-busri.example"},
        "address": {"kecamatan": "Tebet", "kelurahan": "Tebet Barat", "city": "Jakarta Selatan", "postal_code": "12810"},
        "categories": ["catering", "souvenirs"],
        "pkp": True,
        "jakpreneur": False,
        "name": "Katering Bu Sri Tebet",
    }
    response = api.edit(vendor["id"], changes)
    assert response.status_code == 200, response.json
    edited = response.json
    assert edited["contact"] == {"person_name": "Sri Wahyuni", "phone": "+622134567890", "email": "pesanan@katering-busri.example"}
    assert edited["address"]["street"] == vendor["address"]["street"]  # nested objects merge
    assert (edited["address"]["city"], edited["categories"], edited["pkp"], edited["version"]) == (
        "Jakarta Selatan",
        ["catering", "souvenirs"],
        True,
        3,
    )
    [event] = api.events_of(vendor["id"], "vendor.updated")
    assert event.data["name"] == "Katering Bu Sri Tebet" and event.data["kecamatan"] == "Tebet"
    assert event.data["status"] == "verified" and event.data["version"] == 3
    entry = api.harness.audit_trail(vendor["id"])[-1]
    assert entry["action"] == "edited" and entry["actor"].startswith("vendor-user-")
    assert entry["before"]["pkp"] is False and entry["after"]["pkp"] is True
    assert "nib" not in entry["after"]  # only what changed
    assert api.read(vendor["id"], api.admin()).json == edited  # stored as answered, categories included


def test_a_bank_account_change_is_audited_masked_and_publishes_nothing(api) -> None:
    vendor = api.registered_and_verified()
    response = api.edit(vendor["id"], {"bank_account": {"bank_name": "BCA", "bank_code": "014", "account_number": "5550001234"}})
    assert response.status_code == 200
    assert response.json["bank_account"]["account_number"] == "5550001234"  # the vendor sees its own account
    assert response.json["version"] == 3
    entry = api.harness.audit_trail(vendor["id"])[-1]
    assert entry["before"]["bank_account"] == {
        "bank_name": "Bank DKI",
        "bank_code": "111",
        "account_number": "*******0045",
        "holder_name": "Sri Wahyuni",
    }
    assert entry["after"]["bank_account"]["account_number"] == "******1234"
    assert "5550001234" not in str(entry) and "10020030045" not in str(entry)
    assert api.events_of(vendor["id"], "vendor.updated") == []


def test_new_figures_rescale_the_vendor_and_tell_the_consumers(api) -> None:
    vendor = api.registered_and_verified()
    response = api.edit(vendor["id"], {"capital": 2 * BILLION})
    assert response.status_code == 200 and response.json["scale"] == "small"
    [event] = api.events_of(vendor["id"], "vendor.updated")
    assert event.data["scale"] == "small"


def test_figures_beyond_the_admitted_scales_are_refused_and_change_nothing(api) -> None:
    vendor = api.registered_and_verified()
    response = api.edit(vendor["id"], {"annual_sales": 30 * BILLION})
    assert response.status_code == 422 and response.json["scale"] == "medium"
    assert api.read(vendor["id"], api.admin()).json["annual_sales"] == vendor["annual_sales"]


@pytest.mark.parametrize(
    "changes",
    [{"nib": "9120301234567"}, {"npwp": "012345678901000"}, {"owner_nik": "3173034508850002"}, {"status": "verified"}, {"version": 9}, {"rating": {}}],
)
def test_legal_ids_status_and_server_fields_cannot_be_edited(api, changes: dict) -> None:
    vendor = api.register()
    response = api.edit(vendor["id"], changes)
    assert response.status_code == 400
    assert set(response.json["errors"]) == set(changes)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"contact": {"phone": "12345"}}, "contact.phone"),
        ({"categories": ["weapons"]}, "categories"),
        ({"capital": 1.5}, "capital"),
        ({"pkp": "yes"}, "pkp"),
        ({"address": {"postal_code": None}}, "address.postal_code"),
    ],
)
def test_edits_are_validated_like_registrations(api, changes: dict, field: str) -> None:
    vendor = api.register()
    response = api.edit(vendor["id"], changes)
    assert response.status_code == 400 and field in response.json["errors"], response.json


def test_an_admin_may_edit_any_vendor(api) -> None:
    vendor = api.register()
    response = api.edit(vendor["id"], {"name": "Katering Ibu Sri"}, api.admin())
    assert response.status_code == 200 and response.json["name"] == "Katering Ibu Sri"
    assert api.harness.audit_trail(vendor["id"])[-1]["actor"] == "admin-bppbj"


def test_an_edit_that_changes_nothing_writes_nothing(api) -> None:
    vendor = api.registered_and_verified()
    response = api.edit(vendor["id"], {"contact": {"phone": "+62 812 3456 7890"}, "pkp": False})
    assert response.status_code == 200 and response.json["version"] == vendor["version"]
    assert [e["action"] for e in api.harness.audit_trail(vendor["id"])] == ["registered", "verified"]
    assert api.events_of(vendor["id"], "vendor.updated") == []
