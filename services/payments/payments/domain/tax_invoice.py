"""The tax invoice (faktur pajak) number a VAT-registered vendor quotes on its invoice.

Since Coretax (PER-11/PJ/2025, article 37 paragraph 1) the code and serial number of a faktur pajak
are 17 digits: a 2-digit transaction code, a 2-digit status code and the 13-digit serial number the
tax directorate allots. (The e-Faktur format before it, PER-03/PJ/2022, was 16 digits: 2 + 1 + 13,
written ``010.000-24.00000001``.) Delivery to a government treasurer who collects the VAT uses
transaction code 02 ("penyerahan kepada pemungut PPN instansi pemerintah"); the status is 00 for a
normal faktur and 01 for a replacement. Dots, dashes and spaces are accepted and dropped.
"""
from __future__ import annotations

import re

from payments.domain.errors import InvalidFields

_SEPARATORS = re.compile(r"[\s.\-]")
TRANSACTION_CODES = frozenset(f"{code:02d}" for code in range(1, 11))
STATUS_CODES = frozenset({"00", "01"})


def normalise_tax_invoice_number(value: str) -> str:
    digits = _SEPARATORS.sub("", value)
    problem = None
    if not re.fullmatch(r"\d{17}", digits):
        problem = "must be the 17-digit code and serial number of the faktur pajak (2 transaction + 2 status + 13 serial)"
    elif digits[:2] not in TRANSACTION_CODES:
        problem = "the transaction code (first 2 digits) must be 01 to 10"
    elif digits[2:4] not in STATUS_CODES:
        problem = "the status code (digits 3-4) must be 00 (normal) or 01 (replacement)"
    if problem:
        raise InvalidFields({"tax_invoice_number": [problem]})
    return digits
