"""Whose budget a request spends: its principal's when it carries a valid token, else its IP's."""
from __future__ import annotations

from flask import Response, request

from servicekit.http.access import current_principal


def client_ip() -> str:
    # remote_addr is the real client once ProxyFix has applied EORDER_GATEWAY_TRUSTED_PROXIES.
    return request.remote_addr or "unknown"


def principal_or_ip() -> str:
    """The token was already verified by the app's request hook (a bad one answered 401 there)."""
    principal = current_principal()
    return f"sub:{principal.subject}" if principal.is_authenticated else f"ip:{client_ip()}"


def ip_and_username() -> str:
    """Sign-in attempts are counted per client and username: guessing one account from one place."""
    body = request.get_json(silent=True)
    username = body.get("username") if isinstance(body, dict) else None
    return f"signin:{client_ip()}:{str(username or '').strip().lower()[:100]}"


def failing_client() -> str:
    """Failed sign-ins of one client, whatever usernames it tries."""
    return f"signin-failures:{client_ip()}"


def refused_sign_in(response: Response) -> bool:
    return response.status_code in (401, 423)
