"""The 3-working-day promise: a reminder the working day before the deadline, payment.overdue after it.

Both are sweeps: each claims a bounded batch of unpaid invoices past their moment with FOR UPDATE
SKIP LOCKED (two workers never act on one invoice), marks them and publishes, in the sweep's
transaction.
"""
from __future__ import annotations

from datetime import datetime
from typing import Callable

from eorder_contracts.events import PAYMENT_OVERDUE, PAYMENT_REMINDER

from servicekit.deadlines import Sweep

from payments.adapters.bank import Bank
from payments.application.paying import expected_withholdings
from payments.application.transfers import resolve_sent, send_approved
from payments.application.reading import Payments
from payments.domain.events import payment_due
from payments.domain.invoice import Invoice
from payments.settings import BankSettings, PaymentPolicy

BATCH = 100


def remind_before_deadline(uows: Payments, now: datetime, *, policy: PaymentPolicy) -> int:
    return _sweep(uows, now, "remind_at", lambda invoice: invoice.mark_reminded(), PAYMENT_REMINDER, policy)


def report_overdue(uows: Payments, now: datetime, *, policy: PaymentPolicy) -> int:
    return _sweep(uows, now, "due_at", lambda invoice: invoice.mark_overdue(), PAYMENT_OVERDUE, policy)


def _sweep(uows: Payments, now: datetime, column: str, mark: Callable[[Invoice], Invoice], event: object, policy: PaymentPolicy) -> int:
    with uows() as uow:
        claimed = uow.invoices.claim_due(column, now, BATCH)
        for invoice in claimed:
            marked = mark(invoice)
            uow.invoices.replace(marked, previous=invoice)
            payment = uow.payments.live_of_invoice(invoice.id)
            withheld = payment.withheld if payment else sum(w.amount for w in expected_withholdings(uow, invoice, policy, now))
            uow.publish(event, invoice.id, payment_due(invoice, payment, withheld), correlationid=invoice.bast.order_id)  # type: ignore[arg-type]
        uow.commit()
    return len(claimed)


def deadline_sweeps(uows: Payments, policy: PaymentPolicy, every_seconds: float = 60.0) -> list[Sweep]:
    return [
        Sweep("payment-reminders", lambda _uow, now: remind_before_deadline(uows, now, policy=policy), every_seconds),
        Sweep("payments-overdue", lambda _uow, now: report_overdue(uows, now, policy=policy), every_seconds),
    ]


def transfer_sweeps(uows: Payments, bank: Bank, config: BankSettings, every_seconds: float = 2.0) -> list[Sweep]:
    """Approved autodebets sent to the bank; transfers of unknown outcome resolved by asking it."""
    return [
        Sweep("bank-transfers", lambda _uow, now: send_approved(uows, bank, config, now), every_seconds),
        Sweep("bank-transfers-unresolved", lambda _uow, now: resolve_sent(uows, bank, config, now), every_seconds * 5),
    ]
