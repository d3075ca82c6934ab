"""The invoice: drafted from a BAST, confirmed by the vendor, accepted or returned by the treasurer.

    drafted --submit--> submitted --accept--> accepted --(paid)--> paid
                           |  ^
                        return  submit (the vendor fixes what the treasurer named)
                           v  |
                         returned
    drafted | submitted | returned --void (the order was cancelled)--> void

The invoiced amount must equal the BAST's, to the rupiah: the vendor confirms it, never changes it.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import Enum
from typing import Sequence

from servicekit.errors import IllegalTransition

from payments.domain.errors import AmountMismatch, InvalidFields, MissingTaxInvoice
from payments.domain.tax import Supply
from payments.domain.tax_invoice import normalise_tax_invoice_number


class InvoiceState(str, Enum):
    DRAFTED = "drafted"
    SUBMITTED = "submitted"
    RETURNED = "returned"
    ACCEPTED = "accepted"
    PAID = "paid"
    VOID = "void"


_ALLOWED = {
    "submit": {InvoiceState.DRAFTED, InvoiceState.RETURNED},
    "accept": {InvoiceState.SUBMITTED},
    "return": {InvoiceState.SUBMITTED},
    "pay": {InvoiceState.ACCEPTED},
    "reopen": {InvoiceState.PAID},
    "void": {InvoiceState.DRAFTED, InvoiceState.SUBMITTED, InvoiceState.RETURNED},
}
MAX_REASONS = 20


@dataclass(frozen=True)
class Bast:
    """The receipt the invoice bills, as ``order.received`` carried it."""

    order_id: str
    work_unit: str
    vendor_id: str
    package_id: str
    rup_code: str
    budget_account: str
    bast_number: str
    bast_digest: str
    vat_registered: bool
    supply: Supply
    subtotal: int
    vat: int
    total: int
    received_at: datetime


@dataclass(frozen=True)
class VendorConfirmation:
    invoice_number: str
    invoice_date: date
    amount: int
    tax_invoice_number: str | None


@dataclass(frozen=True)
class Invoice:
    id: str
    bast: Bast
    state: InvoiceState
    remind_at: datetime
    """The end of the working day before the deadline: the treasurer is reminded after it."""
    due_at: datetime
    """The end of the third working day after the BAST: the payment promise."""
    invoice_number: str | None
    invoice_date: date | None
    tax_invoice_number: str | None
    return_reasons: tuple[str, ...]
    drafted_at: datetime
    submitted_at: datetime | None
    decided_at: datetime | None
    decided_by: str | None
    reminded: bool
    overdue: bool
    version: int

    @property
    def amount(self) -> int:
        return self.bast.total

    def _moved(self, action: str, **changes: object) -> "Invoice":
        if self.state not in _ALLOWED[action]:
            raise IllegalTransition(self.state.value, action, what="an invoice")
        return replace(self, version=self.version + 1, **changes)  # type: ignore[arg-type]

    def submit(self, confirmation: VendorConfirmation, at: datetime) -> "Invoice":
        if confirmation.amount != self.amount:
            raise AmountMismatch("amount", self.amount, confirmation.amount)
        tax_invoice = confirmation.tax_invoice_number
        if self.bast.vat_registered and not tax_invoice:
            raise MissingTaxInvoice()
        if tax_invoice and not self.bast.vat_registered:
            raise InvalidFields({"tax_invoice_number": ["only a VAT-registered vendor issues a faktur pajak"]})
        if confirmation.invoice_date < self.bast.received_at.date():
            raise InvalidFields({"invoice_date": ["cannot be before the BAST"]})
        return self._moved(
            "submit",
            state=InvoiceState.SUBMITTED,
            invoice_number=confirmation.invoice_number,
            invoice_date=confirmation.invoice_date,
            tax_invoice_number=normalise_tax_invoice_number(tax_invoice) if tax_invoice else None,
            return_reasons=(),
            submitted_at=at,
        )

    def accept(self, by: str, at: datetime) -> "Invoice":
        return self._moved("accept", state=InvoiceState.ACCEPTED, decided_at=at, decided_by=by)

    def send_back(self, reasons: Sequence[str], by: str, at: datetime) -> "Invoice":
        cleaned = tuple(reason.strip() for reason in reasons if reason.strip())
        if not cleaned or len(cleaned) > MAX_REASONS:
            raise InvalidFields({"reasons": [f"give 1 to {MAX_REASONS} reasons the vendor can fix"]})
        return self._moved("return", state=InvoiceState.RETURNED, return_reasons=cleaned, decided_at=at, decided_by=by)

    def mark_paid(self) -> "Invoice":
        return self._moved("pay", state=InvoiceState.PAID)

    def reopen(self) -> "Invoice":
        """A settled payment was reversed (the bank returned it): the invoice can be paid again."""
        return self._moved("reopen", state=InvoiceState.ACCEPTED)

    def void(self) -> "Invoice":
        return self._moved("void", state=InvoiceState.VOID)

    def mark_reminded(self) -> "Invoice":
        return replace(self, reminded=True, version=self.version + 1)

    def mark_overdue(self) -> "Invoice":
        return replace(self, overdue=True, version=self.version + 1)

    @property
    def voidable(self) -> bool:
        return self.state in _ALLOWED["void"]

    @property
    def unpaid(self) -> bool:
        return self.state not in (InvoiceState.PAID, InvoiceState.VOID)


def draft(invoice_id: str, bast: Bast, *, remind_at: datetime, due_at: datetime, at: datetime) -> Invoice:
    if bast.total != bast.subtotal + bast.vat:
        raise InvalidFields({"total": ["the BAST's total must be its subtotal plus VAT"]})
    return Invoice(
        id=invoice_id,
        bast=bast,
        state=InvoiceState.DRAFTED,
        remind_at=remind_at,
        due_at=due_at,
        invoice_number=None,
        invoice_date=None,
        tax_invoice_number=None,
        return_reasons=(),
        drafted_at=at,
        submitted_at=None,
        decided_at=None,
        decided_by=None,
        reminded=False,
        overdue=False,
        version=1,
    )
