"""What the audit trail keeps of an object: its shown values as JSON, instants as ISO 8601 text."""
from __future__ import annotations

from datetime import datetime
from typing import Any, Mapping


def audit_values(values: Mapping[str, Any]) -> dict[str, Any]:
    return {key: value.isoformat() if isinstance(value, datetime) else value for key, value in values.items()}
