"""The embedded mode's demonstration invoices and payments (filled in below)."""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from servicekit.service import ServiceRuntime


def load_demo_data(runtime: "ServiceRuntime") -> None:
    return None
