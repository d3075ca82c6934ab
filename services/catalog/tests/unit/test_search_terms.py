"""Search: sort keys, and turning a user's query into words that cannot become FTS5 syntax."""
from __future__ import annotations

import sqlite3

import pytest

from catalog.domain.search import MAX_QUERY_WORDS, Sort, default_sort, fts5_expression, query_words, sort_needs_query

pytestmark = pytest.mark.unit

HOSTILE_QUERIES = [
    "'; DROP TABLE products; --",
    '"',
    '"nasi',
    "*",
    "nasi*",
    "NEAR(nasi kotak)",
    "nasi OR kotak",
    "OR",
    "AND NOT",
    "name: nasi",
    "{name description}: nasi",
    "^nasi",
    "nasi + kotak - ayam",
    "(((",
]


def test_words_are_lower_case_and_punctuation_is_dropped() -> None:
    assert query_words("Nasi Kotak, Ayam-Bakar!") == ["nasi", "kotak", "ayam", "bakar"]
    assert query_words("Kertas HVS A4 80gsm") == ["kertas", "hvs", "a4", "80gsm"]
    assert query_words("*\"';--") == []


def test_long_queries_keep_a_bounded_number_of_words() -> None:
    assert len(query_words("kata " * 100)) == MAX_QUERY_WORDS


def test_each_word_is_a_quoted_literal() -> None:
    assert fts5_expression(["nasi", "or", "near"]) == '"nasi" "or" "near"'
    with pytest.raises(ValueError):
        fts5_expression([])


@pytest.mark.parametrize("query", HOSTILE_QUERIES)
def test_hostile_queries_are_valid_fts5_that_match_only_words(query: str) -> None:
    connection = sqlite3.connect(":memory:")
    connection.execute("CREATE VIRTUAL TABLE t USING fts5(product_id UNINDEXED, name, description)")
    connection.execute("INSERT INTO t VALUES ('p-1', 'Nasi Kotak Ayam Bakar', 'or near drop table')")
    words = query_words(query)
    if words:
        found = connection.execute("SELECT product_id FROM t WHERE t MATCH ?", (fts5_expression(words),)).fetchall()
        # Found exactly when every word is in the row: no operator, prefix or column filter took effect.
        row_words = {"nasi", "kotak", "ayam", "bakar", "or", "near", "drop", "table"}
        assert found == ([("p-1",)] if set(words) <= row_words else [])


def test_sort_defaults_and_relevance_needs_a_query() -> None:
    assert default_sort(True) is Sort.RELEVANCE and default_sort(False) is Sort.NEWEST
    assert sort_needs_query(Sort.RELEVANCE) and not sort_needs_query(Sort.PRICE)
