"""The treasurer paying an accepted invoice, and the budget holder approving an autodebet.

What is withheld is decided when the payment starts, from the rule table in effect that day and
what the vendor holds that day; the payment keeps each withholding with its rule and regulation.
"""
from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from datetime import datetime, time, timedelta, timezone

from eorder_contracts.events import PAYMENT_APPROVED, PAYMENT_REQUESTED, PAYMENT_SETTLED

from servicekit.actors import Actor
from servicekit.errors import IllegalTransition
from servicekit.storage import utcnow

from payments.application.reading import Payments
from payments.domain import ledger, tax
from payments.domain.errors import AlreadyPaid, InvalidFields, NoBankAccount
from payments.domain.events import payment_figures, rfc3339
from payments.domain.invoice import Invoice, InvoiceState
from payments.domain.payment import InvoiceFacts, Method, Payment, PaymentState, recorded_payment
from payments.domain.proof import read_proof
from payments.domain.vendor_account import VendorAccount
from payments.settings import PaymentPolicy
from payments.storage.unit_of_work import PaymentsUnitOfWork

PAYMENT = "payment"


@dataclass(frozen=True)
class PaymentOrder:
    """What the treasurer sends to pay an invoice."""

    method: Method
    reference: str | None = None
    proof: str | None = None
    """base64 of the transfer proof (manual transfer only)."""


def expected_withholdings(uow: PaymentsUnitOfWork, invoice: Invoice, policy: PaymentPolicy, at: datetime) -> tuple[tax.Withholding, ...]:
    """What is withheld from paying ``invoice`` at ``at``: by the rules in effect that day, what the
    vendor holds that day, and the whole purchase (every BAST of the vendor to the work unit on the
    same day), so that a purchase split into several orders is not exempt."""
    day = policy.calendar.local_date(at)
    account = uow.vendor_accounts.get(invoice.bast.vendor_id)
    bast_day = policy.calendar.local_date(invoice.bast.received_at)
    zone = policy.calendar.zone
    start = datetime.combine(bast_day, time.min, tzinfo=zone).astimezone(timezone.utc)
    whole = uow.invoices.purchase_totals(invoice.bast.work_unit, invoice.bast.vendor_id, start, start + timedelta(days=1))
    purchase = tax.Purchase(
        supply=invoice.bast.supply,
        subtotal=invoice.bast.subtotal,
        vat=invoice.bast.vat,
        vat_registered=invoice.bast.vat_registered,
        holds_final_tax_certificate=account is not None and account.holds_certificate_on(day),
        whole=whole,
    )
    return tuple(tax.withholdings(policy.rules, purchase, day))


def pay_invoice(uows: Payments, invoice_id: str, order: PaymentOrder, *, actor: Actor, policy: PaymentPolicy) -> Payment:
    _check_order(order)
    proof = read_proof(order.proof, max_bytes=policy.proof_max_bytes) if order.proof is not None else None
    now = utcnow()
    with uows() as uow:
        invoice = uow.invoices.require(invoice_id)
        if uow.payments.live_of_invoice(invoice.id) is not None:
            raise AlreadyPaid()
        if invoice.state is not InvoiceState.ACCEPTED:
            raise IllegalTransition(invoice.state.value, "pay", what="an invoice")
        account = uow.vendor_accounts.get(invoice.bast.vendor_id)
        if order.method is Method.AUTODEBET and account is None:
            raise NoBankAccount()
        payment = recorded_payment(
            payment_id=str(uuid.uuid4()),
            invoice=InvoiceFacts(invoice.id, invoice.bast.order_id, invoice.bast.work_unit, invoice.bast.vendor_id, invoice.amount),
            method=order.method,
            withholdings=expected_withholdings(uow, invoice, policy, now),
            payee=account.payee if account else None,
            reference=order.reference,
            by=actor.subject,
            at=now,
        )
        uow.payments.add(payment)
        if proof is not None:
            kind, content = proof
            uow.payments.store_proof(payment.id, kind, hashlib.sha256(content).hexdigest(), content)
        uow.audit(actor, "started", PAYMENT, payment.id, after=_record(payment))
        if payment.state is PaymentState.SETTLED:
            record_settlement(uow, payment, invoice)
        else:
            uow.publish(PAYMENT_REQUESTED, payment.invoice_id, payment_figures(payment), correlationid=payment.order_id)
        uow.commit()
    return payment


def _check_order(order: PaymentOrder) -> None:
    errors: dict[str, list[str]] = {}
    if order.method is not Method.AUTODEBET and not (order.reference or "").strip():
        errors["reference"] = [
            "the bank reference of the transfer is required" if order.method is Method.MANUAL_TRANSFER else "the card transaction reference is required"
        ]
    if order.method is Method.MANUAL_TRANSFER and order.proof is None:
        errors["proof"] = ["the transfer proof (PDF or image) is required"]
    if order.method is not Method.MANUAL_TRANSFER and order.proof is not None:
        errors["proof"] = ["only a manual transfer carries a proof"]
    if order.method is Method.AUTODEBET and order.reference is not None:
        errors["reference"] = ["an autodebet's reference is the bank's, recorded when it settles"]
    if errors:
        raise InvalidFields(errors)


def record_settlement(uow: PaymentsUnitOfWork, payment: Payment, invoice: Invoice) -> None:
    """The invoice paid, the payable settled in the ledger, and payment.settled published."""
    uow.invoices.replace(invoice.mark_paid(), previous=invoice)
    assert payment.settled_at is not None
    uow.ledger.append(
        ledger.payment_entry(
            str(uuid.uuid4()),
            payment_id=payment.id,
            work_unit=payment.work_unit,
            vendor_id=payment.vendor_id,
            gross=payment.gross,
            withholdings=payment.withholdings,
            at=payment.settled_at,
        )
    )
    uow.publish(
        PAYMENT_SETTLED,
        payment.invoice_id,
        {**payment_figures(payment), "settled_at": rfc3339(payment.settled_at)},
        correlationid=payment.order_id,
    )


def approve_payment(uows: Payments, payment_id: str, *, actor: Actor, policy: PaymentPolicy) -> Payment:
    """The budget holder approves an autodebet; it is held instead when the vendor's bank account
    changed within the hold window, until the treasurer re-confirms the account."""
    now = utcnow()
    with uows() as uow:
        payment = uow.payments.require(payment_id)
        approved = payment.approve(actor.subject)
        account = uow.vendor_accounts.get(payment.vendor_id)
        if account is not None and _changed_lately(account, policy, now):
            approved = approved.hold()
        uow.payments.replace(approved, previous=payment)
        uow.audit(actor, "approved", PAYMENT, payment.id, before=_record(payment), after=_record(approved))
        if approved.state is PaymentState.APPROVED:
            uow.publish(PAYMENT_APPROVED, payment.invoice_id, payment_figures(approved), correlationid=payment.order_id)
        uow.commit()
    return approved


def reconfirm_account(uows: Payments, payment_id: str, *, actor: Actor) -> Payment:
    """The treasurer checked the vendor's new bank account: the held payment goes to that account."""
    with uows() as uow:
        payment = uow.payments.require(payment_id)
        account = uow.vendor_accounts.get(payment.vendor_id)
        if account is None:
            raise NoBankAccount()
        confirmed = payment.reconfirm(account.payee)
        uow.payments.replace(confirmed, previous=payment)
        uow.audit(actor, "account_reconfirmed", PAYMENT, payment.id, before=_record(payment), after=_record(confirmed))
        uow.publish(PAYMENT_APPROVED, payment.invoice_id, payment_figures(confirmed), correlationid=payment.order_id)
        uow.commit()
    return confirmed


def _changed_lately(account: VendorAccount, policy: PaymentPolicy, now: datetime) -> bool:
    return policy.calendar.working_days_between(account.account_changed_at, now) < policy.account_hold_days


def _record(payment: Payment) -> dict[str, object]:
    """The payment as the audit trail keeps it: the vendor's account number never in full."""
    masked = None
    if payment.payee is not None:
        masked = "*" * (len(payment.payee.account_number) - 4) + payment.payee.account_number[-4:]
    return {
        "state": payment.state.value,
        "method": payment.method.value,
        "gross": payment.gross,
        "withheld": payment.withheld,
        "net": payment.net,
        "account": masked,
        "reference": payment.reference,
        "approved_by": payment.approved_by,
    }
