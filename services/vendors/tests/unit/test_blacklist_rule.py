"""The blacklist rule: a listed taxpayer is refused with the admin's reason, whichever NPWP format it uses."""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Callable

import pytest

from vendors.domain.blacklist import BlacklistEntry, blacklist_key, new_entry, refuse_blacklisted
from vendors.domain.errors import Blacklisted, InvalidFields

pytestmark = pytest.mark.unit

AT = datetime(2026, 3, 2, 8, 0, tzinfo=timezone.utc)


def listing(*entries: BlacklistEntry) -> Callable[[str], BlacklistEntry | None]:
    """A blacklist lookup by NPWP identity, as the repository provides."""
    by_identity = {entry.identity: entry for entry in entries}
    return by_identity.get


def test_a_blacklisted_npwp_is_refused_with_the_admins_reason() -> None:
    entry = new_entry("01.234.567.8-901.000", "fictitious invoices in 2025", added_by="admin", at=AT)
    with pytest.raises(Blacklisted, match="fictitious invoices in 2025") as refused:
        refuse_blacklisted("012345678901000", listing(entry))
    assert refused.value.reason == "fictitious invoices in 2025"


def test_the_other_format_of_a_blacklisted_entity_npwp_is_refused_too() -> None:
    fifteen = new_entry("012345678901000", "fraud", added_by="admin", at=AT)
    sixteen = new_entry("0098765432109000", "fraud", added_by="admin", at=AT)
    with pytest.raises(Blacklisted):
        refuse_blacklisted("0012345678901000", listing(fifteen))
    with pytest.raises(Blacklisted):
        refuse_blacklisted("098765432109000", listing(sixteen))


def test_an_npwp_not_on_the_list_passes() -> None:
    entry = new_entry("012345678901000", "fraud", added_by="admin", at=AT)
    refuse_blacklisted("012345678901001", listing(entry))
    refuse_blacklisted("012345678901000", listing())


def test_an_entry_needs_a_valid_npwp_and_a_reason() -> None:
    with pytest.raises(InvalidFields) as refused:
        new_entry("12-34", "  ", added_by="admin", at=AT)
    assert set(refused.value.errors) == {"npwp", "reason"}
    assert blacklist_key("001.234.567.8-901.000") == "012345678901000"
    with pytest.raises(InvalidFields):
        blacklist_key("not an npwp")
