"""What a service's rules refuse, in kinds every service shares; nothing here knows HTTP.

Domain and application code raise these (or subclasses named for their domain, such as
``VendorNotFound(NotFound)``); the HTTP layer answers each kind with its problem document
(``servicekit.http.problems.problem_for``), once for every service, and a message handler treats
them as facts about the event. A new subclass needs no new mapping: it is answered as its kind.
"""
from __future__ import annotations

from typing import Any, Mapping, Sequence


class DomainError(Exception):
    """A request the rules refuse. ``detail`` is safe to show to the caller; ``errors`` names the
    fields at fault (``address.city`` -> messages); ``slug`` names the refusal for clients that
    branch on it; ``facts`` are further members the answer carries (``current_state=...``)."""

    slug: str | None = None

    def __init__(
        self,
        detail: str,
        *,
        errors: Mapping[str, Sequence[str]] | None = None,
        slug: str | None = None,
        **facts: Any,
    ) -> None:
        super().__init__(detail)
        self.detail = detail
        self.errors = {field: list(messages) for field, messages in (errors or {}).items()}
        if slug is not None:
            self.slug = slug
        self.facts = facts


class InvalidInput(DomainError):
    """Values that break a format rule (the request itself is malformed for this purpose)."""


class NotPermitted(DomainError):
    """The caller may not do this, for a reason it can act on."""


class NotFound(DomainError):
    """No such object, or one the caller may not see: the two are answered alike."""


class Conflict(DomainError):
    """The object's current state (or another request) does not allow this now."""


class IllegalTransition(Conflict):
    """A step the object's lifecycle table does not allow from its current state."""

    slug = "illegal-transition"

    def __init__(self, current: str, action: str, *, what: str = "it") -> None:
        super().__init__(f"cannot {action} {what} that is {current}", current_state=current)
        self.current = current
        self.action = action


class RuleViolation(DomainError):
    """A well-formed request that breaks a business rule."""

