"""For tests of the catalog and of what talks to it (end-to-end tests): product bodies that pass
every rule of the products API."""
from __future__ import annotations

from typing import Any


def product_body(**overrides: Any) -> dict[str, Any]:
    """A product from stock in a non-food category; pass ``field=...`` to drop a field."""
    body: dict[str, Any] = {
        "name": "Kertas HVS A4 80gsm",
        "description": "Kertas fotokopi A4 80 gram, satu rim isi 500 lembar.",
        "category": "paper",
        "unit": "rim",
        "price": 55000,
        "min_order_quantity": 1,
        "fulfilment": "from_stock",
        "stock": 100,
        "lead_time_days": 1,
        "photo_urls": ["https://images.example.id/hvs.jpg"],
        "local_content_percent": 60,
    }
    body.update(overrides)
    return {key: value for key, value in body.items() if value is not ...}
