"""Where a vendor is paid and whether it holds the MSME final-tax certificate, as vendors told us."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from payments.domain.payment import PayeeAccount


@dataclass(frozen=True)
class VendorAccount:
    vendor_id: str
    version: int
    bank_name: str
    payee: PayeeAccount
    certificate_number: str | None
    certificate_valid_until: date | None
    account_changed_at: datetime
    """When the bank account last changed (not the certificate): recent changes hold autodebets."""
    changed_at: datetime

    def holds_certificate_on(self, day: date) -> bool:
        return self.certificate_valid_until is not None and day <= self.certificate_valid_until

    def superseded_by(self, newer: "VendorAccount") -> "VendorAccount":
        """The account after ``newer`` (an equal or older version changes nothing: events come twice
        and out of order); the moment the bank account changed is kept unless it did change."""
        if newer.version <= self.version:
            return self
        if newer.payee == self.payee:
            return VendorAccount(
                newer.vendor_id, newer.version, newer.bank_name, newer.payee, newer.certificate_number,
                newer.certificate_valid_until, self.account_changed_at, newer.changed_at,
            )
        return newer
