"""An in-memory unit of work, for testing a service's use cases on fake repositories, without a
database: it records what the use case published, audited and committed.

    uows = MemoryUnitsOfWork(contracts=CONTRACTS, vendors=FakeVendors(), ratings=FakeRatings())
    register_vendor(uows, application, actor=ADMIN, policy=AdmissionPolicy())
    assert [e.type for e in uows.published] == ["vendor.registered"] and uows.commits == 1

Fake repositories keep their state between units of work (they are the "database"); what a unit of
work publishes and audits is kept only when it commits, as in the real one.
"""
from __future__ import annotations

import contextlib
from dataclasses import dataclass
from typing import Any, Iterator, Mapping

from servicekit.actors import Actor
from servicekit.events.contracts import ContractRegistry, EventTypeLike
from servicekit.events.envelope import Envelope
from servicekit.settings import Settings


@dataclass(frozen=True)
class AuditEntry:
    actor: str
    action: str
    entity_type: str
    entity_id: str
    before: Mapping[str, Any] | None
    after: Mapping[str, Any] | None
    reason: str | None


class MemoryUnitOfWork:
    def __init__(self, factory: "MemoryUnitsOfWork") -> None:
        self.factory = factory
        self.settings = factory.settings
        for name, repository in factory.repositories.items():
            setattr(self, name, repository)
        self._events: list[Envelope] = []
        self._audit: list[AuditEntry] = []

    def __enter__(self) -> "MemoryUnitOfWork":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._events.clear()
        self._audit.clear()

    def publish(self, event: EventTypeLike, subject: str, data: Mapping[str, Any], **_kwargs: Any) -> Envelope:
        if isinstance(event, str):
            raise TypeError(f"publish a contract's event type, not the name {event!r}")
        if self.factory.contracts is not None:
            self.factory.contracts.validate_data(event.name, event.version, data)
        envelope = Envelope.new(service="memory", type=event.name, subject=subject, data=data)
        self._events.append(envelope)
        return envelope

    def audit(self, actor: Actor, action: str, entity_type: str, entity_id: str, **details: Any) -> None:
        self._audit.append(
            AuditEntry(
                actor.subject,
                action,
                entity_type,
                str(entity_id),
                details.get("before"),
                details.get("after"),
                details.get("reason"),
            )
        )

    def commit(self) -> None:
        self.factory.published.extend(self._events)
        self.factory.audited.extend(self._audit)
        self.factory.commits += 1
        self._events, self._audit = [], []


class MemoryUnitsOfWork:
    """Stands where a service's ``UnitOfWorkFactory`` does; ``repositories`` are its fakes by name."""

    def __init__(
        self, *, contracts: ContractRegistry | None = None, settings: Settings | None = None, **repositories: Any
    ) -> None:
        self.contracts = contracts
        self.settings = settings
        self.repositories = repositories
        self.published: list[Envelope] = []
        self.audited: list[AuditEntry] = []
        self.commits = 0

    def __call__(self) -> Any:
        return MemoryUnitOfWork(self)

    def read(self) -> Any:
        return MemoryUnitOfWork(self)

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Any]:
        with self() as uow:
            yield uow
