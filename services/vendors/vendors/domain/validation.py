"""Collecting every broken rule of a request at once, keyed by field path, instead of stopping at the first."""
from __future__ import annotations

import re
from typing import Any, Callable, TypeVar

from vendors.domain.errors import InvalidFields

T = TypeVar("T")
_WHITESPACE = re.compile(r"\s+")


class InvalidValue(ValueError):
    """One value breaking one rule; the message says what is expected."""


class FieldErrors:
    def __init__(self) -> None:
        self.messages: dict[str, list[str]] = {}

    def add(self, path: str, message: str) -> None:
        self.messages.setdefault(path, []).append(message)

    def check(self, path: str, normalise: Callable[[Any], T], value: Any) -> T | None:
        """``normalise(value)``, or None with the failure recorded under ``path``."""
        if value is None:
            self.add(path, "is required")
            return None
        try:
            return normalise(value)
        except InvalidValue as exc:
            self.add(path, str(exc))
            return None

    def raise_if_any(self) -> None:
        if self.messages:
            raise InvalidFields(self.messages)


def text(max_length: int, *, min_length: int = 1) -> Callable[[str], str]:
    """A normaliser for free text: surrounding and repeated whitespace removed, then the length checked."""

    def normalise(value: str) -> str:
        cleaned = _WHITESPACE.sub(" ", value).strip()
        if len(cleaned) < min_length:
            raise InvalidValue("must not be blank" if min_length == 1 else f"must be at least {min_length} characters")
        if len(cleaned) > max_length:
            raise InvalidValue(f"must be at most {max_length} characters")
        return cleaned

    return normalise


reason_text = text(1000)
"""Why an admin did something (a rejection, a suspension, a blacklisting): free text, 1 to 1000 characters."""
