"""Catalog search: the sort keys a client may ask for, and the words of a free-text query.

PostgreSQL parses the query itself (``websearch_to_tsquery``, which accepts any input). SQLite's FTS5
has a query language of its own in which quotes, ``*``, ``NEAR(``, ``OR`` and column filters mean
something, so the embedded mode searches for the *words* of the query only, each one quoted: every
word must appear, and nothing a user types can become FTS5 syntax.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

MAX_QUERY_LENGTH = 200
MAX_QUERY_WORDS = 16
_WORD = re.compile(r"\w+", re.UNICODE)


class Sort(StrEnum):
    RELEVANCE = "relevance"
    PRICE = "price"
    PRICE_DESCENDING = "-price"
    NEWEST = "newest"


@dataclass(frozen=True)
class SearchFilters:
    """What a search of listed products is narrowed to (every filter given must hold)."""

    query: str | None = None
    vendor_id: str | None = None
    category_ids: frozenset[str] | None = None
    """The category asked for and its descendants."""
    min_price: int | None = None
    max_price: int | None = None
    city: str | None = None
    kecamatan: str | None = None
    scale: str | None = None
    halal: bool | None = None
    available: bool | None = None


def default_sort(has_query: bool) -> Sort:
    return Sort.RELEVANCE if has_query else Sort.NEWEST


def sort_needs_query(sort: Sort) -> bool:
    """Relevance is a property of a match: without a query there is nothing to rank by."""
    return sort == Sort.RELEVANCE


def query_words(query: str) -> list[str]:
    """The words of a query, lower-cased, at most ``MAX_QUERY_WORDS``; punctuation is dropped."""
    return [word.lower() for word in _WORD.findall(query)][:MAX_QUERY_WORDS]


def fts5_expression(words: list[str]) -> str:
    """An FTS5 query matching rows that contain every word: each is a quoted string (a literal)."""
    if not words:
        raise ValueError("an FTS5 expression needs at least one word")
    return " ".join('"' + word.replace('"', '""') + '"' for word in words)
