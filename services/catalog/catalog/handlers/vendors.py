"""vendor.* events keep the catalog's copy of each vendor (and so its products' listing) current."""
from __future__ import annotations

from servicekit.events.envelope import Envelope
from servicekit.storage import UnitOfWorkFactory

from catalog.application.vendor_sync import apply_vendor_event


def on_vendor_event(uows: UnitOfWorkFactory, envelope: Envelope) -> None:
    # Every vendor event carries the whole profile and its version, so all are applied alike.
    with uows() as uow:
        apply_vendor_event(uow, envelope.type, envelope.data)
        uow.commit()
