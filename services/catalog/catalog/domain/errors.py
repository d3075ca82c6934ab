"""What a broken catalog rule raises. The HTTP layer turns each kind into its problem document; event
handlers never see them, because an event is a fact to record, not a request to refuse."""
from __future__ import annotations

from typing import Mapping, Sequence


class DomainError(Exception):
    """Base of every refusal the catalog's rules make."""


class RuleViolation(DomainError):
    """The request is well formed but breaks a catalog rule (answered 422 with field errors)."""

    def __init__(self, errors: Mapping[str, Sequence[str]]) -> None:
        self.errors = {field: list(messages) for field, messages in errors.items()}
        super().__init__("; ".join(f"{field}: {', '.join(messages)}" for field, messages in self.errors.items()))


class NotPermitted(DomainError):
    """The caller may not do this now, for a reason it can act on (answered 403 with ``reason``)."""

    def __init__(self, detail: str, reason: str) -> None:
        self.detail = detail
        self.reason = reason
        super().__init__(detail)


class Missing(DomainError):
    """No such object, or one the caller may not see: the two are answered alike (404)."""

    def __init__(self, what: str) -> None:
        super().__init__(f"{what} not found")


class StateConflict(DomainError):
    """The object's current state does not allow this (answered 409 with the state)."""

    def __init__(self, detail: str, state: str) -> None:
        self.detail = detail
        self.state = state
        super().__init__(detail)
