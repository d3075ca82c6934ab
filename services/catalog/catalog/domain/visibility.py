"""Who sees a product, and what other services are told when that changes.

A product is *listed* (visible to buyers and the public, and reservable) when an admin approved it
and its vendor is verified. Hiding is never deleting: a suspended vendor's products come back, as
they were, when the vendor is reinstated.
"""
from __future__ import annotations

from dataclasses import dataclass

from eorder_contracts.events import PRODUCT_DELISTED, PRODUCT_LISTED, PRODUCT_UPDATED, EventType, ProductFace

from catalog.domain.curation import CurationState
from catalog.domain.vendors import can_sell

LISTED = PRODUCT_LISTED
UPDATED = PRODUCT_UPDATED
DELISTED = PRODUCT_DELISTED


def is_listed(state: str, vendor_status: str | None) -> bool:
    return state == CurationState.APPROVED and can_sell(vendor_status)


@dataclass(frozen=True)
class PublicFace:
    """What buyers and other services see of a product (the payload of ``product.*`` events)."""

    listed: bool
    name: str
    unit: str
    price: int
    category: str
    available: bool
    """Listed, and its supply covers the minimum order quantity."""


def listing_event(before: PublicFace | None, after: PublicFace) -> EventType[ProductFace] | None:
    """The event that tells others how the product's public face changed, or None if it did not.

    A product nobody could see before or after is nobody else's business; ``before`` is None for a
    product that did not exist.
    """
    was_listed = before is not None and before.listed
    if after.listed and not was_listed:
        return LISTED
    if was_listed and not after.listed:
        return DELISTED
    if was_listed and before != after:
        return UPDATED
    return None
