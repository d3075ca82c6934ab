"""The use cases on fake repositories: what each one stores, audits, publishes and commits, and what
it refuses, without a database (the same use cases run on SQLite and PostgreSQL in integration/)."""
from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, Iterable

import pytest

import eorder_contracts
from servicekit.actors import Actor
from servicekit.events.contracts import ContractRegistry
from servicekit.testing.memory import MemoryUnitsOfWork
from vendors.application.editing import edit_vendor
from vendors.application.registration import register_vendor
from vendors.application.status_changes import change_status
from vendors.domain.admission import AdmissionPolicy
from vendors.domain.blacklist import BlacklistEntry, new_entry
from vendors.domain.errors import Blacklisted, ConcurrentChange, DuplicateIdentifier, IllegalTransition, VendorNotFound
from vendors.domain.lifecycle import Action, Status
from vendors.domain.ratings import NO_RATINGS, RatingSummary
from vendors.domain.vendor import Vendor
from vendors.testing import valid_application

pytestmark = pytest.mark.unit

ADMIN = Actor("admin-bppbj", ("admin",))
CONTRACTS = ContractRegistry([eorder_contracts.SCHEMA_DIR])
NOW = datetime(2026, 12, 1, tzinfo=UTC)


class FakeVendors:
    def __init__(self) -> None:
        self.rows: dict[str, Vendor] = {}

    def get(self, vendor_id: str) -> Vendor | None:
        return self.rows.get(vendor_id)

    def require(self, vendor_id: str) -> Vendor:
        if vendor_id not in self.rows:
            raise VendorNotFound()
        return self.rows[vendor_id]

    def registered_identifiers(self, nib: str, npwp_identity: str) -> list[str]:
        taken = [("nib", v.nib == nib) for v in self.rows.values()] + [
            ("npwp", v.npwp_identity == npwp_identity) for v in self.rows.values()
        ]
        return sorted({name for name, hit in taken if hit}, key=["nib", "npwp"].index)

    def add(self, vendor: Vendor) -> None:
        self.rows[vendor.id] = vendor

    def replace(self, vendor: Vendor, *, previous: Vendor) -> None:
        if self.rows[vendor.id].version != previous.version:
            raise ConcurrentChange()
        self.rows[vendor.id] = vendor


class FakeBlacklist:
    def __init__(self, *entries: BlacklistEntry) -> None:
        self.entries = {entry.identity: entry for entry in entries}

    def find(self, identity: str) -> BlacklistEntry | None:
        return self.entries.get(identity)


class FakeRatings:
    def summaries(self, vendor_ids: Iterable[str]) -> dict[str, RatingSummary]:
        return {vendor_id: NO_RATINGS for vendor_id in vendor_ids}


def units(*blacklisted: BlacklistEntry) -> MemoryUnitsOfWork:
    return MemoryUnitsOfWork(
        contracts=CONTRACTS, vendors=FakeVendors(), blacklist=FakeBlacklist(*blacklisted), ratings=FakeRatings()
    )


def register(uows: MemoryUnitsOfWork, **overrides: Any) -> Vendor:
    return register_vendor(uows, valid_application(**overrides), actor=ADMIN, policy=AdmissionPolicy()).vendor


def test_registering_stores_a_pending_vendor_audits_publishes_and_commits_once() -> None:
    uows = units()
    vendor = register(uows)
    assert uows.repositories["vendors"].rows[vendor.id].status is Status.PENDING
    assert [(e.type, e.subject) for e in uows.published] == [("vendor.registered", vendor.id), ("vendor.payment_details", vendor.id)]
    assert [(a.action, a.entity_id, a.actor) for a in uows.audited] == [("registered", vendor.id, ADMIN.subject)]
    assert uows.commits == 1


def test_a_refused_registration_keeps_nothing() -> None:
    taken = valid_application()
    uows = units(new_entry(taken["npwp"], "bid rigging", added_by="admin", at=NOW))
    with pytest.raises(Blacklisted):
        register(uows, npwp=taken["npwp"])
    first = register(uows)
    with pytest.raises(DuplicateIdentifier) as duplicate:
        register(uows, nib=first.nib)
    assert duplicate.value.field == "nib"
    assert list(uows.repositories["vendors"].rows) == [first.id] and uows.commits == 1


def test_a_status_change_follows_the_lifecycle_table_and_tells_others() -> None:
    uows = units()
    vendor = register(uows)
    verified = change_status(uows, vendor.id, Action.VERIFY, actor=ADMIN).vendor
    assert verified.status is Status.VERIFIED and verified.version == vendor.version + 1
    assert [e.type for e in uows.published] == ["vendor.registered", "vendor.payment_details", "vendor.verified"]
    with pytest.raises(IllegalTransition) as refused:
        change_status(uows, vendor.id, Action.REINSTATE, ["x"], actor=ADMIN)
    assert refused.value.facts == {"current_state": "verified"} and uows.commits == 2


def test_an_edit_of_private_details_is_audited_and_told_to_payments_alone() -> None:
    uows = units()
    vendor = register(uows)
    account = {"bank_name": "BCA", "bank_code": "014", "account_number": "5550001234", "holder_name": "Sri Wahyuni"}
    edit_vendor(uows, vendor.id, {"bank_account": account}, actor=ADMIN, policy=AdmissionPolicy())
    assert [e.type for e in uows.published] == ["vendor.registered", "vendor.payment_details", "vendor.payment_details"]
    assert uows.published[-1].data["account_number"] == "5550001234"
    assert [a.action for a in uows.audited] == ["registered", "edited"]
    assert uows.audited[-1].after["bank_account"]["account_number"] == "******1234"
    assert edit_vendor(uows, vendor.id, {}, actor=ADMIN, policy=AdmissionPolicy()).vendor.version == vendor.version + 1
    assert len(uows.audited) == 2  # an edit that changes nothing records nothing


def test_every_sort_a_listing_offers_has_its_keys_in_storage() -> None:
    from vendors.domain.search import SORTS
    from vendors.storage.vendors import SORT_KEYS

    assert set(SORT_KEYS) == set(SORTS)
