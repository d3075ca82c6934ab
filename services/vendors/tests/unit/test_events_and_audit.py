"""What events and the audit trail say about a vendor, and what they must never say."""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timezone

import pytest

import eorder_contracts
from servicekit.events.contracts import ContractRegistry
from vendors.domain import events
from vendors.domain.audit import audit_difference, audit_record
from vendors.domain.banking import BankAccount
from vendors.domain.lifecycle import Action
from vendors.domain.vendor import Vendor

pytestmark = pytest.mark.unit

LATER = datetime(2026, 3, 3, 8, 0, tzinfo=timezone.utc)
CONTRACTS = ContractRegistry([eorder_contracts.SCHEMA_DIR])


def test_the_snapshot_matches_every_vendor_event_contract_and_keeps_private_data_out(vendor: Vendor) -> None:
    data = events.snapshot(vendor)
    for event_type in (events.REGISTERED, events.UPDATED, *events.STATUS_EVENTS.values()):
        CONTRACTS.validate_data(event_type.name, event_type.version, data)
    flat = str(data)
    for private in (vendor.owner_nik, vendor.npwp, vendor.bank_account.account_number, vendor.contact.phone, vendor.contact.email):
        assert private not in flat
    assert data["reason"] is None and data["version"] == 1


def test_a_rejection_snapshot_carries_the_reasons_joined(vendor: Vendor) -> None:
    rejected = vendor.change_status(Action.REJECT, ["NIB unreadable", "holder differs"], LATER)
    assert events.snapshot(rejected)["reason"] == "NIB unreadable; holder differs"
    assert events.STATUS_EVENTS[Action.REJECT].name == "vendor.rejected"


def test_only_changes_to_what_events_carry_are_worth_an_event(vendor: Vendor) -> None:
    new_bank = replace(vendor, bank_account=replace(vendor.bank_account, account_number="99999999"), version=2)
    moved = replace(vendor, address=replace(vendor.address, kecamatan="Tebet"), version=2)
    assert not events.consumers_care(vendor, new_bank)
    assert events.consumers_care(vendor, moved)


def test_the_audit_record_masks_the_bank_account_number(vendor: Vendor) -> None:
    record = audit_record(vendor)
    assert record["bank_account"]["account_number"] == "*******0045"
    assert record["owner_nik"] == vendor.owner_nik  # the trail is for admins and auditors, who see it anyway


def test_the_audit_difference_holds_only_what_changed(vendor: Vendor) -> None:
    account = BankAccount(bank_name="BCA", bank_code="014", account_number="5550001234", holder_name="Sri Wahyuni")
    changed = replace(vendor, bank_account=account, version=2)
    before, after = audit_difference(vendor, changed)
    assert set(before) == set(after) == {"bank_account", "version"}
    assert after["bank_account"] == {"bank_name": "BCA", "bank_code": "014", "account_number": "******1234", "holder_name": "Sri Wahyuni"}
    assert before["bank_account"]["account_number"] == "*******0045"
