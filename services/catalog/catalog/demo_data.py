"""The embedded mode's demonstration catalogue: 24 Jakarta UMKM and their 332 products, approved.
The vendors are in demo_vendors.csv, the products they sell (at usual Jakarta prices) in
demo_products.csv; each vendor sells the products of the categories it offers at its own price.

The demo loader runs at start-up, before any worker consumes events, so it cannot wait for the
vendors service's vendor.verified events. It writes its own copy of the demo vendors instead, marked
``seeded`` with version 0: the real events (version 1 on) replace them as they arrive. That only
works because both services derive a demo vendor's id the same way, from its business name:

    uuid.uuid5(DEMO_VENDOR_NAMESPACE, "<business name>")

Vendors and products go through the same use cases as events and requests do (seed, create, then
approve), in one transaction, so every demo product obeys the catalog's rules. Loading is
idempotent: a vendor that already has products is left as it is.
"""
from __future__ import annotations

import csv
import hashlib
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import structlog

from servicekit.actors import Actor
from servicekit.storage import utcnow

from catalog.application.curation import curate
from catalog.application.products import create_product
from catalog.application.queries import Catalog
from catalog.application.vendor_sync import seed_vendor
from catalog.domain.curation import Decision
from catalog.domain.products import Fulfilment, ProductDetails
from catalog.domain.vendors import SEEDED_VERSION, VendorCopy, VendorProfile, VendorStatus
from catalog.storage.unit_of_work import CatalogUnitOfWork

if TYPE_CHECKING:
    from servicekit.service import ServiceRuntime

log = structlog.get_logger(__name__)

DEMO_ACTOR = Actor.system("demo-data")
DEMO_VENDOR_NAMESPACE = uuid.UUID("6f1c1a52-4b7e-4c59-9a8e-0d8c7c3e2b10")
PHOTO_HOST = "https://images.open-eorder.id/demo"
DATA_DIR = Path(__file__).parent


def demo_vendor_id(business_name: str) -> str:
    return str(uuid.uuid5(DEMO_VENDOR_NAMESPACE, business_name))


@dataclass(frozen=True)
class DemoVendor:
    """A row of demo_vendors.csv."""

    name: str
    scale: str
    kelurahan: str
    kecamatan: str
    city: str
    business_categories: tuple[str, ...]
    offers: tuple[str, ...]
    """The leaf categories it sells in."""
    pkp: bool
    jakpreneur: bool


@dataclass(frozen=True)
class Template:
    """A row of demo_products.csv: a product as Jakarta UMKM commonly sell it, at its usual price."""

    category: str
    name: str
    unit: str
    price: int
    min_order_quantity: int
    description: str


def _rows(file_name: str) -> list[dict[str, str]]:
    with (DATA_DIR / file_name).open(newline="", encoding="utf-8") as data:
        return list(csv.DictReader(data))


def _read_vendors() -> tuple[DemoVendor, ...]:
    return tuple(
        DemoVendor(
            name=row["name"],
            scale=row["scale"],
            kelurahan=row["kelurahan"],
            kecamatan=row["kecamatan"],
            city=row["city"],
            business_categories=tuple(row["business_categories"].split()),
            offers=tuple(row["offers"].split()),
            pkp=row["pkp"] == "yes",
            jakpreneur=row["jakpreneur"] == "yes",
        )
        for row in _rows("demo_vendors.csv")
    )


def _read_templates() -> tuple[Template, ...]:
    return tuple(
        Template(
            category=row["category"],
            name=row["name"],
            unit=row["unit"],
            price=int(row["price"]),
            min_order_quantity=int(row["min_order_quantity"]),
            description=row["description"],
        )
        for row in _rows("demo_products.csv")
    )


DEMO_VENDORS = _read_vendors()
TEMPLATES = _read_templates()

# Leaf categories whose goods are kept on hand; the rest (food, print, tailoring, services) are made
# for each order and counted against a daily capacity.
STOCKED_CATEGORIES = frozenset(
    {
        "stationery",
        "paper",
        "toner-ink",
        "filing-supplies",
        "handicrafts",
        "plaques-trophies",
        "cleaning-supplies",
        "beverages",
    }
)


def load_demo_data(runtime: "ServiceRuntime") -> None:
    """Seed the demo vendors and create and approve their products, in one transaction."""
    uows = runtime.uow
    with uows.transaction() as demo_set:
        halal = demo_set.categories.slugs_requiring_halal()
        loaded = [vendor for vendor in DEMO_VENDORS if _load_vendor(uows, demo_set, vendor, halal)]
        demo_set.commit()
    log.info("demo products loaded", vendors=len(loaded))


def demo_products(vendor: DemoVendor, halal_categories: frozenset[str]) -> list[ProductDetails]:
    """The vendor's products: each template of its categories at the vendor's own price, with the
    vendor's halal certificate where the category requires one."""
    return [
        _details(vendor, template, requires_halal=template.category in halal_categories)
        for template in TEMPLATES
        if template.category in vendor.offers
    ]


def _load_vendor(uows: Catalog, demo_set: CatalogUnitOfWork, vendor: DemoVendor, halal_categories: frozenset[str]) -> bool:
    """Seed the vendor and its products, unless it has products already; answers whether it loaded."""
    vendor_id = demo_vendor_id(vendor.name)
    seed_vendor(uows, _vendor_copy(vendor_id, vendor))
    if demo_set.products.any_of_vendor(vendor_id):
        return False
    for details in demo_products(vendor, halal_categories):
        created = create_product(uows, details, vendor_id=vendor_id, actor=DEMO_ACTOR)
        curate(uows, created.product.id, Decision.APPROVE, ["demonstration data"], actor=DEMO_ACTOR)
    return True


def _vendor_copy(vendor_id: str, vendor: DemoVendor) -> VendorCopy:
    profile = VendorProfile(
        name=vendor.name,
        status=VendorStatus.VERIFIED,
        scale=vendor.scale,
        kelurahan=vendor.kelurahan,
        kecamatan=vendor.kecamatan,
        city=vendor.city,
        pkp=vendor.pkp,
        categories=vendor.business_categories,
        jakpreneur=vendor.jakpreneur,
        reason=None,
    )
    return VendorCopy(id=vendor_id, version=SEEDED_VERSION, profile=profile, seeded=True, updated_at=utcnow())


def _details(vendor: DemoVendor, template: Template, *, requires_halal: bool) -> ProductDetails:
    spread = _spread(vendor.name, template.name)
    stocked = template.category in STOCKED_CATEGORIES
    return ProductDetails(
        name=template.name,
        description=f"{template.description} Oleh {vendor.name}, {vendor.kecamatan}.",
        category=template.category,
        unit=template.unit,
        price=_price(template.price, spread),
        min_order_quantity=template.min_order_quantity,
        fulfilment=Fulfilment.FROM_STOCK if stocked else Fulfilment.MADE_TO_ORDER,
        stock=50 + spread % 450 if stocked else None,
        daily_capacity=None if stocked else max(template.min_order_quantity * 5, 10 + spread % 290),
        lead_time_days=0 if stocked else 1 + spread % 3,
        halal_certificate=_halal_certificate(vendor) if requires_halal else None,
        photo_urls=(f"{PHOTO_HOST}/{template.category}/{spread % 5 + 1}.jpg",),
        local_content_percent=40 + spread % 61,
    )


def _halal_certificate(vendor: DemoVendor) -> str:
    """One BPJPH-shaped number per vendor (a certificate covers a kitchen's products)."""
    return f"ID3171{_spread(vendor.name, 'halal') % 10**13:013d}"


def _spread(vendor_name: str, product_name: str) -> int:
    """A stable pseudo-random number per vendor and product, so every load gives the same data."""
    return int(hashlib.sha256(f"{vendor_name}|{product_name}".encode()).hexdigest()[:8], 16)


def _price(base: int, spread: int) -> int:
    """Within 15% of the usual Jakarta price; one product in 25 marked up 70-110%, so the reference
    price flag has something to show."""
    factor = 0.85 + (spread % 31) / 100
    if spread % 25 == 0:
        factor = 1.7 + (spread % 41) / 100
    step = 500 if base >= 10000 else 100
    return max(step, round(base * factor / step) * step)
