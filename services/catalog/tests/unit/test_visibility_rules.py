"""Who sees a product, and which event a change of its public face publishes."""
from __future__ import annotations

import pytest

from catalog.domain.visibility import DELISTED, LISTED, UPDATED, PublicFace, is_listed, listing_event

pytestmark = pytest.mark.unit

FACE = PublicFace(listed=True, name="Snack Box Isi 4", unit="box", price=20000, category="snack-box", available=True)
HIDDEN = PublicFace(
    listed=False, name="Snack Box Isi 4", unit="box", price=20000, category="snack-box", available=False
)


@pytest.mark.parametrize(
    ("state", "vendor_status", "listed"),
    [
        ("approved", "verified", True),
        ("approved", "suspended", False),
        ("approved", "rejected", False),
        ("approved", "pending", False),
        ("approved", None, False),
        ("pending", "verified", False),
        ("rejected", "verified", False),
        ("withdrawn", "verified", False),
    ],
)
def test_only_approved_products_of_verified_vendors_are_listed(
    state: str, vendor_status: str | None, listed: bool
) -> None:
    assert is_listed(state, vendor_status) is listed


def test_events_follow_the_public_face() -> None:
    assert listing_event(None, FACE) == LISTED
    assert listing_event(HIDDEN, FACE) == LISTED
    assert listing_event(FACE, HIDDEN) == DELISTED
    assert listing_event(FACE, PublicFace(**{**FACE.__dict__, "price": 21000})) == UPDATED
    assert listing_event(FACE, PublicFace(**{**FACE.__dict__, "available": False})) == UPDATED
    # buyers plan orders with these: the orders service is told when they change
    assert listing_event(FACE, PublicFace(**{**FACE.__dict__, "min_order_quantity": 10})) == UPDATED
    assert listing_event(FACE, PublicFace(**{**FACE.__dict__, "lead_time_days": 3})) == UPDATED


def test_no_event_when_nothing_public_changed() -> None:
    assert listing_event(FACE, FACE) is None
    assert listing_event(None, HIDDEN) is None
    assert listing_event(HIDDEN, PublicFace(**{**HIDDEN.__dict__, "price": 1})) is None
