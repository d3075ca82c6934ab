"""An Order to and from its row: the queried facts as columns, the rest as one JSON document."""
from __future__ import annotations

from datetime import date, datetime
from typing import Any, Mapping

from orders.domain.amounts import Amounts
from orders.domain.lifecycle import State
from orders.domain.order import Check, CheckedLine, Line, Order, Shipment, ShippedLine, Step

COLUMNS = ("id", "work_unit", "package_id", "vendor_id", "created_by", "version", "created_at", "updated_at",
           "submitted_at", "deadline_kind", "deadline_at", "missed_deadline", "reminded_for")


def row_values(order: Order) -> dict[str, Any]:
    values = {name: getattr(order, name) for name in COLUMNS}
    values.update(state=order.state.value, total=order.amounts.total, document=document_of(order))
    return values


def document_of(order: Order) -> dict[str, Any]:
    document = order.document()
    for name in COLUMNS:
        document.pop(name, None)
    document.pop("state", None)
    document["held_payment"] = dict(order.held_payment) if order.held_payment else None
    return document


def order_from(row: Mapping[str, Any]) -> Order:
    doc = row["document"]
    return Order(
        **{name: row[name] for name in COLUMNS},
        state=State(row["state"]),
        vendor_name=doc["vendor_name"],
        lines=tuple(Line(**line) for line in doc["lines"]),
        delivery_address=doc["delivery_address"],
        requested_delivery_date=date.fromisoformat(doc["requested_delivery_date"]),
        notes=doc["notes"],
        vat_registered=doc["vat_registered"],
        amounts=Amounts(**doc["amounts"]),
        revision=doc["revision"],
        committed=doc["committed"],
        reason=doc["reason"],
        order_letter_number=doc["order_letter_number"],
        bast_number=doc["bast_number"],
        steps=tuple(Step(s["action"], s["by"], _instant(s["at"]), s["reason"]) for s in doc["steps"]),
        shipments=tuple(
            Shipment(
                s["id"], _instant(s["shipped_at"]), tuple(ShippedLine(**line) for line in s["lines"]), s["late"], s["note"]
            )
            for s in doc["shipments"]
        ),
        checks=tuple(
            Check(c["shipment_id"], _instant(c["checked_at"]), c["checked_by"], tuple(CheckedLine(**line) for line in c["lines"]))
            for c in doc["checks"]
        ),
        rating=doc["rating"],
        rating_comment=doc["rating_comment"],
        invoice_id=doc["invoice_id"],
        held_payment=doc.get("held_payment"),
    )


def _instant(text: str) -> datetime:
    return datetime.fromisoformat(text)
