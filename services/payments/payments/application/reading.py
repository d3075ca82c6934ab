"""Invoices and payments as the API shows them, and the other reads."""
from __future__ import annotations

from servicekit.storage import UnitOfWorkFactory
from servicekit.storage.paging import Page

from payments.domain.errors import InvoiceNotFound
from payments.domain.invoice import Invoice
from payments.domain.payment import Payment
from payments.storage.unit_of_work import PaymentsUnitOfWork

Payments = UnitOfWorkFactory[PaymentsUnitOfWork]


def find_invoice(uows: Payments, invoice_id: str) -> Invoice | None:
    with uows.read() as uow:
        return uow.invoices.get(invoice_id)


def invoice_page(
    uows: Payments, *, work_unit: str | None, vendor_id: str | None, state: str | None, limit: int, cursor: str | None
) -> Page[Invoice]:
    with uows.read() as uow:
        return uow.invoices.page(work_unit=work_unit, vendor_id=vendor_id, state=state, limit=limit, cursor=cursor)


def find_payment(uows: Payments, payment_id: str) -> Payment | None:
    with uows.read() as uow:
        return uow.payments.get(payment_id)


def payments_of_invoice(uows: Payments, invoice_id: str) -> list[Payment]:
    with uows.read() as uow:
        if uow.invoices.get(invoice_id) is None:
            raise InvoiceNotFound()
        return uow.payments.of_invoice(invoice_id)


def payment_proof(uows: Payments, payment_id: str) -> tuple[str, bytes] | None:
    with uows.read() as uow:
        return uow.payments.proof(payment_id)
