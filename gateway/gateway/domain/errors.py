"""What the gateway's rules refuse, as servicekit's kinds (answered once by servicekit), and the
refusals of signing in, which the API answers itself (401, 423, 503: no shared kind says these)."""
from __future__ import annotations

from typing import Mapping, Sequence

from servicekit.errors import Conflict, DomainError, InvalidInput, NotFound


class InvalidAccount(InvalidInput):
    def __init__(self, errors: Mapping[str, Sequence[str]], detail: str = "") -> None:
        super().__init__(detail or "the account is not valid; see errors", errors=errors)


class UsernameTaken(Conflict):
    def __init__(self) -> None:
        super().__init__("this username is taken", errors={"username": ["already taken"]})


class AccountNotFound(NotFound):
    def __init__(self) -> None:
        super().__init__("account not found")


class UnknownWorkUnit(InvalidInput):
    def __init__(self, code: str) -> None:
        super().__init__("unknown work unit", errors={"work_unit": [f"no active work unit {code!r}"]})


class InvalidWorkUnit(InvalidInput):
    def __init__(self, errors: Mapping[str, Sequence[str]]) -> None:
        super().__init__("the work unit is not valid", errors=errors)


class WorkUnitExists(Conflict):
    def __init__(self) -> None:
        super().__init__("a work unit with this code exists", errors={"code": ["already exists"]})


class WorkUnitNotFound(NotFound):
    def __init__(self) -> None:
        super().__init__("work unit not found")


class InvalidSignup(InvalidInput):
    def __init__(self, errors: Mapping[str, Sequence[str]]) -> None:
        super().__init__("the signup is not valid; see errors", errors=errors)


class AuthenticationRefused(DomainError):
    """The credentials or token do not open a session (answered 401)."""


class SignInLocked(DomainError):
    """Too many failures from this client for this username (answered 423 with Retry-After)."""

    slug = "sign-in-locked"

    def __init__(self, retry_after_seconds: int) -> None:
        super().__init__("too many failed sign-ins for this username from this client; try again later")
        self.retry_after_seconds = retry_after_seconds


class SignupIncomplete(DomainError):
    """The vendor was registered but its account not activated; repeating finishes it (answered 503)."""

    slug = "signup-incomplete"
