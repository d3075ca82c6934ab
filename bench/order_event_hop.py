"""The event hop of a submission: from order.submitted committed in orders to stock.reserved
committed in catalog, both services as real processes (gunicorn web and worker) on PostgreSQL and
RabbitMQ, as in the distributed mode.

    .venv/bin/python bench/order_event_hop.py [--orders 200]

Each order is submitted through orders' HTTP API, one after the other. The two instants are the
``created_at`` of each event's outbox row, written in the transaction that commits it (in orders
for order.submitted, in catalog for stock.reserved), so the hop covers orders' relay, RabbitMQ,
catalog's consumer and its reservation transaction. Figures are printed, never asserted.
"""
from __future__ import annotations

import argparse
import statistics
import time
import uuid
from datetime import date, timedelta

import requests
from sqlalchemy import text

from servicekit.events.brokers import OutgoingMessage, broker_for
from servicekit.events.envelope import Envelope
from servicekit.storage import make_engine
from servicekit.testing import RABBITMQ_URL, auth_header, mint_token
from servicekit.testing.infrastructure import postgres_database
from servicekit.testing.processes import ServiceProcesses
from catalog.testing import product_body
from orders.testing import package_body, vendor_snapshot

WORK_UNIT = "DPPKUKM"


def token(subject: str, role: str, **claims: str) -> dict[str, str]:
    return auth_header(mint_token(subject, [role], **claims))


def until(ready, seconds: float = 90.0):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while not (answer := ready()) and time.monotonic() < deadline:
        time.sleep(0.1)
    return answer


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--orders", type=int, default=200)
    count = parser.parse_args().orders
    prefix = f"bench-{uuid.uuid4().hex[:8]}."
    with postgres_database("eorder_bench_catalog") as catalog_db, postgres_database("eorder_bench_orders") as orders_db:
        env = {
            "EORDER_CATALOG_DATABASE_URL": catalog_db,
            "EORDER_ORDERS_DATABASE_URL": orders_db,
            "EORDER_BROKER_URL": RABBITMQ_URL,
            "EORDER_EVENTS_PREFIX": prefix,
        }
        with ServiceProcesses("orders", env) as orders, ServiceProcesses("catalog", env) as catalog:
            vendor = vendor_snapshot() | {"categories": ["office-supplies"]}
            envelope = Envelope.new(service="vendors", type="vendor.verified", subject=vendor["id"], data=vendor)
            broker = broker_for(RABBITMQ_URL)
            broker.publish(f"{prefix}eorder.events", [OutgoingMessage(envelope.id, envelope.type, envelope.to_json())])
            broker.close()
            seller = token(f"vendor-{vendor['id'][:8]}", "vendor", vendor_id=vendor["id"])
            created = until(lambda: (r := requests.post(f"{catalog.base_url}/api/v1/catalog/products", json=product_body(stock=100_000), headers=seller, timeout=10)).status_code == 201 and r)
            product_id = created.json()["id"]
            admin = token("admin-bppbj", "admin")
            requests.post(f"{catalog.base_url}/api/v1/catalog/products/{product_id}/curation", json={"decision": "approve", "reasons": []}, headers=admin, timeout=10).raise_for_status()
            budget, ppk = token("budget1", "budget_holder", work_unit=WORK_UNIT), token("ppk1", "commitment_officer", work_unit=WORK_UNIT)
            packages = f"{orders.base_url}/api/v1/packages"
            package_id = requests.post(packages, json=package_body(amount=900_000_000), headers=budget, timeout=10).json()["id"]
            requests.put(f"{packages}/{package_id}/commitment-officer", json={"subject": "ppk1"}, headers=budget, timeout=10).raise_for_status()
            requests.put(f"{packages}/{package_id}/procurement-officers", json={"subjects": ["po1"]}, headers=ppk, timeout=10).raise_for_status()
            body = {"package_id": package_id, "lines": [{"product_id": product_id, "quantity": 1}],
                    "delivery_address": "Jl. Perintis Kemerdekaan No. 2, Jakarta Pusat",
                    "requested_delivery_date": (date.today() + timedelta(days=30)).isoformat()}
            po = token("po1", "procurement_officer", work_unit=WORK_UNIT)
            until(lambda: requests.post(f"{orders.base_url}/api/v1/orders", json=body, headers=po, timeout=10).status_code == 201)
            for _ in range(count):
                order_id = requests.post(f"{orders.base_url}/api/v1/orders", json=body, headers=po, timeout=10).json()["id"]
                requests.post(f"{orders.base_url}/api/v1/orders/{order_id}/submission", json={}, headers=po, timeout=10).raise_for_status()
            submitted = _committed(orders_db, "order.submitted")
            reserved = until(lambda: (rows := _committed(catalog_db, "stock.reserved")) and len(rows) >= len(submitted) and rows, 120)
            hops = sorted((reserved[order] - at).total_seconds() * 1000 for order, at in submitted.items() if order in reserved)
    print(f"{len(hops)} submissions, order.submitted committed -> stock.reserved committed (ms):")
    print(f"  p50 {statistics.median(hops):.1f}   p90 {hops[int(len(hops) * 0.9) - 1]:.1f}   p99 {hops[max(0, int(len(hops) * 0.99) - 1)]:.1f}   max {hops[-1]:.1f}")


def _committed(url: str, event_type: str) -> dict:  # type: ignore[type-arg]
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(text("SELECT subject, created_at FROM outbox WHERE type = :type"), {"type": event_type})
            return {subject: created for subject, created in rows}
    finally:
        engine.dispose()


if __name__ == "__main__":
    main()
