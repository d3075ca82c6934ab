"""vendor.* events keep the catalog's copy of each vendor (and so its products' listing) current."""
from __future__ import annotations

from servicekit.events.envelope import Envelope

from catalog.application.queries import Catalog
from catalog.application.vendor_sync import apply_vendor_event


def on_vendor_event(uows: Catalog, envelope: Envelope) -> None:
    # Every vendor event carries the whole profile and its version, so all are applied alike.
    apply_vendor_event(uows, envelope.type, envelope.data)
