"""Races the database settles: two registrations of one NIB, two writers of one vendor."""
from __future__ import annotations

from dataclasses import replace

import pytest

from servicekit.actors import Actor
from vendors.application.editing import edit_vendor
from vendors.application.registration import register_vendor
from vendors.domain.admission import AdmissionPolicy
from vendors.domain.errors import ConcurrentChange, DuplicateIdentifier
from vendors.storage.vendors import VendorRepository

pytestmark = pytest.mark.integration

ADMIN = Actor("admin-bppbj", ("admin",))


def test_a_registration_losing_the_race_for_an_nib_is_told_which_id_was_taken(api, monkeypatch: pytest.MonkeyPatch) -> None:
    first = api.register()
    checked = VendorRepository.registered_identifiers
    calls = []

    def too_late_to_see(repository: VendorRepository, nib: str, npwp_identity: str) -> list[str]:
        """The first check runs before the winner commits (sees nothing); the one after the insert fails sees it."""
        calls.append(nib)
        return [] if len(calls) == 1 else checked(repository, nib, npwp_identity)

    monkeypatch.setattr(VendorRepository, "registered_identifiers", too_late_to_see)
    with pytest.raises(DuplicateIdentifier) as refused:
        register_vendor(api.harness.runtime.uow, api.application(nib=first["nib"]), actor=ADMIN, policy=AdmissionPolicy())
    assert refused.value.field == "nib" and len(calls) == 2


def test_a_write_based_on_a_stale_read_is_refused_not_lost(api) -> None:
    """Two writers that both read version 1: the second to write must not overwrite the first's change.

    (On PostgreSQL the second UPDATE waits for the first to commit and then matches no row; SQLite
    serialises writers at BEGIN. Either way the check is the version in the UPDATE's WHERE.)
    """
    vendor = api.register()
    uows = api.harness.runtime.uow
    with uows() as uow:
        stale_copy = uow.vendors.require(vendor["id"])
    assert api.edit(vendor["id"], {"pkp": True}).status_code == 200  # the other writer commits first
    with uows() as uow, pytest.raises(ConcurrentChange):
        uow.vendors.replace(replace(stale_copy, name="Katering Bu Sri (stale)", version=2), previous=stale_copy)
    edit_vendor(uows, vendor["id"], {"jakpreneur": False}, actor=ADMIN, policy=AdmissionPolicy())
    latest = api.read(vendor["id"], api.admin()).json
    assert (latest["pkp"], latest["jakpreneur"], latest["version"]) == (True, False, 3)
