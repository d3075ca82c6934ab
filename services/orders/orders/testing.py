"""Events and request bodies that orders' own, other services' and end-to-end tests reuse."""
from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta
from fractions import Fraction
from typing import Any

from orders.domain.amounts import amounts_of
from orders.domain.lifecycle import State
from orders.domain.order import Line, Order


def vendor_snapshot(vendor_id: str | None = None, *, version: int = 1, status: str = "verified", pkp: bool = True,
                    jakpreneur: bool = True, name: str = "Dapur Bu Sari") -> dict[str, Any]:
    """What a vendor.* event carries."""
    return {
        "id": vendor_id or str(uuid.uuid4()),
        "version": version,
        "name": name,
        "status": status,
        "scale": "micro",
        "kelurahan": "Cempaka Putih Timur",
        "kecamatan": "Cempaka Putih",
        "city": "Jakarta Pusat",
        "pkp": pkp,
        "categories": ["snack-box"],
        "jakpreneur": jakpreneur,
        "reason": None,
    }


def product_face(vendor_id: str, *, product_id: str | None = None, price: int = 50_000, version: int = 1,
                 available: bool = True, name: str = "Nasi kotak ayam bakar", **extra: Any) -> dict[str, Any]:
    """What a product.* event carries (``extra``: the optional lead time and minimum quantity)."""
    return {
        "id": product_id or str(uuid.uuid4()),
        "vendor_id": vendor_id,
        "name": name,
        "unit": "pax",
        "price": price,
        "category": "nasi-kotak",
        "available": available,
        "version": version,
        **extra,
    }


def package_body(**overrides: Any) -> dict[str, Any]:
    return {
        "rup_code": f"RUP-{uuid.uuid4().hex[:10].upper()}",
        "name": "Konsumsi rapat koordinasi",
        "budget_account": "5.1.02.01.01.0052",
        "fiscal_year": 2026,
        "amount": 100_000_000,
        **overrides,
    }


def draft_body(package_id: str, lines: list[tuple[str, int]], *, days_ahead: int = 30, **overrides: Any) -> dict[str, Any]:
    return {
        "package_id": package_id,
        "lines": [{"product_id": product_id, "quantity": quantity} for product_id, quantity in lines],
        "delivery_address": "Jl. Perintis Kemerdekaan No. 2, Jakarta Pusat",
        "requested_delivery_date": (date.today() + timedelta(days=days_ahead)).isoformat(),
        **overrides,
    }


def order_in(state: State, *, at: datetime, lines: tuple[tuple[int, int], ...] = ((10, 50_000),), **changes: Any) -> Order:
    """An order of one vendor in ``state``, last changed ``at`` (lines: (quantity, unit price))."""
    ordered = tuple(
        Line(str(uuid.uuid5(uuid.NAMESPACE_OID, str(i))), f"Produk {i}", "pax", "nasi-kotak", quantity, price)
        for i, (quantity, price) in enumerate(lines)
    )
    values: dict[str, Any] = dict(
        id=str(uuid.uuid4()),
        work_unit="DPPKUKM",
        package_id=str(uuid.uuid4()),
        vendor_id=str(uuid.uuid4()),
        vendor_name="Dapur Bu Sari",
        created_by="po1",
        state=state,
        lines=ordered,
        delivery_address="Jl. Perintis Kemerdekaan No. 2",
        requested_delivery_date=date(2027, 1, 4),
        notes=None,
        vat_registered=True,
        amounts=amounts_of((line.total for line in ordered), vat_registered=True, rate=Fraction(11, 100)),
        created_at=at,
        updated_at=at,
    )
    values.update(changes)
    return Order(**values)
