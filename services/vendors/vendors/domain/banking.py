"""The bank account a vendor is paid into, and how it is shown where it must not be readable."""
from __future__ import annotations

import re
from dataclasses import dataclass

from vendors.domain.validation import InvalidValue

_ACCOUNT_SEPARATORS = re.compile(r"[\s\-]")
VISIBLE_ACCOUNT_DIGITS = 4


@dataclass(frozen=True)
class BankAccount:
    bank_name: str
    bank_code: str
    account_number: str
    holder_name: str

    def masked(self) -> dict[str, str]:
        """The account as the audit trail keeps it: everything but the last 4 digits of the number hidden.

        Enough to see that (and to which bank) an account changed, not enough to divert a payment.
        """
        hidden = len(self.account_number) - VISIBLE_ACCOUNT_DIGITS
        return {
            "bank_name": self.bank_name,
            "bank_code": self.bank_code,
            "account_number": "*" * hidden + self.account_number[hidden:],
            "holder_name": self.holder_name,
        }


def normalise_bank_code(value: str) -> str:
    """The 3-digit clearing code Bank Indonesia assigns (002 BRI, 008 Mandiri, 014 BCA, 111 Bank DKI...)."""
    code = value.strip()
    if not re.fullmatch(r"\d{3}", code):
        raise InvalidValue("bank code must be the bank's 3-digit clearing code")
    return code


def normalise_account_number(value: str) -> str:
    digits = _ACCOUNT_SEPARATORS.sub("", value)
    if not re.fullmatch(r"\d{5,20}", digits):
        raise InvalidValue("account number must be 5 to 20 digits")
    return digits
