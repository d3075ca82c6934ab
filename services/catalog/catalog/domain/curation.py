"""Curation: an admin approves or rejects every new product and every material change to one.

A new product waits as ``pending`` until decided. A material change to an approved product waits as a
*revision* while the approved version stays on sale, so buyers never lose a product because its
vendor fixed a typo; approving the revision makes it the live version. Non-material changes (stock,
photos, lead time, ...) apply at once.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import Enum, StrEnum
from typing import Any, Mapping, Sequence

from catalog.domain.errors import RuleViolation, StateConflict


class CurationState(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    """Taken off the catalog by its vendor or an admin: kept for the record, never listed again."""


class Decision(StrEnum):
    APPROVE = "approve"
    REJECT = "reject"


class RevisionState(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"


@dataclass(frozen=True)
class Revision:
    """Material changes to an approved product, waiting for (or given) an admin's decision."""

    id: str
    product_id: str
    changes: Mapping[str, Any]
    """Material fields only (name, description, category slug, unit, price, halal_certificate)."""
    state: RevisionState
    proposed_by: str
    proposed_at: datetime
    reasons: tuple[str, ...] | None = None
    decided_by: str | None = None
    decided_at: datetime | None = None


class EditPlan(Enum):
    APPLY = "apply"
    """Write the changes to the product; its state stays."""
    RESUBMIT = "resubmit"
    """A rejected product changed (in whatever the rejection asked to fix): write the changes and let
    it wait for curation again."""
    PROPOSE_REVISION = "propose_revision"
    """An approved product changed materially: the changes wait as a revision, the live one stays."""


class Subject(Enum):
    """What an admin's decision is about."""

    NEW_PRODUCT = "new_product"
    REVISION = "revision"


def plan_edit(state: str, *, material: bool) -> EditPlan:
    if state == CurationState.WITHDRAWN:
        raise StateConflict("a withdrawn product cannot be changed", state)
    if state == CurationState.REJECTED:
        return EditPlan.RESUBMIT
    if material and state == CurationState.APPROVED:
        return EditPlan.PROPOSE_REVISION
    return EditPlan.APPLY


def awaiting_decision(state: str, *, has_open_revision: bool) -> Subject:
    """What a curation decision on this product applies to; 409 when nothing awaits one."""
    if state == CurationState.PENDING:
        return Subject.NEW_PRODUCT
    if state == CurationState.APPROVED and has_open_revision:
        return Subject.REVISION
    raise StateConflict("nothing about this product awaits curation", state)


def check_reasons(decision: Decision, reasons: Sequence[str]) -> None:
    """A rejection tells the vendor what to fix; an approval may carry notes."""
    if decision == Decision.REJECT and not any(reason.strip() for reason in reasons):
        raise RuleViolation({"reasons": ["a rejection needs at least one reason the vendor can act on"]})


def decided_state(decision: Decision) -> CurationState:
    return CurationState.APPROVED if decision == Decision.APPROVE else CurationState.REJECTED


def decided_revision_state(decision: Decision) -> RevisionState:
    return RevisionState.APPROVED if decision == Decision.APPROVE else RevisionState.REJECTED
