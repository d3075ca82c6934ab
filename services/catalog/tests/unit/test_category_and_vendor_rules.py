"""The category tree (slugs, no cycles, subtrees) and what the catalog makes of a vendor's status."""
from __future__ import annotations

import pytest

from catalog.domain.categories import check_parent, check_slug, subtree
from catalog.domain.errors import NotPermitted, RuleViolation
from catalog.domain.vendors import can_sell, ensure_may_sell, is_newer

pytestmark = pytest.mark.unit

TREE = {"food": None, "snack-box": "food", "rice-box": "food", "mini": "snack-box", "paper": None}


@pytest.mark.parametrize("slug", ["meeting-food", "a4", "snack-box-2"])
def test_good_slugs(slug: str) -> None:
    check_slug(slug)


@pytest.mark.parametrize(
    "slug", ["Meeting-Food", "meeting_food", "-food", "food-", "food--box", "makanan rapat", "x" * 81, ""]
)
def test_bad_slugs(slug: str) -> None:
    with pytest.raises(RuleViolation):
        check_slug(slug)


def test_a_category_cannot_go_under_itself_or_its_descendants() -> None:
    check_parent("rice-box", "paper", TREE)
    check_parent("food", None, TREE)
    for itself_or_below in ("food", "snack-box", "mini"):
        with pytest.raises(RuleViolation):
            check_parent("food", itself_or_below, TREE)


def test_a_subtree_holds_the_category_and_all_below() -> None:
    assert subtree("food", TREE) == {"food", "snack-box", "rice-box", "mini"}
    assert subtree("paper", TREE) == {"paper"}


def test_only_verified_vendors_sell() -> None:
    assert can_sell("verified")
    assert not any(can_sell(status) for status in ("pending", "rejected", "suspended", None))


def test_a_vendor_event_applies_only_when_newer() -> None:
    assert is_newer(1, None) and is_newer(3, 2)
    assert not is_newer(2, 3) and not is_newer(3, 3)


@pytest.mark.parametrize(
    ("status", "reason"),
    [
        (None, "vendor_unknown"),
        ("pending", "vendor_pending"),
        ("suspended", "vendor_suspended"),
        ("rejected", "vendor_rejected"),
    ],
)
def test_refusals_say_why(status: str | None, reason: str) -> None:
    with pytest.raises(NotPermitted) as raised:
        ensure_may_sell(status)
    assert raised.value.reason == reason
    ensure_may_sell("verified")
