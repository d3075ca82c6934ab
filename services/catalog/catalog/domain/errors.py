"""What a broken catalog rule raises, as servicekit's kinds of refusal (the HTTP layer answers each
kind with its problem document; event handlers never see them, because an event is a fact to record,
not a request to refuse)."""
from __future__ import annotations

from typing import Mapping, Sequence

from servicekit import errors


class RuleViolation(errors.RuleViolation):
    """The request is well formed but breaks a catalog rule (answered 422 with field errors)."""

    def __init__(self, field_errors: Mapping[str, Sequence[str]]) -> None:
        super().__init__("the request breaks a catalog rule; see errors", errors=field_errors)


class NotPermitted(errors.NotPermitted):
    """The caller may not do this now, for a reason it can act on (answered 403 with ``reason``)."""

    def __init__(self, detail: str, reason: str) -> None:
        super().__init__(detail, reason=reason)
        self.reason = reason


class Missing(errors.NotFound):
    """No such object, or one the caller may not see: the two are answered alike (404)."""

    def __init__(self, what: str) -> None:
        super().__init__(f"{what} not found")


class StateConflict(errors.Conflict):
    """The object's current state does not allow this (answered 409 with the state)."""

    def __init__(self, detail: str, state: str) -> None:
        super().__init__(detail, state=state)
        self.state = state
