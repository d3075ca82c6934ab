"""Personal data kept out of log lines: a structlog processor run just before rendering.

Two nets. Values under the names of personal fields (NIK, NPWP, bank account, phone, email, and the
secrets beside them) are replaced wherever they sit in the event, however deeply nested. And the
text of errors (a rendered traceback, an ``error`` string) loses what a database puts there about the
row at fault (PostgreSQL's ``DETAIL: Failing row contains (...)`` or ``Key (npwp)=(...)``), e-mail
addresses and long digit runs (identity, tax and account numbers, phone numbers). SQLAlchemy's
statement parameters are hidden at the source (``hide_parameters`` on every engine).
"""
from __future__ import annotations

import re
from typing import Any, MutableMapping

REDACTED = "[redacted]"

PERSONAL_FIELDS = frozenset(
    {
        "nik",
        "owner_nik",
        "npwp",
        "account_number",
        "bank_account_number",
        "phone",
        "contact_phone",
        "email",
        "contact_email",
        "password",
        "authorization",
        "access_token",
        "refresh_token",
    }
)
TEXT_FIELDS = ("exception", "error")

_DATABASE_DETAIL = re.compile(r"^(\s*DETAIL:).*$", re.MULTILINE)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Eight digits or more, possibly written with dots, dashes or spaces (an NPWP "01.234.567.8-901.000",
# a phone "+62 812-3456-7890"), not inside a longer word (a UUID's hex groups stay readable).
_DIGIT_RUN = re.compile(r"(?<![\w-])\+?\d(?:[ .-]?\d){7,}(?![\w-])")


def scrub_text(text: str) -> str:
    text = _DATABASE_DETAIL.sub(rf"\1 {REDACTED}", text)
    text = _EMAIL.sub(REDACTED, text)
    return _DIGIT_RUN.sub(REDACTED, text)


def _redacted(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: REDACTED if str(key).lower() in PERSONAL_FIELDS else _redacted(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_redacted(item) for item in value]
    return value


def redact_personal_data(_logger: Any, _method: str, event: MutableMapping[str, Any]) -> MutableMapping[str, Any]:
    """structlog processor; put it after ``format_exc_info`` so that tracebacks are text by then."""
    for key in list(event):
        if str(key).lower() in PERSONAL_FIELDS:
            event[key] = REDACTED
        else:
            event[key] = _redacted(event[key])
    for key in TEXT_FIELDS:
        if isinstance(event.get(key), str):
            event[key] = scrub_text(event[key])
    return event
