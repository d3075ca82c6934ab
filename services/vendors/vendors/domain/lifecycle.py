"""The verification lifecycle of a vendor: one table of the allowed status changes."""
from __future__ import annotations

from enum import StrEnum
from typing import Mapping

from vendors.domain.errors import IllegalTransition


class Status(StrEnum):
    PENDING = "pending"
    VERIFIED = "verified"
    REJECTED = "rejected"
    SUSPENDED = "suspended"


class Action(StrEnum):
    VERIFY = "verify"
    REJECT = "reject"
    RESUBMIT = "resubmit"
    SUSPEND = "suspend"
    REINSTATE = "reinstate"


TRANSITIONS: Mapping[tuple[Status, Action], Status] = {
    (Status.PENDING, Action.VERIFY): Status.VERIFIED,
    (Status.PENDING, Action.REJECT): Status.REJECTED,
    (Status.REJECTED, Action.RESUBMIT): Status.PENDING,
    (Status.VERIFIED, Action.SUSPEND): Status.SUSPENDED,
    (Status.SUSPENDED, Action.REINSTATE): Status.VERIFIED,
}

# Why a status changed must be recorded when the vendor is refused or cut off, and when that is undone.
REASON_REQUIRED = frozenset({Action.REJECT, Action.SUSPEND, Action.REINSTATE})
# Only a rejection carries several reasons (the list of things the vendor must fix).
SEVERAL_REASONS_ALLOWED = frozenset({Action.REJECT})
# Verification is a plain yes; reasons sent with it would be stored nowhere a vendor reads them.
NO_REASON_ALLOWED = frozenset({Action.VERIFY})


def next_status(current: Status, action: Action) -> Status:
    try:
        return TRANSITIONS[(current, action)]
    except KeyError:
        raise IllegalTransition(current.value, action.value) from None
