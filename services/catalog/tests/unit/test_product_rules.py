"""The rules over a product's details, without a database."""
from __future__ import annotations

import pytest

from catalog.domain.errors import RuleViolation
from catalog.domain.products import (
    ProductDetails,
    check_product,
    has_supply,
    is_safe_photo_url,
    material_differences,
)

pytestmark = pytest.mark.unit

PAPER = ProductDetails(
    name="Kertas HVS A4 80gsm",
    description="Satu rim isi 500 lembar",
    category="paper",
    unit="rim",
    price=55000,
    min_order_quantity=1,
    fulfilment="from_stock",
    stock=100,
    daily_capacity=None,
    lead_time_days=1,
    halal_certificate=None,
    photo_urls=("https://images.example.id/hvs.jpg",),
    local_content_percent=60,
)
RICE_BOX = PAPER.changed(
    {
        "name": "Nasi Kotak Ayam Bakar",
        "category": "rice-box",
        "unit": "box",
        "fulfilment": "made_to_order",
        "stock": None,
        "daily_capacity": 200,
        "min_order_quantity": 20,
        "halal_certificate": "ID31710000123450823",
    }
)


def errors_of(details: ProductDetails, *, requires_halal: bool = False) -> dict[str, list[str]]:
    with pytest.raises(RuleViolation) as raised:
        check_product(details, category_requires_halal=requires_halal)
    return raised.value.errors


def test_valid_products_pass() -> None:
    check_product(PAPER, category_requires_halal=False)
    check_product(RICE_BOX, category_requires_halal=True)


def test_a_unit_outside_the_allow_list_is_refused() -> None:
    assert "unit" in errors_of(PAPER.changed({"unit": "karung"}))


def test_food_needs_a_halal_certificate() -> None:
    assert errors_of(RICE_BOX.changed({"halal_certificate": None}), requires_halal=True) == {
        "halal_certificate": ["required for products in this food category"]
    }


@pytest.mark.parametrize("number", ["ID31710000123450823", "ID00110000123456", "00150012345678"])
def test_bpjph_and_mui_certificate_numbers_are_accepted(number: str) -> None:
    check_product(RICE_BOX.changed({"halal_certificate": number}), category_requires_halal=True)


@pytest.mark.parametrize(
    "number", ["halal", "ID123", "id31710000123450823", "ID3171000012345082399", "0015001234567X", ""]
)
def test_malformed_certificate_numbers_are_refused(number: str) -> None:
    assert "halal_certificate" in errors_of(RICE_BOX.changed({"halal_certificate": number}), requires_halal=True)


def test_a_certificate_outside_food_is_allowed_but_still_checked() -> None:
    check_product(PAPER.changed({"halal_certificate": "ID31710000123450823"}), category_requires_halal=False)
    assert "halal_certificate" in errors_of(PAPER.changed({"halal_certificate": "not-a-number"}))


def test_goods_from_stock_need_a_stock_and_no_daily_capacity() -> None:
    assert set(errors_of(PAPER.changed({"stock": None, "daily_capacity": 10}))) == {"stock", "daily_capacity"}


def test_made_to_order_goods_need_a_capacity_covering_the_minimum_order() -> None:
    assert "daily_capacity" in errors_of(RICE_BOX.changed({"daily_capacity": None}), requires_halal=True)
    assert "daily_capacity" in errors_of(RICE_BOX.changed({"daily_capacity": 10}), requires_halal=True)
    assert "stock" in errors_of(RICE_BOX.changed({"stock": 5}), requires_halal=True)


def test_an_unknown_fulfilment_is_refused() -> None:
    assert "fulfilment" in errors_of(PAPER.changed({"fulfilment": "dropship"}))


@pytest.mark.parametrize(
    "url",
    [
        "http://images.example.id/a.jpg",
        "javascript:alert(1)",
        "https://user:secret@images.example.id/a.jpg",
        "https://localhost/a.jpg",
        "https:///a.jpg",
        "ftp://images.example.id/a.jpg",
        "https://images.example.id/a b.jpg",
        "https://images.example.id/" + "a" * 2100,
        "https://[::1/a.jpg",
    ],
)
def test_unsafe_photo_urls_are_refused(url: str) -> None:
    assert not is_safe_photo_url(url)
    assert "photo_urls.0" in errors_of(PAPER.changed({"photo_urls": (url,)}))


def test_at_most_eight_distinct_photos() -> None:
    nine = tuple(f"https://images.example.id/{i}.jpg" for i in range(9))
    assert "photo_urls" in errors_of(PAPER.changed({"photo_urls": nine}))
    check_product(PAPER.changed({"photo_urls": nine[:8]}), category_requires_halal=False)
    assert "photo_urls" in errors_of(PAPER.changed({"photo_urls": (nine[0], nine[0])}))


def test_every_fault_is_reported_at_once() -> None:
    broken = PAPER.changed({"unit": "karung", "stock": None, "photo_urls": ("http://x.id/a.jpg",)})
    assert set(errors_of(broken)) == {"unit", "stock", "photo_urls.0"}


def test_material_differences_name_only_what_buyers_rely_on() -> None:
    changed = PAPER.changed({"price": 57000, "stock": 3, "photo_urls": (), "name": "Kertas HVS A4 80 gram"})
    assert material_differences(PAPER, changed) == {"price": 57000, "name": "Kertas HVS A4 80 gram"}
    assert material_differences(PAPER, PAPER.changed({"stock": 0, "lead_time_days": 3})) == {}


def test_changed_refuses_fields_that_are_not_details() -> None:
    with pytest.raises(ValueError, match="state"):
        PAPER.changed({"state": "approved"})


@pytest.mark.parametrize(
    ("fulfilment", "stock", "capacity", "minimum", "expected"),
    [
        ("from_stock", 10, None, 10, True),
        ("from_stock", 9, None, 10, False),
        ("from_stock", 0, None, 1, False),
        ("made_to_order", None, 50, 20, True),
        ("made_to_order", None, 10, 20, False),
    ],
)
def test_supply_covers_the_minimum_order(
    fulfilment: str, stock: int | None, capacity: int | None, minimum: int, expected: bool
) -> None:
    assert has_supply(fulfilment, stock, capacity, minimum) is expected
