"""The admin keeping the NPWP blacklist: adding and lifting entries, each audited."""
from __future__ import annotations

from servicekit.actors import Actor
from servicekit.storage import utcnow

from vendors.application.reading import Vendors
from vendors.domain.blacklist import BlacklistEntry, blacklist_key, new_entry
from vendors.domain.errors import AlreadyBlacklisted, NotBlacklisted

ENTITY = "blacklist"


def blacklist_npwp(uows: Vendors, npwp: str, reason: str, *, actor: Actor) -> BlacklistEntry:
    entry = new_entry(npwp, reason, added_by=actor.subject, at=utcnow())
    with uows() as uow:
        if uow.blacklist.find(entry.identity) is not None:
            raise AlreadyBlacklisted()
        uow.blacklist.add(entry)
        uow.audit(actor, "blacklist.added", ENTITY, entry.identity, after=_audit_record(entry), reason=entry.reason)
        uow.commit()
    return entry


def lift_blacklisting(uows: Vendors, npwp: str, *, actor: Actor) -> None:
    identity = blacklist_key(npwp)
    with uows() as uow:
        entry = uow.blacklist.find(identity)
        if entry is None:
            raise NotBlacklisted()
        uow.blacklist.remove(identity)
        uow.audit(actor, "blacklist.removed", ENTITY, identity, before=_audit_record(entry))
        uow.commit()


def _audit_record(entry: BlacklistEntry) -> dict[str, str]:
    return {"npwp": entry.npwp, "reason": entry.reason, "added_by": entry.added_by}
