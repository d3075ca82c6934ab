"""What a vendor states about a product, and the rules over it: units, halal certificates in food
categories, photos, and how its supply is counted (stock on hand, or a daily capacity)."""
from __future__ import annotations

import re
from dataclasses import dataclass, fields, replace
from datetime import datetime
from enum import StrEnum
from typing import Any, Mapping
from urllib.parse import urlsplit

from catalog.domain.curation import CurationState
from catalog.domain.errors import RuleViolation

UNITS = (
    "pcs",
    "unit",
    "box",
    "pax",
    "porsi",
    "pack",
    "set",
    "lusin",
    "rim",
    "lembar",
    "kg",
    "gram",
    "liter",
    "meter",
    "m2",
    "hour",
    "day",
)
"""The allow-list of units a price can be for; a free-text unit would make prices incomparable."""

MAX_PHOTOS = 8
MAX_URL_LENGTH = 2048

# BPJPH certificates (since 2019) read "ID" and 14 to 17 digits, e.g. ID31110000123450823; MUI
# certificates still in force read 14 digits. This checks the form only: curators check the number
# itself on halal.go.id.
HALAL_CERTIFICATE_PATTERN = re.compile(r"^(?:ID\d{14,17}|\d{14})$")


class Fulfilment(StrEnum):
    FROM_STOCK = "from_stock"
    """Goods on hand: a reservation takes units from ``stock``; a release gives them back."""
    MADE_TO_ORDER = "made_to_order"
    """Made for each order (nasi kotak, spanduk): the vendor can take ``daily_capacity`` units of
    orders per day, counted on the day the order was submitted."""


@dataclass(frozen=True)
class ProductDetails:
    """Everything a vendor states about a product (the server adds its id, state and version)."""

    name: str
    description: str
    category: str
    unit: str
    price: int
    min_order_quantity: int
    fulfilment: str
    stock: int | None
    daily_capacity: int | None
    lead_time_days: int
    halal_certificate: str | None
    photo_urls: tuple[str, ...]
    local_content_percent: int

    @classmethod
    def field_names(cls) -> tuple[str, ...]:
        return tuple(f.name for f in fields(cls))

    def changed(self, changes: Mapping[str, Any]) -> "ProductDetails":
        values = {name: getattr(self, name) for name in self.field_names()}
        unknown = set(changes) - set(values)
        if unknown:
            raise ValueError(f"not product details: {', '.join(sorted(unknown))}")
        values.update(changes)
        values["photo_urls"] = tuple(values["photo_urls"])
        return ProductDetails(**values)


@dataclass(frozen=True)
class Product:
    """A product as the catalog keeps it: what its vendor stated, where curation left it, and the two
    flags the rules keep (``listed``: catalog.domain.visibility; ``has_supply``: :func:`has_supply`)."""

    id: str
    vendor_id: str
    category_id: str
    details: ProductDetails
    """The live version: what buyers see once approved (a pending revision waits apart)."""
    state: CurationState
    listed: bool
    has_supply: bool
    version: int
    rejection_reasons: tuple[str, ...] | None
    awaiting_curation_since: datetime | None
    created_at: datetime
    updated_at: datetime

    @property
    def available(self) -> bool:
        """Listed, and its supply covers the minimum order quantity."""
        return self.listed and self.has_supply

    def revised(self, at: datetime, **changes: Any) -> "Product":
        """The product with ``changes``, counted as its next version."""
        return replace(self, **changes, version=self.version + 1, updated_at=at)


MATERIAL_FIELDS = ("name", "description", "category", "unit", "price", "halal_certificate")
"""Changes to these are what buyers rely on, so an admin approves them before buyers see them."""


def material_differences(live: ProductDetails, proposed: ProductDetails) -> dict[str, Any]:
    """The material fields in which ``proposed`` differs from what buyers see now."""
    return {name: getattr(proposed, name) for name in MATERIAL_FIELDS if getattr(proposed, name) != getattr(live, name)}


def check_product(details: ProductDetails, *, category_requires_halal: bool) -> None:
    """Every rule over a product's whole state; raises with all the fields at fault at once."""
    errors: dict[str, list[str]] = {}
    if details.unit not in UNITS:
        errors.setdefault("unit", []).append(f"must be one of: {', '.join(UNITS)}")
    _check_halal(details, category_requires_halal, errors)
    _check_supply(details, errors)
    _check_photos(details.photo_urls, errors)
    if errors:
        raise RuleViolation(errors)


def _check_halal(details: ProductDetails, requires_halal: bool, errors: dict[str, list[str]]) -> None:
    certificate = details.halal_certificate
    if certificate is None:
        if requires_halal:
            errors.setdefault("halal_certificate", []).append("required for products in this food category")
    elif not HALAL_CERTIFICATE_PATTERN.match(certificate):
        errors.setdefault("halal_certificate", []).append(
            "must be a BPJPH number (ID followed by 14 to 17 digits) or an MUI number (14 digits)"
        )


def _check_supply(details: ProductDetails, errors: dict[str, list[str]]) -> None:
    if details.fulfilment == Fulfilment.FROM_STOCK:
        if details.stock is None:
            errors.setdefault("stock", []).append("required for goods sold from stock")
        if details.daily_capacity is not None:
            errors.setdefault("daily_capacity", []).append(
                "only for made-to-order goods; goods from stock have a stock"
            )
    elif details.fulfilment == Fulfilment.MADE_TO_ORDER:
        if details.daily_capacity is None:
            errors.setdefault("daily_capacity", []).append("required for made-to-order goods")
        elif details.daily_capacity < details.min_order_quantity:
            errors.setdefault("daily_capacity", []).append("a day's capacity must cover the minimum order quantity")
        if details.stock is not None:
            errors.setdefault("stock", []).append(
                "only for goods from stock; made-to-order goods have a daily capacity"
            )
    else:
        errors.setdefault("fulfilment", []).append(f"must be one of: {', '.join(Fulfilment)}")


def _check_photos(urls: tuple[str, ...], errors: dict[str, list[str]]) -> None:
    if len(urls) > MAX_PHOTOS:
        errors.setdefault("photo_urls", []).append(f"at most {MAX_PHOTOS} photos")
    if len(set(urls)) != len(urls):
        errors.setdefault("photo_urls", []).append("the same photo is listed twice")
    for index, url in enumerate(urls):
        if not is_safe_photo_url(url):
            errors.setdefault(f"photo_urls.{index}", []).append(
                "must be an https URL to an image host, without credentials"
            )


def is_safe_photo_url(url: str) -> bool:
    """https only (buyers' browsers load these), a real host name, no user:password part."""
    if len(url) > MAX_URL_LENGTH or any(c.isspace() for c in url):
        return False
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:
        return False
    return parts.scheme == "https" and bool(host) and "." in (host or "") and "@" not in parts.netloc


def details_have_supply(details: ProductDetails) -> bool:
    return has_supply(details.fulfilment, details.stock, details.daily_capacity, details.min_order_quantity)


def has_supply(fulfilment: str, stock: int | None, daily_capacity: int | None, min_order_quantity: int) -> bool:
    """Whether an order of the minimum quantity could be filled: stock (or a day's capacity) covers it."""
    supply = stock if fulfilment == Fulfilment.FROM_STOCK else daily_capacity
    return supply is not None and supply >= min_order_quantity
