"""The demo data: packages of the demo work units assigned to the demo officers, loaded once; and,
once the demo vendor's products reached the read model, orders in several states."""
from __future__ import annotations

import time
from collections import Counter
from typing import Any

import pytest

from eorder_contracts.events import STOCK_RESERVED
from servicekit.testing import ServiceHarness, database_url_for

from orders.demo_data import DEMO_ORDER_STAGES, DEMO_VENDOR_ID, load_demo_data
from orders.service import DEFINITION

pytestmark = pytest.mark.integration


def test_demo_packages_then_orders_in_several_states(tmp_path: Any, driver: Any) -> None:
    with database_url_for("sqlite", tmp_path) as url, ServiceHarness(DEFINITION, database_url=url) as harness:
        api = driver(harness)
        load_demo_data(harness.runtime)
        load_demo_data(harness.runtime)  # loads once
        packages = harness.client.get("/api/v1/packages", headers=harness.headers("auditor")).json["items"]
        assert len(packages) == 4
        assert {(p["work_unit"], p["commitment_officer"], tuple(p["procurement_officers"])) for p in packages} == {
            ("DPPKUKM", "ppk1", ("po1",)), ("BIROUMUM", "ppk2", ("po2",)),
        }
        api.vendor_known(vendor_id=DEMO_VENDOR_ID)
        api.product_listed(DEMO_VENDOR_ID)
        answered: set[str] = set()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:  # stand in for catalog: answer each submission
            for event in harness.outbox("order.submitted"):
                if event.subject not in answered:
                    answered.add(event.subject)
                    order = harness.client.get(f"/api/v1/orders/{event.subject}", headers=harness.headers("auditor")).json
                    api.stock_reserved(order)
            states = Counter(o["state"] for o in harness.client.get("/api/v1/orders", headers=harness.headers("auditor")).json["items"])
            if len(states) == len(DEMO_ORDER_STAGES):
                break
            time.sleep(0.2)
        assert set(states) == {stage.value for stage in DEMO_ORDER_STAGES}

