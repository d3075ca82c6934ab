"""What a deployment admits: which business scales may register, and which category slugs a vendor may claim.

The catalog service owns the category tree; vendors only keeps an allow-list of the slugs a vendor
may say it sells in, so that a typo cannot create a category nobody browses.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from vendors.domain.errors import NotAdmitted
from vendors.domain.scale import Scale
from vendors.domain.validation import InvalidValue

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
MAX_CATEGORIES = 10
DEFAULT_CATEGORIES = (
    "meeting-food",
    "catering",
    "office-supplies",
    "printing",
    "souvenirs",
    "cleaning",
    "tailoring",
    "small-repairs",
)
DEFAULT_ADMITTED_SCALES = (Scale.MICRO, Scale.SMALL)


@dataclass(frozen=True)
class AdmissionPolicy:
    admitted_scales: frozenset[Scale] = frozenset(DEFAULT_ADMITTED_SCALES)
    categories: frozenset[str] = frozenset(DEFAULT_CATEGORIES)

    def __post_init__(self) -> None:
        if not self.admitted_scales:
            raise ValueError("at least one business scale must be admitted")
        if Scale.LARGE in self.admitted_scales:
            raise ValueError("large businesses cannot be admitted: the platform is for micro, small and medium ones")
        malformed = sorted(c for c in self.categories if not SLUG.fullmatch(c))
        if malformed or not self.categories:
            raise ValueError(f"categories must be lower-case slugs such as 'office-supplies', got {malformed}")

    def admit(self, scale: Scale) -> None:
        if scale is Scale.LARGE:
            raise NotAdmitted(
                scale.value,
                "a large business (capital over 10 billion or annual sales over 50 billion rupiah) is not an UMKM",
            )
        if scale not in self.admitted_scales:
            admitted = ", ".join(s.value for s in Scale if s in self.admitted_scales)
            raise NotAdmitted(scale.value, f"this deployment admits only {admitted} businesses; this one is {scale.value}")

    def check_categories(self, categories: Iterable[str]) -> tuple[str, ...]:
        """The categories in the order given, if there are 1 to 10 distinct known ones."""
        chosen = tuple(categories)
        if not 1 <= len(chosen) <= MAX_CATEGORIES:
            raise InvalidValue(f"choose 1 to {MAX_CATEGORIES} categories")
        if len(set(chosen)) != len(chosen):
            raise InvalidValue("categories must not repeat")
        unknown = [c for c in chosen if c not in self.categories]
        if unknown:
            raise InvalidValue(f"unknown categories {unknown}; known: {', '.join(sorted(self.categories))}")
        return chosen
