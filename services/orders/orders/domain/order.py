"""An order: its lines and amounts, its shipments and the checks of them, and the facts of each step.

Every change returns a new Order (they are immutable) and goes through the transition table.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field, replace
from datetime import date, datetime
from fractions import Fraction
from typing import Any, Iterable, Mapping

from orders.domain.amounts import Amounts, amounts_of, line_total
from orders.domain.errors import NotAllowedHere
from orders.domain.lifecycle import Action, State, next_state


@dataclass(frozen=True)
class Line:
    product_id: str
    name: str
    unit: str
    category: str
    quantity: int
    unit_price: int

    @property
    def total(self) -> int:
        return line_total(self.quantity, self.unit_price)


@dataclass(frozen=True)
class ShippedLine:
    product_id: str
    quantity: int


@dataclass(frozen=True)
class Shipment:
    id: str
    shipped_at: datetime
    lines: tuple[ShippedLine, ...]
    late: bool
    note: str | None = None


@dataclass(frozen=True)
class CheckedLine:
    product_id: str
    accepted: int
    refused: int
    reason: str | None = None


@dataclass(frozen=True)
class Check:
    shipment_id: str
    checked_at: datetime
    checked_by: str
    lines: tuple[CheckedLine, ...]


@dataclass(frozen=True)
class Step:
    """Who took a step of the saga, and when (approvals, acceptance, receipt): the documents list them."""

    action: str
    by: str
    at: datetime
    reason: str | None = None


@dataclass(frozen=True)
class Order:
    id: str
    work_unit: str
    package_id: str
    vendor_id: str
    vendor_name: str
    created_by: str
    state: State
    lines: tuple[Line, ...]
    delivery_address: str
    requested_delivery_date: date
    notes: str | None
    vat_registered: bool
    amounts: Amounts
    created_at: datetime
    updated_at: datetime
    version: int = 1
    revision: int = 0
    submitted_at: datetime | None = None
    committed: int = 0
    reason: str | None = None
    deadline_kind: str | None = None
    deadline_at: datetime | None = None
    reminded_for: str | None = None
    missed_deadline: str | None = None
    order_letter_number: str | None = None
    bast_number: str | None = None
    steps: tuple[Step, ...] = ()
    shipments: tuple[Shipment, ...] = ()
    checks: tuple[Check, ...] = ()
    rating: int | None = None
    rating_comment: str | None = None
    invoice_id: str | None = None
    held_payment: Mapping[str, Any] | None = field(default=None, compare=False)

    # -- the saga ------------------------------------------------------------------------------
    def step(self, action: Action, at: datetime, **changes: Any) -> "Order":
        """The order after ``action`` (IllegalTransition when the table does not allow it)."""
        return replace(self, state=next_state(self.state, action), updated_at=at, version=self.version + 1, **changes)

    def with_lines(self, lines: Iterable[Line], *, rate: Fraction, vat_registered: bool) -> dict[str, Any]:
        """The changes that give the order these lines (and its amounts recomputed)."""
        lines = tuple(lines)
        return {
            "lines": lines,
            "vat_registered": vat_registered,
            "amounts": amounts_of((line.total for line in lines), vat_registered=vat_registered, rate=rate),
        }

    def signed(self, action: str, by: str, at: datetime, reason: str | None = None) -> tuple[Step, ...]:
        return (*self.steps, Step(action, by, at, reason))

    # -- deliveries ----------------------------------------------------------------------------
    def ordered(self) -> Counter[str]:
        counts: Counter[str] = Counter()
        for line in self.lines:
            counts[line.product_id] += line.quantity
        return counts

    def accepted(self) -> Counter[str]:
        counts: Counter[str] = Counter()
        for check in self.checks:
            for line in check.lines:
                counts[line.product_id] += line.accepted
        return counts

    def awaiting_check(self) -> Counter[str]:
        """Units shipped and not yet checked."""
        checked = {check.shipment_id for check in self.checks}
        counts: Counter[str] = Counter()
        for shipment in self.shipments:
            if shipment.id not in checked:
                for line in shipment.lines:
                    counts[line.product_id] += line.quantity
        return counts

    def still_to_ship(self) -> Counter[str]:
        """Units ordered that are neither accepted nor on their way (refused units count again)."""
        wanted = self.ordered()
        wanted.subtract(self.accepted())
        wanted.subtract(self.awaiting_check())
        return Counter({product: count for product, count in wanted.items() if count > 0})

    def shipment(self, shipment_id: str) -> Shipment:
        for shipment in self.shipments:
            if shipment.id == shipment_id:
                return shipment
        raise NotAllowedHere("no such shipment of this order", "shipment_id")

    def fully_accepted(self) -> bool:
        accepted = self.accepted()
        return all(accepted[product] >= quantity for product, quantity in self.ordered().items())

    def last_shipped_at(self) -> datetime | None:
        return max((s.shipped_at for s in self.shipments), default=None)

    # -- as a document (the history's JSON Patches are taken between two of these) -------------
    def document(self) -> dict[str, Any]:
        return _jsonable(asdict(self) | {"amounts": asdict(self.amounts)}, skip={"held_payment"})


def _jsonable(value: Any, skip: frozenset[str] | set[str] = frozenset()) -> Any:
    if isinstance(value, dict):
        return {key: _jsonable(item) for key, item in value.items() if key not in skip}
    if isinstance(value, (list, tuple)):
        return [_jsonable(item) for item in value]
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return value
