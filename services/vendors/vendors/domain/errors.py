"""What the vendor rules refuse, as servicekit's kinds of refusal (the HTTP layer answers each kind
with its problem document; nothing here knows HTTP)."""
from __future__ import annotations

from typing import Mapping

from servicekit import errors


class InvalidFields(errors.InvalidInput):
    """Values that break a format or content rule, with the messages per field path (``address.city``)."""

    def __init__(self, field_errors: Mapping[str, list[str]]) -> None:
        super().__init__("the request is not valid; see errors", errors=field_errors)


class NotAdmitted(errors.RuleViolation):
    """A business whose scale this deployment does not admit (or a large business, which no deployment does)."""

    def __init__(self, scale: str, reason: str) -> None:
        super().__init__(reason, slug="scale-not-admitted", errors={"scale": [reason]}, scale=scale)
        self.scale = scale


class Blacklisted(errors.RuleViolation):
    """An NPWP on the admin-managed blacklist; ``reason`` is the one the admin recorded."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"this NPWP is blacklisted: {reason}", slug="npwp-blacklisted", errors={"npwp": [reason]})
        self.reason = reason


class DuplicateIdentifier(errors.Conflict):
    """A legal id (``nib`` or ``npwp``) that another vendor already registered."""

    def __init__(self, field: str) -> None:
        super().__init__(
            f"a vendor with this {field.upper()} is already registered",
            slug="already-registered",
            errors={field: ["already registered"]},
        )
        self.field = field


class IllegalTransition(errors.IllegalTransition):
    """A status change the lifecycle table does not allow from the vendor's current status."""

    def __init__(self, current: str, action: str) -> None:
        super().__init__(current, action, what="a vendor")


class VendorNotFound(errors.NotFound):
    def __init__(self) -> None:
        super().__init__("vendor not found")


class ConcurrentChange(errors.Conflict):
    """The vendor changed between reading and writing it; the caller should read it again and retry."""

    def __init__(self) -> None:
        super().__init__(
            "the vendor was changed by another request; read it again and retry", slug="concurrent-change"
        )


class AlreadyBlacklisted(errors.Conflict):
    def __init__(self) -> None:
        super().__init__(
            "this NPWP is already blacklisted", slug="already-blacklisted", errors={"npwp": ["already blacklisted"]}
        )


class NotBlacklisted(errors.NotFound):
    def __init__(self) -> None:
        super().__init__("this NPWP is not on the blacklist")
