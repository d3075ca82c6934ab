"""An admin's decision on a new product or on a pending revision of an approved one."""
from __future__ import annotations

from datetime import datetime
from typing import Any, Sequence

from servicekit.auth import Principal
from servicekit.storage import UnitOfWork, utcnow

from catalog.application.categories import referenced_category
from catalog.application.listing import announce_change
from catalog.application.products import ENTITY
from catalog.application.records import detail_columns, details_of, face_of, snapshot
from catalog.domain.curation import (
    Decision,
    Subject,
    awaiting_decision,
    check_reasons,
    decided_revision_state,
    decided_state,
)
from catalog.domain.errors import Missing
from catalog.domain.visibility import is_listed
from catalog.storage import prices, products, revisions

_ACTIONS = {
    (Subject.NEW_PRODUCT, Decision.APPROVE): "product.approved",
    (Subject.NEW_PRODUCT, Decision.REJECT): "product.rejected",
    (Subject.REVISION, Decision.APPROVE): "product.revision_approved",
    (Subject.REVISION, Decision.REJECT): "product.revision_rejected",
}


def curate(uow: UnitOfWork, caller: Principal, product_id: str, decision: Decision, reasons: Sequence[str]) -> None:
    row = products.get_state(uow.session, product_id, lock=True)
    if row is None:
        raise Missing("product")
    revision = revisions.open_revision(uow.session, product_id)
    subject = awaiting_decision(row.state, has_open_revision=revision is not None)
    check_reasons(decision, reasons)
    now = utcnow()
    if subject is Subject.NEW_PRODUCT:
        _decide_new_product(uow, caller, row, decision, list(reasons), now)
    else:
        _decide_revision(uow, caller, row, revision, decision, list(reasons), now)
    after = announce_change(uow, product_id, face_of(row))
    action = _ACTIONS[(subject, decision)]
    uow.audit(
        caller.actor,
        action,
        ENTITY,
        product_id,
        before=snapshot(row),
        after=snapshot(after),
        reason="; ".join(reasons) or None,
    )


def _decide_new_product(
    uow: UnitOfWork, caller: Principal, row: Any, decision: Decision, reasons: list[str], now: datetime
) -> None:
    state = decided_state(decision)
    products.update_product(
        uow.session,
        row.id,
        {
            "state": state,
            "listed": is_listed(state, row.vendor_status),
            "rejection_reasons": reasons if decision is Decision.REJECT else None,
            "awaiting_curation_since": None,
            "updated_at": now,
        },
    )
    if decision is Decision.APPROVE:
        prices.record_price(uow.session, row.id, row.price, at=now, approved_by=caller.subject)
        prices.refresh_reference(uow.session, row.category_id, row.unit, at=now)


def _decide_revision(
    uow: UnitOfWork, caller: Principal, row: Any, revision: Any, decision: Decision, reasons: list[str], now: datetime
) -> None:
    revisions.update_revision(
        uow.session,
        revision.id,
        {
            "state": decided_revision_state(decision),
            "reasons": reasons,
            "decided_by": caller.subject,
            "decided_at": now,
        },
    )
    settled = {"awaiting_curation_since": None, "updated_at": now}
    if decision is Decision.REJECT:  # the approved version simply stays
        products.update_product(uow.session, row.id, settled)
        return
    approved = details_of(row).changed(revision.changes)
    category = referenced_category(uow.session, approved.category, field="category")
    products.update_product(uow.session, row.id, {**detail_columns(approved, category.id), **settled})
    if approved.price != row.price:
        prices.record_price(uow.session, row.id, approved.price, at=now, approved_by=caller.subject)
    # The product may have left one (category, unit) group for another: both medians change.
    for category_id, unit in {(row.category_id, row.unit), (category.id, approved.unit)}:
        prices.refresh_reference(uow.session, category_id, unit, at=now)
