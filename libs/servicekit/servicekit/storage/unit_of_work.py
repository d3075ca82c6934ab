"""One unit of work per request or per message: a session, its outbox writes and its audit entries.

An event is written to the outbox in the same transaction as the change it describes, so that no
event leaves for a change that was rolled back, and no committed change is left without its event.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Mapping, Sequence

from sqlalchemy import Engine, insert
from sqlalchemy.orm import Session, sessionmaker

from servicekit import context
from servicekit.events.contracts import ContractRegistry
from servicekit.events.envelope import Envelope
from servicekit.settings import Settings
from servicekit.storage.tables import PlatformTables
from servicekit.storage.types import utcnow


@dataclass(frozen=True)
class Actor:
    """Who is making a change, as the audit trail records it."""

    subject: str
    roles: Sequence[str] = ()

    @classmethod
    def system(cls, what: str) -> "Actor":
        return cls(subject=f"system:{what}", roles=())


class UnitOfWork:
    """Use as a context manager; nothing is kept unless :meth:`commit` is called."""

    def __init__(
        self,
        session_factory: sessionmaker[Session],
        tables: PlatformTables,
        service: str,
        on_commit: Callable[[list[Envelope]], None] | None = None,
        contracts: ContractRegistry | None = None,
        settings: Settings | None = None,
    ) -> None:
        self._session_factory = session_factory
        self._contracts = contracts
        self.settings = settings
        """The service's settings, for rules that depend on the deployment (handlers have no request)."""
        self.tables = tables
        self.service = service
        self._on_commit = on_commit
        self._pending: list[Envelope] = []
        self.session: Session

    def __enter__(self) -> "UnitOfWork":
        self.session = self._session_factory()
        return self

    def __exit__(self, *exc_info: object) -> None:
        try:
            self.session.rollback()
        finally:
            self.session.close()
            self._pending.clear()

    def publish(
        self,
        type: str,
        subject: str,
        data: Mapping[str, Any],
        *,
        correlationid: str | None = None,
        dataschemaversion: int = 1,
    ) -> Envelope:
        """Record an event to leave once this unit of work commits; its data must match its contract."""
        if self._contracts is not None:
            self._contracts.validate_data(type, dataschemaversion, data)
        envelope = Envelope.new(
            service=self.service,
            type=type,
            subject=subject,
            data=data,
            correlationid=correlationid or context.correlation_id.get() or str(subject),
            requestid=context.request_id.get(),
            dataschemaversion=dataschemaversion,
        )
        self.session.execute(
            insert(self.tables.outbox).values(
                id=envelope.id,
                type=envelope.type,
                subject=envelope.subject,
                envelope=envelope.to_dict(),
                created_at=utcnow(),
                sent_at=None,
                publish_attempts=0,
            )
        )
        self._pending.append(envelope)
        return envelope

    def audit(
        self,
        actor: Actor,
        action: str,
        entity_type: str,
        entity_id: str,
        *,
        before: Mapping[str, Any] | None = None,
        after: Mapping[str, Any] | None = None,
        reason: str | None = None,
    ) -> None:
        """Record who changed what, when, why, with the state before and after."""
        self.session.execute(
            insert(self.tables.audit_log).values(
                occurred_at=utcnow(),
                actor=actor.subject,
                actor_roles=list(actor.roles),
                action=action,
                entity_type=entity_type,
                entity_id=str(entity_id),
                before=dict(before) if before is not None else None,
                after=dict(after) if after is not None else None,
                reason=reason,
                request_id=context.request_id.get(),
            )
        )

    def commit(self) -> None:
        self.session.commit()
        published, self._pending = self._pending, []
        if published and self._on_commit is not None:
            self._on_commit(published)


class UnitOfWorkFactory:
    """Makes a fresh unit of work for each request or message; never share one."""

    def __init__(
        self,
        engine: Engine,
        tables: PlatformTables,
        service: str,
        contracts: ContractRegistry | None = None,
        settings: Settings | None = None,
    ) -> None:
        self.engine = engine
        self.contracts = contracts
        self.settings = settings
        self.tables = tables
        self.service = service
        self.session_factory = sessionmaker(bind=engine, expire_on_commit=False)
        self._commit_listeners: list[Callable[[list[Envelope]], None]] = []

    def on_commit(self, listener: Callable[[list[Envelope]], None]) -> None:
        """Be told of events committed to the outbox (the relay uses it to wake up early)."""
        self._commit_listeners.append(listener)

    def _notify(self, envelopes: list[Envelope]) -> None:
        for listener in self._commit_listeners:
            listener(envelopes)

    def __call__(self) -> UnitOfWork:
        return UnitOfWork(
            self.session_factory,
            self.tables,
            self.service,
            on_commit=self._notify,
            contracts=self.contracts,
            settings=self.settings,
        )
