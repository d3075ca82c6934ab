"""The admin-managed blacklist of taxpayers (by NPWP) that may not register as vendors."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Callable

from vendors.domain.errors import Blacklisted
from vendors.domain.identifiers import normalise_npwp, npwp_identity
from vendors.domain.validation import FieldErrors, reason_text


@dataclass(frozen=True)
class BlacklistEntry:
    npwp: str
    """The digits as the admin entered them."""
    reason: str
    added_by: str
    added_at: datetime

    @property
    def identity(self) -> str:
        return npwp_identity(self.npwp)


def new_entry(npwp: str, reason: str, *, added_by: str, at: datetime) -> BlacklistEntry:
    errors = FieldErrors()
    digits = errors.check("npwp", normalise_npwp, npwp)
    cleaned_reason = errors.check("reason", reason_text, reason)
    errors.raise_if_any()
    return BlacklistEntry(npwp=str(digits), reason=str(cleaned_reason), added_by=added_by, added_at=at)


def refuse_blacklisted(npwp: str, find: Callable[[str], BlacklistEntry | None]) -> None:
    """Blacklisted, with the admin's reason, when this taxpayer is on the list in either NPWP format.

    ``find`` looks an entry up by NPWP identity, so an entity blacklisted under its 15-digit NPWP
    cannot register with the 16-digit form of the same number (and the reverse).
    """
    entry = find(npwp_identity(npwp))
    if entry is not None:
        raise Blacklisted(entry.reason)


def blacklist_key(npwp: str) -> str:
    """The identity under which an NPWP, typed in either format, is listed."""
    errors = FieldErrors()
    digits = errors.check("npwp", normalise_npwp, npwp)
    errors.raise_if_any()
    return npwp_identity(str(digits))
