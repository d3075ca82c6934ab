"""Answering with an order or a package as the API shows them."""
from __future__ import annotations

from typing import Any

from orders.domain.order import Order
from orders.domain.packages import Package


def order_body(order: Order) -> dict[str, Any]:
    return order.document()


def package_body(package: Package) -> dict[str, Any]:
    return {
        "id": package.id,
        "work_unit": package.work_unit,
        "rup_code": package.rup_code,
        "name": package.name,
        "budget_account": package.budget_account,
        "fiscal_year": package.fiscal_year,
        "amount": package.amount,
        "committed": package.committed,
        "realised": package.realised,
        "remaining": package.remaining,
        "commitment_officer": package.commitment_officer,
        "procurement_officers": list(package.procurement_officers),
        "created_at": package.created_at,
        "updated_at": package.updated_at,
    }
