"""The vendor aggregate: one UMKM's profile, legal ids, bank account and verification status."""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Sequence

from vendors.domain.address import Address
from vendors.domain.banking import BankAccount
from vendors.domain.certificate import FinalTaxCertificate
from vendors.domain.contact import Contact
from vendors.domain.errors import InvalidFields
from vendors.domain.identifiers import npwp_identity
from vendors.domain.lifecycle import NO_REASON_ALLOWED, REASON_REQUIRED, SEVERAL_REASONS_ALLOWED, Action, Status, next_status
from vendors.domain.scale import Scale, classify
from vendors.domain.validation import FieldErrors, reason_text

MAX_REASONS = 20


@dataclass(frozen=True)
class Vendor:
    id: str
    name: str
    nib: str
    npwp: str
    owner_nik: str
    address: Address
    contact: Contact
    bank_account: BankAccount
    final_tax_certificate: FinalTaxCertificate | None
    """The MSME final-tax certificate (PP 55/2022) the vendor holds, if any."""
    pkp: bool
    """Pengusaha Kena Pajak: registered for VAT, so its prices carry PPN."""
    capital: int
    annual_sales: int
    categories: tuple[str, ...]
    jakpreneur: bool
    """Coached by Jakpreneur, the Jakarta government's entrepreneurship programme."""
    status: Status
    status_reasons: tuple[str, ...]
    """Why the vendor has its status: the rejection reasons to fix, or why it was suspended or reinstated."""
    version: int
    """Starts at 1 and grows with every change, so that event consumers can drop stale copies."""
    created_at: datetime
    updated_at: datetime

    @property
    def scale(self) -> Scale:
        return classify(self.capital, self.annual_sales)

    @property
    def npwp_identity(self) -> str:
        return npwp_identity(self.npwp)

    def change_status(self, action: Action, reasons: Sequence[str], at: datetime) -> "Vendor":
        """The vendor after ``action``, or IllegalTransition naming the current status."""
        status = next_status(self.status, action)
        return replace(
            self,
            status=status,
            status_reasons=_reasons_for(action, reasons),
            version=self.version + 1,
            updated_at=at,
        )


def _reasons_for(action: Action, reasons: Sequence[str]) -> tuple[str, ...]:
    field = "reasons" if action in SEVERAL_REASONS_ALLOWED else "reason"
    errors = FieldErrors()
    cleaned = tuple(r for r in (errors.check(field, reason_text, reason) for reason in reasons) if r is not None)
    errors.raise_if_any()
    if action in REASON_REQUIRED and not cleaned:
        raise InvalidFields({field: [f"a reason is required to {action.value}"]})
    if action in NO_REASON_ALLOWED and cleaned:
        raise InvalidFields({field: [f"no reasons are given to {action.value}; they are for a rejection"]})
    limit = MAX_REASONS if action in SEVERAL_REASONS_ALLOWED else 1
    if len(cleaned) > limit:
        raise InvalidFields({field: [f"give at most {limit}"]})
    return cleaned

