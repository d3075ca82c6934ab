"""Autodebets at the bank: sending approved ones, resolving those whose outcome is unknown, and the
bank's callbacks.

Never twice: the transfer's idempotency key is the payment's id, so the bank answers the same
transfer however often it is sent; and before sending, the bank is asked whether it already has it
(a worker may have died after sending and before recording). A transfer without an answer
(timeout, lost connection) stays ``sent``, its outcome unknown, until the bank is asked again.
"""
from __future__ import annotations

from datetime import datetime

from eorder_contracts.events import PAYMENT_FAILED

from servicekit.actors import Actor
from servicekit.errors import RuleViolation

from payments.adapters.bank import Bank, TransferOrder, TransferState, TransferStatus
from payments.application.paying import PAYMENT, record_settlement
from payments.application.reading import Payments
from payments.domain.events import payment_figures
from payments.domain.payment import Payment, PaymentState
from payments.settings import BankSettings
from payments.storage.unit_of_work import PaymentsUnitOfWork

BANK = Actor.system("bank")
BATCH = 20


class CallbackMismatch(RuleViolation):
    slug = "callback-mismatch"

    def __init__(self) -> None:
        super().__init__("the callback's amount or account does not match the payment; nothing was recorded")


def send_approved(uows: Payments, bank: Bank, config: BankSettings, now: datetime) -> int:
    """Send each approved autodebet (asking the bank first); answer how many were handled."""
    return _ask_or_send(uows, PaymentState.APPROVED, bank, config, now)


def resolve_sent(uows: Payments, bank: Bank, config: BankSettings, now: datetime) -> int:
    """Ask the bank about every transfer still ``sent``; one it never received is sent again under
    the same key (which the bank cannot take twice)."""
    return _ask_or_send(uows, PaymentState.SENT, bank, config, now)


def _ask_or_send(uows: Payments, state: PaymentState, bank: Bank, config: BankSettings, now: datetime) -> int:
    with uows() as uow:
        claimed = uow.payments.in_state(state, BATCH)
        for payment in claimed:
            known = bank.status(payment.transfer_key)
            outcome = known if known is not None else bank.send(transfer_order(payment, config))
            apply_outcome(uow, payment, outcome, now)
        uow.commit()
    return len(claimed)


def record_callback(uows: Payments, status: TransferStatus, now: datetime) -> Payment:
    """A verified callback: checked against the payment (amount, account), applied once."""
    with uows() as uow:
        payment = uow.payments.require(status.key)
        if payment.payee is None or status.amount != payment.net or status.to_account != payment.payee.account_number:
            raise CallbackMismatch()
        if payment.state in (PaymentState.APPROVED, PaymentState.SENT):
            payment = apply_outcome(uow, payment, status, now)
        uow.commit()
    return payment


def transfer_order(payment: Payment, config: BankSettings) -> TransferOrder:
    assert payment.payee is not None  # an autodebet is requested only to a known account
    return TransferOrder(
        key=payment.transfer_key,
        from_account=config.account_of(payment.work_unit),
        to_bank_code=payment.payee.bank_code,
        to_account=payment.payee.account_number,
        to_holder=payment.payee.holder_name,
        amount=payment.net,
        callback_url=config.callback_url,
    )


def apply_outcome(uow: PaymentsUnitOfWork, payment: Payment, status: TransferStatus, now: datetime) -> Payment:
    """The payment after what the bank said: still sent (pending or unknown), settled, or failed."""
    current = payment.send() if payment.state is PaymentState.APPROVED else payment
    if status.state is TransferState.COMPLETED:
        current = current.settle(now, status.reference)
    elif status.state is TransferState.REFUSED:
        current = current.fail(status.reason or "refused by the bank")
    if current == payment:
        return payment
    uow.payments.replace(current, previous=payment)
    uow.audit(BANK, current.state.value, PAYMENT, payment.id, before={"state": payment.state.value}, after={"state": current.state.value, "reference": current.reference}, reason=current.failure_reason)
    if current.state is PaymentState.SETTLED:
        record_settlement(uow, current, uow.invoices.require(payment.invoice_id))
    elif current.state is PaymentState.FAILED:
        uow.publish(PAYMENT_FAILED, payment.invoice_id, {**payment_figures(current), "reason": current.failure_reason or "refused"}, correlationid=payment.order_id)
    return current
