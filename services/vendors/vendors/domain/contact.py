"""Who to call at a vendor: a person, an Indonesian phone number and an email address."""
from __future__ import annotations

import re
from dataclasses import dataclass

from vendors.domain.validation import InvalidValue

_PHONE_SEPARATORS = re.compile(r"[\s\-().]")
# After the country code or trunk 0: an area code (21 for Jakarta) or a mobile prefix (8xx), then the
# subscriber number; 8 to 12 digits in all.
_NATIONAL_NUMBER = re.compile(r"[2-9]\d{7,11}")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[A-Za-z]{2,}")
EMAIL_MAX_LENGTH = 254


@dataclass(frozen=True)
class Contact:
    person_name: str
    phone: str
    email: str


def normalise_phone(value: str) -> str:
    """``0812-3456-7890``, ``+62 812 3456 7890``, ``62812...`` or ``(021) 3456-7890``, stored as ``+62...``."""
    compact = _PHONE_SEPARATORS.sub("", value)
    for prefix in ("+62", "62", "0"):
        if compact.startswith(prefix):
            national = compact[len(prefix):]
            break
    else:
        raise InvalidValue("phone must be an Indonesian number starting with 0, 62 or +62")
    if not _NATIONAL_NUMBER.fullmatch(national):
        raise InvalidValue("phone must have 8 to 12 digits after 0 (or +62), such as 0812-3456-7890")
    return f"+62{national}"


def normalise_email(value: str) -> str:
    address = value.strip()
    if len(address) > EMAIL_MAX_LENGTH or not _EMAIL.fullmatch(address):
        raise InvalidValue("must be an email address")
    local, _, domain = address.rpartition("@")
    return f"{local}@{domain.lower()}"
