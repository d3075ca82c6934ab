"""The vendors service as it runs in production: gunicorn web with two workers and a worker process,
on PostgreSQL and RabbitMQ. What a client does over HTTP reaches the bus; /metrics adds up every
gunicorn worker; a worker killed mid-way loses nothing."""
from __future__ import annotations

import re
import uuid
from typing import Iterator

import pytest
import requests

from servicekit.events.brokers import broker_for
from servicekit.testing import EventCapture, RABBITMQ_URL, auth_header, mint_token, require_rabbitmq
from servicekit.testing.infrastructure import postgres_database
from servicekit.testing.processes import ServiceProcesses
from vendors.testing import valid_application

pytestmark = pytest.mark.e2e

def admin() -> dict[str, str]:
    """A fresh admin token (one made when the module is imported would expire in a long run)."""
    return auth_header(mint_token("admin-bppbj", ["admin"]))


@pytest.fixture
def vendors() -> Iterator[tuple[ServiceProcesses, EventCapture]]:
    require_rabbitmq()
    prefix = f"e2e-{uuid.uuid4().hex[:8]}."
    broker = broker_for(RABBITMQ_URL)
    with postgres_database("eorder_e2e_vendors") as database_url:
        env = {
            "EORDER_VENDORS_DATABASE_URL": database_url,
            "EORDER_BROKER_URL": RABBITMQ_URL,
            "EORDER_EVENTS_PREFIX": prefix,
            "EORDER_RELAY_POLL_SECONDS": "0.05",
        }
        with ServiceProcesses("vendors", env, web_workers=2) as processes:
            with EventCapture(broker, f"{prefix}eorder.events", ["vendor.#"]) as bus:
                yield processes, bus
    broker.close()


def register(base_url: str, name: str) -> str:
    response = requests.post(f"{base_url}/api/v1/vendors", json=valid_application(name=name, categories=['catering']), headers=admin(), timeout=10)
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


def test_registration_and_verification_reach_the_bus(vendors: tuple[ServiceProcesses, EventCapture]) -> None:
    processes, bus = vendors
    vendor_id = register(processes.base_url, "Katering Bu Sri")
    response = requests.post(
        f"{processes.base_url}/api/v1/vendors/{vendor_id}/verification", json={"decision": "verify"}, headers=admin(), timeout=10
    )
    assert response.status_code == 200, response.text
    [registered] = bus.wait_for("vendor.registered", lambda e: e.subject == vendor_id)
    [verified] = bus.wait_for("vendor.verified", lambda e: e.subject == vendor_id)
    assert registered.data["status"] == "pending" and verified.data["status"] == "verified"
    assert verified.data["version"] > registered.data["version"]
    assert "owner_nik" not in verified.data and "bank_account" not in verified.data


def test_metrics_add_up_every_gunicorn_worker(vendors: tuple[ServiceProcesses, EventCapture]) -> None:
    processes, _bus = vendors
    for _ in range(40):
        # a new connection each time, so that both gunicorn workers answer some of them
        requests.get(f"{processes.base_url}/healthz", timeout=5).raise_for_status()
    text = requests.get(f"{processes.base_url}/metrics", timeout=5).text
    match = re.search(r'eorder_http_requests_total\{[^}]*route="/healthz"[^}]*status="200"[^}]*\} (\d+(?:\.\d+)?)', text)
    assert match, text[:2000]
    assert float(match.group(1)) == 40
    assert 'eorder_vendors_total{' in text and 'eorder_outbox_backlog{service="vendors"}' in text


def test_a_killed_worker_loses_no_event(vendors: tuple[ServiceProcesses, EventCapture]) -> None:
    processes, bus = vendors
    processes.kill_worker()
    ids = [register(processes.base_url, f"Percetakan Maju Jaya {i}") for i in range(20)]
    processes.start_worker()  # a new worker relays what the killed one never published
    events = bus.wait_for("vendor.registered", lambda e: e.subject in ids, count=20, timeout=30)
    assert {e.subject for e in events} == set(ids)
