"""Reading and writing invoices (rows to and from the domain's Invoice), and the cancelled orders."""
from __future__ import annotations

from datetime import datetime
from typing import Any, Sequence, cast

from sqlalchemy import CursorResult, RowMapping, func, insert, select, update
from sqlalchemy.orm import Session

from servicekit.errors import Conflict
from servicekit.storage.paging import Page, SortKey, keyset_page

from payments.domain.errors import InvoiceNotFound
from payments.domain.invoice import Bast, Invoice, InvoiceState
from payments.domain.tax import Supply
from payments.storage.tables import cancelled_orders, invoices

NEWEST_FIRST = (SortKey(invoices.c.drafted_at, descending=True), SortKey(invoices.c.id, descending=True))


class ConcurrentChange(Conflict):
    def __init__(self) -> None:
        super().__init__("the invoice was changed by another request; read it again and retry")


class InvoiceRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, invoice_id: str) -> Invoice | None:
        row = self.session.execute(select(invoices).where(invoices.c.id == invoice_id)).first()
        return None if row is None else _invoice_from(row._mapping)

    def require(self, invoice_id: str) -> Invoice:
        invoice = self.get(invoice_id)
        if invoice is None:
            raise InvoiceNotFound()
        return invoice

    def of_order(self, order_id: str) -> Invoice | None:
        row = self.session.execute(select(invoices).where(invoices.c.order_id == order_id)).first()
        return None if row is None else _invoice_from(row._mapping)

    def add(self, invoice: Invoice) -> None:
        self.session.execute(insert(invoices).values(id=invoice.id, **_columns_of(invoice)))

    def replace(self, invoice: Invoice, *, previous: Invoice) -> None:
        statement = (
            update(invoices)
            .where(invoices.c.id == invoice.id, invoices.c.version == previous.version)
            .values(**_columns_of(invoice))
        )
        if cast(CursorResult[Any], self.session.execute(statement)).rowcount != 1:
            raise ConcurrentChange()

    def page(self, *, work_unit: str | None, vendor_id: str | None, state: str | None, limit: int, cursor: str | None) -> Page[Invoice]:
        statement = select(invoices)
        if work_unit is not None:
            statement = statement.where(invoices.c.work_unit == work_unit)
        if vendor_id is not None:
            statement = statement.where(invoices.c.vendor_id == vendor_id)
        if state is not None:
            statement = statement.where(invoices.c.state == state)
        page = keyset_page(self.session, statement, NEWEST_FIRST, limit=limit, cursor=cursor, scalars=False)
        return Page(items=[_invoice_from(row._mapping) for row in page.items], next=page.next)

    def claim_due(self, column: str, now: datetime, limit: int) -> list[Invoice]:
        """Unpaid invoices whose ``remind_at`` or ``due_at`` passed and that were not yet told so,
        claimed FOR UPDATE SKIP LOCKED so that two workers never act on the same one."""
        flag = invoices.c.reminded if column == "remind_at" else invoices.c.overdue
        statement = (
            select(invoices)
            .where(
                invoices.c.state.notin_([InvoiceState.PAID.value, InvoiceState.VOID.value]),
                invoices.c[column] < now,
                flag.is_(False),
            )
            .order_by(invoices.c[column], invoices.c.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        return [_invoice_from(row._mapping) for row in self.session.execute(statement)]

    def all_of(self, *, work_unit: str | None) -> list[Invoice]:
        statement = select(invoices)
        if work_unit is not None:
            statement = statement.where(invoices.c.work_unit == work_unit)
        return [_invoice_from(row._mapping) for row in self.session.execute(statement)]

    def count_by_state(self) -> dict[str, int]:
        rows = self.session.execute(select(invoices.c.state, func.count()).group_by(invoices.c.state))
        return {state: int(count) for state, count in rows}

    def count_overdue_unpaid(self) -> int:
        statement = select(func.count()).where(
            invoices.c.overdue.is_(True), invoices.c.state.notin_([InvoiceState.PAID.value, InvoiceState.VOID.value])
        )
        return int(self.session.execute(statement).scalar_one())

    def purchase_totals(self, work_unit: str, vendor_id: str, start: datetime, end: datetime) -> tuple[int, int]:
        """(subtotal, total) of the vendor's invoices to the work unit with a BAST in [start, end)."""
        statement = select(func.coalesce(func.sum(invoices.c.subtotal), 0), func.coalesce(func.sum(invoices.c.total), 0)).where(
            invoices.c.work_unit == work_unit,
            invoices.c.vendor_id == vendor_id,
            invoices.c.received_at >= start,
            invoices.c.received_at < end,
            invoices.c.state != InvoiceState.VOID.value,
        )
        subtotal, total = self.session.execute(statement).one()
        return int(subtotal), int(total)

    def order_cancelled(self, order_id: str) -> bool:
        statement = select(cancelled_orders.c.order_id).where(cancelled_orders.c.order_id == order_id)
        return self.session.execute(statement).first() is not None

    def record_cancellation(self, order_id: str, at: datetime) -> None:
        if not self.order_cancelled(order_id):
            self.session.execute(insert(cancelled_orders).values(order_id=order_id, cancelled_at=at))


def _columns_of(invoice: Invoice) -> dict[str, Any]:
    bast = invoice.bast
    return {
        "order_id": bast.order_id,
        "work_unit": bast.work_unit,
        "vendor_id": bast.vendor_id,
        "package_id": bast.package_id,
        "rup_code": bast.rup_code,
        "budget_account": bast.budget_account,
        "bast_number": bast.bast_number,
        "bast_digest": bast.bast_digest,
        "vat_registered": bast.vat_registered,
        "supply_kind": bast.supply.value,
        "subtotal": bast.subtotal,
        "vat": bast.vat,
        "total": bast.total,
        "received_at": bast.received_at,
        "remind_at": invoice.remind_at,
        "due_at": invoice.due_at,
        "state": invoice.state.value,
        "invoice_number": invoice.invoice_number,
        "invoice_date": invoice.invoice_date,
        "tax_invoice_number": invoice.tax_invoice_number,
        "return_reasons": list(invoice.return_reasons),
        "drafted_at": invoice.drafted_at,
        "submitted_at": invoice.submitted_at,
        "decided_at": invoice.decided_at,
        "decided_by": invoice.decided_by,
        "reminded": invoice.reminded,
        "overdue": invoice.overdue,
        "version": invoice.version,
    }


def _invoice_from(row: RowMapping) -> Invoice:
    bast = Bast(
        order_id=row["order_id"],
        work_unit=row["work_unit"],
        vendor_id=row["vendor_id"],
        package_id=row["package_id"],
        rup_code=row["rup_code"],
        budget_account=row["budget_account"],
        bast_number=row["bast_number"],
        bast_digest=row["bast_digest"],
        vat_registered=row["vat_registered"],
        supply=Supply(row["supply_kind"]),
        subtotal=row["subtotal"],
        vat=row["vat"],
        total=row["total"],
        received_at=row["received_at"],
    )
    reasons: Sequence[str] = row["return_reasons"]
    return Invoice(
        id=row["id"],
        bast=bast,
        state=InvoiceState(row["state"]),
        remind_at=row["remind_at"],
        due_at=row["due_at"],
        invoice_number=row["invoice_number"],
        invoice_date=row["invoice_date"],
        tax_invoice_number=row["tax_invoice_number"],
        return_reasons=tuple(reasons),
        drafted_at=row["drafted_at"],
        submitted_at=row["submitted_at"],
        decided_at=row["decided_at"],
        decided_by=row["decided_by"],
        reminded=row["reminded"],
        overdue=row["overdue"],
        version=row["version"],
    )
