"""Reading and writing payments with their withholdings and proofs."""
from __future__ import annotations

from datetime import datetime
from typing import Any, Iterable, cast

from sqlalchemy import CursorResult, RowMapping, func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from servicekit.errors import Conflict

from payments.domain.errors import AlreadyPaid, PaymentNotFound
from payments.domain.payment import Method, PayeeAccount, Payment, PaymentState
from payments.domain.tax import Withholding
from payments.storage.tables import payment_proofs, payments, withholdings


class ConcurrentPaymentChange(Conflict):
    def __init__(self) -> None:
        super().__init__("the payment was changed by another request; read it again and retry")


class PaymentRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, payment_id: str) -> Payment | None:
        row = self.session.execute(select(payments).where(payments.c.id == payment_id)).first()
        return None if row is None else self._payment_from(row._mapping)

    def require(self, payment_id: str) -> Payment:
        payment = self.get(payment_id)
        if payment is None:
            raise PaymentNotFound()
        return payment

    def live_of_invoice(self, invoice_id: str) -> Payment | None:
        row = self.session.execute(select(payments).where(payments.c.live_invoice_id == invoice_id)).first()
        return None if row is None else self._payment_from(row._mapping)

    def of_invoice(self, invoice_id: str) -> list[Payment]:
        rows = self.session.execute(select(payments).where(payments.c.invoice_id == invoice_id).order_by(payments.c.created_at))
        return [self._payment_from(row._mapping) for row in rows]

    def add(self, payment: Payment) -> None:
        """Insert; AlreadyPaid when another live payment of the invoice exists (the unique
        constraint decides, so racing requests cannot both win)."""
        try:
            with self.session.begin_nested():
                self.session.execute(insert(payments).values(id=payment.id, **_columns_of(payment)))
        except IntegrityError:
            raise AlreadyPaid() from None
        if payment.withholdings:
            self.session.execute(
                insert(withholdings),
                [
                    {"payment_id": payment.id, "kind": w.kind, "amount": w.amount, "base": w.base, "rate_bp": w.rate_bp, "rule": w.rule, "regulation": w.regulation}
                    for w in payment.withholdings
                ],
            )

    def replace(self, payment: Payment, *, previous: Payment) -> None:
        statement = (
            update(payments).where(payments.c.id == payment.id, payments.c.version == previous.version).values(**_columns_of(payment))
        )
        if cast(CursorResult[Any], self.session.execute(statement)).rowcount != 1:
            raise ConcurrentPaymentChange()

    def in_state(self, state: PaymentState, limit: int = 100) -> list[Payment]:
        statement = (
            select(payments)
            .where(payments.c.state == state.value)
            .order_by(payments.c.created_at, payments.c.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        return [self._payment_from(row._mapping) for row in self.session.execute(statement)]

    def settled_between(self, start: datetime, end: datetime, *, work_unit: str | None) -> list[Payment]:
        statement = select(payments).where(
            payments.c.state == PaymentState.SETTLED.value, payments.c.settled_at >= start, payments.c.settled_at < end
        )
        if work_unit is not None:
            statement = statement.where(payments.c.work_unit == work_unit)
        rows = self.session.execute(statement.order_by(payments.c.settled_at, payments.c.id))
        return [self._payment_from(row._mapping) for row in rows]

    def settled(self, *, work_unit: str | None) -> list[Payment]:
        statement = select(payments).where(payments.c.state == PaymentState.SETTLED.value)
        if work_unit is not None:
            statement = statement.where(payments.c.work_unit == work_unit)
        return [self._payment_from(row._mapping) for row in self.session.execute(statement)]

    def with_reference(self, reference: str) -> Payment | None:
        row = self.session.execute(select(payments).where(payments.c.reference == reference)).first()
        return None if row is None else self._payment_from(row._mapping)

    def totals_by_state(self) -> dict[str, tuple[int, int]]:
        rows = self.session.execute(select(payments.c.state, func.count(), func.coalesce(func.sum(payments.c.gross), 0)).group_by(payments.c.state))
        return {state: (int(count), int(total)) for state, count, total in rows}

    def store_proof(self, payment_id: str, content_type: str, sha256: str, content: bytes) -> None:
        self.session.execute(insert(payment_proofs).values(payment_id=payment_id, content_type=content_type, sha256=sha256, content=content))

    def proof(self, payment_id: str) -> tuple[str, bytes] | None:
        row = self.session.execute(
            select(payment_proofs.c.content_type, payment_proofs.c.content).where(payment_proofs.c.payment_id == payment_id)
        ).first()
        return None if row is None else (row.content_type, bytes(row.content))

    def _withholdings_of(self, payment_ids: Iterable[str]) -> dict[str, tuple[Withholding, ...]]:
        found: dict[str, list[Withholding]] = {}
        rows = self.session.execute(select(withholdings).where(withholdings.c.payment_id.in_(list(payment_ids))).order_by(withholdings.c.kind))
        for row in rows:
            found.setdefault(row.payment_id, []).append(
                Withholding(row.kind, row.amount, row.base, row.rate_bp, row.rule, row.regulation)
            )
        return {key: tuple(value) for key, value in found.items()}

    def _payment_from(self, row: RowMapping) -> Payment:
        payee = None
        if row["payee_account_number"] is not None:
            payee = PayeeAccount(row["payee_bank_code"], row["payee_account_number"], row["payee_holder_name"])
        return Payment(
            id=row["id"],
            invoice_id=row["invoice_id"],
            order_id=row["order_id"],
            work_unit=row["work_unit"],
            vendor_id=row["vendor_id"],
            method=Method(row["method"]),
            state=PaymentState(row["state"]),
            gross=row["gross"],
            withholdings=self._withholdings_of([row["id"]]).get(row["id"], ()),
            payee=payee,
            reference=row["reference"],
            requested_by=row["requested_by"],
            approved_by=row["approved_by"],
            failure_reason=row["failure_reason"],
            created_at=row["created_at"],
            settled_at=row["settled_at"],
            version=row["version"],
        )


def _columns_of(payment: Payment) -> dict[str, Any]:
    return {
        "invoice_id": payment.invoice_id,
        "live_invoice_id": payment.invoice_id if payment.holds_invoice else None,
        "order_id": payment.order_id,
        "work_unit": payment.work_unit,
        "vendor_id": payment.vendor_id,
        "method": payment.method.value,
        "state": payment.state.value,
        "gross": payment.gross,
        "withheld": payment.withheld,
        "net": payment.net,
        "payee_bank_code": payment.payee.bank_code if payment.payee else None,
        "payee_account_number": payment.payee.account_number if payment.payee else None,
        "payee_holder_name": payment.payee.holder_name if payment.payee else None,
        "reference": payment.reference,
        "requested_by": payment.requested_by,
        "approved_by": payment.approved_by,
        "failure_reason": payment.failure_reason,
        "created_at": payment.created_at,
        "settled_at": payment.settled_at,
        "version": payment.version,
    }
