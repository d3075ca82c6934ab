"""Field types for the catalog's request bodies and query strings."""
from __future__ import annotations

import re
from typing import Any

from marshmallow import ValidationError, fields

# NUL and the other C0 control characters (tab, newline and carriage return aside) have no place in
# a product name or a search; PostgreSQL refuses NUL in text outright.
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class Text(fields.String):
    """A string without control characters."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> str:
        text = super()._deserialize(value, attr, data, **kwargs)
        if _CONTROL_CHARACTERS.search(text):
            raise ValidationError("control characters are not allowed")
        return text
