"""Flask-Limiter on Redis (distributed: one budget for every worker and replica) or in memory (embedded)."""
from __future__ import annotations

from flask import Flask, Response, request
from flask_limiter import Limiter

from gateway.ratelimit.keys import principal_or_ip
from gateway.settings import GatewaySettings

# Probes and scrapes must never be throttled, or a busy gateway would look dead.
UNLIMITED_PATHS = frozenset({"/healthz", "/readyz", "/metrics"})


def make_limiter(settings: GatewaySettings) -> Limiter:
    limiter = Limiter(
        principal_or_ip,
        default_limits=[settings.rate_limit],
        storage_uri=settings.rate_limit_storage,
        # A moving window never lets through more than the limit in any window, also at its edges.
        strategy="moving-window",
        key_prefix=settings.rate_limit_prefix,
        headers_enabled=True,
        # An unreachable Redis lets requests through (logged, and /readyz says so) rather than
        # taking the whole API down with it.
        swallow_errors=True,
    )
    limiter.request_filter(lambda: request.path in UNLIMITED_PATHS)
    return limiter


def check_storage(limiter: Limiter) -> None:
    """Readiness of the shared counter store (a Redis outage silently lifts the limits)."""
    if not limiter.storage.check():
        raise ConnectionError("rate-limit storage unreachable")


# Refusals whose Retry-After the client should honour; Flask-Limiter would put one on every answer.
_WAIT_STATUSES = frozenset({423, 429, 503})


def install_limiter(app: Flask, limiter: Limiter) -> None:
    """Must run after servicekit's request hook, which verifies the token the key function reads."""

    # Registered before the limiter's own hook, so it runs after it (Flask runs them in reverse).
    @app.after_request
    def _retry_after_only_on_refusals(response: Response) -> Response:
        if response.status_code not in _WAIT_STATUSES:
            response.headers.pop("Retry-After", None)
        return response

    limiter.init_app(app)
