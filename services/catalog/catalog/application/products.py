"""A vendor's products: creating, changing (directly, or as a revision awaiting curation) and
withdrawing them."""
from __future__ import annotations

import uuid
from dataclasses import asdict, replace
from datetime import datetime
from typing import Any, Mapping

from servicekit.actors import Actor
from servicekit.storage import utcnow

from catalog.application.categories import referenced_category
from catalog.application.listing import announce_change
from catalog.application.queries import Catalog, shown_product
from catalog.application.records import face_of, snapshot
from catalog.domain.categories import Category
from catalog.domain.curation import CurationState, EditPlan, Revision, RevisionState, plan_edit
from catalog.domain.errors import Missing
from catalog.domain.products import (
    Product,
    ProductDetails,
    check_product,
    details_have_supply,
    material_differences,
)
from catalog.domain.shown import ShownProduct
from catalog.domain.vendors import ensure_may_sell
from catalog.storage.unit_of_work import CatalogUnitOfWork

ENTITY = "product"
_EDIT_ACTIONS = {
    EditPlan.APPLY: "product.changed",
    EditPlan.RESUBMIT: "product.resubmitted",
    EditPlan.PROPOSE_REVISION: "product.revision_proposed",
}


def check_against_category(uow: CatalogUnitOfWork, details: ProductDetails) -> Category:
    """Apply every product rule (halal depends on the category); answers the category."""
    category = referenced_category(uow, details.category, field="category")
    check_product(details, category_requires_halal=category.requires_halal)
    return category


def create_product(uows: Catalog, details: ProductDetails, *, vendor_id: str, actor: Actor) -> ShownProduct:
    """A new product of a verified vendor; it waits for curation before anyone else sees it."""
    with uows() as uow:
        ensure_may_sell(uow.vendors.status_of(vendor_id))
        category = check_against_category(uow, details)
        now = utcnow()
        product = Product(
            id=str(uuid.uuid4()),
            vendor_id=vendor_id,
            category_id=category.id,
            details=details,
            state=CurationState.PENDING,
            listed=False,
            has_supply=details_have_supply(details),
            version=1,
            rejection_reasons=None,
            awaiting_curation_since=now,
            created_at=now,
            updated_at=now,
        )
        uow.products.add(product)
        uow.audit(actor, "product.created", ENTITY, product.id, after={**asdict(details), "state": product.state})
        created = shown_product(uow, product.id)
        uow.commit()
    return created


def edit_product(
    uows: Catalog, product_id: str, changes: Mapping[str, Any], *, vendor_id: str, actor: Actor
) -> ShownProduct:
    """Apply a vendor's changes to one of its products. On an approved product, the material ones
    wait as a revision (the approved version stays on sale) and the rest apply at once; see
    catalog.domain.curation."""
    with uows() as uow:
        product = uow.products.get(product_id, lock=True)
        if product is None or product.vendor_id != vendor_id:
            raise Missing("product")
        ensure_may_sell(uow.vendors.status_of(vendor_id))
        live = product.details
        revision = uow.revisions.open_for(product_id)
        # Changes add up: a second edit before curation extends the open revision instead of losing it.
        proposed = live.changed({**(revision.changes if revision is not None else {}), **changes})
        category = check_against_category(uow, proposed)
        material = material_differences(live, proposed)
        plan = plan_edit(product.state, material=bool(material))
        now = utcnow()

        if plan is EditPlan.PROPOSE_REVISION:
            # Only non-material fields reach the live product now; the rules over them are the same
            # in the proposal just checked, so the live product stays valid too.
            new_live = proposed.changed({name: getattr(live, name) for name in material})
            _propose_revision(uow, product_id, revision, material, actor=actor, at=now)
            changed = product.revised(
                now,
                details=new_live,
                has_supply=details_have_supply(new_live),
                awaiting_curation_since=product.awaiting_curation_since or now,
            )
        else:
            extra: dict[str, Any] = {}
            if revision is not None:  # the vendor took the material changes back: nothing to curate
                uow.revisions.remove(revision.id)
                extra["awaiting_curation_since"] = None
            if plan is EditPlan.RESUBMIT:
                extra.update(state=CurationState.PENDING, rejection_reasons=None, awaiting_curation_since=now)
            changed = product.revised(
                now, details=proposed, category_id=category.id, has_supply=details_have_supply(proposed), **extra
            )
        uow.products.replace(changed)
        after = snapshot(announce_change(uow, product_id, face_of(product)))
        if plan is EditPlan.PROPOSE_REVISION:
            after["pending_revision"] = dict(material)
        uow.audit(actor, _EDIT_ACTIONS[plan], ENTITY, product_id, before=snapshot(product), after=after)
        edited = shown_product(uow, product_id)
        uow.commit()
    return edited


def withdraw_product(uows: Catalog, product_id: str, *, vendor_id: str | None, actor: Actor) -> None:
    """Take a product off the catalog for good (kept for the record); withdrawing twice is a no-op.
    ``vendor_id``: the vendor whose products alone the caller may withdraw; None for any product."""
    with uows() as uow:
        product = uow.products.get(product_id, lock=True)
        if product is None or vendor_id not in (None, product.vendor_id):
            raise Missing("product")
        if product.state == CurationState.WITHDRAWN:
            return
        now = utcnow()
        revision = uow.revisions.open_for(product_id)
        if revision is not None:
            uow.revisions.remove(revision.id)
        uow.products.replace(
            product.revised(now, state=CurationState.WITHDRAWN, listed=False, awaiting_curation_since=None)
        )
        if product.state == CurationState.APPROVED:
            uow.prices.refresh_reference(product.category_id, product.details.unit, at=now)
        after = announce_change(uow, product_id, face_of(product))
        uow.audit(actor, "product.withdrawn", ENTITY, product_id, before=snapshot(product), after=snapshot(after))
        uow.commit()


def _propose_revision(
    uow: CatalogUnitOfWork,
    product_id: str,
    open_revision: Revision | None,
    material: Mapping[str, Any],
    *,
    actor: Actor,
    at: datetime,
) -> None:
    if open_revision is None:
        uow.revisions.add(
            Revision(
                id=str(uuid.uuid4()),
                product_id=product_id,
                changes=dict(material),
                state=RevisionState.PENDING,
                proposed_by=actor.subject,
                proposed_at=at,
            )
        )
    else:
        uow.revisions.replace(replace(open_revision, changes=dict(material), proposed_by=actor.subject, proposed_at=at))
