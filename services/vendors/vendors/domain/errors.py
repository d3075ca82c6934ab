"""What the vendor rules refuse. The HTTP layer maps each to a problem document; nothing here knows HTTP."""
from __future__ import annotations

from typing import Mapping


class DomainError(Exception):
    """A request the rules refuse; the message is safe to show to the caller."""


class InvalidFields(DomainError):
    """Values that break a format or content rule, with the messages per field path (``address.city``)."""

    def __init__(self, errors: Mapping[str, list[str]]) -> None:
        self.errors = {path: list(messages) for path, messages in errors.items()}
        super().__init__("the request is not valid; see errors")


class NotAdmitted(DomainError):
    """A business whose scale this deployment does not admit (or a large business, which no deployment does)."""

    def __init__(self, scale: str, reason: str) -> None:
        self.scale = scale
        super().__init__(reason)


class Blacklisted(DomainError):
    """An NPWP on the admin-managed blacklist; ``reason`` is the one the admin recorded."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(f"this NPWP is blacklisted: {reason}")


class DuplicateIdentifier(DomainError):
    """A legal id (``nib`` or ``npwp``) that another vendor already registered."""

    def __init__(self, field: str) -> None:
        self.field = field
        super().__init__(f"a vendor with this {field.upper()} is already registered")


class IllegalTransition(DomainError):
    """A status change the lifecycle table does not allow from the vendor's current status."""

    def __init__(self, current: str, action: str) -> None:
        self.current = current
        self.action = action
        super().__init__(f"cannot {action} a vendor that is {current}")


class VendorNotFound(DomainError):
    def __init__(self) -> None:
        super().__init__("vendor not found")


class ConcurrentChange(DomainError):
    """The vendor changed between reading and writing it; the caller should read it again and retry."""

    def __init__(self) -> None:
        super().__init__("the vendor was changed by another request; read it again and retry")


class AlreadyBlacklisted(DomainError):
    def __init__(self) -> None:
        super().__init__("this NPWP is already blacklisted")


class NotBlacklisted(DomainError):
    def __init__(self) -> None:
        super().__init__("this NPWP is not on the blacklist")
