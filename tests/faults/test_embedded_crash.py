"""The embedded mode keeps RabbitMQ's promise: an event committed by one service reaches every
consumer at least once, and takes effect once, across Ctrl-C, a crash (SIGKILL) and a restart.

Each round registers a vendor while catalog's database is write-locked, so that catalog's consumer
has taken the ``vendor.registered`` delivery but cannot commit it; vendors' relay has marked the
event sent. The platform is then stopped (Ctrl-C, then SIGKILL) in that state and started again."""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest
import requests

from servicekit.testing import auth_header, mint_token
from servicekit.testing.embedded import EmbeddedPlatform
from servicekit.testing.processes import wait_until
from vendors.testing import valid_application

pytestmark = pytest.mark.e2e

ADMIN = auth_header(mint_token("admin-bppbj", ["admin"]))


@pytest.fixture
def platform(tmp_path: Path) -> Iterator[EmbeddedPlatform]:
    embedded = EmbeddedPlatform(tmp_path / "var")
    embedded.var_dir.mkdir()
    embedded.start()
    try:
        yield embedded
    finally:
        embedded.stop()


def register_vendor(platform: EmbeddedPlatform) -> tuple[str, str]:
    """Register a vendor; answer its id and the id of its ``vendor.registered`` event."""
    response = requests.post(f"{platform.url('vendors')}/api/v1/vendors", json=valid_application(), headers=ADMIN, timeout=30)
    assert response.status_code == 201, response.text
    vendor_id = str(response.json()["id"])
    [(event_id,)] = platform.query("vendors", "SELECT id FROM outbox WHERE type = 'vendor.registered' AND subject = ?", vendor_id)
    return vendor_id, event_id


def taken_but_not_committed(platform: EmbeddedPlatform, event_id: str) -> bool:
    sent = platform.query("vendors", "SELECT 1 FROM outbox WHERE id = ? AND sent_at IS NOT NULL", event_id)
    held = platform.query(
        "bus", "SELECT 1 FROM bus_messages WHERE message_id = ? AND queue = 'catalog.events' AND holder IS NOT NULL", event_id
    )
    return bool(sent and held)


def assert_handled_once(platform: EmbeddedPlatform, vendor_id: str, event_id: str) -> None:
    wait_until("catalog knows the vendor", lambda: platform.query("catalog", "SELECT 1 FROM vendors WHERE id = ?", vendor_id))
    assert platform.query("catalog", "SELECT count(*) FROM inbox WHERE event_id = ?", event_id) == [(1,)]
    assert platform.query("catalog", "SELECT count(*) FROM vendors WHERE id = ?", vendor_id) == [(1,)]
    wait_until("the bus let go of the event", lambda: not platform.query("bus", "SELECT 1 FROM bus_messages WHERE message_id = ?", event_id))
    assert platform.query("vendors", "SELECT count(*) FROM outbox WHERE sent_at IS NULL") == [(0,)]
    assert platform.query("bus", "SELECT count(*) FROM bus_messages WHERE queue = 'catalog.events.dlq'") == [(0,)]


@pytest.mark.parametrize("stop", ["ctrl-c", "sigkill"])
def test_an_event_taken_but_not_committed_is_handled_once_after_a_restart(platform: EmbeddedPlatform, stop: str) -> None:
    with platform.database_locked("catalog"):
        vendor_id, event_id = register_vendor(platform)
        wait_until("catalog's consumer holds the delivery", lambda: taken_but_not_committed(platform, event_id))
        platform.interrupt() if stop == "ctrl-c" else platform.kill()
    assert platform.query("catalog", "SELECT 1 FROM vendors WHERE id = ?", vendor_id) == []  # not handled yet

    platform.start()
    assert_handled_once(platform, vendor_id, event_id)
