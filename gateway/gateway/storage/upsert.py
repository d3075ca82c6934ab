"""INSERT ... ON CONFLICT DO NOTHING on PostgreSQL and SQLite, through SQLAlchemy's dialect inserts."""
from __future__ import annotations

from typing import Any

from sqlalchemy import Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session


def insert_if_absent(session: Session, table: Table, values: dict[str, Any]) -> None:
    """Make sure a row exists without failing, or waiting for a retry, when a concurrent one made it.

    On PostgreSQL a concurrent insert of the same key waits for the other transaction and then does
    nothing; ``SELECT ... FOR UPDATE`` afterwards finds (and locks) the row either way, which it could
    not while the row was missing.
    """
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    session.execute(dialect.insert(table).values(**values).on_conflict_do_nothing())
