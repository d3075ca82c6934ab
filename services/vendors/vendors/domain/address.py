"""Where a vendor is, down to the kelurahan (the level buyers and the catalog filter on)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from vendors.domain.validation import InvalidValue


@dataclass(frozen=True)
class Address:
    street: str
    kelurahan: str
    kecamatan: str
    city: str
    postal_code: str


def normalise_postal_code(value: str) -> str:
    """Indonesian postal codes are 5 digits, from 10110 (Jakarta Pusat) up."""
    code = value.strip()
    if not re.fullmatch(r"[1-9]\d{4}", code):
        raise InvalidValue("postal code must be 5 digits")
    return code
