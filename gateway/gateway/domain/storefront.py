"""Putting a storefront together from what the vendors and catalog services answered (plain data)."""
from __future__ import annotations

from typing import Any, Mapping, Sequence


def storefront(vendor: Mapping[str, Any], products: Sequence[Mapping[str, Any]] | None) -> dict[str, Any]:
    """``products`` is None when the catalog could not be asked: the storefront is then partial.

    The rating travels inside the vendor's profile; it is lifted out so that clients find it at the
    top next to the products.
    """
    profile = {key: value for key, value in vendor.items() if key != "rating"}
    missing = [] if products is not None else ["products"]
    return {
        "vendor": profile,
        "rating": vendor.get("rating"),
        "products": list(products or []),
        "partial": bool(missing),
        "missing": missing,
    }
