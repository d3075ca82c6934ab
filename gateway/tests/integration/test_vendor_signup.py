"""Vendor self-signup: registered at the vendors service and bound, or nothing half-made remains."""
from __future__ import annotations

import time
from typing import Any, Callable

import jwt
import pytest

from servicekit.testing import ServiceHarness

from gateway.application.vendor_signup import idempotency_key
from gateway.testing import closed_port_url, sign_in

pytestmark = pytest.mark.integration

PASSWORD = "warung kopi di Cikini"
VENDOR = {"name": "Katering Mak Ijah", "nib": "1234567890123"}


def sign_up(gateway: ServiceHarness, username: str = "mak.ijah", password: str = PASSWORD, vendor: Any = None):  # type: ignore[no-untyped-def]
    body = {"username": username, "password": password, "vendor": vendor or VENDOR}
    return gateway.client.post("/api/v1/auth/signup/vendor", json=body, headers={"X-Request-ID": "signup-1"})


def accounts_named(gateway: ServiceHarness, username: str) -> int:
    from sqlalchemy import func, select

    from gateway.storage.tables import accounts

    with gateway.runtime.uow() as uow:
        return int(uow.session.execute(select(func.count()).where(accounts.c.username == username)).scalar_one())


def test_signup_registers_the_vendor_and_binds_the_account(
    make_gateway: Callable[..., ServiceHarness], fake_vendors: Any, db: str
) -> None:
    vendors, url = fake_vendors
    gateway = make_gateway(upstreams={"vendors": url}, db=db)
    response = sign_up(gateway)
    assert response.status_code == 201, response.json
    vendor_id = response.json["vendor"]["id"]
    assert response.json["account"]["vendor_id"] == vendor_id and response.json["account"]["status"] == "active"
    [call] = vendors.received
    assert call["body"] == VENDOR and call["headers"]["X-Request-Id"] == "signup-1"
    assert call["headers"]["Idempotency-Key"] == idempotency_key(response.json["account"]["id"])
    claims = jwt.decode(sign_in(gateway.client, "mak.ijah", PASSWORD)["access_token"], options={"verify_signature": False})
    assert claims["roles"] == ["vendor"] and claims["vendor_id"] == vendor_id
    assert sign_up(gateway).status_code == 409


def test_credentials_are_checked_before_the_vendors_service_is_asked(
    make_gateway: Callable[..., ServiceHarness], fake_vendors: Any
) -> None:
    vendors, url = fake_vendors
    gateway = make_gateway(upstreams={"vendors": url})
    response = sign_up(gateway, password="mak.ijah-2024!")
    assert response.status_code == 400 and "password" in response.json["errors"]
    assert vendors.received == []


def test_the_whole_body_is_checked_before_a_taken_username_is_revealed(
    make_gateway: Callable[..., ServiceHarness], fake_vendors: Any
) -> None:
    vendors, url = fake_vendors
    gateway = make_gateway(upstreams={"vendors": url}, demo=True)
    probe = sign_up(gateway, username="vendor1", vendor={"name": "x"})
    assert probe.status_code == 400, "an incomplete body does not tell whether vendor1 exists"
    assert probe.json["errors"] == {"vendor.nib": ["required"]}
    wrong = sign_up(gateway, username="vendor1", vendor={"name": "Kopi", "nib": "12", "npwp_typo": "1"})
    assert set(wrong.json["errors"]) == {"vendor", "vendor.nib"} and wrong.status_code == 400
    assert sign_up(gateway, username="vendor1", vendor={**VENDOR, "website": None}).status_code == 409
    assert vendors.received == []


@pytest.mark.parametrize("status", [400, 409, 422])
def test_a_refusal_is_passed_on_and_no_account_remains(
    make_gateway: Callable[..., ServiceHarness], fake_vendors: Any, status: int
) -> None:
    vendors, url = fake_vendors
    gateway = make_gateway(upstreams={"vendors": url})
    problem = {"type": "https://open-eorder.id/problems/conflict", "title": "Conflict", "status": status, "detail": "NIB taken"}
    vendors.refuse_with = (status, problem)
    response = sign_up(gateway)
    assert response.status_code == status and response.json == problem
    assert response.mimetype == "application/problem+json"
    assert accounts_named(gateway, "mak.ijah") == 0
    vendors.refuse_with = None
    assert sign_up(gateway).status_code == 201, "the username is free again"


def test_vendors_unreachable_leaves_nothing(make_gateway: Callable[..., ServiceHarness]) -> None:
    gateway = make_gateway(upstreams={"vendors": closed_port_url()})
    response = sign_up(gateway)
    assert response.status_code == 503
    assert accounts_named(gateway, "mak.ijah") == 0


def test_a_timeout_keeps_the_reservation_and_a_repeat_completes_it(
    make_gateway: Callable[..., ServiceHarness], fake_vendors: Any
) -> None:
    vendors, url = fake_vendors
    gateway = make_gateway(
        upstreams={"vendors": url}, EORDER_GATEWAY_UPSTREAM_READ_TIMEOUT="0.3", EORDER_GATEWAY_UPSTREAM_CONNECT_TIMEOUT="0.1"
    )
    vendors.delay_seconds = 0.6
    timed_out = sign_up(gateway)
    assert timed_out.status_code == 504 and "repeat" in timed_out.json["signup"]
    assert sign_up(gateway).status_code == 409, "a signup still in flight is not resumed"
    assert sign_up(gateway, password="someone else's password").status_code == 409
    vendors.delay_seconds = 0
    time.sleep(0.5)  # the reservation must be older than one vendors call before it is resumed
    resumed = sign_up(gateway)
    assert resumed.status_code == 201, resumed.json
    assert len(vendors.vendors) == 1, "the vendors service replayed the first registration"
    assert resumed.json["account"]["vendor_id"] == next(iter(vendors.vendors))


def test_signup_without_vendors_deployed(make_gateway: Callable[..., ServiceHarness]) -> None:
    response = sign_up(make_gateway())
    assert response.status_code == 404 and response.json["detail"] == "service 'vendors' is not deployed here"


def test_anonymous_signups_are_capped_per_client(make_gateway: Callable[..., ServiceHarness], fake_vendors: Any) -> None:
    vendors, url = fake_vendors
    gateway = make_gateway(upstreams={"vendors": url})
    statuses = [sign_up(gateway, username=f"warung.{n}", vendor={**VENDOR, "name": f"Warung {n}"}).status_code for n in range(25)]
    assert statuses == [201] * 10 + [429] * 15
    assert len(vendors.received) == 10, "refused signups never reach the vendors service"
    refused = sign_up(gateway, username="warung.late")
    assert refused.mimetype == "application/problem+json" and int(refused.headers["Retry-After"]) > 0
    elsewhere = gateway.client.post(
        "/api/v1/auth/signup/vendor",
        json={"username": "warung.lain", "password": PASSWORD, "vendor": VENDOR},
        environ_base={"REMOTE_ADDR": "10.9.9.9"},
    )
    assert elsewhere.status_code == 201
