"""``Idempotency-Key`` for creating requests: the same key and body replays the first response; the
same key with another body answers 422.

An idempotent request is one transaction: the key is claimed, the view's use case joins the same
transaction (``UnitOfWorkFactory.transaction``), and the response is stored before it commits, so the
key, the change, its events and the stored response are kept together or not at all. A request that
fails, or a process that dies mid-request, leaves no key behind and the client may simply retry. A
duplicate sent while the first is still running waits for it (its claim queues on the first one's
row) and then replays its answer; it answers 409 only if the first takes unreasonably long.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import wraps
from typing import Any, Callable, TypeVar

from flask import Response, current_app, make_response, request
from sqlalchemy import Row, delete, insert, select, text, update
from sqlalchemy.exc import IntegrityError, OperationalError

from servicekit.errors import Conflict, InvalidInput, RuleViolation
from servicekit.http.access import current_principal
from servicekit.storage.tables import IDEMPOTENCY_KEY_LIFETIME
from servicekit.storage.types import utcnow
from servicekit.storage.unit_of_work import UnitOfWork

F = TypeVar("F", bound=Callable[..., Any])
HEADER = "Idempotency-Key"
_REPLAYED_HEADERS = ("Content-Type", "Location")
_LOCK_WAIT = "15s"
"""How long a duplicate waits for the first request with its key before answering 409."""
_LOCK_NOT_AVAILABLE = "55P03"


@dataclass(frozen=True)
class _Claim:
    principal: str
    key: str
    method: str
    path: str
    body_hash: str


def idempotent(view: F) -> F:
    @wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        key = request.headers.get(HEADER)
        if key is None:
            return view(*args, **kwargs)
        if not key.strip() or len(key) > 200:
            raise InvalidInput("Idempotency-Key must be 1 to 200 characters", errors={HEADER: ["invalid"]})
        claim = _Claim(
            principal=current_principal().subject,
            key=key,
            method=request.method,
            path=request.path,
            body_hash=hashlib.sha256(request.get_data(cache=True)).hexdigest(),
        )
        with current_app.extensions["eorder"].uow.transaction() as uow:
            earlier = _claim(uow, claim)
            if earlier is not None:
                return _replay(earlier, claim)
            response = make_response(view(*args, **kwargs))
            if response.status_code >= 400:
                return response  # nothing is kept: the transaction rolls back, the key stays free
            _record(uow, claim, response)
            uow.commit()
        return response

    return wrapper  # type: ignore[return-value]


def _claim(uow: UnitOfWork, claim: _Claim) -> Row[Any] | None:
    """Take the key for this request; answers the earlier request's row when one holds it."""
    table = uow.tables.idempotency_keys
    scope = (table.c.principal == claim.principal, table.c.key == claim.key)
    postgresql = uow.session.get_bind().dialect.name == "postgresql"
    if postgresql:
        uow.session.execute(text(f"SET LOCAL lock_timeout = '{_LOCK_WAIT}'"))
    try:
        with uow.session.begin_nested():
            uow.session.execute(
                delete(table).where(*scope, table.c.created_at < utcnow() - IDEMPOTENCY_KEY_LIFETIME)
            )
            uow.session.execute(
                insert(table).values(
                    principal=claim.principal,
                    key=claim.key,
                    method=claim.method,
                    path=claim.path,
                    body_hash=claim.body_hash,
                    status_code=0,
                    response_body="",
                    response_headers={},
                    created_at=utcnow(),
                )
            )
        return None
    except IntegrityError:
        return uow.session.execute(select(table).where(*scope)).one()
    except OperationalError as exc:
        if getattr(exc.orig, "sqlstate", None) == _LOCK_NOT_AVAILABLE:
            raise Conflict("a request with this Idempotency-Key is still being processed; retry later") from exc
        raise
    finally:
        if postgresql:
            uow.session.execute(text("SET LOCAL lock_timeout TO DEFAULT"))


def _replay(row: Row[Any], claim: _Claim) -> Response:
    if (row.body_hash, row.method, row.path) != (claim.body_hash, claim.method, claim.path):
        raise RuleViolation(
            "this Idempotency-Key was used with another request", errors={HEADER: ["reused with a different request"]}
        )
    response = Response(row.response_body, status=row.status_code)
    for name, value in (row.response_headers or {}).items():
        response.headers[name] = value
    response.headers["Idempotent-Replayed"] = "true"
    return response


def _record(uow: UnitOfWork, claim: _Claim, response: Response) -> None:
    table = uow.tables.idempotency_keys
    uow.session.execute(
        update(table)
        .where(table.c.principal == claim.principal, table.c.key == claim.key)
        .values(
            status_code=response.status_code,
            response_body=response.get_data(as_text=True),
            response_headers={h: response.headers[h] for h in _REPLAYED_HEADERS if h in response.headers},
        )
    )
