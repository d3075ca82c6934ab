"""Issuing an order letter (SP) or a receipt (BAST): a gap-free number per work unit and year, the
PDF, its SHA-256 digest; and answering anyone who verifies one."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from orders.adapters.pdf import DocumentFacts, render
from orders.application.rules import Orders, Rules
from orders.domain.errors import DocumentNotFound
from orders.domain.order import Order
from orders.storage.documents import StoredDocument
from orders.storage.unit_of_work import OrdersUnitOfWork

ORDER_LETTER, RECEIPT = "SP", "BAST"


def document_number(kind: str, work_unit: str, year: int, sequence: int) -> str:
    return f"{kind}-{work_unit}-{year}-{sequence:05d}"


def issue_document(uow: OrdersUnitOfWork, order: Order, kind: str, at: datetime, rules: Rules) -> StoredDocument:
    year = rules.calendar.local_date(at).year
    number = document_number(kind, order.work_unit, year, uow.documents.next_number(order.work_unit, year, kind))
    package = uow.packages.require(order.package_id)
    facts = DocumentFacts(
        kind=kind,
        number=number,
        issued_at=at.isoformat(timespec="seconds"),
        work_unit=order.work_unit,
        package=f"{package.rup_code} {package.name} ({package.budget_account}, {package.fiscal_year})",
        vendor=order.vendor_name or order.vendor_id,
        lines=[(line.name, line.quantity, line.unit, line.unit_price, line.total) for line in order.lines],
        subtotal=order.amounts.subtotal,
        vat=order.amounts.vat,
        total=order.amounts.total,
        signatures=[(step.action, step.by, step.at.isoformat(timespec="seconds")) for step in order.steps],
        verify_url=f"{rules.verify_base_url}/{number}",
    )
    pdf = render(facts)
    document = StoredDocument(
        number=number,
        kind=kind,
        order_id=order.id,
        work_unit=order.work_unit,
        vendor_name=facts.vendor,
        total=order.amounts.total,
        issued_at=at,
        digest=hashlib.sha256(pdf).hexdigest(),
        pdf=pdf,
    )
    uow.documents.add(document)
    return document


@dataclass(frozen=True)
class Verification:
    """What anyone may learn of a document: that it is authentic, and its public facts."""

    authentic: bool
    number: str
    kind: str
    issued_at: datetime
    work_unit: str
    vendor: str
    total: int
    digest: str


def verify_document(uows: Orders, number_or_digest: str) -> Verification:
    with uows.read() as uow:
        document = uow.documents.find(number_or_digest)
    if document is None:
        raise DocumentNotFound()
    return Verification(
        authentic=hashlib.sha256(document.pdf).hexdigest() == document.digest,
        number=document.number,
        kind=document.kind,
        issued_at=document.issued_at,
        work_unit=document.work_unit,
        vendor=document.vendor_name,
        total=document.total,
        digest=document.digest,
    )


def order_document(uows: Orders, order_id: str, kind: str) -> StoredDocument:
    with uows.read() as uow:
        document = uow.documents.of_order(order_id, kind)
    if document is None:
        raise DocumentNotFound()
    return document
