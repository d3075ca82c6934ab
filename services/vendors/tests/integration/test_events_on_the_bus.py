"""What another service subscribed to vendor.* receives, on the in-process bus and on RabbitMQ."""
from __future__ import annotations

import pytest

from servicekit.testing import EventCapture

pytestmark = pytest.mark.integration


def test_a_subscriber_receives_each_change_with_a_growing_version_and_no_private_data(bus_api) -> None:
    harness = bus_api.harness
    with EventCapture(harness.runtime.broker, harness.settings.exchange_name, ["vendor.#"]) as subscriber:
        vendor = bus_api.register()
        vendor_id = vendor["id"]
        bus_api.decide(vendor_id, "reject", ["NIB unreadable"])
        bus_api.post(f"/{vendor_id}/resubmission", {}, bus_api.as_vendor(vendor_id))
        bus_api.decide(vendor_id, "verify")
        bus_api.edit(vendor_id, {"address": {"kecamatan": "Tebet", "city": "Jakarta Selatan"}})
        bus_api.post(f"/{vendor_id}/suspension", {"reason": "late deliveries"}, bus_api.admin())
        bus_api.post(f"/{vendor_id}/reinstatement", {"reason": "explained"}, bus_api.admin())

        expected = [
            "vendor.registered",
            "vendor.rejected",
            "vendor.resubmitted",
            "vendor.verified",
            "vendor.updated",
            "vendor.suspended",
            "vendor.reinstated",
        ]
        received = {}
        for event_type in expected:
            [received[event_type]] = subscriber.wait_for(event_type, where=lambda e: e.subject == vendor_id)

    assert [received[t].data["version"] for t in expected] == [1, 2, 3, 4, 5, 6, 7]
    assert [received[t].data["status"] for t in expected] == [
        "pending",
        "rejected",
        "pending",
        "verified",
        "verified",
        "suspended",
        "verified",
    ]
    assert received["vendor.rejected"].data["reason"] == "NIB unreadable"
    assert received["vendor.updated"].data["city"] == "Jakarta Selatan"
    for event in received.values():
        assert event.source == "/eorder/vendors" and event.requestid
        harness.runtime.definition.contracts.validate(event)
        body = str(event.data)
        assert vendor["owner_nik"] not in body and vendor["npwp"] not in body and vendor["bank_account"]["account_number"] not in body

