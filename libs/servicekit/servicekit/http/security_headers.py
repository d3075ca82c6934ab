"""Headers every answer carries for the browser's sake: no content sniffing, no caching of what is
personal, and Strict-Transport-Security in production behind TLS."""
from __future__ import annotations

from flask import Flask, Response, request

from servicekit.settings import Settings

ONE_YEAR = 31_536_000
_SAFE_METHODS = frozenset({"GET", "HEAD"})


def hsts_seconds(settings: Settings) -> int:
    """``EORDER_HSTS_SECONDS``: a year by default in production, off (0) elsewhere."""
    return settings.int_setting("HSTS_SECONDS", ONE_YEAR if settings.is_production else 0)


def is_public_read() -> bool:
    """An anonymous read: the public catalogue and spending, which caches may keep. Everything
    else may carry personal data or tokens (an authenticated answer, a sign-in, a write)."""
    return request.method in _SAFE_METHODS and "Authorization" not in request.headers and "Cookie" not in request.headers


def install_security_headers(app: Flask, settings: Settings) -> None:
    max_age = hsts_seconds(settings)

    @app.after_request
    def _security_headers(response: Response) -> Response:
        response.headers["X-Content-Type-Options"] = "nosniff"
        if "Cache-Control" not in response.headers and (not is_public_read() or "Set-Cookie" in response.headers):
            response.headers["Cache-Control"] = "no-store"
        # Only over HTTPS (as seen through a trusted proxy): over plain HTTP the header means nothing.
        if max_age > 0 and request.is_secure:
            response.headers["Strict-Transport-Security"] = f"max-age={max_age}; includeSubDomains"
        return response
