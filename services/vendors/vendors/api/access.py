"""Who may see and change which vendor.

Admins and auditors see every vendor in full; a vendor sees itself in full; everyone else (the public
and the other roles) sees verified vendors only, in the public view. A vendor that is not the caller's
and not public answers 404, never 403, so vendor ids cannot be probed. Auditors never write.
"""
from __future__ import annotations

from servicekit.auth.principal import Principal
from servicekit.http.problems import Forbidden, NotFound, Unauthorized

from vendors.domain.lifecycle import Status
from vendors.domain.vendor import Vendor

ADMIN, AUDITOR, VENDOR = "admin", "auditor", "vendor"


def sees_every_vendor(principal: Principal) -> bool:
    return principal.has_any(ADMIN, AUDITOR)


def is_the_vendor(principal: Principal, vendor_id: str) -> bool:
    return principal.has_any(VENDOR) and principal.vendor_id == vendor_id


def sees_full_profile(principal: Principal, vendor_id: str) -> bool:
    return sees_every_vendor(principal) or is_the_vendor(principal, vendor_id)


def profile_view(principal: Principal, vendor: Vendor) -> bool:
    """Whether the caller sees the full profile (True) or the public view (False); a vendor that is
    neither the caller's nor public answers 404."""
    full = sees_full_profile(principal, vendor.id)
    if not (full or vendor.status is Status.VERIFIED):
        raise NotFound("vendor not found")
    return full


def ensure_may_manage(principal: Principal, vendor_id: str) -> None:
    """For routes open to admins and vendors (``require_roles`` has checked that): a vendor manages only itself."""
    if not (principal.has_any(ADMIN) or is_the_vendor(principal, vendor_id)):
        raise NotFound("vendor not found")


def ensure_not_read_only(principal: Principal) -> None:
    """For public writes (self-registration): an auditor's token never writes, even where no token is needed."""
    if principal.has_any(AUDITOR) and not principal.has_any(ADMIN):
        raise Forbidden("auditors have read-only access")


def listable_status(principal: Principal, requested: str | None) -> Status | None:
    """The status a listing is limited to: the one requested (or any) for admins and auditors; verified
    for everyone else, who may not ask for another (401 without a token, 403 with one)."""
    if sees_every_vendor(principal):
        return None if requested is None else Status(requested)
    if requested not in (None, Status.VERIFIED.value):
        if not principal.is_authenticated:
            raise Unauthorized("listing vendors that are not verified requires an admin or auditor token")
        raise Forbidden("only admins and auditors list vendors that are not verified")
    return Status.VERIFIED
