"""The order saga: one table of the allowed steps. Every state change of an order goes through it."""
from __future__ import annotations

from enum import StrEnum
from typing import Mapping

from orders.domain.errors import IllegalTransition


class State(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    AWAITING_APPROVAL = "awaiting_approval"
    AWAITING_VENDOR = "awaiting_vendor"
    ACCEPTED = "accepted"
    SHIPPED = "shipped"
    RECEIVED = "received"
    INVOICED = "invoiced"
    PAID = "paid"
    COMPLETED = "completed"
    REJECTED = "rejected"
    DECLINED = "declined"
    CANCELLED = "cancelled"


class Action(StrEnum):
    EDIT = "edit"  # change a draft
    SUBMIT = "submit"
    RESERVE = "reserve"  # stock.reserved
    FAIL_RESERVATION = "fail_reservation"  # stock.reservation_failed
    AMEND = "amend"  # change lines after submission, before the vendor accepts
    APPROVE = "approve"
    REJECT = "reject"
    ACCEPT = "accept"
    DECLINE = "decline"
    CANCEL = "cancel"  # the buyer, before the vendor accepts
    EXPIRE = "expire"  # a deadline passed
    SHIP = "ship"
    CHECK = "check"  # the commitment officer checks a shipment; some of it may go back
    RECEIVE = "receive"  # everything ordered was accepted
    INVOICE = "invoice"  # invoice.submitted
    PAY = "pay"  # payment.settled
    COMPLETE = "complete"


S, A = State, Action
TRANSITIONS: Mapping[tuple[State, Action], State] = {
    (S.DRAFT, A.EDIT): S.DRAFT,
    (S.DRAFT, A.SUBMIT): S.SUBMITTED,
    (S.DRAFT, A.CANCEL): S.CANCELLED,
    (S.SUBMITTED, A.RESERVE): S.AWAITING_APPROVAL,
    (S.SUBMITTED, A.FAIL_RESERVATION): S.REJECTED,
    (S.SUBMITTED, A.AMEND): S.SUBMITTED,
    (S.SUBMITTED, A.CANCEL): S.CANCELLED,
    (S.AWAITING_APPROVAL, A.APPROVE): S.AWAITING_VENDOR,
    (S.AWAITING_APPROVAL, A.REJECT): S.REJECTED,
    (S.AWAITING_APPROVAL, A.AMEND): S.SUBMITTED,
    (S.AWAITING_APPROVAL, A.CANCEL): S.CANCELLED,
    (S.AWAITING_APPROVAL, A.EXPIRE): S.CANCELLED,
    (S.AWAITING_VENDOR, A.ACCEPT): S.ACCEPTED,
    (S.AWAITING_VENDOR, A.DECLINE): S.DECLINED,
    (S.AWAITING_VENDOR, A.AMEND): S.SUBMITTED,
    (S.AWAITING_VENDOR, A.CANCEL): S.CANCELLED,
    (S.AWAITING_VENDOR, A.EXPIRE): S.CANCELLED,
    (S.ACCEPTED, A.SHIP): S.SHIPPED,
    (S.SHIPPED, A.SHIP): S.SHIPPED,
    (S.SHIPPED, A.CHECK): S.SHIPPED,
    (S.SHIPPED, A.RECEIVE): S.RECEIVED,
    (S.RECEIVED, A.INVOICE): S.INVOICED,
    (S.INVOICED, A.PAY): S.PAID,
    (S.PAID, A.COMPLETE): S.COMPLETED,
}

ENDED = frozenset({S.REJECTED, S.DECLINED, S.CANCELLED})
"""Exits before delivery: whatever was reserved or committed has been released."""
COUNTED_AGAINST_CEILING = frozenset(
    {S.SUBMITTED, S.AWAITING_APPROVAL, S.AWAITING_VENDOR, S.ACCEPTED, S.SHIPPED, S.RECEIVED, S.INVOICED, S.PAID, S.COMPLETED}
)
"""States whose orders the splitting guard adds up: submitted and not ended."""
COMMITTING = frozenset({S.AWAITING_VENDOR, S.ACCEPTED, S.SHIPPED, S.RECEIVED, S.INVOICED})
"""States in which the order's total is committed on its package (paid and completed realised it)."""


def next_state(current: State, action: Action) -> State:
    try:
        return TRANSITIONS[(current, action)]
    except KeyError:
        raise IllegalTransition(current.value, action.value) from None
