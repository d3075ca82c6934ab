"""What the order rules refuse, as servicekit's kinds of refusal (nothing here knows HTTP)."""
from __future__ import annotations

from typing import Any, Mapping, Sequence

from servicekit import errors


class InvalidFields(errors.InvalidInput):
    def __init__(self, field_errors: Mapping[str, Sequence[str]]) -> None:
        super().__init__("the request is not valid; see errors", errors=field_errors)


class OrderNotFound(errors.NotFound):
    def __init__(self) -> None:
        super().__init__("order not found")


class PackageNotFound(errors.NotFound):
    def __init__(self) -> None:
        super().__init__("package not found")


class DocumentNotFound(errors.NotFound):
    def __init__(self) -> None:
        super().__init__("no document with this number or digest")


class IllegalTransition(errors.IllegalTransition):
    def __init__(self, current: str, action: str) -> None:
        super().__init__(current, action, what="an order")


class SubmissionRefused(errors.RuleViolation):
    """Every rule the order breaks, each under the field at fault; ``facts`` carry what the caller
    needs to act (the orders counted by the splitting guard, the prices that changed)."""

    def __init__(self, field_errors: Mapping[str, Sequence[str]], **facts: Any) -> None:
        super().__init__("the order breaks the submission rules; see errors", slug="submission-refused", errors=field_errors, **facts)


class PackageExhausted(errors.RuleViolation):
    """The package's remaining amount no longer covers the order (checked again when committing)."""

    def __init__(self, remaining: int, wanted: int) -> None:
        super().__init__(
            f"the package has Rp {remaining} remaining, the order needs Rp {wanted}",
            slug="package-exhausted",
            errors={"package_id": ["the package's remaining amount does not cover the order"]},
            remaining=remaining,
        )


class DuplicatePackage(errors.Conflict):
    def __init__(self, rup_code: str) -> None:
        super().__init__(
            f"package {rup_code} is already registered for this fiscal year",
            slug="package-exists",
            errors={"rup_code": ["already registered for this work unit and fiscal year"]},
        )


class ConcurrentChange(errors.Conflict):
    def __init__(self) -> None:
        super().__init__("the order was changed by another request; read it again and retry", slug="concurrent-change")


class NotAllowedHere(errors.RuleViolation):
    """A well-formed step the order's facts do not allow (a quantity beyond what was shipped, a second rating)."""

    def __init__(self, detail: str, field: str) -> None:
        super().__init__(detail, errors={field: [detail]})
