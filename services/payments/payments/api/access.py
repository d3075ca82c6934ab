"""Who may see and do what with invoices and payments: the service's one access policy.

Treasurers and budget holders act on their own work unit's invoices and payments; a vendor reads its
own; auditors read everything and never write. Anything else answers 404, never 403, so ids cannot
be probed.
"""
from __future__ import annotations

from servicekit.auth.principal import Principal
from servicekit.http.problems import NotFound

TREASURER, BUDGET_HOLDER, VENDOR, AUDITOR = "treasurer", "budget_holder", "vendor", "auditor"
READERS = (TREASURER, BUDGET_HOLDER, VENDOR, AUDITOR)


def may_see(principal: Principal, work_unit: str, vendor_id: str) -> bool:
    if principal.has_any(AUDITOR):
        return True
    if principal.has_any(TREASURER, BUDGET_HOLDER) and principal.work_unit == work_unit:
        return True
    return principal.has_any(VENDOR) and principal.vendor_id == vendor_id


def ensure_sees(principal: Principal, work_unit: str, vendor_id: str, what: str) -> None:
    if not may_see(principal, work_unit, vendor_id):
        raise NotFound(f"{what} not found")


def ensure_acts(principal: Principal, role: str, *, work_unit: str | None = None, vendor_id: str | None = None, what: str) -> None:
    """The caller holds ``role`` for this object's work unit (or is this vendor); else 404."""
    acts = principal.has_any(role) and (
        (work_unit is not None and principal.work_unit == work_unit) or (vendor_id is not None and principal.vendor_id == vendor_id)
    )
    if not acts:
        raise NotFound(f"{what} not found")


def listing_scope(principal: Principal, requested_work_unit: str | None) -> tuple[str | None, str | None]:
    """(work unit, vendor) a listing is limited to: auditors choose, the others see their own."""
    if principal.has_any(AUDITOR):
        return requested_work_unit, None
    if principal.has_any(TREASURER, BUDGET_HOLDER) and principal.work_unit:
        return principal.work_unit, None
    if principal.has_any(VENDOR) and principal.vendor_id:
        return None, principal.vendor_id
    raise NotFound("nothing to list")


def work_unit_scope(principal: Principal, requested: str | None) -> str | None:
    """A work unit's reports: auditors read any (or all); treasurers and budget holders their own."""
    if principal.has_any(AUDITOR):
        return requested
    if principal.has_any(TREASURER, BUDGET_HOLDER) and principal.work_unit and requested in (None, principal.work_unit):
        return principal.work_unit
    raise NotFound("work unit not found")
