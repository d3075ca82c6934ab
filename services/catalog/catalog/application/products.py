"""A vendor's products: creating, changing (directly, or as a revision awaiting curation) and
withdrawing them."""
from __future__ import annotations

import uuid
from dataclasses import asdict
from typing import Any, Mapping

from servicekit.auth import Principal
from servicekit.storage import UnitOfWork, utcnow

from catalog.application.callers import own_vendor_id, owns
from catalog.application.categories import referenced_category
from catalog.application.listing import announce_change
from catalog.application.records import detail_columns, details_of, face_of, snapshot
from catalog.domain.curation import CurationState, EditPlan, RevisionState, plan_edit
from catalog.domain.errors import Missing
from catalog.domain.products import ProductDetails, check_product, has_supply, material_differences
from catalog.domain.vendors import ensure_may_sell
from catalog.storage import prices, products, revisions, vendors

ENTITY = "product"


def check_against_category(uow: UnitOfWork, details: ProductDetails) -> Any:
    """Apply every product rule (halal depends on the category); answers the category row."""
    category = referenced_category(uow.session, details.category, field="category")
    check_product(details, category_requires_halal=category.requires_halal)
    return category


def create_product(uow: UnitOfWork, caller: Principal, details: ProductDetails) -> str:
    """A new product from a verified vendor; it waits for curation before anyone else sees it."""
    vendor_id = own_vendor_id(caller)
    ensure_may_sell(vendors.status_of(uow.session, vendor_id))
    category = check_against_category(uow, details)
    now = utcnow()
    product_id = str(uuid.uuid4())
    products.insert_product(
        uow.session,
        {
            "id": product_id,
            "vendor_id": vendor_id,
            **detail_columns(details, category.id),
            "state": CurationState.PENDING,
            "rejection_reasons": None,
            "listed": False,
            "has_supply": _supply_flag(details),
            "version": 1,
            "awaiting_curation_since": now,
            "created_at": now,
            "updated_at": now,
        },
    )
    uow.audit(
        caller.actor, "product.created", ENTITY, product_id, after={**asdict(details), "state": CurationState.PENDING}
    )
    return product_id


def edit_product(uow: UnitOfWork, caller: Principal, product_id: str, changes: Mapping[str, Any]) -> None:
    """Apply a vendor's changes. On an approved product, the material ones wait as a revision (the
    approved version stays on sale) and the rest apply at once; see catalog.domain.curation."""
    row = _own_product(uow, caller, product_id)
    ensure_may_sell(row.vendor_status)
    live = details_of(row)
    revision = revisions.open_revision(uow.session, product_id)
    # Changes add up: a second edit before curation extends the open revision instead of losing it.
    proposed = live.changed({**(revision.changes if revision is not None else {}), **changes})
    category = check_against_category(uow, proposed)
    material = material_differences(live, proposed)
    plan = plan_edit(row.state, material=bool(material))
    now = utcnow()
    before = face_of(row)

    if plan is EditPlan.PROPOSE_REVISION:
        # Only non-material fields reach the live row now; the rules over them are the same in the
        # proposal just checked, so the live row stays valid too.
        new_live = proposed.changed({name: getattr(live, name) for name in material})
        _propose_revision(uow, caller, product_id, revision, material, now)
        live_category_id = row.category_id
        extra: dict[str, Any] = {"awaiting_curation_since": row.awaiting_curation_since or now}
    else:
        new_live = proposed
        live_category_id = category.id
        extra = {}
        if revision is not None:  # the vendor took the material changes back: nothing to curate
            revisions.delete_revision(uow.session, revision.id)
            extra["awaiting_curation_since"] = None
        if plan is EditPlan.RESUBMIT:
            extra.update(state=CurationState.PENDING, rejection_reasons=None, awaiting_curation_since=now)

    products.update_product(
        uow.session,
        product_id,
        {
            **detail_columns(new_live, live_category_id),
            "has_supply": _supply_flag(new_live),
            "updated_at": now,
            **extra,
        },
    )
    after = announce_change(uow, product_id, before)
    uow.audit(
        caller.actor,
        _edit_action(plan),
        ENTITY,
        product_id,
        before=snapshot(row),
        after=_with_revision(after, material, plan),
    )


def withdraw_product(uow: UnitOfWork, caller: Principal, product_id: str) -> None:
    """Take a product off the catalog for good (kept for the record); withdrawing twice is a no-op."""
    row = products.get_state(uow.session, product_id, lock=True)
    if row is None or not (owns(caller, row.vendor_id) or caller.has_any("admin")):
        raise Missing("product")
    if row.state == CurationState.WITHDRAWN:
        return
    now = utcnow()
    revision = revisions.open_revision(uow.session, product_id)
    if revision is not None:
        revisions.delete_revision(uow.session, revision.id)
    products.update_product(
        uow.session,
        product_id,
        {"state": CurationState.WITHDRAWN, "listed": False, "awaiting_curation_since": None, "updated_at": now},
    )
    if row.state == CurationState.APPROVED:
        prices.refresh_reference(uow.session, row.category_id, row.unit, at=now)
    after = announce_change(uow, product_id, face_of(row))
    uow.audit(caller.actor, "product.withdrawn", ENTITY, product_id, before=snapshot(row), after=snapshot(after))


def _own_product(uow: UnitOfWork, caller: Principal, product_id: str) -> Any:
    vendor_id = own_vendor_id(caller)
    row = products.get_state(uow.session, product_id, lock=True)
    if row is None or row.vendor_id != vendor_id:
        raise Missing("product")
    return row


def _propose_revision(
    uow: UnitOfWork, caller: Principal, product_id: str, open_revision: Any, material: Mapping[str, Any], now: Any
) -> None:
    values = {"changes": dict(material), "proposed_by": caller.subject, "proposed_at": now}
    if open_revision is None:
        revisions.insert_revision(
            uow.session, {"id": str(uuid.uuid4()), "product_id": product_id, "state": RevisionState.PENDING, **values}
        )
    else:
        revisions.update_revision(uow.session, open_revision.id, values)


def _supply_flag(details: ProductDetails) -> bool:
    return has_supply(details.fulfilment, details.stock, details.daily_capacity, details.min_order_quantity)


def _edit_action(plan: EditPlan) -> str:
    return {
        EditPlan.APPLY: "product.changed",
        EditPlan.RESUBMIT: "product.resubmitted",
        EditPlan.PROPOSE_REVISION: "product.revision_proposed",
    }[plan]


def _with_revision(row: Any, material: Mapping[str, Any], plan: EditPlan) -> dict[str, Any]:
    after = snapshot(row)
    if plan is EditPlan.PROPOSE_REVISION:
        after["pending_revision"] = dict(material)
    return after
