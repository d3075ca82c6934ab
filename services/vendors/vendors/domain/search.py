"""What a vendor listing asks for: filters and a sort key, as the API parsed them."""
from __future__ import annotations

from dataclasses import dataclass

from vendors.domain.lifecycle import Status


SORTS = ("name", "-name", "created_at", "-created_at")
"""The orders a listing can be sorted in (a leading ``-`` reverses one)."""


@dataclass(frozen=True)
class VendorSearch:
    """Filters of a vendor listing; None means "any"."""

    status: Status | None = None
    scale: str | None = None
    city: str | None = None
    kecamatan: str | None = None
    category: str | None = None
    text: str | None = None
    """Part of the name, case-insensitive (and, when ``match_legal_ids``, a whole NIB or NPWP)."""
    match_legal_ids: bool = False
    sort: str = "name"
