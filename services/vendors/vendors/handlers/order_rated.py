"""``order.rated``: a buyer rated a vendor after an order; the rating read model takes it in."""
from __future__ import annotations

from servicekit.events.consumer import PoisonMessage
from servicekit.events.envelope import Envelope

from vendors.application.ratings import record_rating
from vendors.application.reading import Vendors
from vendors.domain.ratings import rating_from_event
from vendors.domain.validation import InvalidValue


def on_order_rated(uows: Vendors, envelope: Envelope) -> None:
    try:
        rating = rating_from_event(envelope.data)
    except InvalidValue as exc:
        raise PoisonMessage(str(exc)) from exc  # retrying cannot fix it: straight to the dead letters
    record_rating(uows, rating)
