"""Pending material changes to approved products, and the decisions taken on them."""
from __future__ import annotations

from typing import Any, Mapping, Sequence

from sqlalchemy import Row, delete, insert, select, update
from sqlalchemy.orm import Session

from catalog.domain.curation import RevisionState
from catalog.storage.tables import product_revisions


def open_revision(session: Session, product_id: str) -> Row[Any] | None:
    """The product's revision awaiting curation (at most one: a unique partial index says so)."""
    return open_revisions(session, [product_id]).get(product_id)


def open_revisions(session: Session, product_ids: Sequence[str]) -> dict[str, Row[Any]]:
    """The open revisions of several products at once (for a page of them), by product id."""
    if not product_ids:
        return {}
    statement = select(product_revisions).where(
        product_revisions.c.product_id.in_(product_ids), product_revisions.c.state == RevisionState.PENDING
    )
    return {row.product_id: row for row in session.execute(statement)}


def insert_revision(session: Session, values: Mapping[str, Any]) -> None:
    session.execute(insert(product_revisions).values(**values))


def update_revision(session: Session, revision_id: str, values: Mapping[str, Any]) -> None:
    session.execute(update(product_revisions).where(product_revisions.c.id == revision_id).values(**values))


def delete_revision(session: Session, revision_id: str) -> None:
    """Drop a revision nobody decided on (its changes were taken back); the audit trail keeps it."""
    session.execute(delete(product_revisions).where(product_revisions.c.id == revision_id))
