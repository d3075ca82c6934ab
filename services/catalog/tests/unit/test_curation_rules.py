"""Curation states: what an edit does in each state, and what a decision applies to."""
from __future__ import annotations

import pytest

from catalog.domain.curation import (
    CurationState,
    Decision,
    EditPlan,
    Subject,
    awaiting_decision,
    check_reasons,
    decided_revision_state,
    decided_state,
    plan_edit,
)
from catalog.domain.errors import RuleViolation, StateConflict

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("state", "material", "plan"),
    [
        ("pending", False, EditPlan.APPLY),
        ("pending", True, EditPlan.APPLY),
        ("approved", False, EditPlan.APPLY),
        ("approved", True, EditPlan.PROPOSE_REVISION),
        ("rejected", False, EditPlan.RESUBMIT),
        ("rejected", True, EditPlan.RESUBMIT),
    ],
)
def test_what_an_edit_does(state: str, material: bool, plan: EditPlan) -> None:
    assert plan_edit(state, material=material) is plan


def test_a_withdrawn_product_cannot_change() -> None:
    with pytest.raises(StateConflict) as raised:
        plan_edit(CurationState.WITHDRAWN, material=False)
    assert raised.value.state == "withdrawn"


def test_a_decision_applies_to_a_new_product_or_an_open_revision() -> None:
    assert awaiting_decision("pending", has_open_revision=False) is Subject.NEW_PRODUCT
    assert awaiting_decision("approved", has_open_revision=True) is Subject.REVISION


@pytest.mark.parametrize(
    ("state", "revision"), [("approved", False), ("rejected", False), ("withdrawn", False), ("withdrawn", True)]
)
def test_nothing_to_decide_is_a_conflict(state: str, revision: bool) -> None:
    with pytest.raises(StateConflict):
        awaiting_decision(state, has_open_revision=revision)


def test_a_rejection_needs_a_reason_an_approval_does_not() -> None:
    check_reasons(Decision.APPROVE, [])
    check_reasons(Decision.REJECT, ["foto tidak sesuai produk"])
    for reasons in ([], ["  "]):
        with pytest.raises(RuleViolation):
            check_reasons(Decision.REJECT, reasons)


def test_decided_states() -> None:
    assert decided_state(Decision.APPROVE) == "approved" and decided_state(Decision.REJECT) == "rejected"
    assert decided_revision_state(Decision.APPROVE) == "approved"
    assert decided_revision_state(Decision.REJECT) == "rejected"
