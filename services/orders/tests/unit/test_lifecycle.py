"""The transition table, exhaustively: every (state, action) pair either moves as the table says or
is refused with the current state."""
from __future__ import annotations

import itertools

import pytest

from orders.domain.errors import IllegalTransition
from orders.domain.lifecycle import COMMITTING, ENDED, TRANSITIONS, Action, State, next_state

pytestmark = pytest.mark.unit

S, A = State, Action
EXPECTED_PATH = [
    (S.DRAFT, A.SUBMIT, S.SUBMITTED),
    (S.SUBMITTED, A.RESERVE, S.AWAITING_APPROVAL),
    (S.AWAITING_APPROVAL, A.APPROVE, S.AWAITING_VENDOR),
    (S.AWAITING_VENDOR, A.ACCEPT, S.ACCEPTED),
    (S.ACCEPTED, A.SHIP, S.SHIPPED),
    (S.SHIPPED, A.SHIP, S.SHIPPED),
    (S.SHIPPED, A.CHECK, S.SHIPPED),
    (S.SHIPPED, A.RECEIVE, S.RECEIVED),
    (S.RECEIVED, A.INVOICE, S.INVOICED),
    (S.INVOICED, A.PAY, S.PAID),
    (S.PAID, A.COMPLETE, S.COMPLETED),
]


@pytest.mark.parametrize(("state", "action"), list(itertools.product(State, Action)), ids=lambda v: v.value)
def test_every_pair_moves_as_the_table_says_or_is_refused_with_the_current_state(state: State, action: Action) -> None:
    if (state, action) in TRANSITIONS:
        assert next_state(state, action) is TRANSITIONS[(state, action)]
    else:
        with pytest.raises(IllegalTransition) as refused:
            next_state(state, action)
        assert refused.value.facts == {"current_state": state.value}


def test_the_happy_path_runs_from_draft_to_completed() -> None:
    for state, action, after in EXPECTED_PATH:
        assert next_state(state, action) is after


def test_ended_orders_and_completed_ones_go_nowhere() -> None:
    for state in (*ENDED, S.COMPLETED):
        assert not [pair for pair in TRANSITIONS if pair[0] is state]


def test_the_buyer_can_cancel_only_before_the_vendor_accepts() -> None:
    cancellable = {state for (state, action) in TRANSITIONS if action is A.CANCEL}
    assert cancellable == {S.DRAFT, S.SUBMITTED, S.AWAITING_APPROVAL, S.AWAITING_VENDOR}
    assert {state for (state, action) in TRANSITIONS if action is A.AMEND} == {S.SUBMITTED, S.AWAITING_APPROVAL, S.AWAITING_VENDOR}


def test_deadlines_expire_only_the_two_waiting_states_and_every_exit_ends() -> None:
    assert {state for (state, action) in TRANSITIONS if action is A.EXPIRE} == {S.AWAITING_APPROVAL, S.AWAITING_VENDOR}
    exits = {TRANSITIONS[pair] for pair in TRANSITIONS if pair[1] in (A.CANCEL, A.EXPIRE, A.DECLINE, A.REJECT, A.FAIL_RESERVATION)}
    assert exits == set(ENDED)
    assert COMMITTING.isdisjoint(ENDED)
