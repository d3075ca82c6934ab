"""``Idempotency-Key`` for creating requests: the same key and body replays the first response;
the same key with another body answers 422; a request still running with that key answers 409."""
from __future__ import annotations

import hashlib
from functools import wraps
from typing import Any, Callable, TypeVar

from flask import Response, current_app, g, make_response, request
from sqlalchemy import delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from servicekit.http.access import current_principal
from servicekit.http.problems import BadRequest, Conflict, Unprocessable
from servicekit.storage.tables import IDEMPOTENCY_KEY_LIFETIME
from servicekit.storage.types import utcnow

F = TypeVar("F", bound=Callable[..., Any])
HEADER = "Idempotency-Key"
IN_PROGRESS = 0
_REPLAYED_HEADERS = ("Content-Type", "Location")


def idempotent(view: F) -> F:
    @wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        key = request.headers.get(HEADER)
        if key is None:
            return view(*args, **kwargs)
        if not key.strip() or len(key) > 200:
            raise BadRequest("Idempotency-Key must be 1 to 200 characters", errors={HEADER: ["invalid"]})
        runtime = current_app.extensions["eorder"]
        table = runtime.tables.idempotency_keys
        principal = current_principal().subject
        body_hash = hashlib.sha256(request.get_data(cache=True)).hexdigest()
        scope = {"principal": principal, "key": key}
        with runtime.uow() as uow:
            try:
                uow.session.execute(
                    insert(table).values(
                        **scope,
                        method=request.method,
                        path=request.path,
                        body_hash=body_hash,
                        status_code=IN_PROGRESS,
                        response_body="",
                        response_headers={},
                        created_at=utcnow(),
                    )
                )
                uow.commit()
                first = True
            except IntegrityError:
                uow.session.rollback()
                first = False
        if not first:
            return _replay(runtime, table, scope, body_hash)
        try:
            response = make_response(view(*args, **kwargs))
        except BaseException:
            _end_request_transaction()
            _forget(runtime, table, scope)
            raise
        _end_request_transaction()
        if response.status_code >= 500:
            _forget(runtime, table, scope)
            return response
        with runtime.uow() as uow:
            uow.session.execute(
                update(table)
                .where(table.c.principal == principal, table.c.key == key)
                .values(
                    status_code=response.status_code,
                    response_body=response.get_data(as_text=True),
                    response_headers={h: response.headers[h] for h in _REPLAYED_HEADERS if h in response.headers},
                )
            )
            uow.commit()
        return response

    return wrapper  # type: ignore[return-value]


def _replay(runtime: Any, table: Any, scope: dict[str, str], body_hash: str) -> Response:
    with runtime.uow() as uow:
        row = uow.session.execute(
            select(table).where(table.c.principal == scope["principal"], table.c.key == scope["key"])
        ).one()
    if row.body_hash != body_hash or row.method != request.method or row.path != request.path:
        raise Unprocessable(
            "this Idempotency-Key was used with another request", errors={HEADER: ["reused with a different request"]}
        )
    if row.status_code == IN_PROGRESS:
        if utcnow() - row.created_at > IDEMPOTENCY_KEY_LIFETIME:
            _forget(runtime, table, scope)
        raise Conflict("a request with this Idempotency-Key is still being processed; retry later")
    response = Response(row.response_body, status=row.status_code)
    for name, value in (row.response_headers or {}).items():
        response.headers[name] = value
    response.headers["Idempotent-Replayed"] = "true"
    return response


def _end_request_transaction() -> None:
    """The view has committed what it keeps. Whatever transaction it left open (a failed view's
    writes, or a read after its commit) would, on SQLite, hold the write lock that the key's own
    bookkeeping in another transaction waits for."""
    uow = g.get("uow")
    if uow is not None:
        uow.session.rollback()


def _forget(runtime: Any, table: Any, scope: dict[str, str]) -> None:
    with runtime.uow() as uow:
        uow.session.execute(delete(table).where(table.c.principal == scope["principal"], table.c.key == scope["key"]))
        uow.commit()

