from __future__ import annotations

import threading
import uuid
from pathlib import Path
from typing import Any

from marshmallow import fields, validate
from sqlalchemy import Column, Integer, MetaData, String, Table, select, update
from sqlalchemy.exc import OperationalError

from servicekit.events.contracts import ContractRegistry
from servicekit.events.consumer import PoisonMessage
from servicekit.http.access import require_roles
from servicekit.http.app import Blueprint, current_uow
from servicekit.http.idempotency import idempotent
from servicekit.http.problems import NotFound
from servicekit.http.schemas import StrictSchema, money_field
from servicekit.service import ServiceDefinition
from servicekit.storage import PlatformTables

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
        uow = current_uow()
        note = {"id": str(uuid.uuid4()), "likes": 0, **data}
        uow.session.execute(notes.insert().values(**note))
        uow.publish("note.created", note["id"], {"id": note["id"], "text": note["text"], "price": note["price"]})
        uow.commit()
        return note

    @blp.route("/<note_id>", methods=["GET"])
    @blp.response(200, NoteOut)
    def read(note_id: str) -> Any:
        row = current_uow().session.execute(select(notes).where(notes.c.id == note_id)).first()
        if row is None:
            raise NotFound("note not found")
        return row._mapping

    api.register_blueprint(blp)


def on_note_liked(uow, envelope) -> None:  # type: ignore[no-untyped-def]
    with _failure_lock:
        if FAILURES["always_fail"]:
            raise RuntimeError("handler told to fail")
        if FAILURES["database_down_times"] > 0:
            FAILURES["database_down_times"] -= 1
            raise OperationalError("UPDATE notes", {}, ConnectionRefusedError("database unreachable"))
        if FAILURES["fail_times"] > 0:
            FAILURES["fail_times"] -= 1
            raise RuntimeError("handler told to fail once")
    note_id = envelope.data["note_id"]
    found = uow.session.execute(update(notes).where(notes.c.id == note_id).values(likes=notes.c.likes + 1))
    if found.rowcount == 0:
        raise PoisonMessage(f"no note {note_id}")


DEFINITION = ServiceDefinition(
    name="toy",
    port=8099,
    title="Toy service",
    metadata=metadata,
    tables=tables,
    migrations_dir=HERE / "migrations",
    register_api=register_api,
    handlers={"note.liked": on_note_liked},
    contracts=ContractRegistry([HERE / "contracts"]),
)
