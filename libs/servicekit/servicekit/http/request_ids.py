"""Which request and correlation ids a client may hand us: they are echoed in headers, written to
logs, the audit trail (a 100-character column) and events, and forwarded upstream, so only short
plain tokens are taken; anything else is replaced by an id of our own."""
from __future__ import annotations

import re

MAX_LENGTH = 100
"""The audit trail's ``request_id`` column: a longer id would fail the write that records it."""
_ACCEPTED = re.compile(rf"[A-Za-z0-9._:-]{{1,{MAX_LENGTH}}}")


def accepted_id(value: str | None) -> str | None:
    """``value`` when it is a plain token of at most :data:`MAX_LENGTH` characters, else None."""
    if value and _ACCEPTED.fullmatch(value):
        return value
    return None
