"""Drafting an order (POST /api/v1/orders, the write every submission starts with) through the
gateway and directly, next to a hello-world Flask app, all under gunicorn, measured with wrk.

    .venv/bin/python bench/order_submission_gateway.py [--seconds 10] [--connections 8] [--workers 2]

Needs ``wrk`` (Debian: ``apt-get install wrk``). Orders runs web-only on SQLite, its read models and
a package filled through its own use cases first; the gateway routes to it (rate limits raised out
of the way). wrk sends the same draft body with a procurement officer's token; every request
creates a draft. Figures are printed, never asserted. Every process started here is stopped.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

from servicekit.actors import Actor
from servicekit.service import ServiceRuntime
from servicekit.settings import Settings
from servicekit.testing import auth_header, mint_token
from servicekit.testing.processes import ServiceProcesses, free_port, wait_until_ready

from orders.application.catalog_sync import keep_product, keep_vendor
from orders.application.packages import assign_commitment_officer, assign_procurement_officers, register_package
from orders.domain.readmodels import Product, Vendor
from orders.service import DEFINITION
from orders.testing import package_body, product_face, vendor_snapshot

BENCH = Path(__file__).resolve().parent
GUNICORN = [sys.executable, "-m", "gunicorn", "-c", "python:servicekit.gunicorn_config"]
WORK_UNIT = "DPPKUKM"


def seeded_draft_body(env: dict[str, str]) -> dict[str, object]:
    """Migrate orders' database and give it a vendor, a product and an assigned package."""
    runtime = ServiceRuntime(DEFINITION, Settings.from_env("orders", env))
    try:
        runtime.migrate()
        vendor = vendor_snapshot()
        product = product_face(vendor["id"])
        keep_vendor(runtime.uow, Vendor.from_event(vendor))
        keep_product(runtime.uow, Product.from_event(product, listed=True))
        budget, ppk = Actor("budget1", ("budget_holder",)), Actor("ppk1", ("commitment_officer",))
        package = register_package(runtime.uow, package_body(amount=900_000_000_000), work_unit=WORK_UNIT, actor=budget)
        assign_commitment_officer(runtime.uow, package.id, "ppk1", work_unit=WORK_UNIT, actor=budget)
        assign_procurement_officers(runtime.uow, package.id, ["po1"], actor=ppk)
    finally:
        runtime.close()
    return {"package_id": package.id, "lines": [{"product_id": product["id"], "quantity": 10}],
            "delivery_address": "Jl. Perintis Kemerdekaan No. 2, Jakarta Pusat",
            "requested_delivery_date": (date.today() + timedelta(days=30)).isoformat()}


def wrk(url: str, args: argparse.Namespace, script: Path | None) -> tuple[float, str, str]:
    command = ["wrk", "-t2", f"-c{args.connections}", f"-d{args.seconds}s", "--latency", *(["-s", str(script)] if script else []), url]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))  # type: ignore[union-attr]
    p50 = re.search(r"^\s+50%\s+(\S+)", output, re.M).group(1)  # type: ignore[union-attr]
    p99 = re.search(r"^\s+99%\s+(\S+)", output, re.M).group(1)  # type: ignore[union-attr]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if errors:
        raise RuntimeError(f"{url}: {errors.group(1)} answers were not 2xx:\n{output}")
    return rate, p50, p99


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per server")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed (Debian: apt-get install wrk)")
    work = Path(tempfile.mkdtemp(prefix="eorder-bench-orders-"))
    base_env = {**os.environ, "EORDER_ENV": "development", "EORDER_LOG_LEVEL": "WARNING"}
    orders_env = {**base_env, "EORDER_ORDERS_DATABASE_URL": f"sqlite:///{work / 'orders.db'}"}
    body = seeded_draft_body(orders_env)
    headers = {"Content-Type": "application/json", **auth_header(mint_token("po1", ["procurement_officer"], work_unit=WORK_UNIT, expires_in=3600))}
    script = work / "draft.lua"
    script.write_text(f'wrk.method = "POST"\nwrk.body = {json.dumps(json.dumps(body))}\nwrk.headers = {{{", ".join(f"[{json.dumps(k)}] = {json.dumps(v)}" for k, v in headers.items())}}}\n')
    orders = ServiceProcesses("orders", orders_env, worker=False, web_workers=args.workers, log_dir=work)
    gateway = hello = None
    try:
        orders.start_web()
        gateway_env = {**base_env, "EORDER_GATEWAY_DATABASE_URL": f"sqlite:///{work / 'gateway.db'}",
                       "EORDER_GATEWAY_UPSTREAMS": f"orders={orders.base_url}", "EORDER_GATEWAY_RATE_LIMIT": "100000000/minute"}
        gateway = ServiceProcesses("gateway", gateway_env, worker=False, web_workers=args.workers, log_dir=work)
        gateway.__enter__()
        hello_port = free_port()
        hello = subprocess.Popen([*GUNICORN, "--chdir", str(BENCH), "gateway_overhead:hello_app"],
                                 env={**base_env, "PORT": str(hello_port), "EORDER_WEB_WORKERS": str(args.workers)},
                                 stdout=open(work / "hello.log", "ab"), stderr=subprocess.STDOUT)
        wait_until_ready(f"http://127.0.0.1:{hello_port}", path="/")
        figures = {
            "draft via gateway": wrk(f"{gateway.base_url}/api/v1/orders", args, script),
            "draft direct": wrk(f"{orders.base_url}/api/v1/orders", args, script),
            "hello-world Flask": wrk(f"http://127.0.0.1:{hello_port}/", args, None),
        }
    finally:
        if hello is not None:
            hello.terminate()
            hello.wait(timeout=20)
        if gateway is not None:
            gateway.__exit__(None, None, None)
        orders.__exit__(None, None, None)
    print(f"\nwrk -t2 -c{args.connections} -d{args.seconds}s, gunicorn {args.workers} sync workers each\n")
    print(f"{'target':<20}{'req/s':>10}{'p50':>10}{'p99':>10}")
    for name, (rate, p50, p99) in figures.items():
        print(f"{name:<20}{rate:>10.0f}{p50:>10}{p99:>10}")


if __name__ == "__main__":
    main()
