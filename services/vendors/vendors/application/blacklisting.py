"""The admin keeping the NPWP blacklist: adding and lifting entries, each audited."""
from __future__ import annotations

from sqlalchemy.exc import IntegrityError

from servicekit.storage import UnitOfWork, utcnow
from servicekit.storage.unit_of_work import Actor

from vendors.domain.blacklist import BlacklistEntry, blacklist_key, new_entry
from vendors.domain.errors import AlreadyBlacklisted, NotBlacklisted
from vendors.storage.blacklist import BlacklistRepository

ENTITY = "blacklist"


def blacklist_npwp(uow: UnitOfWork, npwp: str, reason: str, *, actor: Actor) -> BlacklistEntry:
    entry = new_entry(npwp, reason, added_by=actor.subject, at=utcnow())
    repository = BlacklistRepository(uow.session)
    if repository.find(entry.identity) is not None:
        raise AlreadyBlacklisted()
    try:
        with uow.session.begin_nested():
            repository.add(entry)
    except IntegrityError:
        raise AlreadyBlacklisted() from None  # added by a concurrent request
    uow.audit(actor, "blacklist.added", ENTITY, entry.identity, after=_audit_record(entry), reason=entry.reason)
    return entry


def lift_blacklisting(uow: UnitOfWork, npwp: str, *, actor: Actor) -> None:
    identity = blacklist_key(npwp)
    repository = BlacklistRepository(uow.session)
    entry = repository.find(identity)
    if entry is None:
        raise NotBlacklisted()
    repository.remove(identity)
    uow.audit(actor, "blacklist.removed", ENTITY, identity, before=_audit_record(entry))


def _audit_record(entry: BlacklistEntry) -> dict[str, str]:
    return {"npwp": entry.npwp, "reason": entry.reason, "added_by": entry.added_by}
