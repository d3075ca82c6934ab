"""The unit of work: one transaction, the repositories that work in it, its events and audit entries.

A use case owns its unit of work: it opens one (``with uows() as uow``), works through the
repositories the unit of work exposes, publishes and audits, commits, and returns a result. Each
service subclasses :class:`UnitOfWork` to expose its repositories (``uow.vendors``), so that use cases
never touch the session and can be tested with an in-memory unit of work whose repositories are fakes.

An event is written to the outbox in the same transaction as the change it describes, so that no
event leaves for a change that was rolled back, and no committed change is left without its event.

Sometimes more than a use case must commit together: an idempotent request (the key, the change, its
events and the stored response), a consumed event (the inbox row and the handler's change), a
deadline sweep. The platform code that needs it opens :meth:`UnitOfWorkFactory.transaction`; every
unit of work a use case opens inside it *joins* that transaction under a savepoint. The use case is
written the same way either way: its commit releases its savepoint, leaving without committing rolls
back its own changes only, and everything is kept when the enclosing transaction commits.
"""
from __future__ import annotations

import contextlib
from contextvars import ContextVar
from typing import Any, Callable, Generic, Iterator, Mapping, TypeVar

from sqlalchemy import Engine, insert
from sqlalchemy.orm import Session, SessionTransaction, sessionmaker

from servicekit import context
from servicekit.actors import Actor
from servicekit.events.contracts import ContractRegistry, EventTypeLike
from servicekit.events.envelope import Envelope
from servicekit.settings import Settings
from servicekit.storage.audit_trail import AuditTrail
from servicekit.storage.engine import READ_ONLY
from servicekit.storage.tables import PlatformTables
from servicekit.storage.types import utcnow

U = TypeVar("U", bound="UnitOfWork")


class UnitOfWork:
    """Use as a context manager; nothing is kept unless :meth:`commit` is called.

    Subclasses expose their repositories by overriding :meth:`open_repositories`.
    """

    def __init__(self, factory: "UnitOfWorkFactory[Any]", *, read_only: bool = False) -> None:
        self.factory = factory
        self.settings = factory.settings
        """The service's settings, for rules that depend on the deployment."""
        self.tables = factory.tables
        self.service = factory.service
        self._read_only = read_only
        self._enclosing: UnitOfWork | None = None
        self._savepoint: SessionTransaction | None = None
        self._pending: list[Envelope] = []
        self.session: Session
        self.audit_trail: AuditTrail
        """What this service's audit trail holds (every service reads its own)."""

    def open_repositories(self, session: Session) -> None:
        """Set this service's repositories as attributes (``self.vendors = VendorRepository(session)``)."""

    def __enter__(self: U) -> U:
        enclosing = self.factory.enclosing_transaction()
        if enclosing is not None:
            self._enclosing = enclosing
            self.session = enclosing.session
            self._savepoint = self.session.begin_nested()
        else:
            self.session = self.factory.new_session(read_only=self._read_only)
        self.audit_trail = AuditTrail(self.session, self.tables)
        self.open_repositories(self.session)
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._enclosing is not None:
            if self._savepoint is not None and self._savepoint.is_active:
                self._savepoint.rollback()
            self._pending.clear()
            return
        try:
            self.session.rollback()
        finally:
            self.session.close()
            self._pending.clear()

    def publish(
        self,
        event: EventTypeLike,
        subject: str,
        data: Mapping[str, Any],
        *,
        correlationid: str | None = None,
    ) -> Envelope:
        """Record an event to leave once this unit of work commits; its data must match its contract."""
        if isinstance(event, str):
            raise TypeError(f"publish a contract's event type, not the name {event!r}")
        self.factory.contracts.validate_data(event.name, event.version, data)
        envelope = Envelope.new(
            service=self.service,
            type=event.name,
            subject=subject,
            data=data,
            correlationid=correlationid or context.correlation_id.get() or str(subject),
            requestid=context.request_id.get(),
            dataschemaversion=event.version,
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
        """Record who changed what, when, why, with the state before and after.

        ``action`` names what was done to the entity (``verified``, ``product.approved``); it is not
        an event type: events are what other services are told, the trail is what happened here.
        """
        if action in self.factory.contracts.names:
            raise ValueError(f"audit action {action!r} is an event type; name what was done instead")
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
        if self._enclosing is not None:
            assert self._savepoint is not None
            self._savepoint.commit()
            self._enclosing._pending.extend(self._pending)
            self._pending = []
            return
        self.session.commit()
        self.factory.commits += 1
        published, self._pending = self._pending, []
        if published:
            self.factory.committed(published)


class UnitOfWorkFactory(Generic[U]):
    """Opens a fresh unit of work of the service's class for each use case; never share one."""

    def __init__(
        self,
        engine: Engine,
        tables: PlatformTables,
        service: str,
        *,
        contracts: ContractRegistry,
        settings: Settings | None = None,
        unit_of_work: type[U] = UnitOfWork,  # type: ignore[assignment]
    ) -> None:
        self.engine = engine
        self.contracts = contracts
        self.settings = settings
        self.tables = tables
        self.service = service
        self.unit_of_work = unit_of_work
        self._sessions = sessionmaker(bind=engine, expire_on_commit=False)
        self._read_sessions = sessionmaker(bind=engine.execution_options(**{READ_ONLY: True}), expire_on_commit=False)
        self._enclosing: ContextVar[UnitOfWork | None] = ContextVar(f"uow-{service}-{id(self)}", default=None)
        self._commit_listeners: list[Callable[[list[Envelope]], None]] = []
        self.commits = 0
        """Transactions committed through this factory in this process: what a cache of their data
        compares to know it is out of date (other processes' writes it cannot see)."""

    def __call__(self) -> U:
        return self.unit_of_work(self)

    def read(self) -> U:
        """A unit of work for queries: on SQLite it does not take the database's write lock."""
        return self.unit_of_work(self, read_only=True)

    def new_session(self, *, read_only: bool = False) -> Session:
        return (self._read_sessions if read_only else self._sessions)()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[U]:
        """One transaction that every unit of work opened inside it (in this thread) joins; commit it
        with ``commit()`` on what this yields. Platform code uses it; use cases never need to."""
        with self() as uow:
            token = self._enclosing.set(uow)
            try:
                yield uow
            finally:
                self._enclosing.reset(token)

    def enclosing_transaction(self) -> UnitOfWork | None:
        return self._enclosing.get()

    def on_commit(self, listener: Callable[[list[Envelope]], None]) -> None:
        """Be told of events committed to the outbox (the relay uses it to wake up early)."""
        self._commit_listeners.append(listener)

    def committed(self, envelopes: list[Envelope]) -> None:
        for listener in self._commit_listeners:
            listener(envelopes)
