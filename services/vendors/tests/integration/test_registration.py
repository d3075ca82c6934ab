"""Registering UMKM, by themselves and by admins, and the refusals the rules call for."""
from __future__ import annotations

import pytest

from servicekit.http.problems import PROBLEM_MEDIA_TYPE
from vendors.api.blueprint import URL_PREFIX as API
from vendors.domain.scale import BILLION

pytestmark = pytest.mark.integration


def test_an_umkm_registers_itself_and_waits_for_verification(api) -> None:
    application = api.application()
    digits = application["npwp"]
    application["npwp"] = api.formatted_npwp(digits)
    response = api.client.post(f"{API}/registrations", json=application)
    assert response.status_code == 201, response.json
    vendor = response.json
    assert response.headers["Location"] == f"{API}/{vendor['id']}"
    assert (vendor["status"], vendor["version"], vendor["scale"], vendor["status_reasons"]) == ("pending", 1, "micro", [])
    assert vendor["npwp"] == digits
    assert vendor["contact"]["phone"] == "+6281234567890"
    assert vendor["bank_account"]["account_number"] == "10020030045"  # the registrant sees what it sent
    assert vendor["rating"] == {"average": None, "count": 0}
    assert api.read(vendor["id"], api.admin()).json == vendor


def test_a_registration_is_published_without_private_data_and_audited(api) -> None:
    vendor = api.register()
    [event] = api.events_of(vendor["id"], "vendor.registered")
    assert event.source == "/eorder/vendors"
    assert event.data == {
        "id": vendor["id"],
        "version": 1,
        "name": "Katering Bu Sri",
        "status": "pending",
        "scale": "micro",
        "kelurahan": "Kramat",
        "kecamatan": "Senen",
        "city": "Jakarta Pusat",
        "pkp": False,
        "categories": ["catering", "meeting-food"],
        "jakpreneur": True,
        "reason": None,
    }
    [entry] = api.harness.audit_trail(vendor["id"])
    assert (entry["action"], entry["actor"], entry["before"]) == ("registered", "anonymous", None)
    assert entry["after"]["bank_account"]["account_number"] == "*******0045"


def test_an_admin_registers_an_umkm_which_also_starts_pending(api) -> None:
    response = api.client.post(API, json=api.application(), headers=api.admin())
    assert response.status_code == 201 and response.json["status"] == "pending"
    [entry] = api.harness.audit_trail(response.json["id"])
    assert entry["actor"] == "admin-bppbj" and entry["actor_roles"] == ["admin"]


@pytest.mark.parametrize(("roles", "status"), [((), 401), (("vendor",), 403), (("auditor",), 403), (("procurement_officer",), 403)])
def test_only_admins_use_the_admin_registration(api, roles: tuple[str, ...], status: int) -> None:
    headers = api.harness.headers(*roles) if roles else {}
    response = api.client.post(API, json=api.application(), headers=headers)
    assert response.status_code == status and response.mimetype == PROBLEM_MEDIA_TYPE


def test_an_auditor_cannot_register_even_where_no_token_is_needed(api) -> None:
    response = api.client.post(f"{API}/registrations", json=api.application(), headers=api.auditor())
    assert response.status_code == 403


def test_an_nib_already_registered_answers_409_naming_it(api) -> None:
    first = api.register()
    response = api.client.post(f"{API}/registrations", json=api.application(nib=first["nib"]))
    assert response.status_code == 409 and response.mimetype == PROBLEM_MEDIA_TYPE
    assert response.json["errors"] == {"nib": ["already registered"]}


@pytest.mark.parametrize("written", ["as registered", "formatted", "16 digits"])
def test_an_npwp_already_registered_answers_409_in_either_format(api, written: str) -> None:
    npwp = api.register()["npwp"]
    same_taxpayer = {"as registered": npwp, "formatted": api.formatted_npwp(npwp), "16 digits": "0" + npwp}[written]
    response = api.client.post(f"{API}/registrations", json=api.application(npwp=same_taxpayer))
    assert response.status_code == 409
    assert response.json["errors"] == {"npwp": ["already registered"]}


@pytest.mark.parametrize(
    ("figures", "scale"),
    [({"annual_sales": 20 * BILLION}, "medium"), ({"capital": 10 * BILLION + 1}, "large")],
)
def test_a_scale_the_deployment_does_not_admit_answers_422_with_the_reason(api, figures: dict, scale: str) -> None:
    response = api.client.post(f"{API}/registrations", json=api.application(**figures))
    assert response.status_code == 422 and response.mimetype == PROBLEM_MEDIA_TYPE
    assert response.json["scale"] == scale
    assert scale in response.json["detail"] and "scale" in response.json["errors"]


def test_a_small_business_is_admitted_by_default(api) -> None:
    vendor = api.register(capital=3 * BILLION, annual_sales=14 * BILLION)
    assert vendor["scale"] == "small"


def test_an_idempotency_key_replays_the_first_registration(api) -> None:
    application = api.application()
    key = {"Idempotency-Key": f"register-{application['nib']}"}
    first = api.client.post(f"{API}/registrations", json=application, headers=key)
    again = api.client.post(f"{API}/registrations", json=application, headers=key)
    assert first.status_code == again.status_code == 201
    assert again.json == first.json and again.headers["Idempotent-Replayed"] == "true"
    assert again.headers["Location"] == first.headers["Location"]
    assert len(api.events_of(first.json["id"], "vendor.registered")) == 1
    other = api.client.post(f"{API}/registrations", json=api.application(), headers=key)
    assert other.status_code == 422 and "Idempotency-Key" in other.json["errors"]


def test_an_admin_registration_honours_its_idempotency_key_too(api) -> None:
    application = api.application()
    headers = {**api.admin(), "Idempotency-Key": f"admin-{application['nib']}"}
    first = api.client.post(API, json=application, headers=headers)
    again = api.client.post(API, json=application, headers=headers)
    assert first.status_code == 201 and again.json == first.json
    assert again.headers["Idempotent-Replayed"] == "true"
    assert len(api.events_of(first.json["id"], "vendor.registered")) == 1


def test_a_refused_registration_does_not_use_up_its_idempotency_key(api) -> None:
    taken = api.register()
    application = api.application(nib=taken["nib"])
    key = {"Idempotency-Key": f"retry-{application['npwp']}"}
    assert api.client.post(f"{API}/registrations", json=application, headers=key).status_code == 409
    corrected = api.client.post(f"{API}/registrations", json={**application, "nib": api.application()["nib"]}, headers=key)
    assert corrected.status_code == 201 and "Idempotent-Replayed" not in corrected.headers
