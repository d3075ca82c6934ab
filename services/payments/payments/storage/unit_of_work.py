"""The payments service's unit of work: the repositories its use cases work through."""
from __future__ import annotations

from sqlalchemy.orm import Session

from servicekit.storage import UnitOfWork

from payments.storage.invoices import InvoiceRepository
from payments.storage.ledger import LedgerRepository
from payments.storage.payments import PaymentRepository
from payments.storage.vendor_accounts import VendorAccountRepository


class PaymentsUnitOfWork(UnitOfWork):
    invoices: InvoiceRepository
    payments: PaymentRepository
    ledger: LedgerRepository
    vendor_accounts: VendorAccountRepository

    def open_repositories(self, session: Session) -> None:
        self.invoices = InvoiceRepository(session)
        self.payments = PaymentRepository(session)
        self.ledger = LedgerRepository(session)
        self.vendor_accounts = VendorAccountRepository(session)
