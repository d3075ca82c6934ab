"""The deadline sweeps: orders left past their approval or vendor-response deadline cancel
themselves (releasing what they hold); a receipt check past its deadline is flagged, not cancelled;
a reminder leaves before each deadline. The scheduler runs each in one transaction that these join."""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from eorder_contracts.events import ORDER_REMINDER

from servicekit.actors import Actor

from orders.application.ending import end_order
from orders.application.rules import Orders, Rules
from orders.application.saving import save
from orders.domain.lifecycle import Action, State

DEADLINES = Actor.system("deadlines")
CANCELLING = (State.AWAITING_APPROVAL, State.AWAITING_VENDOR)
WITH_DEADLINE = (State.AWAITING_APPROVAL, State.AWAITING_VENDOR, State.SHIPPED)
REASONS = {
    "approval": "the commitment officer did not decide within the approval deadline",
    "vendor_response": "the vendor did not respond within the deadline",
}


def cancel_overdue(uows: Orders, now: datetime) -> int:
    with uows() as uow:
        overdue = uow.orders.claim_overdue(CANCELLING, now)
        for order in overdue:
            kind = order.deadline_kind or "approval"
            end_order(uow, order, Action.EXPIRE, reason=REASONS[kind], actor=DEADLINES, at=now, missed_deadline=kind)
        uow.commit()
    return len(overdue)


def flag_late_receipt_checks(uows: Orders, now: datetime) -> int:
    with uows() as uow:
        overdue = uow.orders.claim_overdue((State.SHIPPED,), now)
        for order in overdue:
            flagged = replace(order, missed_deadline="receipt_check", version=order.version + 1, updated_at=now)
            save(uow, order, flagged, DEADLINES, "receipt_check.overdue")
        uow.commit()
    return len(overdue)


def send_reminders(uows: Orders, now: datetime, rules: Rules) -> int:
    horizon = rules.calendar.add_working_days(now, rules.policy.reminder_days)
    with uows() as uow:
        due = uow.orders.claim_due_for_reminder(WITH_DEADLINE, horizon)
        for order in due:
            assert order.deadline_kind is not None and order.deadline_at is not None
            reminded = replace(order, reminded_for=order.deadline_kind, version=order.version + 1, updated_at=now)
            save(uow, order, reminded, DEADLINES, "reminded")
            uow.publish(
                ORDER_REMINDER,
                order.id,
                {
                    "order_id": order.id,
                    "deadline": order.deadline_kind,
                    "due_at": order.deadline_at.isoformat(),
                    "working_days_left": rules.calendar.working_days_between(now, order.deadline_at),
                },
                correlationid=order.id,
            )
        uow.commit()
    return len(due)
