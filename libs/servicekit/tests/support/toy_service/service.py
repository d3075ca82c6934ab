"""A toy service in the platform's shape (repositories on its unit of work, use cases that own it,
thin views and handlers), for servicekit's own tests."""
from __future__ import annotations

import threading
import uuid
from pathlib import Path
from typing import Any, NamedTuple

from marshmallow import fields, validate
from sqlalchemy import Column, Integer, MetaData, String, Table, insert, select, update
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from servicekit.errors import NotFound
from servicekit.events.consumer import PoisonMessage
from servicekit.events.contracts import ContractRegistry
from servicekit.events.envelope import Envelope
from servicekit.http.access import require_roles
from servicekit.http.app import Blueprint
from servicekit.http.idempotency import idempotent
from servicekit.http.schemas import StrictSchema, money_field
from servicekit.service import ServiceDefinition
from servicekit.storage import PlatformTables, UnitOfWork, UnitOfWorkFactory

HERE = Path(__file__).parent
metadata = MetaData()
tables = PlatformTables(metadata)
notes = Table(
    "notes",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("text", String(200), nullable=False),
    Column("price", Integer, nullable=False),
    Column("likes", Integer, nullable=False, default=0),
)


class ToyEvent(NamedTuple):
    name: str
    version: int = 1


NOTE_CREATED = ToyEvent("note.created")
NOTE_LIKED = ToyEvent("note.liked")


class NoteRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, note: dict[str, Any]) -> None:
        self.session.execute(insert(notes).values(**note))

    def get(self, note_id: str) -> dict[str, Any] | None:
        row = self.session.execute(select(notes).where(notes.c.id == note_id)).first()
        return None if row is None else dict(row._mapping)

    def like(self, note_id: str) -> bool:
        return bool(self.session.execute(update(notes).where(notes.c.id == note_id).values(likes=notes.c.likes + 1)).rowcount)


class ToyUnitOfWork(UnitOfWork):
    notes: NoteRepository

    def open_repositories(self, session: Session) -> None:
        self.notes = NoteRepository(session)


def create_note(uows: UnitOfWorkFactory[ToyUnitOfWork], text: str, price: int) -> dict[str, Any]:
    note = {"id": str(uuid.uuid4()), "text": text, "price": price, "likes": 0}
    with uows() as uow:
        uow.notes.add(note)
        uow.publish(NOTE_CREATED, note["id"], {"id": note["id"], "text": text, "price": price})
        uow.commit()
    return note


def read_note(uows: UnitOfWorkFactory[ToyUnitOfWork], note_id: str) -> dict[str, Any]:
    with uows.read() as uow:
        note = uow.notes.get(note_id)
    if note is None:
        raise NotFound("note not found")
    return note


def like_note(uows: UnitOfWorkFactory[ToyUnitOfWork], note_id: str) -> None:
    with uows() as uow:
        if not uow.notes.like(note_id):
            raise PoisonMessage(f"no note {note_id}")
        uow.commit()


# Hooks the tests use to make a handler fail on purpose.
FAILURES: dict[str, Any] = {"always_fail": False, "fail_times": 0, "database_down_times": 0}
_failure_lock = threading.Lock()


class NoteIn(StrictSchema):
    text = fields.String(required=True, validate=validate.Length(min=1, max=200))
    price = money_field(required=True)


class NoteOut(StrictSchema):
    id = fields.String(dump_only=True)
    text = fields.String()
    price = fields.Integer()
    likes = fields.Integer(dump_only=True)


def register_api(api, runtime) -> None:  # type: ignore[no-untyped-def]
    blp = Blueprint("notes", __name__, url_prefix="/api/v1/notes")

    @blp.route("", methods=["POST"])
    @require_roles("admin")
    @idempotent
    @blp.arguments(NoteIn)
    @blp.response(201, NoteOut)
    def create(data: dict[str, Any]) -> dict[str, Any]:
        return create_note(runtime.uow, data["text"], data["price"])

    @blp.route("/<note_id>", methods=["GET"])
    @blp.response(200, NoteOut)
    def read(note_id: str) -> Any:
        return read_note(runtime.uow, note_id)

    api.register_blueprint(blp)


def on_note_liked(uows: UnitOfWorkFactory[ToyUnitOfWork], envelope: Envelope) -> None:
    with _failure_lock:
        if FAILURES["always_fail"]:
            raise RuntimeError("handler told to fail")
        if FAILURES["database_down_times"] > 0:
            FAILURES["database_down_times"] -= 1
            raise OperationalError("UPDATE notes", {}, ConnectionRefusedError("database unreachable"))
        if FAILURES["fail_times"] > 0:
            FAILURES["fail_times"] -= 1
            raise RuntimeError("handler told to fail once")
    like_note(uows, envelope.data["note_id"])


DEFINITION = ServiceDefinition(
    name="toy",
    port=8099,
    title="Toy service",
    metadata=metadata,
    tables=tables,
    migrations_dir=HERE / "migrations",
    register_api=register_api,
    contracts=ContractRegistry([HERE / "contracts"]),
    unit_of_work=ToyUnitOfWork,
    handlers={NOTE_LIKED: on_note_liked},
)
