"""What the payments rules refuse, named for the domain; servicekit answers each as its kind."""
from __future__ import annotations

from typing import Mapping, Sequence

from servicekit.errors import Conflict, InvalidInput, NotFound, NotPermitted, RuleViolation


class InvoiceNotFound(NotFound):
    def __init__(self) -> None:
        super().__init__("invoice not found")


class PaymentNotFound(NotFound):
    def __init__(self) -> None:
        super().__init__("payment not found")


class InvalidFields(InvalidInput):
    def __init__(self, errors: Mapping[str, Sequence[str]]) -> None:
        super().__init__("some fields are not valid", errors=errors)


class AmountMismatch(RuleViolation):
    slug = "amount-mismatch"

    def __init__(self, field: str, expected: int, given: int) -> None:
        super().__init__(
            f"the invoiced {field} must equal the BAST's: {expected} rupiah, not {given}",
            errors={field: [f"must be {expected} (the BAST's {field})"]},
            expected=expected,
        )


class MissingTaxInvoice(RuleViolation):
    slug = "tax-invoice-required"

    def __init__(self) -> None:
        super().__init__(
            "a VAT-registered vendor's invoice needs its tax invoice (faktur pajak) number",
            errors={"tax_invoice_number": ["required for a VAT-registered vendor"]},
        )


class AlreadyPaid(Conflict):
    slug = "already-paid"

    def __init__(self) -> None:
        super().__init__("this invoice already has a payment; an invoice is paid at most once")


class SameApprover(NotPermitted):
    slug = "four-eyes"

    def __init__(self) -> None:
        super().__init__("the payment must be approved by someone other than the treasurer who requested it")


class NoBankAccount(RuleViolation):
    slug = "no-bank-account"

    def __init__(self) -> None:
        super().__init__("the vendor's bank account is not known yet (no vendor.payment_details received)")


class UnbalancedEntry(ValueError):
    """A journal entry whose debits and credits differ: a defect, never a client's doing."""
