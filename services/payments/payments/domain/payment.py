"""The payment of an accepted invoice, and its state machine.

Manual transfers and KKPD card payments are recorded after the treasurer made them, so they are
settled when recorded. An autodebet is the platform's own transfer, so it goes through four eyes and
the bank:

    requested --approve (budget holder, never the requester)--> approved --send--> sent --> settled
        |                                                          ^               |
        +--hold (the vendor's account changed lately)--> held --reconfirm (treasurer)  +--> failed

``sent`` means the transfer may have reached the bank: its outcome is unknown until the bank
answers, by callback or when asked. Nothing sends it again before asking (see
``application/transfers.py``). A failed payment frees the invoice to be paid again.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from enum import Enum

from servicekit.errors import IllegalTransition

from payments.domain.errors import SameApprover
from payments.domain.tax import Withholding


class Method(str, Enum):
    MANUAL_TRANSFER = "manual_transfer"
    AUTODEBET = "autodebet"
    KKPD = "kkpd"


class PaymentState(str, Enum):
    REQUESTED = "requested"
    HELD = "held"
    APPROVED = "approved"
    SENT = "sent"
    SETTLED = "settled"
    FAILED = "failed"


_ALLOWED: dict[str, set[PaymentState]] = {
    "approve": {PaymentState.REQUESTED},
    "hold": {PaymentState.REQUESTED, PaymentState.APPROVED},
    "reconfirm": {PaymentState.HELD},
    "send": {PaymentState.APPROVED},
    "settle": {PaymentState.SENT},
    "fail": {PaymentState.SENT, PaymentState.APPROVED},
}


@dataclass(frozen=True)
class PayeeAccount:
    """The vendor's bank account the payment goes to, as known when the payment was made."""

    bank_code: str
    account_number: str
    holder_name: str


@dataclass(frozen=True)
class Payment:
    id: str
    invoice_id: str
    order_id: str
    work_unit: str
    vendor_id: str
    method: Method
    state: PaymentState
    gross: int
    withholdings: tuple[Withholding, ...]
    payee: PayeeAccount | None
    reference: str | None
    """The bank reference of a manual transfer, the card transaction of a KKPD payment, the bank's
    transfer id of an autodebet."""
    requested_by: str
    approved_by: str | None
    failure_reason: str | None
    created_at: datetime
    settled_at: datetime | None
    version: int

    @property
    def withheld(self) -> int:
        return sum(w.amount for w in self.withholdings)

    @property
    def net(self) -> int:
        return self.gross - self.withheld

    @property
    def transfer_key(self) -> str:
        """The idempotency key of the bank transfer: one payment, one transfer, however often sent."""
        return self.id

    @property
    def holds_invoice(self) -> bool:
        """Whether this payment blocks another one of the same invoice (all but a failed one)."""
        return self.state is not PaymentState.FAILED

    def _moved(self, action: str, **changes: object) -> "Payment":
        if self.state not in _ALLOWED[action]:
            raise IllegalTransition(self.state.value, action, what="a payment")
        return replace(self, version=self.version + 1, **changes)  # type: ignore[arg-type]

    def approve(self, by: str) -> "Payment":
        if by == self.requested_by:
            raise SameApprover()
        return self._moved("approve", state=PaymentState.APPROVED, approved_by=by)

    def hold(self) -> "Payment":
        return self._moved("hold", state=PaymentState.HELD)

    def reconfirm(self, payee: PayeeAccount) -> "Payment":
        return self._moved("reconfirm", state=PaymentState.APPROVED, payee=payee)

    def send(self) -> "Payment":
        return self._moved("send", state=PaymentState.SENT)

    def settle(self, at: datetime, reference: str | None = None) -> "Payment":
        return self._moved("settle", state=PaymentState.SETTLED, settled_at=at, reference=reference or self.reference)

    def fail(self, reason: str) -> "Payment":
        return self._moved("fail", state=PaymentState.FAILED, failure_reason=reason)


def recorded_payment(
    *,
    payment_id: str,
    invoice: InvoiceFacts,
    method: Method,
    withholdings: tuple[Withholding, ...],
    payee: PayeeAccount | None,
    reference: str | None,
    by: str,
    at: datetime,
) -> Payment:
    """A payment as the treasurer starts it: settled at once when it was made by hand (manual
    transfer, KKPD card), requested when the platform is to make it (autodebet)."""
    settled = method is not Method.AUTODEBET
    return Payment(
        id=payment_id,
        invoice_id=invoice.id,
        order_id=invoice.order_id,
        work_unit=invoice.work_unit,
        vendor_id=invoice.vendor_id,
        method=method,
        state=PaymentState.SETTLED if settled else PaymentState.REQUESTED,
        gross=invoice.amount,
        withholdings=withholdings,
        payee=payee,
        reference=reference,
        requested_by=by,
        approved_by=None,
        failure_reason=None,
        created_at=at,
        settled_at=at if settled else None,
        version=1,
    )


@dataclass(frozen=True)
class InvoiceFacts:
    id: str
    order_id: str
    work_unit: str
    vendor_id: str
    amount: int
