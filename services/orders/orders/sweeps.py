"""The deadline sweeps the worker runs (servicekit's DeadlineScheduler): each joins the scheduler's
transaction, claims its rows with FOR UPDATE SKIP LOCKED and re-checks their state in the claim."""
from __future__ import annotations

from typing import TYPE_CHECKING, Sequence

from servicekit.deadlines import Sweep

from orders.application.deadlines import cancel_overdue, flag_late_receipt_checks, send_reminders
from orders.rules import rules_of
from orders.settings import sweep_seconds

if TYPE_CHECKING:
    from servicekit.service import ServiceRuntime


def sweeps(runtime: "ServiceRuntime") -> Sequence[Sweep]:
    uows, every = runtime.uow, sweep_seconds(runtime.settings)
    rules = rules_of(runtime.settings, runtime.calendar)
    return (
        Sweep("orders-reminders", lambda _uow, now: send_reminders(uows, now, rules), every),
        Sweep("orders-overdue", lambda _uow, now: cancel_overdue(uows, now), every),
        Sweep("orders-receipt-checks", lambda _uow, now: flag_late_receipt_checks(uows, now), every),
    )
