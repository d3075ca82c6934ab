"""Which upstream serves a path: ``/api/v1/<service>/...`` goes to the service of that name."""
from __future__ import annotations

import re
from urllib.parse import urlsplit

API_PREFIX = "/api/v1/"
SERVICE_NAME = re.compile(r"^[a-z][a-z0-9-]{0,39}$")

# The gateway's own parts of the tree: an upstream may not take these names.
GATEWAY_NAMESPACES = frozenset({"auth", "accounts", "work-units", "storefront"})

# Parts of the tree a service serves besides its own name (orders owns the budget packages its
# orders draw on): routing to the service routes these to it too, unless the table names them itself.
SERVED_ALONG = {"orders": ("packages",)}


class UpstreamConfigError(ValueError):
    """The upstream table setting cannot be used."""


def parse_upstreams(text: str) -> dict[str, str]:
    """``"vendors=http://127.0.0.1:8082,catalog=http://127.0.0.1:8081"`` -> ``{name: base URL}``."""
    upstreams: dict[str, str] = {}
    for item in (part.strip() for part in text.split(",")):
        if not item:
            continue
        name, sep, url = (piece.strip() for piece in item.partition("="))
        if not sep or not name or not url:
            raise UpstreamConfigError(f"{item!r} is not name=url")
        if not SERVICE_NAME.match(name):
            raise UpstreamConfigError(f"{name!r} is not a service name (lower-case letters, digits, '-')")
        if name in GATEWAY_NAMESPACES:
            raise UpstreamConfigError(f"{name!r} is served by the gateway itself")
        if name in upstreams:
            raise UpstreamConfigError(f"{name!r} is listed twice")
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname or parts.path not in ("", "/"):
            raise UpstreamConfigError(f"{url!r} must be http(s)://host[:port] with no path")
        upstreams[name] = url.rstrip("/")
    for name, parts in SERVED_ALONG.items():
        for part in parts:
            if name in upstreams:
                upstreams.setdefault(part, upstreams[name])
    return upstreams


def requested_service(path: str) -> str | None:
    """The service a client meant by an ``/api/v1/<name>/...`` path, if it names one."""
    if not path.startswith(API_PREFIX):
        return None
    name = path[len(API_PREFIX):].split("/", 1)[0]
    if not SERVICE_NAME.match(name) or name in GATEWAY_NAMESPACES:
        return None
    return name


def has_dot_segments(path: str) -> bool:
    """``..`` or ``.`` segments would let a path leave the service's part of the tree upstream."""
    return any(segment in (".", "..") for segment in path.split("/"))
