"""Per-request and per-message context (request id, correlation id, principal) carried by logs and events.

Request and correlation ids come from outside (a client's headers, another service's events). They are
echoed in headers, written to logs, the audit trail (a 100-character column) and events, and forwarded
upstream, so only short plain tokens are taken; anything else is replaced by an id of our own."""
from __future__ import annotations

import re
import uuid
from contextvars import ContextVar

request_id: ContextVar[str | None] = ContextVar("request_id", default=None)
correlation_id: ContextVar[str | None] = ContextVar("correlation_id", default=None)


def new_id() -> str:
    return str(uuid.uuid4())


MAX_LENGTH = 100
"""The audit trail's ``request_id`` column: a longer id would fail the write that records it."""
_ACCEPTED = re.compile(rf"[A-Za-z0-9._:-]{{1,{MAX_LENGTH}}}")


def accepted_id(value: str | None) -> str | None:
    """``value`` when it is a plain token of at most :data:`MAX_LENGTH` characters, else None."""
    if value and _ACCEPTED.fullmatch(value):
        return value
    return None
