"""What orders knows of the catalog and the vendors: the newest product.* and vendor.* facts."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping


@dataclass(frozen=True)
class Product:
    id: str
    vendor_id: str
    name: str
    unit: str
    price: int
    category: str
    available: bool
    listed: bool
    version: int
    lead_time_days: int | None = None
    min_quantity: int | None = None

    @property
    def orderable(self) -> bool:
        return self.listed and self.available

    @classmethod
    def from_event(cls, data: Mapping[str, Any], *, listed: bool) -> "Product":
        """From a product.* event; lead time and minimum quantity are optional fields of it."""
        return cls(
            id=str(data["id"]),
            vendor_id=str(data["vendor_id"]),
            name=str(data["name"]),
            unit=str(data["unit"]),
            price=int(data["price"]),
            category=str(data["category"]),
            available=bool(data["available"]),
            listed=listed,
            version=int(data["version"]),
            lead_time_days=_optional_int(data.get("lead_time_days")),
            min_quantity=_optional_int(data.get("min_order_quantity", data.get("min_quantity"))),
        )


@dataclass(frozen=True)
class Vendor:
    id: str
    name: str
    status: str
    scale: str
    pkp: bool
    jakpreneur: bool
    version: int

    @property
    def may_sell(self) -> bool:
        return self.status == "verified"

    @classmethod
    def from_event(cls, data: Mapping[str, Any]) -> "Vendor":
        return cls(
            id=str(data["id"]),
            name=str(data["name"]),
            status=str(data["status"]),
            scale=str(data["scale"]),
            pkp=bool(data["pkp"]),
            jakpreneur=bool(data["jakpreneur"]),
            version=int(data["version"]),
        )


def _optional_int(value: Any) -> int | None:
    return None if value is None else int(value)
