"""Drafting the vendor's invoice from a BAST, and keeping cancelled orders from being invoiced."""
from __future__ import annotations

import uuid
from datetime import datetime

from eorder_contracts.events import INVOICE_DRAFTED

from servicekit.actors import Actor
from servicekit.storage import utcnow

from payments.application.reading import Payments
from payments.domain import ledger
from payments.domain.events import invoice_facts, rfc3339
from payments.domain.invoice import Bast, Invoice, draft
from payments.settings import PaymentPolicy

HANDLER = Actor.system("order-events")
INVOICE = "invoice"


def draft_invoice(uows: Payments, bast: Bast, *, policy: PaymentPolicy) -> Invoice | None:
    """The invoice drafted for this BAST (the one already drafted, when the event comes twice);
    None for an order that was cancelled: a cancelled order has no invoice."""
    now = utcnow()
    with uows() as uow:
        existing = uow.invoices.of_order(bast.order_id)
        if existing is not None:
            return existing
        if uow.invoices.order_cancelled(bast.order_id):
            return None
        calendar = policy.calendar
        invoice = draft(
            str(uuid.uuid4()),
            bast,
            remind_at=calendar.add_working_days(bast.received_at, policy.payment_days - 1),
            due_at=calendar.add_working_days(bast.received_at, policy.payment_days),
            at=now,
        )
        uow.invoices.add(invoice)
        uow.ledger.append(
            ledger.bast_entry(
                str(uuid.uuid4()),
                invoice_id=invoice.id,
                work_unit=bast.work_unit,
                vendor_id=bast.vendor_id,
                bast_number=bast.bast_number,
                total=bast.total,
                at=bast.received_at,
            )
        )
        uow.audit(HANDLER, "drafted", INVOICE, invoice.id, after={"order_id": bast.order_id, "amount": bast.total, "bast_number": bast.bast_number})
        uow.publish(
            INVOICE_DRAFTED,
            invoice.id,
            {**invoice_facts(invoice), "amount": invoice.amount, "drafted_at": rfc3339(now)},
            correlationid=bast.order_id,
        )
        uow.commit()
    return invoice


def cancel_order(uows: Payments, order_id: str, *, at: datetime) -> None:
    """Remember the cancellation; an invoice drafted before it arrived (events come out of order)
    is voided and its BAST entry reversed."""
    with uows() as uow:
        uow.invoices.record_cancellation(order_id, at)
        invoice = uow.invoices.of_order(order_id)
        if invoice is not None and invoice.voidable:
            voided = invoice.void()
            uow.invoices.replace(voided, previous=invoice)
            reversed_ids = uow.ledger.reversed_ids()
            for entry in uow.ledger.entries(reference=invoice.id):
                if entry.kind is ledger.EntryKind.BAST and entry.id not in reversed_ids:
                    uow.ledger.append(ledger.reversal_of(entry, str(uuid.uuid4()), why="order cancelled", at=at))
            uow.audit(HANDLER, "voided", INVOICE, invoice.id, before={"state": invoice.state.value}, after={"state": voided.state.value}, reason="order cancelled")
        uow.commit()
