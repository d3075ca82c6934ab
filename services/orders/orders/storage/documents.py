"""Issued documents (order letters and receipts) and their gap-free numbering."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import insert, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from orders.storage.tables import document_counters, documents


@dataclass(frozen=True)
class StoredDocument:
    number: str
    kind: str
    order_id: str
    work_unit: str
    vendor_name: str
    total: int
    issued_at: datetime
    digest: str
    pdf: bytes


class DocumentRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def next_number(self, work_unit: str, year: int, kind: str) -> int:
        """The next number of this kind for the work unit and year. The counter row is updated (and
        so locked) in the caller's transaction: numbers are handed out one by one, and a rolled-back
        issue gives its number back."""
        key = (
            document_counters.c.work_unit == work_unit,
            document_counters.c.year == year,
            document_counters.c.kind == kind,
        )
        increment = update(document_counters).where(*key).values(last=document_counters.c.last + 1).returning(document_counters.c.last)
        updated = self.session.execute(increment).scalar_one_or_none()
        if updated is not None:
            return int(updated)
        try:
            with self.session.begin_nested():  # the year's first document: another may be creating the row too
                self.session.execute(insert(document_counters).values(work_unit=work_unit, year=year, kind=kind, last=1))
            return 1
        except IntegrityError:
            return int(self.session.execute(increment).scalar_one())

    def add(self, document: StoredDocument) -> None:
        self.session.execute(insert(documents).values(**document.__dict__))

    def find(self, number_or_digest: str) -> StoredDocument | None:
        row = self.session.execute(
            select(documents).where(or_(documents.c.number == number_or_digest, documents.c.digest == number_or_digest.lower()))
        ).first()
        return None if row is None else StoredDocument(**row._mapping)

    def of_order(self, order_id: str, kind: str) -> StoredDocument | None:
        row = self.session.execute(select(documents).where(documents.c.order_id == order_id, documents.c.kind == kind)).first()
        return None if row is None else StoredDocument(**row._mapping)
