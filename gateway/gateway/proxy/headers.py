"""Which headers cross the gateway, in each direction (RFC 9110 section 7.6.1)."""
from __future__ import annotations

from typing import Iterable

HOP_BY_HOP = frozenset(
    {
        "connection",
        "keep-alive",
        "proxy-authenticate",
        "proxy-authorization",
        "proxy-connection",
        "te",
        "trailer",
        "transfer-encoding",
        "upgrade",
    }
)
# Set again for the next hop (Host, Content-Length) or by the gateway itself (forwarding, request and
# correlation ids: only the ones the gateway accepted travel on, never the client's raw header).
REPLACED_ON_REQUEST = frozenset(
    {
        "host",
        "content-length",
        "x-request-id",
        "x-correlation-id",
        "x-forwarded-for",
        "x-forwarded-proto",
        "x-forwarded-host",
        "forwarded",
    }
)
# Content-Length is recomputed from the buffered body; Server and Date are the gateway's own.
REPLACED_ON_RESPONSE = frozenset({"content-length", "server", "date", "x-request-id"})


def _dropped(headers: Iterable[tuple[str, str]], replaced: frozenset[str]) -> frozenset[str]:
    """Hop-by-hop headers, the ones named in Connection, and the ones this hop sets itself."""
    named = {
        token.strip().lower()
        for name, value in headers
        if name.lower() == "connection"
        for token in value.split(",")
    }
    return HOP_BY_HOP | replaced | named


def request_headers(
    incoming: Iterable[tuple[str, str]],
    *,
    request_id: str,
    client_ip: str | None,
    scheme: str,
    host: str,
    correlation_id: str | None = None,
) -> dict[str, str]:
    incoming = list(incoming)
    dropped = _dropped(incoming, REPLACED_ON_REQUEST)
    headers = {name: value for name, value in incoming if name.lower() not in dropped}
    earlier = next((v for k, v in incoming if k.lower() == "x-forwarded-for"), "")
    chain = [hop for hop in (earlier.strip(), client_ip or "") if hop]
    if chain:
        headers["X-Forwarded-For"] = ", ".join(chain)
    headers["X-Forwarded-Proto"] = scheme
    headers["X-Forwarded-Host"] = host
    headers["X-Request-ID"] = request_id
    if correlation_id:
        headers["X-Correlation-ID"] = correlation_id
    return headers


def response_headers(upstream: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    upstream = list(upstream)
    dropped = _dropped(upstream, REPLACED_ON_RESPONSE)
    return [(name, value) for name, value in upstream if name.lower() not in dropped]

