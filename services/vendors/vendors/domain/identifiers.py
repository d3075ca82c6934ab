"""The legal ids of an Indonesian business and its owner: NIB, NPWP and NIK.

Each normaliser accepts what people type, answers the digits the service stores, and refuses values
that cannot be real (wrong length, letters, or an NIK whose embedded region or birth date is impossible).
"""
from __future__ import annotations

import re
from datetime import date

from vendors.domain.validation import InvalidValue

# Province codes that open an NIK (Kemendagri), including the Papua provinces formed in 2022.
PROVINCE_CODES = frozenset(
    {11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 31, 32, 33, 34, 35, 36, 51, 52, 53, 61, 62, 63, 64, 65}
    | {71, 72, 73, 74, 75, 76, 81, 82, 91, 92, 93, 94, 95, 96}
)
# An NIK's birth day has 40 added for women.
_WOMEN_DAY_OFFSET = 40
_NPWP_SEPARATORS = re.compile(r"[.\- ]")
_NPWP_CHARACTERS = re.compile(r"[0-9.\- ]+")


def normalise_nib(value: str) -> str:
    """Nomor Induk Berusaha from OSS: 13 digits, written without separators."""
    digits = value.strip()
    if not re.fullmatch(r"\d{13}", digits):
        raise InvalidValue("NIB must be 13 digits")
    return digits


def normalise_nik(value: str) -> str:
    """Nomor Induk Kependudukan: 16 digits = province, regency, district (2 each), birth date DDMMYY
    (day + 40 for women) and a 4-digit serial from 0001."""
    digits = value.strip()
    if not re.fullmatch(r"\d{16}", digits):
        raise InvalidValue("NIK must be 16 digits")
    _check_nik_structure(digits)
    return digits


def _check_nik_structure(digits: str) -> None:
    if int(digits[0:2]) not in PROVINCE_CODES:
        raise InvalidValue("NIK must start with an Indonesian province code")
    if digits[2:4] == "00" or digits[4:6] == "00":
        raise InvalidValue("NIK must carry a regency and district code")
    day, month = int(digits[6:8]), int(digits[8:10])
    if day > _WOMEN_DAY_OFFSET:
        day -= _WOMEN_DAY_OFFSET
    try:
        date(2000, month, day)  # a leap year, so 29 February is possible
    except ValueError:
        raise InvalidValue("NIK must carry a valid birth date (DDMMYY)") from None
    if digits[12:16] == "0000":
        raise InvalidValue("NIK serial number cannot be 0000")


def normalise_npwp(value: str) -> str:
    """Nomor Pokok Wajib Pajak, digits only.

    15 digits (the format used until 2024, usually written ``01.234.567.8-901.000``) or 16 digits (the
    current format: an individual's NIK, or ``0`` followed by the 15-digit number of a business entity).
    Dots, dashes and spaces used as separators are dropped.
    """
    text = value.strip()
    if not _NPWP_CHARACTERS.fullmatch(text):
        raise InvalidValue("NPWP may contain only digits, dots, dashes and spaces")
    digits = _NPWP_SEPARATORS.sub("", text)
    if len(digits) == 15:
        return digits
    if len(digits) == 16:
        if not digits.startswith("0"):
            try:
                _check_nik_structure(digits)
            except InvalidValue:
                raise InvalidValue("a 16-digit NPWP is either 0 + the 15-digit NPWP or a valid NIK") from None
        return digits
    raise InvalidValue("NPWP must have 15 or 16 digits")


def npwp_identity(digits: str) -> str:
    """The key that identifies one taxpayer whichever NPWP format was typed.

    A business entity's 16-digit NPWP is its 15-digit NPWP with a leading ``0``, so both name the same
    taxpayer: duplicates and the blacklist compare this key, not the digits as entered.
    """
    if len(digits) == 16 and digits.startswith("0"):
        return digits[1:]
    return digits
