"""``order.received`` drafts the vendor's invoice from the BAST; ``order.cancelled`` keeps a
cancelled order from ever being invoiced."""
from __future__ import annotations

from datetime import datetime
from typing import Any, Mapping

from servicekit.events.consumer import PoisonMessage
from servicekit.events.envelope import Envelope

from payments.application.drafting import cancel_order, draft_invoice
from payments.application.reading import Payments
from payments.domain.invoice import Bast
from payments.domain.tax import Supply
from payments.settings import payment_policy

def bast_from(data: Mapping[str, Any]) -> Bast:
    """The BAST an order.received carries; PoisonMessage when a field payments needs is missing."""
    try:
        return Bast(
            order_id=data["order_id"],
            work_unit=data["work_unit"],
            vendor_id=data["vendor_id"],
            package_id=data["package_id"],
            rup_code=data["rup_code"],
            budget_account=data["budget_account"],
            bast_number=data["bast_number"],
            bast_digest=data["bast_digest"],
            vat_registered=bool(data["vat_registered"]),
            supply=Supply(data["supply_kind"]),
            subtotal=int(data["subtotal"]),
            vat=int(data["vat"]),
            total=int(data["total"]),
            received_at=datetime.fromisoformat(data["received_at"].replace("Z", "+00:00")),
        )
    except (KeyError, ValueError) as exc:
        raise PoisonMessage(f"order.received without what an invoice needs: {exc}") from exc


def on_order_received(uows: Payments, envelope: Envelope) -> None:
    bast = bast_from(envelope.data)
    if bast.total != bast.subtotal + bast.vat:
        raise PoisonMessage("order.received: total is not subtotal + vat")
    draft_invoice(uows, bast, policy=payment_policy(uows.settings))


def on_order_cancelled(uows: Payments, envelope: Envelope) -> None:
    cancel_order(uows, envelope.data["order_id"], at=datetime.fromisoformat(envelope.time.replace("Z", "+00:00")))
