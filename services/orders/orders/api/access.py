"""Who may see and act on which order or package: the service's one access policy.

Procurement officers see their work unit's orders and act on those of the packages assigned to them;
a commitment officer sees and acts only on orders of packages assigned to it; a vendor sees and acts
on its own orders (never drafts); budget holders read their work unit; auditors read everything.
Anything else answers 404, never 403, so ids cannot be probed.
"""
from __future__ import annotations

from servicekit.auth.principal import Principal
from servicekit.http.problems import NotFound

from orders.application.reading import OrderWithPackage
from orders.domain.lifecycle import State
from orders.domain.packages import Package

PROCUREMENT_OFFICER, COMMITMENT_OFFICER, BUDGET_HOLDER = "procurement_officer", "commitment_officer", "budget_holder"
VENDOR, AUDITOR = "vendor", "auditor"
READERS = (PROCUREMENT_OFFICER, COMMITMENT_OFFICER, BUDGET_HOLDER, VENDOR, AUDITOR)


def sees_order(principal: Principal, found: OrderWithPackage) -> bool:
    order, package = found.order, found.package
    if principal.has_any(AUDITOR):
        return True
    if principal.has_any(VENDOR) and principal.vendor_id == order.vendor_id and order.state is not State.DRAFT:
        return True
    if principal.has_any(PROCUREMENT_OFFICER, BUDGET_HOLDER) and principal.work_unit == order.work_unit:
        return True
    return principal.has_any(COMMITMENT_OFFICER) and package is not None and package.commitment_officer == principal.subject


def ensure_buyer(principal: Principal, found: OrderWithPackage | None) -> OrderWithPackage:
    """The procurement officer of the order's work unit, on a package assigned to it."""
    if (
        found is None
        or not principal.has_any(PROCUREMENT_OFFICER)
        or principal.work_unit != found.order.work_unit
        or found.package is None
        or not found.package.assigned_to_officer(principal.subject)
    ):
        raise NotFound("order not found")
    return found


def ensure_approver(principal: Principal, found: OrderWithPackage | None) -> OrderWithPackage:
    if found is None or found.package is None or found.package.commitment_officer != principal.subject:
        raise NotFound("order not found")
    return found


def ensure_vendor(principal: Principal, found: OrderWithPackage | None) -> OrderWithPackage:
    if found is None or principal.vendor_id != found.order.vendor_id or found.order.state is State.DRAFT:
        raise NotFound("order not found")
    return found


def ensure_reader(principal: Principal, found: OrderWithPackage | None) -> OrderWithPackage:
    if found is None or not sees_order(principal, found):
        raise NotFound("order not found")
    return found


def sees_package(principal: Principal, package: Package | None) -> Package:
    if package is not None and (
        principal.has_any(AUDITOR)
        or (principal.has_any(BUDGET_HOLDER) and principal.work_unit == package.work_unit)
        or (principal.has_any(COMMITMENT_OFFICER) and package.commitment_officer == principal.subject)
        or (principal.has_any(PROCUREMENT_OFFICER) and principal.work_unit == package.work_unit and package.assigned_to_officer(principal.subject))
    ):
        return package
    raise NotFound("package not found")


def work_unit_of(principal: Principal) -> str:
    """The work unit a budget holder or officer acts for; a token without one sees nothing."""
    if not principal.work_unit:
        raise NotFound("not found")
    return principal.work_unit
