"""The category tree: slugs are the public identity (vendors name their business categories by them),
and a category can never become its own ancestor."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Mapping

from catalog.domain.errors import RuleViolation

SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SLUG_MAX_LENGTH = 80


@dataclass(frozen=True)
class Category:
    id: str
    slug: str
    name: str
    parent: str | None
    """The parent's slug; None at the top."""
    parent_id: str | None
    requires_halal: bool
    """Products here must carry a halal certificate number."""
    created_at: datetime
    updated_at: datetime

    def snapshot(self) -> dict[str, Any]:
        """The category as the audit trail keeps it."""
        return {"slug": self.slug, "name": self.name, "parent": self.parent, "requires_halal": self.requires_halal}


ParentOf = Mapping[str, str | None]
"""Every category id mapped to its parent's id (None at the top): the whole tree, which is small."""


def check_slug(slug: str) -> None:
    if len(slug) > SLUG_MAX_LENGTH or not SLUG_PATTERN.match(slug):
        raise RuleViolation({"slug": ["lowercase letters, digits and single hyphens only, e.g. snack-box"]})


def check_parent(category_id: str, parent_id: str | None, parent_of: ParentOf) -> None:
    """Refuse a parent that is the category itself or one of its descendants (a cycle)."""
    ancestor = parent_id
    while ancestor is not None:
        if ancestor == category_id:
            raise RuleViolation({"parent": ["a category cannot be placed under itself or one of its children"]})
        ancestor = parent_of.get(ancestor)


def subtree(root_id: str, parent_of: ParentOf) -> frozenset[str]:
    """The category and every descendant: filtering by a category includes its children."""
    children: dict[str | None, list[str]] = {}
    for category_id, parent_id in parent_of.items():
        children.setdefault(parent_id, []).append(category_id)
    found: set[str] = set()
    pending = [root_id]
    while pending:
        current = pending.pop()
        if current not in found:
            found.add(current)
            pending.extend(children.get(current, ()))
    return frozenset(found)
