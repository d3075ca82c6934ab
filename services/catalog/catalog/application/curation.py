"""An admin's decision on a new product or on a pending revision of an approved one."""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Sequence

from servicekit.actors import Actor
from servicekit.storage import utcnow

from catalog.application.categories import referenced_category
from catalog.application.listing import announce_change
from catalog.application.products import ENTITY
from catalog.application.queries import Catalog, shown_product
from catalog.application.records import face_of, snapshot
from catalog.domain.curation import (
    Decision,
    Revision,
    Subject,
    awaiting_decision,
    check_reasons,
    decided_revision_state,
    decided_state,
)
from catalog.domain.products import Product
from catalog.domain.shown import ShownProduct
from catalog.domain.visibility import is_listed
from catalog.storage.unit_of_work import CatalogUnitOfWork

_ACTIONS = {
    (Subject.NEW_PRODUCT, Decision.APPROVE): "product.approved",
    (Subject.NEW_PRODUCT, Decision.REJECT): "product.rejected",
    (Subject.REVISION, Decision.APPROVE): "product.revision_approved",
    (Subject.REVISION, Decision.REJECT): "product.revision_rejected",
}


def curate(
    uows: Catalog, product_id: str, decision: Decision, reasons: Sequence[str], *, actor: Actor
) -> ShownProduct:
    """Decide the new product, or its pending revision; answers the product as decided."""
    with uows() as uow:
        product = uow.products.require(product_id, lock=True)
        revision = uow.revisions.open_for(product_id)
        subject = awaiting_decision(product.state, has_open_revision=revision is not None)
        check_reasons(decision, reasons)
        now = utcnow()
        if subject is Subject.NEW_PRODUCT:
            _decide_new_product(uow, product, decision, tuple(reasons), actor=actor, at=now)
        else:
            assert revision is not None
            _decide_revision(uow, product, revision, decision, tuple(reasons), actor=actor, at=now)
        after = announce_change(uow, product_id, face_of(product))
        uow.audit(
            actor,
            _ACTIONS[(subject, decision)],
            ENTITY,
            product_id,
            before=snapshot(product),
            after=snapshot(after),
            reason="; ".join(reasons) or None,
        )
        decided = shown_product(uow, product_id)
        uow.commit()
    return decided


def _decide_new_product(
    uow: CatalogUnitOfWork, product: Product, decision: Decision, reasons: tuple[str, ...], *, actor: Actor, at: datetime
) -> None:
    state = decided_state(decision)
    decided = product.revised(
        at,
        state=state,
        listed=is_listed(state, uow.vendors.status_of(product.vendor_id)),
        rejection_reasons=reasons if decision is Decision.REJECT else None,
        awaiting_curation_since=None,
    )
    uow.products.replace(decided)
    if decision is Decision.APPROVE:
        uow.prices.record(product.id, product.details.price, at=at, approved_by=actor.subject)
        uow.prices.refresh_reference(product.category_id, product.details.unit, at=at)


def _decide_revision(
    uow: CatalogUnitOfWork,
    product: Product,
    revision: Revision,
    decision: Decision,
    reasons: tuple[str, ...],
    *,
    actor: Actor,
    at: datetime,
) -> None:
    state = decided_revision_state(decision)
    uow.revisions.replace(replace(revision, state=state, reasons=reasons, decided_by=actor.subject, decided_at=at))
    if decision is Decision.REJECT:  # the approved version simply stays
        uow.products.replace(product.revised(at, awaiting_curation_since=None))
        return
    approved = product.details.changed(revision.changes)
    category = referenced_category(uow, approved.category, field="category")
    uow.products.replace(
        product.revised(at, details=approved, category_id=category.id, awaiting_curation_since=None)
    )
    if approved.price != product.details.price:
        uow.prices.record(product.id, approved.price, at=at, approved_by=actor.subject)
    # The product may have left one (category, unit) group for another: both medians change.
    for category_id, unit in {(product.category_id, product.details.unit), (category.id, approved.unit)}:
        uow.prices.refresh_reference(category_id, unit, at=at)
