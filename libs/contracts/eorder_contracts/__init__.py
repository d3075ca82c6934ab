"""The only thing services share about each other: the events they publish.

Each event type has ``schemas/<type>.v<version>.schema.json`` (JSON Schema 2020-12 of the ``data``
member of the CloudEvents envelope) and ``examples/<type>.json`` (a whole envelope). Payloads are
additive: a new optional field keeps the version; removing or changing a field needs a new version.
"""
from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).parent
SCHEMA_DIR = PACKAGE_DIR / "schemas"
EXAMPLES_DIR = PACKAGE_DIR / "examples"

# Which service publishes which event types (by prefix); the AsyncAPI document is built from it.
PUBLISHERS = {
    "vendor": "vendors",
    "product": "catalog",
    "stock": "catalog",
    "order": "orders",
    "invoice": "payments",
    "payment": "payments",
}
