"""The admin manages accounts and work units; the auditor reads; everyone else is refused."""
from __future__ import annotations

import uuid
from datetime import datetime
from typing import Callable

import pytest

from servicekit.testing import ServiceHarness, auth_header

from gateway.testing import sign_in

pytestmark = pytest.mark.integration


@pytest.fixture
def gateway(make_gateway: Callable[..., ServiceHarness], db: str) -> ServiceHarness:
    return make_gateway(db=db, demo=True)


def as_user(gateway: ServiceHarness, username: str) -> dict[str, str]:
    return auth_header(sign_in(gateway.client, username)["access_token"])


def test_admin_creates_a_work_unit_and_an_official_who_signs_in(gateway: ServiceHarness) -> None:
    admin = as_user(gateway, "admin")
    unit = gateway.client.post(
        "/api/v1/work-units", json={"code": "DINKES", "name": "Dinas Kesehatan Provinsi DKI Jakarta"}, headers=admin
    )
    assert unit.status_code == 201 and unit.json["active"] is True
    body = {"username": "siti.rahayu", "password": "kopi tubruk di Senen", "roles": ["commitment_officer"], "work_unit": "DINKES"}
    created = gateway.client.post("/api/v1/accounts", json=body, headers=admin)
    assert created.status_code == 201, created.json
    assert created.json["work_unit"] == "DINKES" and "password" not in created.json and "password_hash" not in created.json
    token = sign_in(gateway.client, "siti.rahayu", "kopi tubruk di Senen")
    assert token["access_token"]
    assert gateway.client.post("/api/v1/accounts", json=body, headers=admin).status_code == 409
    trail = gateway.audit_trail(created.json["id"])
    assert trail[0]["action"] == "account.created" and trail[0]["actor"] == "admin"
    assert "password_hash" not in trail[0]["after"]
    assert trail[0]["after"]["username"] == "siti.rahayu" and trail[0]["after"]["work_unit"] == "DINKES"
    assert trail[0]["after"]["created_at"] == created.json["created_at"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"username": "x1.officer", "password": "short", "roles": ["treasurer"], "work_unit": "DPPKUKM"}, "password"),
        ({"username": "x1.officer", "password": "a long enough one", "roles": ["treasurer"]}, "work_unit"),
        ({"username": "x1.officer", "password": "a long enough one", "roles": ["treasurer"], "work_unit": "NOPE"}, "work_unit"),
        ({"username": "x1.officer", "password": "a long enough one", "roles": ["vendor"]}, "vendor_id"),
        ({"username": "x1.officer", "password": "a long enough one", "roles": ["mayor"]}, "roles.0"),
        ({"username": "X", "password": "a long enough one", "roles": ["admin"]}, "username"),
        ({"username": "x1.officer", "password": "a long enough one", "roles": ["admin"], "status": "active"}, "status"),
    ],
)
def test_invalid_accounts_answer_400_with_the_field(
    make_gateway: Callable[..., ServiceHarness], body: dict, field: str
) -> None:
    gateway = make_gateway(demo=True)
    response = gateway.client.post("/api/v1/accounts", json=body, headers=as_user(gateway, "admin"))
    assert response.status_code == 400 and field in response.json["errors"], response.json


def test_roles_decide_who_reads_and_writes(gateway: ServiceHarness) -> None:
    auditor, officer = as_user(gateway, "auditor"), as_user(gateway, "po1")
    listing = gateway.client.get("/api/v1/accounts?limit=100", headers=auditor)
    assert listing.status_code == 200 and len(listing.json["items"]) == 15
    assert gateway.client.get("/api/v1/accounts?role=vendor", headers=auditor).json["items"][0]["username"] == "vendor1"
    assert gateway.client.get("/api/v1/accounts", headers=officer).status_code == 403
    assert gateway.client.get("/api/v1/accounts").status_code == 401
    new = {"username": "sneaky", "password": "a long enough one", "roles": ["admin"]}
    assert gateway.client.post("/api/v1/accounts", json=new, headers=auditor).status_code == 403
    assert gateway.client.patch("/api/v1/accounts/po1", json={"roles": ["admin"]}, headers=officer).status_code == 403
    assert gateway.client.get("/api/v1/work-units", headers=officer).json["items"][0]["code"] == "BIROUMUM"
    assert gateway.client.post("/api/v1/work-units", json={"code": "XX", "name": "xxx"}, headers=officer).status_code == 403


def test_admin_changes_and_binds_accounts(gateway: ServiceHarness) -> None:
    admin = as_user(gateway, "admin")
    vendor_id = str(uuid.uuid4())
    moved = gateway.client.patch("/api/v1/accounts/po1", json={"work_unit": "BIROUMUM"}, headers=admin)
    assert moved.status_code == 200 and moved.json["work_unit"] == "BIROUMUM"
    unbound = gateway.client.patch("/api/v1/accounts/po1", json={"roles": ["vendor"]}, headers=admin)
    assert unbound.status_code == 400 and {"work_unit", "vendor_id"} <= set(unbound.json["errors"])
    rebound = gateway.client.patch(
        "/api/v1/accounts/po1", json={"roles": ["vendor"], "work_unit": None, "vendor_id": vendor_id}, headers=admin
    )
    assert rebound.status_code == 200 and rebound.json["vendor_id"] == vendor_id
    weak = gateway.client.patch("/api/v1/accounts/po1", json={"password": "po1po1po1po1"}, headers=admin)
    assert weak.status_code == 400 and "password" in weak.json["errors"]
    assert gateway.client.get("/api/v1/accounts/nobody", headers=admin).status_code == 404


def test_deactivated_work_units_take_no_new_officials(gateway: ServiceHarness) -> None:
    admin = as_user(gateway, "admin")
    guessed = gateway.client.patch("/api/v1/work-units/BIROUMUM", json={"active": "no"}, headers=admin)
    assert guessed.status_code == 400 and "active" in guessed.json["errors"], "only JSON true or false"
    assert gateway.client.patch("/api/v1/work-units/BIROUMUM", json={"active": False}, headers=admin).json["active"] is False
    body = {"username": "late.joiner", "password": "a long enough one", "roles": ["treasurer"], "work_unit": "BIROUMUM"}
    refused = gateway.client.post("/api/v1/accounts", json=body, headers=admin)
    assert refused.status_code == 400 and "work_unit" in refused.json["errors"], refused.json
    assert gateway.client.get("/api/v1/work-units/NOPE", headers=admin).status_code == 404
    trail = gateway.audit_trail("BIROUMUM")
    assert [entry["action"] for entry in trail] == ["work_unit.created", "work_unit.changed"]
    changed = trail[-1]
    assert changed["actor"] == "admin" and changed["before"]["active"] is True and changed["after"]["active"] is False
    before, after = (datetime.fromisoformat(changed[side]["updated_at"]) for side in ("before", "after"))
    assert before < after, "instants are kept as ISO 8601 text"


def test_an_empty_work_unit_code_is_a_field_error_not_a_server_error(gateway: ServiceHarness) -> None:
    admin = as_user(gateway, "admin")
    changed = gateway.client.patch("/api/v1/accounts/po1", json={"work_unit": ""}, headers=admin)
    assert changed.status_code == 400 and "work_unit" in changed.json["errors"], changed.json
    body = {"username": "no.unit", "password": "a long enough one", "roles": ["treasurer"], "work_unit": ""}
    created = gateway.client.post("/api/v1/accounts", json=body, headers=admin)
    assert created.status_code == 400 and "work_unit" in created.json["errors"], created.json
