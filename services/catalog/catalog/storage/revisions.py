"""Pending material changes to approved products, and the decisions taken on them."""
from __future__ import annotations

from typing import Any, Sequence

from sqlalchemy import Row, delete, insert, select, update
from sqlalchemy.orm import Session

from catalog.domain.curation import Revision, RevisionState
from catalog.storage.tables import product_revisions


class RevisionRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def open_for(self, product_id: str) -> Revision | None:
        """The product's revision awaiting curation (at most one: a unique partial index says so)."""
        return self.open_for_each([product_id]).get(product_id)

    def open_for_each(self, product_ids: Sequence[str]) -> dict[str, Revision]:
        """The open revisions of several products at once (for a page of them), by product id."""
        if not product_ids:
            return {}
        statement = select(product_revisions).where(
            product_revisions.c.product_id.in_(product_ids), product_revisions.c.state == RevisionState.PENDING
        )
        return {row.product_id: _revision_from(row) for row in self.session.execute(statement)}

    def add(self, revision: Revision) -> None:
        self.session.execute(insert(product_revisions).values(id=revision.id, **_columns_of(revision)))

    def replace(self, revision: Revision) -> None:
        self.session.execute(
            update(product_revisions).where(product_revisions.c.id == revision.id).values(**_columns_of(revision))
        )

    def remove(self, revision_id: str) -> None:
        """Drop a revision nobody decided on (its changes were taken back); the audit trail keeps it."""
        self.session.execute(delete(product_revisions).where(product_revisions.c.id == revision_id))


def _columns_of(revision: Revision) -> dict[str, Any]:
    return {
        "product_id": revision.product_id,
        "changes": dict(revision.changes),
        "state": revision.state.value,
        "reasons": list(revision.reasons) if revision.reasons is not None else None,
        "proposed_by": revision.proposed_by,
        "proposed_at": revision.proposed_at,
        "decided_by": revision.decided_by,
        "decided_at": revision.decided_at,
    }


def _revision_from(row: Row[Any]) -> Revision:
    return Revision(
        id=row.id,
        product_id=row.product_id,
        changes=row.changes,
        state=RevisionState(row.state),
        proposed_by=row.proposed_by,
        proposed_at=row.proposed_at,
        reasons=tuple(row.reasons) if row.reasons is not None else None,
        decided_by=row.decided_by,
        decided_at=row.decided_at,
    )
