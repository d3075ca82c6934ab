"""Verification, rejection, resubmission, suspension and reinstatement over HTTP: each audited and published."""
from __future__ import annotations

import uuid

import pytest
from eorder_contracts.events import VENDOR_EVENTS

from servicekit.http.problems import PROBLEM_MEDIA_TYPE

pytestmark = pytest.mark.integration

SNAPSHOT_EVENTS = [event.name for event in VENDOR_EVENTS]
"""The public vendor.* events (vendor.payment_details, for payments only, is tested in test_payment_details)."""


def test_an_admin_verifies_a_pending_vendor(api) -> None:
    vendor = api.register()
    response = api.decide(vendor["id"], "verify")
    assert response.status_code == 200
    assert (response.json["status"], response.json["version"]) == ("verified", 2)
    [event] = api.events_of(vendor["id"], "vendor.verified")
    assert (event.subject, event.data["status"], event.data["version"], event.data["reason"]) == (vendor["id"], "verified", 2, None)
    entry = api.harness.audit_trail(vendor["id"])[-1]
    assert entry["action"] == "verified" and entry["actor"] == "admin-bppbj"
    assert entry["before"] == {"status": "pending", "version": 1}
    assert entry["after"] == {"status": "verified", "version": 2}


def test_a_rejected_vendor_reads_the_reasons_fixes_its_profile_and_resubmits(api) -> None:
    vendor = api.register()
    reasons = ["NIB photo unreadable", "bank account holder differs from the owner"]
    rejected = api.decide(vendor["id"], "reject", reasons)
    assert rejected.status_code == 200 and rejected.json["status"] == "rejected"

    own = api.read(vendor["id"], api.as_vendor(vendor["id"]))
    assert own.status_code == 200 and own.json["status_reasons"] == reasons
    [event] = api.events_of(vendor["id"], "vendor.rejected")
    assert event.data["reason"] == "NIB photo unreadable; bank account holder differs from the owner"
    assert api.harness.audit_trail(vendor["id"])[-1]["reason"] == event.data["reason"]

    fixed = api.edit(vendor["id"], {"bank_account": {"holder_name": "Katering Bu Sri (Sri Wahyuni)"}})
    assert fixed.status_code == 200
    resubmitted = api.post(f"/{vendor['id']}/resubmission", {"reason": "holder name corrected"}, api.as_vendor(vendor["id"]))
    assert resubmitted.status_code == 200
    assert (resubmitted.json["status"], resubmitted.json["status_reasons"]) == ("pending", ["holder name corrected"])
    [event] = api.events_of(vendor["id"], "vendor.resubmitted")
    assert (event.data["status"], event.data["version"]) == ("pending", 4)
    assert api.decide(vendor["id"], "verify").json["status"] == "verified"


def test_a_resubmission_needs_no_body(api) -> None:
    vendor = api.register()
    api.decide(vendor["id"], "reject", ["NIB photo unreadable"])
    response = api.client.post(f"/api/v1/vendors/{vendor['id']}/resubmission", headers=api.as_vendor(vendor["id"]))
    assert response.status_code == 200 and response.json["status"] == "pending"


def test_a_verified_vendor_is_suspended_and_reinstated_with_reasons(api) -> None:
    vendor = api.registered_and_verified()
    suspended = api.post(f"/{vendor['id']}/suspension", {"reason": "three orders not delivered"}, api.admin())
    assert suspended.status_code == 200 and suspended.json["status"] == "suspended"
    assert suspended.json["status_reasons"] == ["three orders not delivered"]
    reinstated = api.post(f"/{vendor['id']}/reinstatement", {"reason": "delays explained: flooding"}, api.admin())
    assert reinstated.status_code == 200 and reinstated.json["status"] == "verified"
    assert api.read(vendor["id"], api.admin()).json == reinstated.json  # stored as answered
    assert reinstated.json["categories"] == vendor["categories"]  # status changes keep the categories

    published = api.events_of(vendor["id"], *SNAPSHOT_EVENTS)
    assert [e.type for e in published] == ["vendor.registered", "vendor.verified", "vendor.suspended", "vendor.reinstated"]
    assert [e.data["version"] for e in published] == [1, 2, 3, 4]
    assert [e.data["reason"] for e in published[2:]] == ["three orders not delivered", "delays explained: flooding"]
    trail = api.harness.audit_trail(vendor["id"])
    assert [(e["action"], e["reason"]) for e in trail[2:]] == [
        ("suspended", "three orders not delivered"),
        ("reinstated", "delays explained: flooding"),
    ]
    assert trail[-1]["before"]["status"] == "suspended" and trail[-1]["after"]["status"] == "verified"


@pytest.mark.parametrize(
    ("path", "body", "current"),
    [
        ("/suspension", {"reason": "x"}, "pending"),
        ("/reinstatement", {"reason": "x"}, "pending"),
        ("/resubmission", {}, "pending"),
    ],
)
def test_an_illegal_change_answers_409_with_the_current_state(api, path: str, body: dict, current: str) -> None:
    vendor = api.register()
    response = api.post(f"/{vendor['id']}{path}", body, api.admin())
    assert response.status_code == 409 and response.mimetype == PROBLEM_MEDIA_TYPE
    assert response.json["current_state"] == current
    assert len(api.harness.audit_trail(vendor["id"])) == 1  # only the registration
    assert [e.type for e in api.events_of(vendor["id"], *SNAPSHOT_EVENTS)] == ["vendor.registered"]


def test_deciding_twice_answers_409_with_the_state_the_first_decision_left(api) -> None:
    vendor = api.registered_and_verified()
    for decision, reasons in (("verify", None), ("reject", ["late"])):
        response = api.decide(vendor["id"], decision, reasons)
        assert response.status_code == 409 and response.json["current_state"] == "verified"


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("/verification", {"decision": "reject"}, "reasons"),
        ("/verification", {"decision": "reject", "reasons": ["  "]}, "reasons"),
        ("/verification", {"decision": "verify", "reasons": ["fine"]}, "reason"),
        ("/verification", {"decision": "approve"}, "decision"),
        ("/verification", {"decision": "reject", "reasons": "late"}, "reasons"),
        ("/verification", {}, "decision"),
    ],
)
def test_a_decision_without_the_reasons_it_needs_answers_400(api, path: str, body: dict, field: str) -> None:
    vendor = api.register()
    response = api.post(f"/{vendor['id']}{path}", body, api.admin())
    assert response.status_code == 400 and field in response.json["errors"], response.json


@pytest.mark.parametrize(("path", "suspended_first"), [("/suspension", False), ("/reinstatement", True)])
def test_suspension_and_reinstatement_need_a_reason(api, path: str, suspended_first: bool) -> None:
    vendor = api.registered_and_verified()
    if suspended_first:
        assert api.post(f"/{vendor['id']}/suspension", {"reason": "late"}, api.admin()).status_code == 200
    for body in ({}, {"reason": " "}):
        response = api.post(f"/{vendor['id']}{path}", body, api.admin())
        assert response.status_code == 400 and "reason" in response.json["errors"]


def test_an_unknown_or_malformed_vendor_id_answers_404(api) -> None:
    assert api.decide(str(uuid.uuid4()), "verify").status_code == 404
    assert api.post("/not-a-uuid/verification", {"decision": "verify"}, api.admin()).status_code == 404
