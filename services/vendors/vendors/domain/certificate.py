"""The MSME final-tax certificate (surat keterangan, PP 55/2022): a vendor holding one is withheld the
0.5% final income tax instead of articles 22/23, until the certificate's end."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Mapping

from vendors.domain.validation import FieldErrors, InvalidValue, text

FIELD = "final_tax_certificate"
_number = text(60)


@dataclass(frozen=True)
class FinalTaxCertificate:
    number: str
    valid_until: date

    def as_document(self) -> dict[str, str]:
        return {"number": self.number, "valid_until": self.valid_until.isoformat()}


def _valid_until(value: Any) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise InvalidValue("must be a date (YYYY-MM-DD)") from None


def read_certificate(value: Mapping[str, Any] | FinalTaxCertificate | None, errors: FieldErrors) -> FinalTaxCertificate | None:
    """The certificate a vendor states (None: it holds none); broken parts recorded in ``errors``."""
    if value is None or isinstance(value, FinalTaxCertificate):
        return value
    number = errors.check(f"{FIELD}.number", _number, value.get("number"))
    valid_until = errors.check(f"{FIELD}.valid_until", _valid_until, value.get("valid_until"))
    if number is None or valid_until is None:
        return None
    return FinalTaxCertificate(number, valid_until)
