"""Catalog search latency at 1,000 and at 100,000 products, against a SELECT 1 baseline measured in
the same run.

    .venv/bin/python bench/catalog_search.py [--runs 200] [--small 1000] [--large 100000]

Two fresh PostgreSQL databases get the catalog's own migrations (so the same tsvector column, GIN and
partial indexes as production), then products are bulk-loaded with COPY in the shape of the demo
catalogue: every demo template, sold by 400 Jakarta vendors at spread prices. Each query of a fixed
mix runs through the very repository method the search use case calls
(catalog.storage.search.SearchRepository.search), first page of 20, ``--runs`` times after a warm-up, alternately on the small and the large catalogue so
that whatever else the machine does weighs on both alike. Figures are printed, never asserted: this
is not a test. The goal is for 100x the products to cost at most 2x per query.
"""
from __future__ import annotations

import argparse
import contextlib
import random
import statistics
import time
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Callable, Iterator

from sqlalchemy import select, text

from servicekit.service import ServiceRuntime
from servicekit.settings import Settings
from servicekit.testing.infrastructure import postgres_database

from catalog.demo_data import STOCKED_CATEGORIES, TEMPLATES, Template
from catalog.domain.categories import subtree
from catalog.domain.products import Fulfilment, has_supply
from catalog.domain.search import Sort
from catalog.domain.search import SearchFilters
from catalog.service import DEFINITION
from catalog.storage.search import SearchRepository
from catalog.storage.tables import categories, products, vendors

CITIES = {
    "Jakarta Selatan": ["Tebet", "Kebayoran Baru", "Cilandak", "Jagakarsa", "Pasar Minggu", "Setiabudi"],
    "Jakarta Timur": ["Duren Sawit", "Kramat Jati", "Pulo Gadung", "Matraman", "Ciracas"],
    "Jakarta Pusat": ["Menteng", "Senen", "Tanah Abang", "Cempaka Putih", "Kemayoran"],
    "Jakarta Barat": ["Palmerah", "Grogol Petamburan", "Cengkareng", "Kembangan"],
    "Jakarta Utara": ["Koja", "Penjaringan", "Kelapa Gading", "Pademangan"],
}
VENDOR_COUNT = 400
# Words a vendor adds to a template's name, so that 100,000 products are not 110 names repeated.
QUALIFIERS = ["", "", "Spesial", "Ekonomis", "Premium", "Hemat", "Reguler", "Jumbo", "Mini", "Paket Kantor", "Grosir"]


@dataclass(frozen=True)
class Query:
    name: str
    sort: Sort
    filters: Callable[["Catalogue"], SearchFilters]


class Catalogue:
    """The benchmark's database: the catalog's schema, its vendors, and products loaded in bulk."""

    def __init__(self, runtime: ServiceRuntime, seed: int = 20260302) -> None:
        self.runtime = runtime
        self.random = random.Random(seed)
        with runtime.uow() as uow:
            rows = uow.session.execute(select(categories.c.slug, categories.c.id)).all()
            self.category_ids = {slug: category_id for slug, category_id in rows}
            self.parent_map = uow.categories.parent_map()
            self.halal_categories = uow.categories.slugs_requiring_halal()
        self.vendor_ids = self._load_vendors()

    def subtree(self, slug: str) -> frozenset[str]:
        return subtree(self.category_ids[slug], self.parent_map)

    def _load_vendors(self) -> list[str]:
        now = datetime.now(timezone.utc)
        rows = []
        for i in range(VENDOR_COUNT):
            city = self.random.choice(list(CITIES))
            rows.append(
                {
                    "id": str(uuid.uuid4()),
                    "version": 1,
                    "name": f"UMKM Bench {i}",
                    "status": "verified",
                    "scale": self.random.choice(["micro", "micro", "small"]),
                    "kelurahan": "Kelurahan",
                    "kecamatan": self.random.choice(CITIES[city]),
                    "city": city,
                    "pkp": False,
                    "categories": [],
                    "jakpreneur": True,
                    "reason": None,
                    "seeded": False,
                    "updated_at": now,
                }
            )
        with self.runtime.uow() as uow:
            uow.session.execute(vendors.insert(), rows)
            uow.commit()
        return [row["id"] for row in rows]

    def load(self, count: int) -> float:
        """COPY ``count`` listed products; answers the seconds it took (with the reference prices and ANALYZE)."""
        started = time.perf_counter()
        columns = [column.name for column in products.columns]
        raw = self.runtime.engine.raw_connection()
        try:
            cursor = raw.cursor()
            with cursor.copy(f"COPY products ({', '.join(columns)}) FROM STDIN") as copy:
                for _ in range(count):
                    row = self._product()
                    copy.write_row([row[name] for name in columns])
            raw.commit()
        finally:
            raw.close()
        with self.runtime.uow() as uow:
            uow.prices.refresh_all_references(at=datetime.now(timezone.utc))
            uow.commit()
        with self.runtime.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("ANALYZE"))
        return time.perf_counter() - started

    def _product(self) -> dict[str, object]:
        template: Template = self.random.choice(TEMPLATES)
        qualifier = self.random.choice(QUALIFIERS)
        stocked = template.category in STOCKED_CATEGORIES
        created = datetime.now(timezone.utc) - timedelta(minutes=self.random.randrange(0, 525_600))
        stock = self.random.randrange(0, 500) if stocked else None
        capacity = None if stocked else max(template.min_order_quantity, self.random.randrange(10, 300))
        fulfilment = Fulfilment.FROM_STOCK if stocked else Fulfilment.MADE_TO_ORDER
        marked_up = self.random.random() < 0.03
        price_factor = self.random.uniform(1.6, 2.2) if marked_up else self.random.uniform(0.8, 1.25)
        return {
            "id": str(uuid.uuid4()),
            "vendor_id": self.random.choice(self.vendor_ids),
            "category_id": self.category_ids[template.category],
            "name": f"{template.name} {qualifier}".strip(),
            "description": template.description,
            "unit": template.unit,
            "price": max(100, round(template.price * price_factor / 100) * 100),
            "min_order_quantity": template.min_order_quantity,
            "fulfilment": fulfilment,
            "stock": stock,
            "daily_capacity": capacity,
            "lead_time_days": self.random.randrange(0, 4),
            "halal_certificate": "ID31710000123450823" if template.category in self.halal_categories else None,
            "photo_urls": "[]",
            "local_content_percent": self.random.randrange(20, 101),
            "state": "approved",
            "rejection_reasons": None,
            "listed": True,
            "has_supply": has_supply(fulfilment, stock, capacity, template.min_order_quantity),
            "version": 2,
            "awaiting_curation_since": None,
            "created_at": created,
            "updated_at": created,
        }


QUERIES = [
    Query("text: nasi kotak ayam (relevance)", Sort.RELEVANCE, lambda c: SearchFilters(query="nasi kotak ayam")),
    Query(
        "text + filters: kertas, office-supplies, <= 100k, Jakarta Selatan",
        Sort.RELEVANCE,
        lambda c: SearchFilters(
            query="kertas", category_ids=c.subtree("office-supplies"), max_price=100_000, city="Jakarta Selatan"
        ),
    ),
    Query(
        "filters only: meeting-food, 20k-50k, halal, available (newest)",
        Sort.NEWEST,
        lambda c: SearchFilters(
            category_ids=c.subtree("meeting-food"), min_price=20_000, max_price=50_000, halal=True, available=True
        ),
    ),
    Query("price sort: everything, cheapest first", Sort.PRICE, lambda c: SearchFilters()),
]


Figures = tuple[float, float]
"""Median and 95th percentile, in milliseconds."""


def probes(catalogue: Catalogue, repository: SearchRepository) -> dict[str, Callable[[], object]]:
    """What is timed, by name: the SELECT 1 round trip, then each query of the mix (first page of 20)."""
    session = repository.session
    found: dict[str, Callable[[], object]] = {
        "baseline: SELECT 1": lambda: session.execute(text("SELECT 1")).scalar_one(),
    }
    for query in QUERIES:
        filters = query.filters(catalogue)
        assert repository.search(filters, query.sort, limit=20, cursor=None).items, f"{query.name} finds nothing"
        found[query.name] = lambda f=filters, s=query.sort: repository.search(f, s, limit=20, cursor=None)
    return found


def interleaved(runs: int, small: Callable[[], object], large: Callable[[], object]) -> tuple[Figures, Figures]:
    """Run both alternately, after a warm-up, so that whatever else the machine is doing weighs on both."""
    for _ in range(max(10, runs // 10)):
        small(), large()
    samples: tuple[list[float], list[float]] = ([], [])
    for _ in range(runs):
        for call, into in ((small, samples[0]), (large, samples[1])):
            started = time.perf_counter()
            call()
            into.append((time.perf_counter() - started) * 1000)
    return _figures(samples[0]), _figures(samples[1])


def _figures(samples: list[float]) -> Figures:
    samples.sort()
    return statistics.median(samples), samples[int(0.95 * (len(samples) - 1))]


def compare(small: Catalogue, large: Catalogue, runs: int) -> dict[str, tuple[Figures, Figures]]:
    with small.runtime.uow.read() as small_uow, large.runtime.uow.read() as large_uow:
        small_probes, large_probes = probes(small, small_uow.search), probes(large, large_uow.search)
        return {name: interleaved(runs, small_probes[name], large_probes[name]) for name in small_probes}


def report(sizes: tuple[int, int], figures: dict[str, tuple[Figures, Figures]]) -> None:
    width = max(len(name) for name in figures)
    small, large = sizes
    print(f"\n{'query':<{width}}  {small:>7,} median/p95 ms  {large:>7,} median/p95 ms  ratio (median, p95)")
    for name, ((m1, p1), (m2, p2)) in figures.items():
        small_figures, large_figures = f"{m1:>10.2f} / {p1:>6.2f}", f"{m2:>10.2f} / {p2:>6.2f}"
        print(f"{name:<{width}}  {small_figures}     {large_figures}     {m2 / m1:>5.2f}x, {p2 / p1:>5.2f}x")


@contextlib.contextmanager
def catalogue_of(size: int) -> Iterator[Catalogue]:
    """A fresh database with the catalog's migrations and ``size`` products."""
    with postgres_database("eorder_bench_catalog") as url:
        environ = {"EORDER_ENV": "test"}
        settings = Settings.from_env("catalog", environ=environ, database_url=url, broker_url="memory://")
        runtime = ServiceRuntime(DEFINITION, settings)
        try:
            runtime.migrate()
            catalogue = Catalogue(runtime)
            print(f"loaded {size:,} products in {catalogue.load(size):.1f} s")
            yield catalogue
        finally:
            runtime.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--small", type=int, default=1_000)
    parser.add_argument("--large", type=int, default=100_000)
    args = parser.parse_args()
    with catalogue_of(args.small) as small, catalogue_of(args.large) as large:
        report((args.small, args.large), compare(small, large, args.runs))


if __name__ == "__main__":
    main()
