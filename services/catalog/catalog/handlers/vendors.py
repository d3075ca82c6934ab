"""vendor.* events keep the catalog's copy of each vendor (and so its products' listing) current."""
from __future__ import annotations

from servicekit.events.envelope import Envelope
from servicekit.storage import UnitOfWork

from catalog.application.vendor_sync import apply_vendor_event

VENDOR_EVENT_TYPES = (
    "vendor.registered",
    "vendor.updated",
    "vendor.verified",
    "vendor.rejected",
    "vendor.resubmitted",
    "vendor.suspended",
    "vendor.reinstated",
)


def on_vendor_event(uow: UnitOfWork, envelope: Envelope) -> None:
    # Every vendor event carries the whole profile and its version, so all are applied alike.
    apply_vendor_event(uow, envelope.type, envelope.data)
