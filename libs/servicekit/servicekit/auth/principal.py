"""Who a request acts for: roles, and the organisation (work unit or vendor) that binds them."""
from __future__ import annotations

from dataclasses import dataclass

from servicekit.actors import Actor

ROLES = frozenset(
    {"procurement_officer", "commitment_officer", "treasurer", "budget_holder", "vendor", "admin", "auditor"}
)


@dataclass(frozen=True)
class Principal:
    subject: str
    roles: frozenset[str]
    work_unit: str | None = None
    vendor_id: str | None = None
    token_id: str | None = None

    @property
    def is_authenticated(self) -> bool:
        return self.subject != ANONYMOUS_SUBJECT

    def has_any(self, *roles: str) -> bool:
        return bool(self.roles.intersection(roles))

    @property
    def actor(self) -> Actor:
        return Actor(subject=self.subject, roles=tuple(sorted(self.roles)))


ANONYMOUS_SUBJECT = "anonymous"
ANONYMOUS = Principal(subject=ANONYMOUS_SUBJECT, roles=frozenset())
