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


class ReceivedLine(TypedDict):
    product_id: str
    name: str
    unit: str
    quantity: int
    unit_price: int
    line_total: int


class OrderReceived(TypedDict):
    """The BAST. Payments needs every optional field (it drafts the invoice from them); they are
    optional in v1 only until every publisher sends them."""

    order_id: str
    received_at: str
    work_unit: NotRequired[str]
    vendor_id: NotRequired[str]
    package_id: NotRequired[str]
    rup_code: NotRequired[str]
    budget_account: NotRequired[str]
    bast_number: NotRequired[str]
    bast_digest: NotRequired[str]
    vat_registered: NotRequired[bool]
    supply_kind: NotRequired[str]
    subtotal: NotRequired[int]
    vat: NotRequired[int]
    total: NotRequired[int]
    lines: NotRequired[list[ReceivedLine]]


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


# -- vendors: payment details (bound by payments only) --------------------------------------------
class FinalTaxCertificate(TypedDict):
    number: str
    valid_until: str


class VendorPaymentDetails(TypedDict):
    vendor_id: str
    version: int
    bank_name: str
    bank_code: str
    account_number: str
    holder_name: str
    final_tax_certificate: FinalTaxCertificate | None
    changed_at: str


VENDOR_PAYMENT_DETAILS = EventType("vendor.payment_details", 1, VendorPaymentDetails)


# -- payments: invoices --------------------------------------------------------------------------
class InvoiceDrafted(TypedDict):
    invoice_id: str
    order_id: str
    work_unit: str
    vendor_id: str
    amount: int
    drafted_at: str


class InvoiceSubmitted(TypedDict):
    invoice_id: str
    order_id: str
    work_unit: str
    vendor_id: str
    invoice_number: str
    amount: int
    submitted_at: str


class InvoiceDecided(TypedDict):
    invoice_id: str
    order_id: str
    work_unit: str
    vendor_id: str


class InvoiceReturned(TypedDict):
    invoice_id: str
    order_id: str
    work_unit: str
    vendor_id: str
    reasons: list[str]


INVOICE_DRAFTED = EventType("invoice.drafted", 1, InvoiceDrafted)
INVOICE_SUBMITTED = EventType("invoice.submitted", 1, InvoiceSubmitted)
INVOICE_ACCEPTED = EventType("invoice.accepted", 1, InvoiceDecided)
INVOICE_RETURNED = EventType("invoice.returned", 1, InvoiceReturned)


# -- payments: payments --------------------------------------------------------------------------
class PaymentFigures(TypedDict):
    payment_id: str
    invoice_id: str
    order_id: str
    work_unit: str
    vendor_id: str
    method: str
    gross: int
    withheld: int
    net: int


class PaymentSettled(PaymentFigures):
    settled_at: str


class PaymentFailed(PaymentFigures):
    reason: str


class PaymentDue(TypedDict):
    """An invoice's payment deadline: ``payment_id`` and ``method`` are null until a payment starts."""

    payment_id: str | None
    invoice_id: str
    order_id: str
    work_unit: str
    vendor_id: str
    method: str | None
    gross: int
    withheld: int
    net: int
    due_at: str


PAYMENT_REQUESTED = EventType("payment.requested", 1, PaymentFigures)
PAYMENT_APPROVED = EventType("payment.approved", 1, PaymentFigures)
PAYMENT_SETTLED = EventType("payment.settled", 1, PaymentSettled)
PAYMENT_FAILED = EventType("payment.failed", 1, PaymentFailed)
PAYMENT_REMINDER = EventType("payment.reminder", 1, PaymentDue)
PAYMENT_OVERDUE = EventType("payment.overdue", 1, PaymentDue)

ALL: tuple[EventType[object], ...] = tuple(
    value for value in list(globals().values()) if isinstance(value, EventType)  # type: ignore[misc]
)
"""Every event type defined here (the contract test checks each against its schema)."""
