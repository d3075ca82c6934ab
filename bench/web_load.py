"""The platform's public pages under load, measured by wrk (a compiled load generator, so that the
client is never what saturates), against a hello-world Flask app in the same run.

    .venv/bin/python bench/web_load.py [--seconds 8] [--connections 16] [--workers 2] [--rounds 3]

Under gunicorn on loopback ports, each with ``--workers`` workers and its deployed settings (the
gateway's own gunicorn config, the others the platform's shared sync workers): the catalog on SQLite
with its demo data (332 products), the gateway routing to it (rate limits raised out of the way), and
a hello-world Flask app, the floor of Flask and gunicorn on this machine. Targets:
- hello-world: ``GET /``;
- catalog list direct and via the gateway: ``GET /api/v1/catalog/products?limit=20``;
- catalog search via the gateway: ``GET /api/v1/catalog/products?q=nasi+kotak&limit=20`` (relevance).
wrk runs ``--connections`` keep-alive connections on 2 threads for ``--seconds``; the targets take
turns for ``--rounds`` rounds and each figure is the median of its rounds, so that a burst of load
from elsewhere on the machine does not decide a ratio. Every answer must be a 200 (wrk counts the
others; any makes the run fail). Memory: the resident size of each web worker and of the catalog's
event worker, idle after start-up and a warm-up, and again after the load.
Figures are printed, never asserted. Every process started here is stopped at the end.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from flask import Flask

# Served by gunicorn from this module (`web_load:hello_app`): the floor of Flask + gunicorn.
hello_app = Flask("hello")
hello_app.add_url_rule("/", "hello", lambda: {"hello": "world"})

CATALOG_LIST = "/api/v1/catalog/products?limit=20"
CATALOG_SEARCH = "/api/v1/catalog/products?q=nasi+kotak&limit=20"
GUNICORN = [sys.executable, "-m", "gunicorn", "-c", "python:servicekit.gunicorn_config"]
WRK_INSTALL_HINT = "install wrk (Debian/Ubuntu: apt-get install -y wrk; `make bench` does it when run as root)"


@dataclass(frozen=True)
class Load:
    requests_per_second: float
    p50_ms: float
    p99_ms: float


@dataclass(frozen=True)
class WebFigures:
    hello: Load
    list_direct: Load
    list_gateway: Load
    search_gateway: Load
    idle_mb: dict[str, float]
    """Resident size of each web worker and event worker when idle, by process name."""
    loaded_mb: dict[str, float]


def wrk(url: str, seconds: int, connections: int) -> Load:
    if shutil.which("wrk") is None:
        sys.exit(f"wrk not found: {WRK_INSTALL_HINT}")
    done = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    )
    out = done.stdout
    if "Non-2xx or 3xx responses" in out:
        raise RuntimeError(f"wrk saw failed answers from {url}:\n{out}")
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    return Load(rate, _latency_ms(out, "50%"), _latency_ms(out, "99%"))


def _latency_ms(out: str, percentile: str) -> float:
    value, unit = re.search(rf"{percentile}\s+([\d.]+)(us|ms|s)", out).groups()  # type: ignore[union-attr]
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def resident_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise LookupError(f"no VmRSS for {pid}")


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return sorted(found)


def median_load(runs: list[Load]) -> Load:
    return Load(
        statistics.median(r.requests_per_second for r in runs),
        statistics.median(r.p50_ms for r in runs),
        statistics.median(r.p99_ms for r in runs),
    )


def start_hello(port: int, workers: int, env: dict[str, str], logs: Path) -> subprocess.Popen[bytes]:
    from servicekit.testing.processes import wait_until_ready

    process = subprocess.Popen(
        [*GUNICORN, "--chdir", str(Path(__file__).resolve().parent), "web_load:hello_app"],
        env={**env, "PORT": str(port), "EORDER_WEB_WORKERS": str(workers)},
        stdout=open(logs / "hello.log", "ab"),
        stderr=subprocess.STDOUT,
    )
    wait_until_ready(f"http://127.0.0.1:{port}", path="/")
    return process


def memory_of(processes: dict[str, subprocess.Popen[bytes] | None]) -> dict[str, float]:
    """Resident MB of each gunicorn worker (children of the masters given) and plain process."""
    sizes: dict[str, float] = {}
    for name, process in processes.items():
        if process is None:
            continue
        workers = children(process.pid) if name.endswith("web") else []
        for i, pid in enumerate(workers or [process.pid], start=1):
            sizes[f"{name} {i}" if workers else name] = resident_mb(pid)
    return sizes


def measure(seconds: int, connections: int, workers: int, rounds: int) -> WebFigures:
    from servicekit.testing.processes import ServiceProcesses, free_port

    work = Path(tempfile.mkdtemp(prefix="eorder-bench-web-"))
    base_env = {**os.environ, "EORDER_ENV": "development", "EORDER_LOG_LEVEL": "WARNING"}
    catalog_env = {**base_env, "EORDER_CATALOG_DATABASE_URL": f"sqlite:///{work / 'catalog.db'}"}
    catalog = ServiceProcesses("catalog", catalog_env, worker=False, web_workers=workers, log_dir=work)
    hello: subprocess.Popen[bytes] | None = None
    gateway: ServiceProcesses | None = None
    try:
        catalog.migrate()
        subprocess.run([sys.executable, "-m", "catalog", "demo-data"], env=catalog.env, check=True, capture_output=True)
        catalog.start_web()
        catalog.start_worker()
        gateway_env = {
            **base_env,
            "EORDER_GATEWAY_DATABASE_URL": f"sqlite:///{work / 'gateway.db'}",
            "EORDER_GATEWAY_UPSTREAMS": f"catalog={catalog.base_url}",
            "EORDER_GATEWAY_RATE_LIMIT": "100000000/minute",
        }
        gateway = ServiceProcesses("gateway", gateway_env, worker=False, web_workers=workers, log_dir=work)
        gateway.__enter__()
        hello_port = free_port()
        hello = start_hello(hello_port, workers, base_env, work)
        targets = {
            "hello": f"http://127.0.0.1:{hello_port}/",
            "list_direct": catalog.base_url + CATALOG_LIST,
            "list_gateway": gateway.base_url + CATALOG_LIST,
            "search_gateway": gateway.base_url + CATALOG_SEARCH,
        }
        for url in targets.values():
            wrk(url, 1, 2)  # warm-up: imports, connections, the database's pages
        time.sleep(2)
        processes = {"catalog web": catalog.web, "catalog worker": catalog.worker, "gateway web": gateway.web}
        idle = memory_of(processes)
        runs: dict[str, list[Load]] = {name: [] for name in targets}
        for _ in range(rounds):
            for name, url in targets.items():
                runs[name].append(wrk(url, seconds, connections))
        loaded = memory_of(processes)
    finally:
        if hello is not None:
            hello.terminate()
            hello.wait(timeout=20)
        if gateway is not None:
            gateway.__exit__(None, None, None)
        catalog.__exit__(None, None, None)
    medians = {name: median_load(r) for name, r in runs.items()}
    return WebFigures(idle_mb=idle, loaded_mb=loaded, **medians)


def report(figures: WebFigures) -> None:
    print(f"{'target':<24}{'req/s':>10}{'p50 ms':>10}{'p99 ms':>10}")
    for name in ("hello", "list_direct", "list_gateway", "search_gateway"):
        load: Load = getattr(figures, name)
        print(f"{name:<24}{load.requests_per_second:>10.0f}{load.p50_ms:>10.2f}{load.p99_ms:>10.2f}")
    print(f"\n{'process':<24}{'idle MB':>10}{'loaded MB':>10}")
    for name, size in figures.idle_mb.items():
        print(f"{name:<24}{size:>10.1f}{figures.loaded_mb.get(name, float('nan')):>10.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per server")
    parser.add_argument("--rounds", type=int, default=3, help="turns each target takes; medians are reported")
    args = parser.parse_args()
    report(measure(args.seconds, args.connections, args.workers, args.rounds))


if __name__ == "__main__":
    main()
