"""Every benchmark of the platform in one run, printed as one table: figure, baseline, ratio, goal.

    .venv/bin/python bench/platform_figures.py [--quick]

- web: bench/web_load.py (wrk against hello-world, the catalog list direct and through the gateway,
  the search through the gateway; the resident size of each web worker and event worker);
- relay: bench/relay_throughput.py, the raw confirmed publish and the outbox relay taking turns five
  times, the ratio of the medians;
- search scaling: bench/catalog_search.py, the relevance-ranked text query at 1,000 and 100,000 products;
- embedded: ``eorder-embedded`` (every service in one process, SQLite, demo data), its resident size
  after a wrk load on the catalog list through its gateway.
``--quick`` shortens every part (for checking the harness, not for figures). Needs PostgreSQL and
RabbitMQ on 127.0.0.1 and wrk. Figures are printed, never asserted.
"""
from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import catalog_search
import relay_throughput
import web_load

RELEVANCE = catalog_search.QUERIES[0].name


@dataclass(frozen=True)
class Row:
    figure: str
    value: str
    baseline: str
    ratio: float | None
    goal: str


def web_rows(seconds: int, rounds: int) -> tuple[list[Row], dict[str, float]]:
    figures = web_load.measure(seconds=seconds, connections=16, workers=2, rounds=rounds)
    hello = figures.hello.requests_per_second

    def rate(load: web_load.Load) -> str:
        return f"{load.requests_per_second:,.0f} req/s (p99 {load.p99_ms:.0f} ms)"

    hello_text = f"hello-world {hello:,.0f} req/s"
    direct = figures.list_direct.requests_per_second
    rows = [
        Row("catalog list, direct", rate(figures.list_direct), hello_text, direct / hello, "-"),
        Row("catalog list via gateway", rate(figures.list_gateway), hello_text, figures.list_gateway.requests_per_second / hello, ">= 0.40"),
        Row("catalog search via gateway", rate(figures.search_gateway), hello_text, figures.search_gateway.requests_per_second / hello, ">= 0.40"),
        Row("gateway hop (list)", rate(figures.list_gateway), f"direct {direct:,.0f} req/s", figures.list_gateway.requests_per_second / direct, ">= 0.90"),
    ]
    idle_max = max(figures.idle_mb.values())
    rows.append(
        Row("largest idle web/event worker", f"{idle_max:.0f} MB", "80 MB", idle_max / 80, "<= 1.00")
    )
    return rows, {**{f"idle {k}": v for k, v in figures.idle_mb.items()}, **{f"loaded {k}": v for k, v in figures.loaded_mb.items()}}


def relay_row(events: int, runs: int) -> Row:
    raws, relays = [], []
    for _ in range(runs):  # alternating, so that load from elsewhere weighs on both alike
        raws.append(relay_throughput.raw_publish(events))
        relays.append(relay_throughput.relay_publish(events, 500)[0])
    raw, relay = statistics.median(raws), statistics.median(relays)
    spread = ", ".join(f"{r / w:.2f}" for r, w in zip(relays, raws))
    return Row(
        f"outbox relay, median of {runs} alternating (each run: {spread})",
        f"{relay:,.0f} events/s",
        f"raw publish {raw:,.0f} events/s",
        relay / raw,
        ">= 0.70",
    )


def search_row(small: int, large: int, runs: int) -> Row:
    with catalog_search.catalogue_of(small) as few, catalog_search.catalogue_of(large) as many:
        figures = catalog_search.compare(few, many, runs)
    (small_ms, _), (large_ms, _) = figures[RELEVANCE]
    return Row(
        f"relevance search, {large:,} vs {small:,} products",
        f"{large_ms:.1f} ms",
        f"{small_ms:.1f} ms",
        large_ms / small_ms,
        "<= 2.00",
    )


def embedded_row(seconds: int) -> Row:
    """The whole platform in one process, after a load on the catalog list through its gateway."""
    from servicekit.testing.embedded import EmbeddedPlatform
    from servicekit.testing.processes import wait_until_ready

    platform = EmbeddedPlatform(Path(tempfile.mkdtemp(prefix="eorder-bench-embedded-")))
    platform.env.update({"EORDER_DEMO_DATA": "1", "EORDER_GATEWAY_RATE_LIMIT": "100000000/minute"})
    platform.start()
    try:
        assert platform.process is not None
        gateway = platform.url("gateway")
        wait_until_ready(gateway, timeout=90)
        web_load.wrk(gateway + web_load.CATALOG_LIST, seconds, 16)
        web_load.wrk(gateway + web_load.CATALOG_SEARCH, seconds, 16)
        size = web_load.resident_mb(platform.process.pid)
    finally:
        platform.stop()
    return Row("embedded platform after a load run", f"{size:.0f} MB", "300 MB", size / 300, "<= 1.00")


def print_table(rows: list[Row]) -> None:
    widths = [max(len(getattr(r, f)) for r in rows) for f in ("figure", "value", "baseline")]
    header = f"{'figure':<{widths[0]}}  {'value':<{widths[1]}}  {'baseline':<{widths[2]}}  {'ratio':>6}  goal"
    print("\n" + header + "\n" + "-" * len(header))
    for r in rows:
        ratio = f"{r.ratio:.2f}" if r.ratio is not None else "-"
        print(f"{r.figure:<{widths[0]}}  {r.value:<{widths[1]}}  {r.baseline:<{widths[2]}}  {ratio:>6}  {r.goal}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="short runs, to check the harness")
    args = parser.parse_args()
    quick = args.quick
    started = time.monotonic()
    print(f"load before: {os.getloadavg()[0]:.2f} (1 min), {os.cpu_count()} cores", flush=True)
    rows, memory = web_rows(seconds=2 if quick else 8, rounds=1 if quick else 3)
    parts: list[tuple[str, Callable[[], Row]]] = [
        ("embedded platform after a load run", lambda: embedded_row(seconds=2 if quick else 8)),
        ("outbox relay", lambda: relay_row(events=2_000 if quick else 10_000, runs=5)),
        ("relevance search", lambda: search_row(1_000, 10_000 if quick else 100_000, runs=30 if quick else 200)),
    ]
    for name, part in parts:
        try:
            rows.append(part())
        except Exception as exc:  # a broker or database gone away: the other figures still stand
            print(f"{name}: failed: {exc!r}", flush=True)
            rows.append(Row(name, "failed (see above)", "-", None, "-"))
    print("\nresident MB of each process (idle after warm-up, then after the load):")
    for name, size in memory.items():
        print(f"  {name:<28}{size:>8.1f}")
    print_table(rows)
    print(f"\n{time.monotonic() - started:.0f} s; load after: {os.getloadavg()[0]:.2f} (1 min)")


if __name__ == "__main__":
    main()
