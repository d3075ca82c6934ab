"""Building a vendor from a registration, and revising it from an edit."""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

import pytest

from vendors.domain import profile
from vendors.domain.admission import AdmissionPolicy
from vendors.domain.errors import InvalidFields, NotAdmitted
from vendors.domain.lifecycle import Status
from vendors.domain.scale import BILLION, Scale
from vendors.domain.vendor import Vendor

pytestmark = pytest.mark.unit

AT = datetime(2026, 3, 2, 8, 0, tzinfo=timezone.utc)
LATER = datetime(2026, 3, 3, 8, 0, tzinfo=timezone.utc)
ID = "0b9c7f0e-3a51-4f07-9b8e-1f1d2c3b4a5d"


def test_a_registration_is_normalised_into_a_pending_micro_vendor(application: dict[str, Any], policy: AdmissionPolicy) -> None:
    application.update(npwp="01.234.567.8-901.000", name="  Katering   Bu Sri ")
    vendor = profile.register(application, vendor_id=ID, policy=policy, at=AT)
    assert vendor.npwp == "012345678901000"
    assert vendor.name == "Katering Bu Sri"
    assert vendor.contact.phone == "+6281234567890"
    assert (vendor.status, vendor.version, vendor.scale, vendor.status_reasons) == (Status.PENDING, 1, Scale.MICRO, ())
    assert vendor.created_at == vendor.updated_at == AT


def test_every_broken_rule_is_reported_at_once_by_field_path(application: dict[str, Any], policy: AdmissionPolicy) -> None:
    application.update(nib="123", npwp="12-34", categories=["weapons"], capital=-1)
    application["address"]["postal_code"] = "1045"
    application["contact"]["phone"] = "12345"
    del application["bank_account"]["account_number"]
    with pytest.raises(InvalidFields) as refused:
        profile.register(application, vendor_id=ID, policy=policy, at=AT)
    assert set(refused.value.errors) == {
        "nib",
        "npwp",
        "categories",
        "capital",
        "address.postal_code",
        "contact.phone",
        "bank_account.account_number",
    }
    assert refused.value.errors["bank_account.account_number"] == ["is required"]


@pytest.mark.parametrize(("capital", "scale"), [(6 * BILLION, "medium"), (11 * BILLION, "large")])
def test_a_scale_the_deployment_does_not_admit_is_refused(
    application: dict[str, Any], policy: AdmissionPolicy, capital: int, scale: str
) -> None:
    application["capital"] = capital
    with pytest.raises(NotAdmitted) as refused:
        profile.register(application, vendor_id=ID, policy=policy, at=AT)
    assert refused.value.scale == scale


def test_a_deployment_may_admit_medium_businesses(application: dict[str, Any]) -> None:
    application["annual_sales"] = 20 * BILLION
    medium = AdmissionPolicy(admitted_scales=frozenset({Scale.MICRO, Scale.SMALL, Scale.MEDIUM}))
    assert profile.register(application, vendor_id=ID, policy=medium, at=AT).scale is Scale.MEDIUM


def test_an_edit_merges_nested_objects_field_by_field_and_bumps_the_version(vendor: Vendor, policy: AdmissionPolicy) -> None:
    revised = profile.revise(vendor, {"address": {"city": "Jakarta Selatan"}, "pkp": True}, policy=policy, at=LATER)
    assert revised.address.city == "Jakarta Selatan"
    assert revised.address.street == vendor.address.street
    assert revised.pkp is True
    assert (revised.version, revised.updated_at, revised.created_at) == (vendor.version + 1, LATER, vendor.created_at)


def test_an_edit_that_changes_nothing_is_the_same_vendor(vendor: Vendor, policy: AdmissionPolicy) -> None:
    same = {"contact": {"phone": "+62 812 3456 7890"}, "categories": list(vendor.categories), "pkp": vendor.pkp}
    assert profile.revise(vendor, same, policy=policy, at=LATER) is vendor


def test_new_figures_rescale_the_vendor_within_the_admitted_scales(vendor: Vendor, policy: AdmissionPolicy) -> None:
    assert profile.revise(vendor, {"annual_sales": 3 * BILLION}, policy=policy, at=LATER).scale is Scale.SMALL
    with pytest.raises(NotAdmitted):
        profile.revise(vendor, {"annual_sales": 20 * BILLION}, policy=policy, at=LATER)


def test_policy_applies_to_what_changes_only(vendor: Vendor) -> None:
    """A deployment that narrowed its policy does not lock vendors out of correcting their phone."""
    narrower = AdmissionPolicy(admitted_scales=frozenset({Scale.SMALL}), categories=frozenset({"printing"}))
    edited = profile.revise(vendor, {"contact": {"phone": "0813-0000-1111"}, "capital": vendor.capital + 1}, policy=narrower, at=LATER)
    assert edited.categories == vendor.categories and edited.scale is Scale.MICRO
    with pytest.raises(InvalidFields):
        profile.revise(vendor, {"categories": ["catering"]}, policy=narrower, at=LATER)


def test_legal_ids_and_status_cannot_be_edited(vendor: Vendor, policy: AdmissionPolicy) -> None:
    with pytest.raises(InvalidFields) as refused:
        profile.revise(vendor, {"npwp": "012345678901000", "status": "verified"}, policy=policy, at=LATER)
    assert refused.value.errors == {"npwp": ["cannot be changed"], "status": ["cannot be changed"]}


def test_an_edit_is_validated_like_a_registration(vendor: Vendor, policy: AdmissionPolicy) -> None:
    with pytest.raises(InvalidFields) as refused:
        profile.revise(vendor, {"bank_account": {"account_number": "12"}, "name": "X"}, policy=policy, at=LATER)
    assert set(refused.value.errors) == {"bank_account.account_number", "name"}
