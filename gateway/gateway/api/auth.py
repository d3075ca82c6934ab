"""``/api/v1/auth``: tokens (issue, renew, revoke, logout), who am I, and vendor self-signup."""
from __future__ import annotations

from dataclasses import asdict
from typing import Any

from flask import Response, g
from flask_limiter import Limiter

from servicekit.http.access import current_principal, require_authenticated
from servicekit.http.app import Blueprint

from gateway.api.access import ensure_local_accounts, presented_claims
from gateway.api.presenting import account_view
from gateway.api.schemas import CredentialsIn, RefreshIn, SignupOut, TokenOut, VendorSignupIn
from gateway.application.sessions import Sessions, TokenPair
from gateway.application.sign_in import SignIn
from gateway.application.vendor_signup import VendorSignup
from gateway.ratelimit.keys import client_ip, failing_client, ip_and_username, refused_sign_in
from gateway.settings import GatewaySettings

NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache"}


def _tokens(pair: TokenPair) -> tuple[dict[str, Any], int, dict[str, str]]:
    return asdict(pair), 200, NO_STORE


def auth_blueprint(
    settings: GatewaySettings, sign_in: SignIn, sessions: Sessions, signup: VendorSignup, limiter: Limiter
) -> Blueprint:
    blp = Blueprint("auth", __name__, url_prefix="/api/v1/auth", description="Tokens and vendor self-signup.")

    @blp.route("/token", methods=["POST"])
    @limiter.limit(settings.token_rate_limit, key_func=ip_and_username)
    # Failures only: an office behind one address signs its people in freely, while one client trying
    # many usernames (password spraying) is stopped.
    @limiter.limit(settings.sign_in_failure_rate_limit, key_func=failing_client, deduct_when=refused_sign_in)
    @blp.arguments(CredentialsIn)
    @blp.response(200, TokenOut)
    @blp.alt_response(401, description="wrong username or password (the same answer for both)")
    @blp.alt_response(423, description="too many failed sign-ins from this client: locked for a while (Retry-After)")
    @blp.alt_response(429, description="too many attempts from this client (Retry-After)")
    def issue_token(credentials: dict[str, Any]) -> Any:
        """Sign in: a short-lived access token (EdDSA JWT) and a single-use refresh token."""
        ensure_local_accounts(settings)
        account = sign_in.authenticate(credentials["username"], credentials["password"], client=client_ip())
        return _tokens(sessions.start(account))

    @blp.route("/refresh", methods=["POST"])
    @limiter.limit(settings.token_rate_limit, key_func=lambda: f"refresh:{client_ip()}")
    @blp.arguments(RefreshIn)
    @blp.response(200, TokenOut)
    @blp.alt_response(401, description="unknown, expired, revoked or reused refresh token")
    def renew_token(body: dict[str, Any]) -> Any:
        """Renew: the refresh token is spent and a new pair issued; reusing a spent one ends the session."""
        ensure_local_accounts(settings)
        return _tokens(sessions.renew(body["refresh_token"]))

    @blp.route("/revoke", methods=["POST"])
    @blp.arguments(RefreshIn)
    @blp.response(204)
    def revoke_token(body: dict[str, Any]) -> None:
        """End the session of a refresh token (an unknown token is not an error, as in RFC 7009)."""
        ensure_local_accounts(settings)
        sessions.revoke(body["refresh_token"])

    @blp.route("/logout", methods=["POST"])
    @require_authenticated
    @blp.response(204)
    def logout() -> None:
        """End this token's session: its refresh tokens stop working and the gateway refuses the token."""
        ensure_local_accounts(settings)
        sessions.end(presented_claims())

    @blp.route("/me", methods=["GET"])
    @require_authenticated
    @blp.response(200, description="the caller as its token describes it")
    def who_am_i() -> dict[str, Any]:
        principal = current_principal()
        return {
            "subject": principal.subject,
            "roles": sorted(principal.roles),
            "work_unit": principal.work_unit,
            "vendor_id": principal.vendor_id,
        }

    @blp.route("/signup/vendor", methods=["POST"])
    @limiter.limit(settings.signup_rate_limit, key_func=lambda: f"signup:{client_ip()}")
    @blp.arguments(VendorSignupIn)
    @blp.response(201, SignupOut)
    @blp.alt_response(409, description="the username is taken, or the vendors service found the vendor registered")
    def sign_up_vendor(body: dict[str, Any]) -> Any:
        """An UMKM signs up: its vendor is registered (pending verification) and an account bound to it.

        Refusals of the vendors service (400, 409, 422) are passed on as it gave them, and then no
        account is kept.
        """
        ensure_local_accounts(settings)
        outcome = signup.sign_up(body["username"], body["password"], body["vendor"], request_id=g.request_id)
        if outcome.account is None:
            answer = outcome.vendors_answer
            return Response(answer.body, status=answer.status, content_type=answer.header("Content-Type"))
        return {"account": account_view(outcome.account), "vendor": outcome.vendors_answer.json()}, 201

    return blp
