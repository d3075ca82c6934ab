"""Tokens issued, verified by services directly, renewed, revoked and expired."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any, Callable

import jwt
import pytest

from servicekit.testing import ServiceHarness, auth_header
from toy_service.service import DEFINITION as TOY

from gateway.components import gateway_of
from gateway.testing import sign_in

pytestmark = pytest.mark.integration


def test_token_answer_and_claims(make_gateway: Callable[..., ServiceHarness], db: str) -> None:
    gateway = make_gateway(db=db, demo=True)
    response = gateway.client.post("/api/v1/auth/token", json={"username": "PO1 ", "password": "demo"})
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    body = response.json
    assert body["token_type"] == "Bearer" and body["expires_in"] == 900
    header = jwt.get_unverified_header(body["access_token"])
    claims = jwt.decode(body["access_token"], options={"verify_signature": False})
    assert header["alg"] == "EdDSA"
    assert claims["sub"] == "po1" and claims["roles"] == ["procurement_officer"] and claims["work_unit"] == "DPPKUKM"
    assert claims["iss"] == claims["aud"] == "open-eorder" and claims["exp"] - claims["iat"] == 900 and claims["jti"]
    me = gateway.client.get("/api/v1/auth/me", headers=auth_header(body["access_token"]))
    assert me.json == {"subject": "po1", "roles": ["procurement_officer"], "work_unit": "DPPKUKM", "vendor_id": None}


def test_a_service_accepts_gateway_tokens_directly(make_gateway: Callable[..., ServiceHarness], tmp_path: Any) -> None:
    gateway = make_gateway(demo=True)
    admin = sign_in(gateway.client, "admin")["access_token"]
    officer = sign_in(gateway.client, "po1")["access_token"]
    with ServiceHarness(TOY, database_url=f"sqlite:///{tmp_path / 'toy.db'}") as toy:
        created = toy.client.post("/api/v1/notes", json={"text": "nasi kotak", "price": 35000}, headers=auth_header(admin))
        assert created.status_code == 201, created.json
        refused = toy.client.post("/api/v1/notes", json={"text": "x", "price": 1}, headers=auth_header(officer))
        assert refused.status_code == 403


def test_renewal_rotates_and_reuse_revokes_the_session(make_gateway: Callable[..., ServiceHarness], db: str) -> None:
    gateway = make_gateway(db=db, demo=True)
    first = sign_in(gateway.client, "ppk1")
    renewed = gateway.client.post("/api/v1/auth/refresh", json={"refresh_token": first["refresh_token"]})
    assert renewed.status_code == 200
    second = renewed.json
    assert second["refresh_token"] != first["refresh_token"] and second["access_token"] != first["access_token"]
    claims = [jwt.decode(t["access_token"], options={"verify_signature": False}) for t in (first, second)]
    assert claims[0]["sid"] == claims[1]["sid"]
    # The spent token presented again: someone holds a copy, so the whole session ends.
    reused = gateway.client.post("/api/v1/auth/refresh", json={"refresh_token": first["refresh_token"]})
    assert reused.status_code == 401 and "already used" in reused.json["detail"]
    after = gateway.client.post("/api/v1/auth/refresh", json={"refresh_token": second["refresh_token"]})
    assert after.status_code == 401 and after.json["detail"] == "refresh token revoked"
    unknown = gateway.client.post("/api/v1/auth/refresh", json={"refresh_token": "made-up"})
    assert unknown.status_code == 401


def test_a_change_of_roles_ends_the_sessions_and_the_next_sign_in_carries_the_new_roles(
    make_gateway: Callable[..., ServiceHarness],
) -> None:
    gateway = make_gateway(demo=True)
    admin = auth_header(sign_in(gateway.client, "admin")["access_token"])
    session = sign_in(gateway.client, "budget1")
    changed = gateway.client.patch("/api/v1/accounts/budget1", json={"roles": ["treasurer"]}, headers=admin)
    assert changed.status_code == 200
    assert gateway.client.get("/api/v1/auth/me", headers=auth_header(session["access_token"])).status_code == 401
    assert gateway.client.post("/api/v1/auth/refresh", json={"refresh_token": session["refresh_token"]}).status_code == 401
    renewed = sign_in(gateway.client, "budget1")
    assert jwt.decode(renewed["access_token"], options={"verify_signature": False})["roles"] == ["treasurer"]


def test_revoke_ends_the_session_and_ignores_unknown_tokens(make_gateway: Callable[..., ServiceHarness]) -> None:
    gateway = make_gateway(demo=True)
    session = sign_in(gateway.client, "treasurer1")
    assert gateway.client.post("/api/v1/auth/revoke", json={"refresh_token": session["refresh_token"]}).status_code == 204
    assert gateway.client.post("/api/v1/auth/revoke", json={"refresh_token": "unknown"}).status_code == 204
    renewed = gateway.client.post("/api/v1/auth/refresh", json={"refresh_token": session["refresh_token"]})
    assert renewed.status_code == 401


def test_logout_refuses_the_token_at_the_gateway_and_ends_the_session(
    make_gateway: Callable[..., ServiceHarness], db: str
) -> None:
    gateway = make_gateway(db=db, demo=True)
    session = sign_in(gateway.client, "vendor1")
    headers = auth_header(session["access_token"])
    assert gateway.client.get("/api/v1/auth/me", headers=headers).status_code == 200
    assert gateway.client.post("/api/v1/auth/logout", headers=headers).status_code == 204
    refused = gateway.client.get("/api/v1/auth/me", headers=headers)
    assert refused.status_code == 401 and refused.json["detail"] == "token revoked"
    assert gateway.client.post("/api/v1/auth/refresh", json={"refresh_token": session["refresh_token"]}).status_code == 401
    assert gateway.client.post("/api/v1/auth/logout").status_code == 401


def test_expired_tokens_are_refused(make_gateway: Callable[..., ServiceHarness]) -> None:
    # Issued already past expiry by more than the verifiers' 30 s leeway.
    gateway = make_gateway(demo=True, EORDER_GATEWAY_ACCESS_TOKEN_SECONDS="-60")
    token = sign_in(gateway.client, "auditor")["access_token"]
    refused = gateway.client.get("/api/v1/auth/me", headers=auth_header(token))
    assert refused.status_code == 401 and refused.json["detail"] == "token expired"


def test_disabled_accounts_cannot_sign_in_or_renew(make_gateway: Callable[..., ServiceHarness]) -> None:
    gateway = make_gateway(demo=True)
    admin = auth_header(sign_in(gateway.client, "admin")["access_token"])
    session = sign_in(gateway.client, "po2")
    assert gateway.client.patch("/api/v1/accounts/po2", json={"status": "disabled"}, headers=admin).status_code == 200
    response = gateway.client.post("/api/v1/auth/token", json={"username": "po2", "password": "demo"})
    assert response.status_code == 401 and response.json["detail"] == "invalid username or password"
    assert gateway.client.post("/api/v1/auth/refresh", json={"refresh_token": session["refresh_token"]}).status_code == 401


def _me(gateway: ServiceHarness, session: dict[str, Any]) -> int:
    return int(gateway.client.get("/api/v1/auth/me", headers=auth_header(session["access_token"])).status_code)


def _renew(gateway: ServiceHarness, session: dict[str, Any]) -> Any:
    return gateway.client.post("/api/v1/auth/refresh", json={"refresh_token": session["refresh_token"]})


@pytest.mark.parametrize(
    "change",
    [{"status": "disabled"}, {"password": "Pagi-Cerah-di-Monas-2026"}, {"work_unit": "BIROUMUM"}],
    ids=["disabled", "password-reset", "organisation"],
)
def test_an_account_change_ends_every_live_token_at_once(
    make_gateway: Callable[..., ServiceHarness], db: str, change: dict[str, str]
) -> None:
    gateway = make_gateway(db=db, demo=True)
    admin = auth_header(sign_in(gateway.client, "admin")["access_token"])
    laptop, phone = sign_in(gateway.client, "treasurer1"), sign_in(gateway.client, "treasurer1")
    bystander = sign_in(gateway.client, "treasurer2")
    assert _me(gateway, laptop) == _me(gateway, phone) == 200
    assert gateway.client.patch("/api/v1/accounts/treasurer1", json=change, headers=admin).status_code == 200
    assert _me(gateway, laptop) == _me(gateway, phone) == 401
    assert _renew(gateway, laptop).status_code == _renew(gateway, phone).status_code == 401
    assert _me(gateway, bystander) == 200, "another account's sessions go on"


def test_an_unchanged_organisation_keeps_the_sessions(make_gateway: Callable[..., ServiceHarness]) -> None:
    gateway = make_gateway(demo=True)
    admin = auth_header(sign_in(gateway.client, "admin")["access_token"])
    session = sign_in(gateway.client, "po1")
    unchanged = {"roles": ["procurement_officer"], "work_unit": "DPPKUKM"}
    assert gateway.client.patch("/api/v1/accounts/po1", json=unchanged, headers=admin).status_code == 200
    assert _me(gateway, session) == 200 and _renew(gateway, session).status_code == 200


def test_a_session_ends_at_its_absolute_lifetime_however_often_it_is_renewed(
    make_gateway: Callable[..., ServiceHarness], db: str
) -> None:
    gateway = make_gateway(
        db=db,
        demo=True,
        EORDER_GATEWAY_REFRESH_TOKEN_SECONDS="3600",
        EORDER_GATEWAY_SESSION_SECONDS="43200",
        EORDER_GATEWAY_TOKEN_RATE_LIMIT="100/minute",
    )
    sessions = gateway_of(gateway.runtime).sessions
    signed_in_at = datetime.now(timezone.utc)
    session = sign_in(gateway.client, "ppk1")
    for minutes in range(50, 12 * 60, 50):  # renewed every 50 minutes through the working day
        sessions.clock = lambda minutes=minutes: signed_in_at + timedelta(minutes=minutes)
        renewed = _renew(gateway, session)
        assert renewed.status_code == 200, (minutes, renewed.json)
        session = renewed.json
    assert session["refresh_expires_in"] <= 20 * 60 + 5, "renewed at 11:40, the last token ends with the session"
    sessions.clock = lambda: signed_in_at + timedelta(hours=12, minutes=1)
    ended = _renew(gateway, session)
    assert ended.status_code == 401 and ended.json["detail"] == "refresh token expired"
