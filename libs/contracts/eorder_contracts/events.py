"""Every event type of the platform, one typed definition each: its name (the routing key), the
version of its data, and the shape of that data as a TypedDict.

Services publish and subscribe with these definitions, never with names typed out by hand, so that a
misspelt type is an import error rather than an event nobody receives. The TypedDicts mirror the JSON
Schemas in ``schemas/`` (which are what other provinces read); a test checks that the two agree.
"""
# No ``from __future__ import annotations`` here: a TypedDict tells its NotRequired fields apart only
# from evaluated annotations.
from dataclasses import dataclass
from typing import Generic, NotRequired, TypedDict, TypeVar

D = TypeVar("D")


@dataclass(frozen=True)
class EventType(Generic[D]):
    name: str
    version: int
    data: type[D]

    def __str__(self) -> str:
        return self.name


# -- vendors -------------------------------------------------------------------------------------
class VendorSnapshot(TypedDict):
    """What every ``vendor.*`` event carries: the vendor's public profile and its version."""

    id: str
    version: int
    name: str
    status: str
    scale: str
    kelurahan: str
    kecamatan: str
    city: str
    pkp: bool
    categories: list[str]
    jakpreneur: bool
    reason: str | None


VENDOR_REGISTERED = EventType("vendor.registered", 1, VendorSnapshot)
VENDOR_UPDATED = EventType("vendor.updated", 1, VendorSnapshot)
VENDOR_VERIFIED = EventType("vendor.verified", 1, VendorSnapshot)
VENDOR_REJECTED = EventType("vendor.rejected", 1, VendorSnapshot)
VENDOR_RESUBMITTED = EventType("vendor.resubmitted", 1, VendorSnapshot)
VENDOR_SUSPENDED = EventType("vendor.suspended", 1, VendorSnapshot)
VENDOR_REINSTATED = EventType("vendor.reinstated", 1, VendorSnapshot)
VENDOR_EVENTS = (
    VENDOR_REGISTERED,
    VENDOR_UPDATED,
    VENDOR_VERIFIED,
    VENDOR_REJECTED,
    VENDOR_RESUBMITTED,
    VENDOR_SUSPENDED,
    VENDOR_REINSTATED,
)


# -- catalog: products ---------------------------------------------------------------------------
class ProductFace(TypedDict):
    """What buyers see of a product: every ``product.*`` event carries it with its version."""

    id: str
    vendor_id: str
    name: str
    unit: str
    price: int
    category: str
    available: bool
    version: int


PRODUCT_LISTED = EventType("product.listed", 1, ProductFace)
PRODUCT_UPDATED = EventType("product.updated", 1, ProductFace)
PRODUCT_DELISTED = EventType("product.delisted", 1, ProductFace)


# -- catalog: stock ------------------------------------------------------------------------------
class ReservedLine(TypedDict):
    product_id: str
    quantity: int
    unit_price: int
    unit: str
    name: str


class StockReserved(TypedDict):
    order_id: str
    lines: list[ReservedLine]
    total: int


class RefusedLine(TypedDict):
    product_id: str
    requested: int
    available: int
    reason: str


class StockReservationFailed(TypedDict):
    order_id: str
    lines: list[RefusedLine]


class ReleasedLine(TypedDict):
    product_id: str
    quantity: int


class StockReleased(TypedDict):
    order_id: str
    lines: list[ReleasedLine]


class StockCommitted(TypedDict):
    order_id: str


STOCK_RESERVED = EventType("stock.reserved", 1, StockReserved)
STOCK_RESERVATION_FAILED = EventType("stock.reservation_failed", 1, StockReservationFailed)
STOCK_RELEASED = EventType("stock.released", 1, StockReleased)
STOCK_COMMITTED = EventType("stock.committed", 1, StockCommitted)


# -- orders --------------------------------------------------------------------------------------
class OrderedLine(TypedDict):
    product_id: str
    quantity: int


class OrderSubmitted(TypedDict):
    order_id: str
    work_unit: str
    vendor_id: str
    lines: list[OrderedLine]
    submitted_at: str


class OrderEnded(TypedDict):
    """An order that ended before delivery (cancelled, declined or rejected) and why."""

    order_id: str
    reason: NotRequired[str | None]


class OrderReceived(TypedDict):
    order_id: str
    received_at: str


class OrderRated(TypedDict):
    order_id: str
    vendor_id: str
    work_unit: str
    rating: int
    comment: NotRequired[str | None]
    rated_at: str


ORDER_SUBMITTED = EventType("order.submitted", 1, OrderSubmitted)
ORDER_CANCELLED = EventType("order.cancelled", 1, OrderEnded)
ORDER_DECLINED = EventType("order.declined", 1, OrderEnded)
ORDER_REJECTED = EventType("order.rejected", 1, OrderEnded)
ORDER_RECEIVED = EventType("order.received", 1, OrderReceived)
ORDER_RATED = EventType("order.rated", 1, OrderRated)

ALL: tuple[EventType[object], ...] = tuple(
    value for value in list(globals().values()) if isinstance(value, EventType)  # type: ignore[misc]
)
"""Every event type defined here (the contract test checks each against its schema)."""
