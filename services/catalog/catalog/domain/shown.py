"""A product as it is shown: with its vendor, the reference price of its category and unit, and (for
those who may see it) the revision awaiting curation."""
from __future__ import annotations

from dataclasses import dataclass

from catalog.domain.curation import Revision
from catalog.domain.products import Product
from catalog.domain.vendors import VendorSummary


@dataclass(frozen=True)
class ShownProduct:
    product: Product
    vendor: VendorSummary
    reference_price: int | None
    """The median approved price of the product's category and unit; None when it has no group yet."""
    revision: Revision | None = None
    """The open revision, for those who may see it."""
