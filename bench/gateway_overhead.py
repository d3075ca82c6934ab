"""What the gateway costs: the catalog list through the gateway, the same list direct, and a
hello-world Flask app, all under gunicorn in the same run.

    .venv/bin/python bench/gateway_overhead.py [--clients 8] [--requests 250] [--workers 2] [--rounds 3]

Each server runs gunicorn with its own settings (the gateway gevent workers, the others sync; 2 by default) on a free
loopback port; the catalog on SQLite with its demo data, the gateway routing to it (rate limits
raised out of the way, in memory). Each target is warmed up, then ``--clients`` threads, each with
its own keep-alive session, send ``--requests`` GETs one after another. The targets take turns for
``--rounds`` rounds and each figure is the median of its rounds, so that a burst of load from
elsewhere on the machine does not decide a ratio. Figures are printed, never asserted: this is not a
test. Every process started here is stopped at the end.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from flask import Flask

# Served by gunicorn from this module (`gateway_overhead:hello_app`): the floor of Flask + gunicorn.
hello_app = Flask("hello")
hello_app.add_url_rule("/", "hello", lambda: {"hello": "world"})

CATALOG_LIST = "/api/v1/catalog/products?limit=20"
GUNICORN = [sys.executable, "-m", "gunicorn", "-c", "python:servicekit.gunicorn_config"]


@dataclass(frozen=True)
class Figures:
    name: str
    requests_per_second: float
    p50_ms: float
    p95_ms: float


def measure(name: str, url: str, clients: int, per_client: int) -> Figures:
    import requests

    def client(_: int) -> list[float]:
        latencies = []
        with requests.Session() as session:
            for _ in range(per_client):
                started = time.perf_counter()
                response = session.get(url, timeout=30)
                latencies.append(time.perf_counter() - started)
                if response.status_code != 200:
                    raise RuntimeError(f"{name}: {url} answered {response.status_code}: {response.text[:200]}")
        return latencies

    client(0)  # warm-up: imports, connections, caches
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        latencies = sorted(t for batch in pool.map(client, range(clients)) for t in batch)
    elapsed = time.perf_counter() - started
    quantiles = statistics.quantiles(latencies, n=100)
    return Figures(name, len(latencies) / elapsed, quantiles[49] * 1000, quantiles[94] * 1000)


def median_of(runs: list[Figures]) -> Figures:
    return Figures(
        runs[0].name,
        statistics.median(r.requests_per_second for r in runs),
        statistics.median(r.p50_ms for r in runs),
        statistics.median(r.p95_ms for r in runs),
    )


def start_hello(port: int, workers: int, env: dict[str, str], logs: Path) -> subprocess.Popen[bytes]:
    from servicekit.testing.processes import wait_until_ready

    process = subprocess.Popen(
        [*GUNICORN, "--chdir", str(Path(__file__).resolve().parent), "gateway_overhead:hello_app"],
        env={**env, "PORT": str(port), "EORDER_WEB_WORKERS": str(workers)},
        stdout=open(logs / "hello.log", "ab"),
        stderr=subprocess.STDOUT,
    )
    wait_until_ready(f"http://127.0.0.1:{port}", path="/")
    return process


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--requests", type=int, default=250, help="per client")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per server")
    parser.add_argument("--rounds", type=int, default=3, help="turns each target takes; medians are reported")
    args = parser.parse_args()

    from servicekit.testing.processes import ServiceProcesses, free_port

    work = Path(tempfile.mkdtemp(prefix="eorder-bench-gateway-"))
    base_env = {**os.environ, "EORDER_ENV": "development", "EORDER_LOG_LEVEL": "WARNING"}
    catalog_env = {**base_env, "EORDER_CATALOG_DATABASE_URL": f"sqlite:///{work / 'catalog.db'}"}
    catalog = ServiceProcesses("catalog", catalog_env, worker=False, web_workers=args.workers, log_dir=work)
    hello: subprocess.Popen[bytes] | None = None
    gateway: ServiceProcesses | None = None
    try:
        catalog.migrate()
        subprocess.run([sys.executable, "-m", "catalog", "demo-data"], env=catalog.env, check=True, capture_output=True)
        catalog.start_web()
        gateway_env = {
            **base_env,
            "EORDER_GATEWAY_DATABASE_URL": f"sqlite:///{work / 'gateway.db'}",
            "EORDER_GATEWAY_UPSTREAMS": f"catalog={catalog.base_url}",
            "EORDER_GATEWAY_RATE_LIMIT": "100000000/minute",
        }
        gateway = ServiceProcesses("gateway", gateway_env, worker=False, web_workers=args.workers, log_dir=work)
        gateway.__enter__()
        hello_port = free_port()
        hello = start_hello(hello_port, args.workers, base_env, work)
        targets = {
            "catalog via gateway": gateway.base_url + CATALOG_LIST,
            "catalog direct": catalog.base_url + CATALOG_LIST,
            "hello-world Flask": f"http://127.0.0.1:{hello_port}/",
        }
        rounds = [
            [measure(name, url, args.clients, args.requests) for name, url in targets.items()] for _ in range(args.rounds)
        ]
        figures = [median_of([r[i] for r in rounds]) for i in range(len(targets))]
    finally:
        if hello is not None:
            hello.terminate()
            hello.wait(timeout=20)
        if gateway is not None:
            gateway.__exit__(None, None, None)
        catalog.__exit__(None, None, None)
    report(figures, args)


def report(figures: list[Figures], args: argparse.Namespace) -> None:
    total = args.clients * args.requests
    print(
        f"\n{args.clients} clients x {args.requests} GETs ({total} per target and round), median of {args.rounds} rounds,"
        f" gunicorn {args.workers} workers each (gateway gevent, the others sync)\n"
    )
    print(f"{'target':<22}{'req/s':>10}{'p50 ms':>10}{'p95 ms':>10}")
    for f in figures:
        print(f"{f.name:<22}{f.requests_per_second:>10.0f}{f.p50_ms:>10.1f}{f.p95_ms:>10.1f}")
    via, direct, hello = figures
    print(
        f"\nthroughput gateway/direct: {via.requests_per_second / direct.requests_per_second:.2f}"
        f"   p50 latency gateway/direct: {via.p50_ms / direct.p50_ms:.2f}"
        f"\nthroughput direct/hello:   {direct.requests_per_second / hello.requests_per_second:.2f}"
        f"   p50 latency direct/hello:   {direct.p50_ms / hello.p50_ms:.2f}"
    )
    print(
        "\nThe gateway adds one more hop (its own request hooks, the rate-limit check, a pooled upstream call"
        "\nand a buffered copy of the answer); the catalog itself spends most of its time in its query and"
        "\nserialisation, which the hello-world app shows apart from Flask and gunicorn."
    )


if __name__ == "__main__":
    main()
