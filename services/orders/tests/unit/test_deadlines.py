"""Deadlines in working days: weekends, Indonesian public holidays, collective leave and a
deployment's closed days are off; the day the order entered its state never counts."""
from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from servicekit.deadlines import WorkingCalendar

from orders.application.rules import Rules
from orders.domain.lifecycle import State
from orders.domain.policy import OrderPolicy
from orders.testing import order_in

pytestmark = pytest.mark.unit

RULES = Rules(OrderPolicy(), WorkingCalendar())


def local_due(state: State, entered: datetime, rules: Rules = RULES) -> tuple[str | None, date | None]:
    kind, due = rules.deadline_of(order_in(state, at=entered))
    return kind, None if due is None else rules.calendar.local_date(due)


def test_an_approval_deadline_skips_the_weekend() -> None:
    friday = datetime(2026, 11, 27, 3, 0, tzinfo=UTC)  # 10:00 WIB
    assert local_due(State.AWAITING_APPROVAL, friday) == ("approval", date(2026, 12, 2))  # Mon, Tue, Wed


def test_an_order_submitted_on_the_last_working_day_before_lebarans_collective_leave() -> None:
    # Tue 17 March 2026; then Nyepi (18-19, with its joint holiday), Idul Fitri and its collective
    # leave (20-24, a weekend inside): nobody can approve until Wed 25 March.
    tuesday = datetime(2026, 3, 17, 9, 30, tzinfo=UTC)
    assert local_due(State.AWAITING_APPROVAL, tuesday) == ("approval", date(2026, 3, 27))
    deadline = RULES.deadline_of(order_in(State.AWAITING_APPROVAL, at=tuesday))[1]
    assert deadline == datetime(2026, 3, 27, 16, 59, 59, 999999, tzinfo=UTC)  # the end of that day in WIB


def test_a_late_evening_in_jakarta_already_counts_as_the_next_day() -> None:
    # 18:30 UTC on Thursday is 01:30 WIB on Friday: the day of entry is Friday.
    thursday_utc = datetime(2026, 11, 26, 18, 30, tzinfo=UTC)
    assert local_due(State.AWAITING_VENDOR, thursday_utc) == ("vendor_response", date(2026, 12, 2))


def test_a_deployments_closed_days_are_off_too() -> None:
    closed = Rules(OrderPolicy(), WorkingCalendar.from_settings(["2026-11-30"]))
    friday = datetime(2026, 11, 27, 3, 0, tzinfo=UTC)
    assert local_due(State.AWAITING_APPROVAL, friday, closed) == ("approval", date(2026, 12, 3))


def test_states_without_a_deadline_have_none() -> None:
    for state in (State.DRAFT, State.SUBMITTED, State.ACCEPTED, State.RECEIVED, State.CANCELLED):
        assert local_due(state, datetime(2026, 11, 27, tzinfo=UTC)) == (None, None)
