"""What the invoice.* and payment.* events say."""
from __future__ import annotations

from datetime import datetime

from eorder_contracts.events import InvoiceDecided, PaymentDue, PaymentFigures

from payments.domain.invoice import Invoice
from payments.domain.payment import Payment


def rfc3339(at: datetime) -> str:
    return at.isoformat().replace("+00:00", "Z")


def invoice_facts(invoice: Invoice) -> InvoiceDecided:
    return {
        "invoice_id": invoice.id,
        "order_id": invoice.bast.order_id,
        "work_unit": invoice.bast.work_unit,
        "vendor_id": invoice.bast.vendor_id,
    }


def payment_figures(payment: Payment) -> PaymentFigures:
    return {
        "payment_id": payment.id,
        "invoice_id": payment.invoice_id,
        "order_id": payment.order_id,
        "work_unit": payment.work_unit,
        "vendor_id": payment.vendor_id,
        "method": payment.method.value,
        "gross": payment.gross,
        "withheld": payment.withheld,
        "net": payment.net,
    }


def payment_due(invoice: Invoice, payment: Payment | None, withheld: int) -> PaymentDue:
    return {
        **invoice_facts(invoice),
        "payment_id": payment.id if payment else None,
        "method": payment.method.value if payment else None,
        "gross": invoice.amount,
        "withheld": withheld,
        "net": invoice.amount - withheld,
        "due_at": rfc3339(invoice.due_at),
    }
