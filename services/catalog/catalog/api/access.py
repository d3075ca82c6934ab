"""Who may see and do what with products: the catalog's one access policy.

A vendor acts on its own products, admins on all; admins and auditors (the overseers) see every
product, listed or not, and its pending revision (the auditor reads, never writes). Everyone else
sees listed products only. Another vendor's product, or an unlisted one, is *missing* to the caller,
never forbidden, so ids cannot be probed.
"""
from __future__ import annotations

from dataclasses import replace

from servicekit.auth import Principal

from catalog.domain.errors import Missing, NotPermitted
from catalog.domain.products import Product
from catalog.domain.shown import ShownProduct

ADMIN, AUDITOR, VENDOR = "admin", "auditor", "vendor"
OVERSEERS = (ADMIN, AUDITOR)


def own_vendor_id(caller: Principal) -> str:
    """The vendor a vendor token acts for; refused when the token names none."""
    if not caller.has_any(VENDOR) or not caller.vendor_id:
        raise NotPermitted("this token acts for no vendor (no vendor_id claim)", "no_vendor")
    return caller.vendor_id


def withdrawing_for(caller: Principal) -> str | None:
    """Whose products the caller may withdraw: any (None) for an admin, its own for a vendor."""
    return None if caller.has_any(ADMIN) else own_vendor_id(caller)


def owns(caller: Principal, vendor_id: str) -> bool:
    return caller.has_any(VENDOR) and caller.vendor_id == vendor_id


def may_see_unlisted(caller: Principal, vendor_id: str) -> bool:
    """Products that are pending, rejected, withdrawn or hidden: their vendor and overseers only."""
    return caller.has_any(*OVERSEERS) or owns(caller, vendor_id)


def may_see(caller: Principal, product: Product) -> bool:
    return product.listed or may_see_unlisted(caller, product.vendor_id)


def shown_to(caller: Principal, shown: ShownProduct | None) -> ShownProduct:
    """The product as the caller may see it (the pending revision only for its vendor and the
    overseers); missing alike for no product and for another vendor's unlisted one."""
    if shown is None or not may_see(caller, shown.product):
        raise Missing("product")
    if shown.revision is not None and not may_see_unlisted(caller, shown.product.vendor_id):
        return replace(shown, revision=None)
    return shown


def ensure_sees_products_of(caller: Principal, vendor_id: str) -> None:
    """All of a vendor's products, in any state: the vendor itself and the overseers."""
    if not may_see_unlisted(caller, vendor_id):
        raise Missing("vendor")
