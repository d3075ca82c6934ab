"""The vendor confirming its invoice; the treasurer accepting it or sending it back."""
from __future__ import annotations

from typing import Sequence

from eorder_contracts.events import INVOICE_ACCEPTED, INVOICE_RETURNED, INVOICE_SUBMITTED

from servicekit.actors import Actor
from servicekit.storage import utcnow

from payments.application.reading import Payments
from payments.domain.events import invoice_facts, rfc3339
from payments.domain.invoice import Invoice, VendorConfirmation

INVOICE = "invoice"


def _record(invoice: Invoice) -> dict[str, object]:
    return {
        "state": invoice.state.value,
        "invoice_number": invoice.invoice_number,
        "invoice_date": invoice.invoice_date.isoformat() if invoice.invoice_date else None,
        "tax_invoice_number": invoice.tax_invoice_number,
        "return_reasons": list(invoice.return_reasons),
    }


def submit_invoice(uows: Payments, invoice_id: str, confirmation: VendorConfirmation, *, actor: Actor) -> Invoice:
    now = utcnow()
    with uows() as uow:
        invoice = uow.invoices.require(invoice_id)
        submitted = invoice.submit(confirmation, now)
        uow.invoices.replace(submitted, previous=invoice)
        uow.audit(actor, "submitted", INVOICE, invoice.id, before=_record(invoice), after=_record(submitted))
        uow.publish(
            INVOICE_SUBMITTED,
            invoice.id,
            {
                **invoice_facts(submitted),
                "invoice_number": confirmation.invoice_number,
                "amount": submitted.amount,
                "submitted_at": rfc3339(now),
            },
            correlationid=invoice.bast.order_id,
        )
        uow.commit()
    return submitted


def accept_invoice(uows: Payments, invoice_id: str, *, actor: Actor) -> Invoice:
    with uows() as uow:
        invoice = uow.invoices.require(invoice_id)
        accepted = invoice.accept(actor.subject, utcnow())
        uow.invoices.replace(accepted, previous=invoice)
        uow.audit(actor, "accepted", INVOICE, invoice.id, before=_record(invoice), after=_record(accepted))
        uow.publish(INVOICE_ACCEPTED, invoice.id, invoice_facts(accepted), correlationid=invoice.bast.order_id)
        uow.commit()
    return accepted


def return_invoice(uows: Payments, invoice_id: str, reasons: Sequence[str], *, actor: Actor) -> Invoice:
    with uows() as uow:
        invoice = uow.invoices.require(invoice_id)
        returned = invoice.send_back(reasons, actor.subject, utcnow())
        uow.invoices.replace(returned, previous=invoice)
        uow.audit(actor, "returned", INVOICE, invoice.id, before=_record(invoice), after=_record(returned), reason="; ".join(returned.return_reasons))
        uow.publish(
            INVOICE_RETURNED,
            invoice.id,
            {**invoice_facts(returned), "reasons": list(returned.return_reasons)},
            correlationid=invoice.bast.order_id,
        )
        uow.commit()
    return returned
