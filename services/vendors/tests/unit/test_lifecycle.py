"""The lifecycle table: every allowed change, every refused one (naming the current status), and the
reasons each change needs."""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timezone
from itertools import product

import pytest

from vendors.domain.errors import IllegalTransition, InvalidFields
from vendors.domain.lifecycle import TRANSITIONS, Action, Status, next_status
from vendors.domain.vendor import Vendor

pytestmark = pytest.mark.unit

LATER = datetime(2026, 3, 3, 8, 0, tzinfo=timezone.utc)

ALLOWED = {
    (Status.PENDING, Action.VERIFY): Status.VERIFIED,
    (Status.PENDING, Action.REJECT): Status.REJECTED,
    (Status.REJECTED, Action.RESUBMIT): Status.PENDING,
    (Status.VERIFIED, Action.SUSPEND): Status.SUSPENDED,
    (Status.SUSPENDED, Action.REINSTATE): Status.VERIFIED,
}
REFUSED = [pair for pair in product(Status, Action) if pair not in ALLOWED]


def test_the_table_holds_exactly_the_allowed_changes() -> None:
    assert dict(TRANSITIONS) == ALLOWED


@pytest.mark.parametrize(("current", "action"), list(ALLOWED), ids=lambda v: v.value)
def test_an_allowed_change_leads_to_its_status(current: Status, action: Action) -> None:
    assert next_status(current, action) is ALLOWED[(current, action)]


@pytest.mark.parametrize(("current", "action"), REFUSED, ids=lambda v: v.value)
def test_every_other_change_is_refused_naming_the_current_status(current: Status, action: Action) -> None:
    with pytest.raises(IllegalTransition) as refused:
        next_status(current, action)
    assert refused.value.current == current.value
    assert refused.value.action == action.value


def test_a_rejection_keeps_its_reasons_for_the_vendor_and_bumps_the_version(vendor: Vendor) -> None:
    rejected = vendor.change_status(Action.REJECT, ["  NIB photo unreadable ", "bank holder differs"], LATER)
    assert rejected.status is Status.REJECTED
    assert rejected.status_reasons == ("NIB photo unreadable", "bank holder differs")
    assert rejected.version == vendor.version + 1 and rejected.updated_at == LATER
    assert vendor.status is Status.PENDING  # the aggregate is immutable: a change is a new value


@pytest.mark.parametrize(
    ("status", "action", "field"),
    [
        (Status.PENDING, Action.REJECT, "reasons"),
        (Status.VERIFIED, Action.SUSPEND, "reason"),
        (Status.SUSPENDED, Action.REINSTATE, "reason"),
    ],
)
def test_refusing_suspending_and_reinstating_need_a_reason(vendor: Vendor, status: Status, action: Action, field: str) -> None:
    for reasons in ([], ["   "]):
        with pytest.raises(InvalidFields) as refused:
            replace(vendor, status=status).change_status(action, reasons, LATER)
        assert field in refused.value.errors


def test_a_verification_takes_no_reasons_and_suspension_one(vendor: Vendor) -> None:
    with pytest.raises(InvalidFields, match="not valid") as refused:
        vendor.change_status(Action.VERIFY, ["looks fine"], LATER)
    assert "reason" in refused.value.errors
    with pytest.raises(InvalidFields):
        replace(vendor, status=Status.VERIFIED).change_status(Action.SUSPEND, ["late", "rude"], LATER)


def test_an_illegal_change_is_refused_before_its_reasons_are_looked_at(vendor: Vendor) -> None:
    with pytest.raises(IllegalTransition):
        vendor.change_status(Action.SUSPEND, [], LATER)


def test_resubmission_clears_the_rejection_reasons_and_may_carry_a_note(vendor: Vendor) -> None:
    rejected = vendor.change_status(Action.REJECT, ["NIB photo unreadable"], LATER)
    assert rejected.change_status(Action.RESUBMIT, [], LATER).status_reasons == ()
    assert rejected.change_status(Action.RESUBMIT, ["uploaded again"], LATER).status_reasons == ("uploaded again",)
