"""Who may act on which product: a vendor on its own, admins on all; the others only read what is
listed. Another vendor's product is *missing* to a vendor, so ids cannot be probed."""
from __future__ import annotations

from servicekit.auth import Principal

from catalog.domain.errors import NotPermitted

OVERSEERS = ("admin", "auditor")
"""Roles that see every product, listed or not (the auditor reads, never writes)."""


def own_vendor_id(caller: Principal) -> str:
    """The vendor a vendor token acts for; refused when the token names none."""
    if not caller.has_any("vendor") or not caller.vendor_id:
        raise NotPermitted("this token acts for no vendor (no vendor_id claim)", "no_vendor")
    return caller.vendor_id


def owns(caller: Principal, vendor_id: str) -> bool:
    return caller.has_any("vendor") and caller.vendor_id == vendor_id


def may_see_unlisted(caller: Principal, vendor_id: str) -> bool:
    """Products that are pending, rejected, withdrawn or hidden: their vendor and overseers only."""
    return caller.has_any(*OVERSEERS) or owns(caller, vendor_id)
